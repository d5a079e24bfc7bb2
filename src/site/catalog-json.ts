import { resolveSchemaPath } from '../catalog/load-product.js';
import type { Product } from '../catalog/model.js';
import type { SiteModel } from './model.js';
import { sitePaths } from './paths.js';

/** The version of catalog.json's shape (docs/site.md); a change that breaks readers bumps it. */
export const catalogJsonVersion = 'mesh-steward/catalog-json/v1';

/**
 * catalog.json: the mesh as plain data for other catalogs (Backstage, DataHub, OpenMetadata) to ingest — products
 * with their effective port values, domains, parties and the lineage edges of the declared input ports. Sorted,
 * so the same catalog always gives the same bytes; `page` fields are site paths of the matching pages.
 */
export function renderCatalogJson(model: SiteModel): string {
  const domains = list(model.domains, (d) => ({
    id: d.id,
    parent: d.parentId ?? null,
    name: d.manifest.name,
    title: d.manifest.title ?? d.manifest.name,
    description: d.manifest.description,
    owners: d.manifest.owners,
    page: sitePaths.domain(d.id),
  }));
  const owners = list([...model.owners.values()], (o) => ({ ...o, page: sitePaths.owner(o.party) }));
  const lineage = list(model.edges, (e) => ({ from: e.producer, port: e.port, to: e.consumer, inputPort: e.input }));
  const products = list(model.products, (p) => productEntry(model, p));
  // Compact: the 10,000-product bench mesh is 18 MB so, 28 MB indented. Written entry by entry: the same bytes as
  // one JSON.stringify of the whole document, without holding that document and two copies of its text at once.
  return `{"version":${json(catalogJsonVersion)},"products":${products},"domains":${domains},"owners":${owners},"lineage":${lineage}}\n`;
}

/** `<` as \u003c: the file stays valid JSON and no catalog text reads as markup if a host serves it as HTML. */
function json(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function list<T>(items: readonly T[], entry: (item: T) => unknown): string {
  return `[${items.map((item) => json(entry(item))).join(',')}]`;
}

function productEntry(model: SiteModel, p: Product) {
  const m = p.manifest;
  return {
    id: p.id,
    name: m.name,
    title: m.title ?? m.name,
    description: m.description,
    domain: p.domainId,
    status: m.status,
    classification: m.classification,
    tags: m.tags ?? [],
    quality: m.quality ?? null,
    owners: {
      accountable: m.owners.accountable,
      responsible: m.owners.responsible ?? [],
      consulted: m.owners.consulted ?? [],
      informed: m.owners.informed ?? [],
    },
    sla: m.sla ?? null,
    links: m.links ?? {},
    deprecation: m.deprecation ?? null,
    page: sitePaths.product(p.id),
    outputPorts: (model.ports.get(p.id) ?? []).map((view) => {
      const port = view.manifest;
      const schema = (role: 'key' | 'value') => {
        const ref = port[role];
        return ref ? (resolveSchemaPath(p.id, ref.schema) ?? null) : null;
      };
      return {
        name: port.name,
        description: port.description ?? null,
        topic: port.topic,
        partitions: view.partitions ?? null,
        replicationFactor: view.replicationFactor ?? null,
        configs: view.configs,
        compatibility: view.compatibility ?? null,
        writer: port.writer,
        keySchema: schema('key'),
        valueSchema: schema('value'),
        subjects: { key: port.key ? `${port.topic}-key` : null, value: `${port.topic}-value` },
        deprecation: port.deprecation ?? null,
        consumers: view.consumers,
      };
    }),
    inputPorts: (m.inputPorts ?? []).map((i) => ({
      name: i.name,
      product: i.product,
      port: i.port,
      principal: i.principal,
      consumerGroup: i.consumerGroup,
    })),
  };
}
