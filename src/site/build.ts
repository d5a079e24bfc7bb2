import type { Catalog } from '../catalog/model.js';
import { asyncApiFiles } from './asyncapi.js';
import { renderCatalogJson } from './catalog-json.js';
import {
  renderDomainPage,
  renderIndexPage,
  renderOwnerListingPages,
  renderOwnerPage,
  renderProductListingPages,
} from './directory-pages.js';
import { renderGovernancePage } from './governance-page.js';
import { renderPage, siteCss, type PageContent } from './layout.js';
import { buildSiteModel, type SiteModel, type SiteOptions } from './model.js';
import { sitePaths } from './paths.js';
import { renderProductPage } from './product-page.js';
import { searchFiles } from './search.js';

export interface BuildSiteOptions extends SiteOptions {
  /**
   * MiniSearch's browser build (node_modules/minisearch/dist/umd/index.js, with its licence), copied into the site
   * for the search box; the engine reads no files, so the command passes it in. Without it the pages have no box.
   */
  readonly searchLibrary?: string;
}

/** One file of the site: its site path and its text. */
export type SiteFile = readonly [path: string, text: string];

/**
 * The static site of a catalog, one file at a time: HTML pages, the stylesheet, catalog.json. Each page is
 * rendered only when the caller asks for the next one, so a caller that writes each file as it comes (`steward
 * site`) holds one page at a time, not the whole site. Pure and deterministic: the same catalog always gives the
 * same files in the same order, so a rebuilt site diffs only where the catalog did. Every link between pages is
 * relative and resolves to one of the files; two files with one path are a bug, and throw.
 *
 * Each part of the site is one `yield*` line below, over a lazy iterable of files: a new kind of file (search
 * shards, a governance page, AsyncAPI documents…) is one more line, `yield* pages(model.products, (p) =>
 * renderX(model, p))` for pages in the frame, or `yield* xFiles(model)` for a generator of other files.
 */
export function* siteFiles(catalog: Catalog, options: BuildSiteOptions = {}): Generator<SiteFile, void, undefined> {
  const model = buildSiteModel(catalog, options);
  const seen = new Set<string>();
  for (const file of parts(model, options.searchLibrary)) {
    if (seen.has(file[0])) throw new Error(`The site has two files at ${file[0]}; each part must write its own paths.`);
    seen.add(file[0]);
    yield file;
  }
}

function* parts(model: SiteModel, searchLibrary: string | undefined): Generator<SiteFile, void, undefined> {
  const frame = { search: searchLibrary !== undefined };
  const pages = framed(frame);
  yield [sitePaths.css, siteCss];
  yield* pages([renderIndexPage(model)]);
  yield* pages(renderProductListingPages(model));
  yield* pages(renderOwnerListingPages(model));
  yield* pages(model.products, (p) => renderProductPage(model, p));
  yield* pages(model.domains, (d) => renderDomainPage(model, d));
  yield* pages(model.owners.values(), (o) => renderOwnerPage(model, o));
  yield* pages([renderGovernancePage(model)]);
  yield* asyncApiFiles(model);
  yield [sitePaths.catalogJson, renderCatalogJson(model)];
  if (searchLibrary !== undefined) yield* searchFiles(model, searchLibrary);
}

interface Framed {
  (contents: Iterable<PageContent>): Generator<SiteFile, void, undefined>;
  <T>(items: Iterable<T>, render: (item: T) => PageContent): Generator<SiteFile, void, undefined>;
}

/** Pages in the site's frame (with the search box when the site has search), each rendered as it is asked for. */
function framed(frame: { readonly search: boolean }): Framed {
  return function* pages<T>(
    items: Iterable<T>,
    render: (item: T) => PageContent = (item) => item as PageContent,
  ): Generator<SiteFile, void, undefined> {
    for (const item of items) {
      const page = render(item);
      yield [page.path, renderPage(page, frame)];
    }
  };
}

/**
 * The whole site at once: site path → file text, the files of `siteFiles` in its order. For tests and callers
 * that want every file in hand; `steward site` streams `siteFiles` instead.
 */
export function buildSite(catalog: Catalog, options: BuildSiteOptions = {}): Map<string, string> {
  return new Map(siteFiles(catalog, options));
}
