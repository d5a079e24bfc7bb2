import type { Catalog } from '../catalog/model.js';
import { renderCatalogJson } from './catalog-json.js';
import { renderDomainPage, renderIndexPage, renderOwnerPage } from './directory-pages.js';
import { renderPage, siteCss, type PageContent } from './layout.js';
import { buildSiteModel, type SiteOptions } from './model.js';
import { sitePaths } from './paths.js';
import { renderProductPage } from './product-page.js';
import { buildSearchFiles } from './search.js';

/**
 * The static site of a catalog: site path → file text (HTML pages, the stylesheet, catalog.json). Pure and
 * deterministic: the same catalog always gives the same files, so a rebuilt site diffs only where the catalog did.
 * Every link between pages is relative and resolves to a file of the map.
 */
export interface BuildSiteOptions extends SiteOptions {
  /**
   * MiniSearch's browser build (node_modules/minisearch/dist/umd/index.js, with its licence), copied into the site
   * for the search box; the engine reads no files, so the command passes it in. Without it the pages have no box.
   */
  readonly searchLibrary?: string;
}

export function buildSite(catalog: Catalog, options: BuildSiteOptions = {}): Map<string, string> {
  const model = buildSiteModel(catalog, options);
  const pages: PageContent[] = [
    renderIndexPage(model),
    ...model.products.map((p) => renderProductPage(model, p)),
    ...model.domains.map((d) => renderDomainPage(model, d)),
    ...[...model.owners.values()].map((o) => renderOwnerPage(model, o)),
  ];
  const search = options.searchLibrary !== undefined;
  const files = new Map<string, string>(pages.map((page) => [page.path, renderPage(page, { search })]));
  if (options.searchLibrary !== undefined)
    for (const [path, text] of buildSearchFiles(model, options.searchLibrary)) files.set(path, text);
  files.set(sitePaths.css, siteCss);
  files.set(sitePaths.catalogJson, renderCatalogJson(model));
  return files;
}
