import { isNamed, type AvroType } from '../schema/avro-model.js';
import { resolveSchemaPath } from './load-product.js';
import type { OutputPortManifest } from './manifest-types.js';
import type { Product } from './model.js';

/**
 * The schema behind a port's key or value: its file's path and a text that also covers the files whose named
 * types it uses, so that editing a shared type counts as changing every port that uses it.
 */
export function portSchemaFiles(product: Product, port: OutputPortManifest, role: 'key' | 'value'): { path: string; text: string; references: string[] } | undefined {
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
  const seen = new Set<AvroType>();
  const visit = (t: AvroType): void => {
    if (seen.has(t)) return;
    seen.add(t);
    if (isNamed(t) && t.file !== own) files.add(t.file);
    if (t.type === 'record' || t.type === 'error') t.fields.forEach((f) => visit(f.type));
    else if (t.type === 'array') visit(t.items);
    else if (t.type === 'map') visit(t.values);
    else if (t.type === 'union') t.branches.forEach(visit);
  };
  visit(type);
  return [...files].sort();
}
