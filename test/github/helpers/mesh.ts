import { generateCatalogFiles } from '../../../bench/generate-catalog.js';
import type { SourceEntry } from '../../../src/core/source.js';
import { edit } from './trees.js';

/** A generated mesh of `n` products, and the same mesh with a breaking change to one product's value schema. */
export function mesh(n: number) {
  const base = new Map<string, SourceEntry>(
    [...generateCatalogFiles(n)].map(([path, content]) => [path, { kind: 'file', content }]),
  );
  const i = n > 10 ? 5005 : 5;
  const path = `catalog/d${i % 10}/d${i % 10}s${Math.floor(i / 10) % 10}/product-${i}/schemas/value.avsc`;
  const head = edit(base, path, (t) => {
    const schema = JSON.parse(t) as { fields: object[] };
    schema.fields.push({ name: 'added', type: 'string', doc: 'No default: breaking.' });
    return JSON.stringify(schema, null, 2);
  });
  return { base, head };
}
