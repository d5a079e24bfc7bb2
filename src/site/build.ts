import type { Catalog } from '../catalog/model.js';
import { asyncApiFiles } from './asyncapi.js';
import { renderCatalogJson } from './catalog-json.js';
import { renderDomainPage, renderIndexPage, renderOwnerPage } from './directory-pages.js';
import { renderGovernancePage } from './governance-page.js';
import { renderPage, siteCss, type PageContent } from './layout.js';
import { buildSiteModel, type SiteOptions } from './model.js';
import { sitePaths } from './paths.js';
import { renderProductPage } from './product-page.js';

/**
 * The static site of a catalog: site path → file text (HTML pages, the stylesheet, catalog.json). Pure and
 * deterministic: the same catalog always gives the same files, so a rebuilt site diffs only where the catalog did.
 * Every link between pages is relative and resolves to a file of the map.
 */
export function buildSite(catalog: Catalog, options: SiteOptions = {}): Map<string, string> {
  const model = buildSiteModel(catalog, options);
  const pages: PageContent[] = [
    renderIndexPage(model),
    ...model.products.map((p) => renderProductPage(model, p)),
    ...model.domains.map((d) => renderDomainPage(model, d)),
    ...[...model.owners.values()].map((o) => renderOwnerPage(model, o)),
    renderGovernancePage(model),
  ];
  const files = new Map<string, string>(pages.map((page) => [page.path, renderPage(page)]));
  files.set(sitePaths.css, siteCss);
  files.set(sitePaths.catalogJson, renderCatalogJson(model));
  for (const [path, text] of asyncApiFiles(model)) files.set(path, text);
  return files;
}
