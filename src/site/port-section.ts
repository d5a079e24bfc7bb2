import type { Product } from '../catalog/model.js';
import { resolveSchemaPath } from '../catalog/load-product.js';
import { renderExampleEvent } from './example-event.js';
import { html, type Html } from './html.js';
import type { Linker } from './links.js';
import { listOf } from './links.js';
import type { PortView, SiteModel } from './model.js';
import { portAnchor } from './paths.js';
import { renderPortSchemaHistory, type SiteHistory } from './schema-history.js';
import { renderRequestAccess } from './request-access.js';
import { renderSchemaTable } from './schema-table.js';

/** One output port: where it lives, how it is kept, who writes and reads it, its schemas and how to get access. */
export function renderPortSection(model: SiteModel, product: Product, view: PortView, links: Linker): Html {
  const port = view.manifest;
  const anchor = portAnchor(port.name);
  const renderSchema = (p: Product, v: PortView, role: 'key' | 'value') => renderSchemaOf(p, v, role, model.history);
  return html`<section class="port" id="${anchor}" aria-labelledby="${anchor}-title">
    <h3 id="${anchor}-title">Output port <code>${port.name}</code></h3>
    ${port.description ? html`<p>${port.description}</p>` : ''}
    ${port.deprecation ? html`<p class="banner deprecated">This port is deprecated${port.deprecation.sunset ? html`; sunset ${port.deprecation.sunset}` : ''}${port.deprecation.replacement ? html`; use ${links.reference(port.deprecation.replacement)} instead` : ''}.${port.deprecation.note ? html` ${port.deprecation.note}` : ''}</p>` : ''}
    ${view.retired ? html`<p class="banner retired">Retired: the topic and its subjects are no longer kept; the values below are the manifest's.</p>` : ''}
    <dl class="facts">
      <dt>Topic</dt>
      <dd><code>${port.topic}</code></dd>
      <dt>Partitions</dt>
      <dd>${valueOrDash(view.partitions)}</dd>
      <dt>Replication factor</dt>
      <dd>${valueOrDash(view.replicationFactor)}</dd>
      <dt>Compatibility</dt>
      <dd>${valueOrDash(view.compatibility)}</dd>
      <dt>Writer</dt>
      <dd><code>${port.writer}</code></dd>
      <dt>Consumers</dt>
      <dd>${listOf(view.consumers.map((id) => links.product(id)))}</dd>
    </dl>
    ${renderConfigs(view.configs)} ${renderSchema(product, view, 'key')} ${renderSchema(product, view, 'value')}
    ${view.retired ? '' : renderRequestAccess(model, product, view, links)}
  </section> `;
}

function valueOrDash(value: string | number | undefined): Html {
  return value === undefined ? html`<span class="muted">—</span>` : html`${value}`;
}

function renderConfigs(configs: Readonly<Record<string, string>>): Html {
  const entries = Object.entries(configs).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return html`<p class="muted">No topic configs beyond the broker's defaults.</p>`;
  const rows = entries.map(
    ([k, v]) =>
      html`<tr>
        <td><code>${k}</code></td>
        <td><code>${v}</code></td>
      </tr>`,
  );
  return html`<table class="configs">
    <caption>
      Topic configs
    </caption>
    <thead>
      <tr>
        <th scope="col">Config</th>
        <th scope="col">Value</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function renderSchemaOf(product: Product, view: PortView, role: 'key' | 'value', history?: SiteHistory): Html {
  const ref = view.manifest[role];
  if (!ref) return html``;
  const path = resolveSchemaPath(product.id, ref.schema);
  const type = path === undefined ? undefined : product.schemas.get(path)?.type;
  const title = html`<h4>${role === 'key' ? 'Key' : 'Value'} schema <code>${ref.schema}</code></h4>`;
  if (!type)
    return html`${title}
      <p class="muted">The schema file is missing or not valid Avro.</p>`;
  return html`${title}${renderSchemaTable(type, `${portAnchor(view.manifest.name)}-${role}`)}
  ${renderExampleEvent(ref, type, role)} ${renderPortSchemaHistory(product, view, role, history)}`;
}
