import { childTypes, isNamed, type AvroType } from '../schema/avro-model.js';
import { resolveSchemaPath } from './load-product.js';
import type { OutputPortManifest } from './manifest-types.js';
import type { Product } from './model.js';

/**
 * The schema behind a port's key or value: its file's path and a text that also covers the files whose named
 * types it uses, so that editing a shared type counts as changing every port that uses it.
 */
export function portSchemaFiles(
  product: Product,
  port: OutputPortManifest,
  role: 'key' | 'value',
): { path: string; text: string; references: string[] } | undefined {
  const ref = port[role];
  if (!ref) return undefined;
  const path = resolveSchemaPath(product.id, ref.schema);
  const file = path === undefined ? undefined : product.schemas.get(path);
  if (!file || path === undefined) return undefined;
  const references = file.references.length > 0 && file.type ? referencedFiles(file.type, path) : [];
  const texts = references.map((p) => product.schemas.get(p)?.document.text ?? '');
  return { path, text: [file.document.text, ...texts].join('\n\u0000\n'), references };
}

/** Files, other than `own`, that define named types reachable from `type`. */
export function referencedFiles(type: AvroType, own: string): string[] {
  const files = new Set<string>();
  const seen = new Set<AvroType>([type]);
  // A work list, not recursion: a product's files may chain named types thousands of levels deep.
  const todo = [type];
  for (let t = todo.pop(); t; t = todo.pop()) {
    if (isNamed(t) && t.file !== own) files.add(t.file);
    const next = childTypes(t);
    for (const n of next) {
      if (seen.has(n)) continue;
      seen.add(n);
      todo.push(n);
    }
  }
  return [...files].sort();
}

/**
 * The registry subject a referenced schema file is registered under: its top-level type's full name (the file's
 * path when it has no named top-level type). The plan registers it so, and the checks judge it so.
 */
export function referencedFileSubject(product: Product, path: string): string {
  const type = product.schemas.get(path)?.type;
  return type && isNamed(type) ? type.name : path;
}
