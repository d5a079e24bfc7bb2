import type { Domain, Product } from '../catalog/model.js';
import { html, type Html } from './html.js';
import type { PageContent } from './layout.js';
import { domainPath, linker, listOf, type Linker } from './links.js';
import { renderMeshView } from './mesh-view.js';
import type { OwnerView, SiteModel } from './model.js';
import { sitePaths } from './paths.js';

/** A domain's page: where it sits in the tree, who owns it, its subdomains and the products filed directly in it. */
export function renderDomainPage(model: SiteModel, domain: Domain): PageContent {
  const path = sitePaths.domain(domain.id);
  const links = linker(model.catalog, path);
  const title = domain.manifest.title ?? domain.manifest.name;
  const products = model.products.filter((p) => p.domainId === domain.id);
  const subtree = model.products.filter((p) => p.domainId.startsWith(`${domain.id}/`)).length;
  const main = html`<h1>${title}</h1>
    <p class="id"><code>${domain.id}</code> · ${domainPath(model.catalog, domain.id, links)}</p>
    <p class="description">${domain.manifest.description}</p>
    <dl class="facts">
      <dt>Owners</dt>
      <dd>${listOf(domain.manifest.owners.map(links.owner))}</dd>
    </dl>
    <h2>Subdomains</h2>
    ${domainTree(model, model.subdomains.get(domain.id) ?? [], links)}
    ${subtree > 0 ? html`<p class="muted">${subtree} more product(s) in subdomains.</p>` : ''}
    <h2>Products</h2>
    ${productTable(products, links)} ${renderMeshView(model, domain, links)}`;
  return { path, title, main };
}

/** A nested list of domains (and, under each, its subdomains), each a link. */
export function domainTree(model: SiteModel, ids: readonly string[], links: Linker): Html {
  if (ids.length === 0) return html`<p class="muted">None.</p>`;
  const items = ids.map((id) => {
    const children = model.subdomains.get(id) ?? [];
    const title = model.catalog.domains.get(id)?.manifest.title;
    return html`<li>
      ${links.domain(id)}${title ? html` — ${title}` : ''}${children.length > 0 ? domainTree(model, children, links) : ''}
    </li>`;
  });
  return html`<ul class="tree">
    ${items}
  </ul>`;
}

/** Products as a table: title (linked), id, status, SLA tier, classification. */
export function productTable(products: readonly Product[], links: Linker): Html {
  if (products.length === 0) return html`<p class="muted">None.</p>`;
  const rows = products.map((p) => {
    const m = p.manifest;
    return html`<tr>
      <td>${links.product(p.id)}</td>
      <td>${m.title ?? m.name}</td>
      <td>${m.status}</td>
      <td>${m.sla?.tier ?? '—'}</td>
      <td>${m.classification}</td>
    </tr>`;
  });
  return html`<table class="products">
    <thead>
      <tr>
        <th scope="col">Product</th>
        <th scope="col">Title</th>
        <th scope="col">Status</th>
        <th scope="col">SLA tier</th>
        <th scope="col">Classification</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

/** A party's page: what it owns, is consulted on or informed of, the domains it owns and what its products read. */
export function renderOwnerPage(model: SiteModel, owner: OwnerView): PageContent {
  const path = sitePaths.owner(owner.party);
  const links = linker(model.catalog, path);
  const list = (ids: readonly string[], link: (id: string) => Html) =>
    ids.length === 0
      ? html`<p class="muted">None.</p>`
      : html`<ul>
          ${ids.map((id) => html`<li>${link(id)}</li>`)}
        </ul>`;
  const product = (id: string) => links.product(id);
  const main = html`<h1>${owner.party}</h1>
    <p><a href="${githubUrl(owner.party)}">${owner.party} on GitHub</a></p>
    <h2>Accountable for</h2>
    ${list(owner.accountable, product)}
    <h2>Responsible for</h2>
    ${list(owner.responsible, product)}
    <h2>Consulted on</h2>
    ${list(owner.consulted, product)}
    <h2>Informed of</h2>
    ${list(owner.informed, product)}
    <h2>Domains owned</h2>
    ${list(owner.domains, links.domain)}
    <h2>Consumes</h2>
    <p class="muted">Products read by the products this party is accountable or responsible for.</p>
    ${list(owner.consumes, product)} `;
  return { path, title: owner.party, main };
}

function githubUrl(party: string): string {
  const team = /^@([^/]+)\/(.+)$/.exec(party);
  return team
    ? `https://github.com/orgs/${encodeURIComponent(team[1] as string)}/teams/${encodeURIComponent(team[2] as string)}`
    : `https://github.com/${encodeURIComponent(party)}`;
}

/** How many products, or parties, one page of an A–Z listing shows. */
export const listingPageSize = 100;

/**
 * The front page: the domain tree, and the A–Z listings of products and of parties as their pages (each named by
 * its first and last entry), so the page stays small however large the mesh: the products themselves are listed by
 * domain on the domain pages and A–Z on the listing pages.
 */
export function renderIndexPage(model: SiteModel): PageContent {
  const path = sitePaths.index;
  const links = linker(model.catalog, path);
  const roots = model.domains.filter((d) => d.parentId === undefined).map((d) => d.id);
  const main = html`<h1>Data mesh catalog</h1>
    <p>
      ${model.products.length} product(s) in ${model.domains.length} domain(s), owned by ${model.owners.size}
      part${model.owners.size === 1 ? 'y' : 'ies'}. Machine-readable:
      <a href="${links.href(sitePaths.catalogJson)}">catalog.json</a>.
    </p>
    <p>
      The rules in force, and what each domain tightens: <a href="${links.href(sitePaths.governance)}">governance</a>.
    </p>
    <h2 id="domains">Domains</h2>
    ${domainTree(model, roots, links)}
    <h2 id="products">Products</h2>
    ${listingIndex(productListing(model), links)}
    <h2 id="owners">Owners</h2>
    ${listingIndex(ownerListing(model), links)} `;
  return { path, title: 'Data mesh catalog', main };
}

