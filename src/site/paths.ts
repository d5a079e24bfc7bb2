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
} as const;

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
  const href = posix.relative(posix.dirname(from), path);
  return fragment === undefined ? href : `${href}#${fragment}`;
}

function splitFragment(to: string): [string, string | undefined] {
  const hash = to.indexOf('#');
  return hash === -1 ? [to, undefined] : [to.slice(0, hash), to.slice(hash + 1)];
}

/** A stable `id` attribute for a port section, so `product#port-orders-v1` links to it. */
export function portAnchor(port: string): string {
  return `port-${port}`;
}
