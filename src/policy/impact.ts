import type { Change } from '../catalog/diff.js';
import { readerIndex, type ReaderIndex } from '../catalog/graph.js';
import type { Catalog } from '../catalog/model.js';

export interface Consumer {
  readonly productId: string;
  /** 1 for a direct consumer, 2 for a consumer of a consumer, … */
  readonly depth: number;
  /** The product it reads to be affected: the changed one at depth 1, an upstream consumer deeper. */
  readonly via: string;
  readonly accountable: readonly string[];
}

export interface ImpactEntry {
  readonly productId: string;
  readonly port: string;
  readonly change: Change['kind'];
  /** Whether the change breaks the port's direct consumers (they must act). */
  readonly breaking: boolean;
  readonly consumers: readonly Consumer[];
}

const reaching: ReadonlySet<Change['kind']> = new Set([
  'schema-changed',
  'topic-settings-changed',
  'compatibility-changed',
  'output-port-removed',
  'product-removed',
  'status-changed',
  'sla-changed',
]);

/**
 * Which downstream products each change reaches, transitively through input ports, with depth and owners.
 * `breaking` says whether the change breaks the readers of the port (judged by the caller for schemas).
 */
export function computeImpact(
  base: Catalog,
  head: Catalog,
  changes: readonly Change[],
  breaking: (c: Change) => boolean,
): ImpactEntry[] {
  const readers = readerIndex([base, head]);
  const entries: ImpactEntry[] = [];
  for (const change of changes) {
    if (!reaching.has(change.kind) || !('productId' in change)) continue;
    if (change.kind === 'status-changed' && change.to !== 'deprecated' && change.to !== 'retired') continue;
    if (change.kind === 'sla-changed' && change.direction !== 'downgrade') continue;
    const port = 'port' in change ? change.port : '*';
    const consumers = downstream(readers, change.productId, port === '*' ? undefined : port, head, base);
    if (consumers.length === 0) continue;
    entries.push({
      productId: change.productId,
      port,
      change: change.kind,
      breaking: breaksReaders(change, breaking),
      consumers,
    });
  }
  return entries;
}

/** Readers must act: the schema breaks them, or what they read goes away or moves to another topic. */
function breaksReaders(change: Change, breaking: (c: Change) => boolean): boolean {
  if (change.kind === 'output-port-removed' || change.kind === 'product-removed') return true;
  if (change.kind === 'status-changed') return change.to === 'retired';
  if (change.kind === 'topic-settings-changed') return change.settings.includes('topic');
  return breaking(change);
}

function downstream(
  readers: ReaderIndex,
  productId: string,
  port: string | undefined,
  head: Catalog,
  base: Catalog,
): Consumer[] {
  const result: Consumer[] = [];
  const visited = new Set([productId]);
  let frontier = (readers.get(productId) ?? [])
    .filter((e) => port === undefined || e.port === port)
    .map((e) => ({ id: e.consumer, via: productId }));
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: { id: string; via: string }[] = [];
    for (const { id, via } of frontier) {
      if (visited.has(id)) continue;
      visited.add(id);
      const owners = (base.products.get(id) ?? head.products.get(id))?.manifest.owners.accountable ?? [];
      result.push({ productId: id, depth, via, accountable: owners });
      for (const e of readers.get(id) ?? []) next.push({ id: e.consumer, via: id });
    }
    frontier = next;
  }
  return result;
}
