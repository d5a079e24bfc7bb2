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

/** The front page: every top-level domain as a tree, every product, every party. */
export function renderIndexPage(model: SiteModel): PageContent {
  const path = sitePaths.index;
  const links = linker(model.catalog, path);
  const roots = model.domains.filter((d) => d.parentId === undefined).map((d) => d.id);
  const owners = [...model.owners.values()].map(
    (o) =>
      html`<li>
        ${links.owner(o.party)}
        <span class="muted">(${o.accountable.length} accountable, ${o.domains.length} domain(s))</span>
      </li>`,
  );
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
    ${productTable(model.products, links)}
    <h2 id="owners">Owners</h2>
    ${
      owners.length === 0
        ? html`<p class="muted">None.</p>`
        : html`<ul>
            ${owners}
          </ul>`
    } `;
  return { path, title: 'Data mesh catalog', main };
}
