import type { Product } from '../catalog/model.js';
import type { Deprecation } from '../catalog/manifest-types.js';
import { asyncApiPath } from './asyncapi.js';
import { externalHref, html, type Html } from './html.js';
import type { PageContent } from './layout.js';
import { domainPath, linker, listOf, type Linker } from './links.js';
import { renderLineage } from './lineage.js';
import type { SiteModel } from './model.js';
import { sitePaths } from './paths.js';
import { renderPortSection } from './port-section.js';

/** A product's page: what it is, its state, who answers for it, what it promises, its ports and its lineage. */
export function renderProductPage(model: SiteModel, product: Product): PageContent {
  const path = sitePaths.product(product.id);
  const links = linker(model.catalog, path);
  const m = product.manifest;
  const title = m.title ?? m.name;
  const ports = (model.ports.get(product.id) ?? []).map((view) => renderPortSection(model, product, view, links));
  const main = html`<h1>${title}</h1>
    <p class="id"><code>${product.id}</code></p>
    ${statusBanner(m.status, m.deprecation, links)}
    <p class="description">${m.description}</p>
    ${facts(model, product, links)} ${owners(product, links)} ${productLinks(m.links)}
    <p class="exports">
      <a href="${links.href(asyncApiPath(product.id))}">AsyncAPI 3.0 document</a> (channels, Avro schemas, Kafka
      bindings)
    </p>
    <h2>Lineage</h2>
    ${renderLineage(model, product, links)}
    <h2>Output ports</h2>
    ${ports.length === 0 ? html`<p class="muted">This product has no output ports.</p>` : ports} `;
  return { path, title, main };
}

function statusBanner(
  status: Product['manifest']['status'],
  deprecation: Deprecation | undefined,
  links: Linker,
): Html {
  if (status === 'retired')
    return html`<p class="banner retired" role="note">
      <strong>Retired.</strong> This product is no longer published; its topics are to be deleted.
    </p>`;
  if (status === 'draft')
    return html`<p class="banner draft" role="note">
      <strong>Draft.</strong> This product is not yet promised to consumers.
    </p>`;
  if (status !== 'deprecated') return html``;
  const d = deprecation ?? {};
  return html`<p class="banner deprecated" role="note">
    <strong>Deprecated.</strong
    >${d.sunset ? html` Sunset: <time datetime="${d.sunset}">${d.sunset}</time>.` : ''}${d.replacement ? html` Use ${links.reference(d.replacement)} instead.` : ''}${d.note ? html` ${d.note}` : ''}
  </p>`;
}

function facts(model: SiteModel, product: Product, links: Linker): Html {
  const m = product.manifest;
  const sla = m.sla ?? {};
  const row = (label: string, value: Html | string | number | undefined) =>
    value === undefined || value === ''
      ? ''
      : html`<dt>${label}</dt>
          <dd>${value}</dd> `;
  const tags = (m.tags ?? []).map((t) => html`<span class="tag">${t}</span>`);
  return html`<dl class="facts">
    ${row('Status', m.status)}${row('Domain', domainPath(model.catalog, product.domainId, links))}${row('Classification', m.classification)}${row('Tags', tags.length > 0 ? html`${tags}` : undefined)}${row('Quality', m.quality)}${row('SLA tier', sla.tier)}${row('Availability', sla.availability === undefined ? undefined : `${sla.availability}%`)}${row('Freshness', sla.freshness)}${row('Latency', sla.latency)}${row('Support', sla.support)}${row('Support hours', sla.supportHours)}
  </dl>`;
}

const raciRoles = [
  ['accountable', 'Accountable'],
  ['responsible', 'Responsible'],
  ['consulted', 'Consulted'],
  ['informed', 'Informed'],
] as const;

function owners(product: Product, links: Linker): Html {
  const raci = product.manifest.owners;
  const rows = raciRoles.map(
    ([role, label]) =>
      html`<tr>
        <th scope="row">${label}</th>
        <td>${listOf((raci[role] ?? []).map(links.owner))}</td>
      </tr>`,
  );
  return html`<h2>Owners</h2>
    <table class="raci">
      <tbody>
        ${rows}
      </tbody>
    </table>`;
}

/** Runbook, repository, dashboard…: links only for http(s) and mailto URLs, any other text shown as text. */
function productLinks(entries: Readonly<Record<string, string>> | undefined): Html {
  const list = Object.entries(entries ?? {});
  if (list.length === 0) return html``;
  const items = list.map(([name, url]) => {
    const href = externalHref(url);
    return html`<li>
      ${name}: ${href === undefined ? html`<code>${url}</code>` : html`<a href="${href}">${url}</a>`}
    </li>`;
  });
  return html`<h2>Links</h2>
    <ul>
      ${items}
    </ul>`;
}
