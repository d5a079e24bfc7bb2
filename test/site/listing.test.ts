import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCatalogFiles } from '../../bench/generate-catalog.js';
import { loadCatalog } from '../../src/catalog/load.js';
import type { SourceEntry } from '../../src/core/source.js';
import { buildSite } from '../../src/site/build.js';
import { listingPageSize } from '../../src/site/directory-pages.js';
import { mesh } from '../catalog/helpers.js';
import { brokenLinks, hrefsOf, squash } from './site-files.js';

function generatedSite(products: number) {
  const tree = new Map<string, SourceEntry>(
    [...generateCatalogFiles(products)].map(([path, content]) => [path, { kind: 'file', content }]),
  );
  const { catalog, findings } = loadCatalog(tree);
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return { catalog, files: buildSite(catalog) };
}

/** The pages of a listing, first to last, found by following each page's rel="next" link. */
function followNext(files: ReadonlyMap<string, string>, first: string): string[] {
  const chain = [first];
  for (;;) {
    const page = files.get(chain[chain.length - 1] as string) as string;
    const next = /<a rel="next" href="([^"]*)"/.exec(page)?.[1];
    if (next === undefined) return chain;
    chain.push(posix.join(posix.dirname(chain[chain.length - 1] as string), next));
    expect(chain.length).toBeLessThan(100);
  }
}

/** The link texts of a page's table rows (`<td><a href="…">text</a>` in the first column). */
function listed(page: string): string[] {
  const body = /<tbody>(.*)<\/tbody>/s.exec(squash(page))?.[1] ?? '';
  return [...body.matchAll(/<tr><td><a href="[^"]*">([^<]*)<\/a><\/td>/g)].map((m) => m[1] as string);
}

describe('the A–Z listings on a generated 250-product mesh', () => {
  const { catalog, files } = generatedSite(250);

  it('lists every product exactly once, in id order, at most listingPageSize to a page', () => {
    expect(listingPageSize).toBe(100);
    const pages = followNext(files, 'products/index.html');
    expect(pages).toEqual(['products/index.html', 'products/page-2.html', 'products/page-3.html']);
    const perPage = pages.map((path) => listed(files.get(path) as string));
    expect(perPage.map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(perPage.flat()).toEqual([...catalog.products.keys()].sort());
    expect(files.has('products/page-4.html')).toBe(false);
  });

  it('lists every party exactly once across its pages', () => {
    const pages = followNext(files, 'owners/index.html');
    const parties = pages.map((path) => listed(files.get(path) as string));
    expect(parties.every((list) => list.length <= listingPageSize)).toBe(true);
    expect(parties.slice(0, -1).every((list) => list.length === listingPageSize)).toBe(true);
    const all = parties.flat();
    expect(all.length).toBeGreaterThan(500);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain('@acme/product-249-dev');
    expect(all).toContain('@acme/d9s9-leads');
  });

  it('links each page to the one before and after it, and every internal link resolves', () => {
    const pages = followNext(files, 'products/index.html');
    for (const [i, path] of pages.entries()) {
      const page = files.get(path) as string;
      const previous = /<a rel="prev" href="([^"]*)"/.exec(page)?.[1];
      expect(previous === undefined ? undefined : posix.join(posix.dirname(path), previous)).toBe(pages[i - 1]);
      expect(page).toContain(`Page ${i + 1} of 3`);
    }
    expect(brokenLinks(files)).toEqual([]);
  });

  it('keeps the front page bounded: the domain tree and one link per listing page, no product row', () => {
    const index = squash(files.get('index.html') as string);
    const hrefs = hrefsOf(index);
    expect(hrefs.filter((h) => /^products\/[^/]*\.html$/.test(h))).toEqual([
      'products/index.html',
      'products/page-2.html',
      'products/page-3.html',
    ]);
    expect(hrefs.some((h) => /^products\/.+\/.+\.html/.test(h))).toBe(false);
    expect(index).toContain('<a href="products/page-3.html">d8/d8s0/product-108 – d9/d9s9/product-99</a>');
    expect(index).toContain('All 250 products A–Z, on 3 pages of up to 100:');
  });
});

describe('the listings of a one-product mesh', () => {
  it('are one page each, with no pager', () => {
    const files = buildSite(loadCatalog(mesh()).catalog);
    const page = squash(files.get('products/index.html') as string);
    expect(listed(page)).toEqual(['commerce/orders']);
    expect(page).not.toContain('class="pager"');
    expect(files.has('products/page-2.html')).toBe(false);
    expect(squash(files.get('index.html') as string)).toContain(
      'All 1 product A–Z, on one page: </p><ol class="pages"><li><a href="products/index.html">commerce/orders</a></li></ol>',
    );
    expect(brokenLinks(files)).toEqual([]);
  });
});