/** Every product A–Z, `listingPageSize` to a page (products/index.html, products/page-2.html, …). */
export function renderProductListingPages(model: SiteModel): Iterable<PageContent> {
  return listingPages(model, productListing(model));
}

/** Every party A–Z with how many products and domains it answers for (owners/index.html, owners/page-2.html, …). */
export function renderOwnerListingPages(model: SiteModel): Iterable<PageContent> {
  return listingPages(model, ownerListing(model));
}

/** An A–Z listing: its entries in order, where its pages go, and how a page shows its share of them. */
interface Listing<T> {
  readonly title: string;
  /** The front page's section (`id`) that lists the listing's pages. */
  readonly section: 'products' | 'owners';
  readonly noun: readonly [one: string, many: string];
  readonly pagePath: (n: number) => string;
  readonly entries: readonly T[];
  readonly nameOf: (entry: T) => string;
  readonly table: (slice: readonly T[], links: Linker) => Html;
}

function productListing(model: SiteModel): Listing<Product> {
  return {
    title: 'Products',
    section: 'products',
    noun: ['product', 'products'],
    pagePath: sitePaths.productList,
    entries: model.products,
    nameOf: (p) => p.id,
    table: productTable,
  };
}

function ownerListing(model: SiteModel): Listing<OwnerView> {
  return {
    title: 'Owners',
    section: 'owners',
    noun: ['party', 'parties'],
    pagePath: sitePaths.ownerList,
    entries: [...model.owners.values()],
    nameOf: (o) => o.party,
    table: ownerTable,
  };
}

function pageCount(entries: number): number {
  return Math.max(1, Math.ceil(entries / listingPageSize));
}

/** Where a listing's pages are: one link per page, named by its first and last entry. */
function listingIndex<T>(listing: Listing<T>, links: Linker): Html {
  const { entries, nameOf } = listing;
  if (entries.length === 0) return html`<p class="muted">None.</p>`;
  const count = pageCount(entries.length);
  const items = Array.from({ length: count }, (_, i) => {
    const first = nameOf(entries[i * listingPageSize] as T);
    const last = nameOf(entries[Math.min(entries.length, (i + 1) * listingPageSize) - 1] as T);
    return html`<li>
      <a href="${links.href(listing.pagePath(i + 1))}">${first === last ? first : html`${first} – ${last}`}</a>
    </li>`;
  });
  return html`<p>
      All ${entries.length} ${listing.noun[entries.length === 1 ? 0 : 1]} A–Z,
      ${count === 1 ? 'on one page' : html`on ${count} pages of up to ${listingPageSize}`}:
    </p>
    <ol class="pages">
      ${items}
    </ol>`;
}

/** The pages of a listing, `listingPageSize` entries each, each linking to the page before and after it. */
function* listingPages<T>(model: SiteModel, listing: Listing<T>): Generator<PageContent, void, undefined> {
  const { entries, pagePath } = listing;
  const count = pageCount(entries.length);
  for (let n = 1; n <= count; n++) {
    const path = pagePath(n);
    const links = linker(model.catalog, path);
    const from = (n - 1) * listingPageSize;
    const slice = entries.slice(from, from + listingPageSize);
    const title = count === 1 ? listing.title : `${listing.title}, page ${n} of ${count}`;
    const range = slice.length === 0 ? 'none' : `${from + 1}–${from + slice.length} of ${entries.length}`;
    const main = html`<h1>${title}</h1>
      <p class="muted">
        A–Z by id, ${range}. <a href="${links.href(`${sitePaths.index}#${listing.section}`)}">All pages</a>
      </p>
      ${pager(n, count, pagePath, links)} ${listing.table(slice, links)}`;
    yield { path, title, main };
  }
}

function pager(n: number, count: number, pagePath: (n: number) => string, links: Linker): Html {
  if (count === 1) return html``;
  const previous =
    n > 1
      ? html`<a rel="prev" href="${links.href(pagePath(n - 1))}">← Previous</a>`
      : html`<span class="muted">← Previous</span>`;
  const next =
    n < count
      ? html`<a rel="next" href="${links.href(pagePath(n + 1))}">Next →</a>`
      : html`<span class="muted">Next →</span>`;
  return html`<nav class="pager" aria-label="Pages">${previous} <span>Page ${n} of ${count}</span> ${next}</nav>`;
}

function ownerTable(owners: readonly OwnerView[], links: Linker): Html {
  if (owners.length === 0) return html`<p class="muted">None.</p>`;
  const rows = owners.map(
    (o) =>
      html`<tr>
        <td>${links.owner(o.party)}</td>
        <td>${o.accountable.length}</td>
        <td>${o.responsible.length}</td>
        <td>${o.consulted.length}</td>
        <td>${o.informed.length}</td>
        <td>${o.domains.length}</td>
      </tr>`,
  );
  return html`<table class="owners">
    <thead>
      <tr>
        <th scope="col">Party</th>
        <th scope="col">Accountable for</th>
        <th scope="col">Responsible for</th>
        <th scope="col">Consulted on</th>
        <th scope="col">Informed of</th>
        <th scope="col">Domains owned</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
