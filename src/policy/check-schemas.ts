import type { Change } from '../catalog/diff.js';
import type { Catalog, Product } from '../catalog/model.js';
import { portSchemaFiles, referencedFileSubject } from '../catalog/port-schemas.js';
import {
  compositeOf,
  endingWithBase,
  sameComposite,
  subjectHistory,
  type SchemaHistories,
  type SchemaSnapshot,
} from '../catalog/schema-history.js';
import type { CompatibilityResult } from '../schema/compat-check.js';
import { checkSchemaHistory } from '../schema/compat-history.js';

export type SchemaChange = Extract<Change, { kind: 'schema-changed' }>;

/** The registry's verdict, foreseen, on one subject a port change registers a new version of. */
export interface SchemaVerdict {
  /** The port change the registration belongs to: a break in any of its subjects makes it a breaking change. */
  readonly change: SchemaChange;
  /** The subject: the port's `<topic>-<role>`, or a referenced file's own subject (its top-level type's name). */
  readonly subject: string;
  /** The subject's schema file: the port's file, or the referenced file. */
  readonly path: string;
  readonly result: CompatibilityResult;
}

/**
 * Judges every subject a change registers anew, as the registry will: each changed port schema, and each file it
 * references whose own subject changes (the plan registers one subject per referenced file, before the port's).
 * Every earlier version is resolved with the files it referenced at its own commit, from the product's history.
 */
export function checkSchemas(
  base: Catalog,
  head: Catalog,
  changes: readonly Change[],
  history: SchemaHistories | undefined,
): SchemaVerdict[] {
  const verdicts: SchemaVerdict[] = [];
  const judged = new Set<string>();
  for (const change of changes) {
    if (change.kind !== 'schema-changed') continue;
    const before = base.products.get(change.productId);
    const after = head.products.get(change.productId);
    const port = after?.manifest.outputPorts?.find((p) => p.name === change.port);
    if (!before || !after || !port) continue;
    const sides = { before, after, snapshots: history?.get(change.productId) ?? [] };
    const own = judge(change, sides, change.previousPath, change.path, `${port.topic}-${change.role}`);
    if (own) verdicts.push(own);
    const registered = registeredReferences(before);
    for (const path of portSchemaFiles(after, port, change.role)?.references ?? []) {
      if (judged.has(path) || !registered.has(path)) continue;
      judged.add(path);
      const verdict = judge(change, sides, path, path, referencedFileSubject(after, path), true);
      if (verdict) verdicts.push(verdict);
    }
  }
  return verdicts;
}

interface Sides {
  readonly before: Product;
  readonly after: Product;
  readonly snapshots: readonly SchemaSnapshot[];
}

function judge(
  change: SchemaChange,
  sides: Sides,
  previousPath: string,
  path: string,
  subject: string,
  onlyIfChanged = false,
): SchemaVerdict | undefined {
  const candidate = compositeOf(sides.after, path);
  const previous = compositeOf(sides.before, previousPath);
  // A head schema that does not parse has its own validation findings; there is nothing to compare.
  if (!candidate || !previous || !sides.after.schemas.get(path)?.type) return undefined;
  // An unchanged schema registers no new version: the registry answers with the existing one.
  if (onlyIfChanged && sameComposite(candidate, previous)) return undefined;
  const versions = endingWithBase(subjectHistory(sides.snapshots, previousPath), previous);
  return { change, subject, path, result: checkSchemaHistory(candidate, versions, change.level) };
}

/** Files the base product's ports reference: each is a subject of its own in the registry. */
function registeredReferences(product: Product): Set<string> {
  const paths = new Set<string>();
  for (const port of product.manifest.outputPorts ?? [])
    for (const role of ['key', 'value'] as const)
      for (const path of portSchemaFiles(product, port, role)?.references ?? []) paths.add(path);
  return paths;
}
