import { posix } from 'node:path';

/**
 * Where each page of the site lives, as `/`-separated paths relative to the site's root. Links between pages are
 * always relative (`relativeHref`), so the site works from file:// and from any folder of any static host.
 */
export const sitePaths = {
  index: 'index.html',
  css: 'assets/site.css',
  catalogJson: 'catalog.json',
  governance: 'governance.html',
  /** Product ids are folder paths (`commerce/sales/orders`); they nest the same way under products/. */
  product: (id: string) => `products/${id}.html`,
  domain: (id: string) => `domains/${id}.html`,
  owner: (party: string) => `owners/${partySlug(party)}.html`,
  /**
   * Page `n` (from 1) of the A–Z list of every product, or of every party: the first is the folder's index.html.
   * No product or party page can take these names: product ids have a domain folder and party slugs a teams/ or
   * users/ folder, so their pages are never directly under products/ or owners/.
   */
  productList: (n: number) => listPage('products', n),
  ownerList: (n: number) => listPage('owners', n),
} as const;

function listPage(folder: string, n: number): string {
  return n === 1 ? `${folder}/index.html` : `${folder}/page-${n}.html`;
}

/**
 * A party's page name: `@acme/sales-orders` → `teams/acme/sales-orders`, `octocat` → `users/octocat`. Lower case,
 * since GitHub compares logins and team slugs without case and some file systems do too; parties that differ only
 * in case share one page (see `partyKey`).
 */
export function partySlug(party: string): string {
  const key = partyKey(party);
  return key.startsWith('@') ? `teams/${key.slice(1)}` : `users/${key}`;
}

/** The identity of a party for grouping: parties equal but for case are one. */
export function partyKey(party: string): string {
  return party.toLowerCase();
}

/** The link from the page at `from` to the page at `to`, both site paths; an optional `#fragment` is kept. */
export function relativeHref(from: string, to: string): string {
  const [path, fragment] = splitFragment(to);
  const href = relativePath(from, path);
  return fragment === undefined ? href : `${href}#${fragment}`;
}

/** A segment that `posix.relative` would resolve away: empty, `.` or `..`. */
const unusualSegment = /(^|\/)\.{0,2}(\/|$)/;

/**
 * `posix.relative(posix.dirname(from), to)`, for site paths: a page links to dozens of others, and the general
 * function resolves both paths against the working directory first, which measured as a tenth of a large site's
 * build. Site paths are already normal (no empty, `.` or `..` segment; others take the general way), so the link is
 * one `../` per folder of `from` below the folders both share, then the rest of `to`.
 */
function relativePath(from: string, to: string): string {
  if (unusualSegment.test(from) || unusualSegment.test(to)) return posix.relative(posix.dirname(from), to);
  let shared = 0;
  for (let i = 0; i < from.length && i < to.length && from[i] === to[i]; i++) if (from[i] === '/') shared = i + 1;
  let up = '';
  for (let i = shared; i < from.length; i++) if (from[i] === '/') up += '../';
  return up + to.slice(shared);
}

function splitFragment(to: string): [string, string | undefined] {
  const hash = to.indexOf('#');
  return hash === -1 ? [to, undefined] : [to.slice(0, hash), to.slice(hash + 1)];
}

/** A stable `id` attribute for a port section, so `product#port-orders-v1` links to it. */
export function portAnchor(port: string): string {
  return `port-${port}`;
}
