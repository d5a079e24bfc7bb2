import type { Catalog } from './model.js';

/** One lineage edge: `consumer` reads port `port` of the producer it is filed under. */
export interface ReaderEdge {
  readonly consumer: string;
  readonly port: string;
}

/** Producer id → the products that read it through an input port. */
export type ReaderIndex = ReadonlyMap<string, readonly ReaderEdge[]>;

const indexes = new WeakMap<Catalog, ReaderIndex>();

/**
 * The consumer graph of one or more catalogs: every input port is an edge from the product it reads to the product
 * that declares it. Built once per catalog (catalogs are immutable values), so asking for the readers of every
 * product costs one pass over the mesh, not one per product. Edges that several catalogs share appear once (a
 * removed input port in the head still tells, from the base, who read before).
 */
export function readerIndex(catalogs: readonly Catalog[]): ReaderIndex {
  if (catalogs.length === 1) {
    const catalog = catalogs[0] as Catalog;
    const known = indexes.get(catalog);
    if (known) return known;
    const built = buildIndex(catalogs);
    indexes.set(catalog, built);
    return built;
  }
  return buildIndex(catalogs);
}

function buildIndex(catalogs: readonly Catalog[]): ReaderIndex {
  const edges = new Map<string, ReaderEdge[]>();
  const seen = new Set<string>();
  for (const catalog of catalogs)
    for (const product of catalog.products.values())
      for (const input of product.manifest.inputPorts ?? []) {
        const key = `${input.product}#${input.port}>${product.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const list = edges.get(input.product) ?? [];
        list.push({ consumer: product.id, port: input.port });
        edges.set(input.product, list);
      }
  return edges;
}

/** Products that read `productId` (optionally only its port `port`) through an input port, sorted, each once. */
export function consumersOf(catalog: Catalog, productId: string, port?: string): string[] {
  const readers = readerIndex([catalog]).get(productId) ?? [];
  const ids = readers.filter((r) => r.consumer !== productId && (port === undefined || r.port === port));
  return [...new Set(ids.map((r) => r.consumer))].sort();
}

/**
 * The nearest domain strictly above `id` (a product's or a domain's folder path) that `isDomain` knows: walks up the
 * folder path, so the cost follows the depth, not the mesh. Undefined when no enclosing folder is a domain.
 */
export function nearestDomainAbove(id: string, isDomain: (domainId: string) => boolean): string | undefined {
  for (let slash = id.lastIndexOf('/'); slash > 0; slash = id.lastIndexOf('/', slash - 1)) {
    const candidate = id.slice(0, slash);
    if (isDomain(candidate)) return candidate;
  }
  return undefined;
}
