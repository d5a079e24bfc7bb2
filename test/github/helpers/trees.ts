import { join } from 'node:path';
import { readDirectorySource } from '../../../src/cli/fs-source.js';
import type { SourceEntry } from '../../../src/core/source.js';
import { fixturesDir } from '../../helpers/fixtures.js';

export const ORDERS = 'catalog/commerce/orders/product.yaml';
export const ORDER_SCHEMA = 'catalog/commerce/orders/schemas/order.avsc';

/** The valid example catalog of the validate fixtures, as a tree. */
export async function baseTree(): Promise<Map<string, SourceEntry>> {
  return new Map(await readDirectorySource(join(fixturesDir, 'validate', 'base')));
}

export function edit(
  tree: ReadonlyMap<string, SourceEntry>,
  path: string,
  transform: (text: string) => string,
): Map<string, SourceEntry> {
  const next = new Map(tree);
  const entry = tree.get(path);
  const before = entry?.kind === 'file' ? Buffer.from(entry.content).toString('utf8') : '';
  next.set(path, { kind: 'file', content: transform(before) });
  return next;
}

/** Adds a field without a default to the Order schema: a breaking change under BACKWARD. */
export function breakOrders(tree: ReadonlyMap<string, SourceEntry>): Map<string, SourceEntry> {
  return edit(tree, ORDER_SCHEMA, (t) => {
    const schema = JSON.parse(t) as { fields: object[] };
    schema.fields.push({ name: 'channel', type: 'string', doc: 'Sales channel.' });
    return JSON.stringify(schema, null, 2);
  });
}

/** A compatible change: a new field with a default. */
export function extendOrders(tree: ReadonlyMap<string, SourceEntry>): Map<string, SourceEntry> {
  return edit(tree, ORDER_SCHEMA, (t) => {
    const schema = JSON.parse(t) as { fields: object[] };
    schema.fields.push({ name: 'channel', type: 'string', default: 'web', doc: 'Sales channel.' });
    return JSON.stringify(schema, null, 2);
  });
}
