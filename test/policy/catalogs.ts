import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog, Product } from '../../src/catalog/model.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import type { SourceEntry } from '../../src/core/source.js';
import { fixturesDir } from '../helpers/fixtures.js';

export const ORDERS = 'catalog/commerce/orders/product.yaml';
export const ORDER_SCHEMA = 'catalog/commerce/orders/schemas/order.avsc';
export const SHIPMENTS = 'catalog/logistics/shipments/product.yaml';

export type Tree = Map<string, SourceEntry>;
/** A file's new text from its old one ('' when it is new); undefined deletes it. */
export type Edits = Record<string, (text: string) => string | undefined>;

let cached: Tree | undefined;

/** The validate base fixture as a tree, with edits applied. */
export async function tree(edits: Edits = {}): Promise<Tree> {
  cached ??= new Map(await readDirectorySource(join(fixturesDir, 'validate', 'base')));
  const next = new Map(cached);
  for (const [path, transform] of Object.entries(edits)) {
    const entry = next.get(path);
    const after = transform(entry?.kind === 'file' ? Buffer.from(entry.content).toString('utf8') : '');
    if (after === undefined) next.delete(path);
    else next.set(path, { kind: 'file', content: after });
  }
  return next;
}

/** The validate base fixture's catalog, with edits applied. */
export async function catalog(edits: Edits = {}): Promise<Catalog> {
  return loadCatalog(await tree(edits)).catalog;
}

export function product(c: Catalog, id: string): Product {
  const p = c.products.get(id);
  if (!p) throw new Error(`no product ${id}`);
  return p;
}

/** Replaces `from` with `to` in a file's text, failing loudly when `from` is not there. */
export function replace(from: string, to: string): (text: string) => string {
  return (text) => {
    if (!text.includes(from)) throw new Error(`no ${JSON.stringify(from)} in the text`);
    return text.replace(from, to);
  };
}
