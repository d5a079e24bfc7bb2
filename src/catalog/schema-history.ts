import { parseJson } from '../core/json-parse.js';
import { parseAvroFiles, type AvroParseResult, type AvroSourceFile } from '../schema/avro-parse.js';
import type { SchemaText } from '../schema/avro-version.js';
import type { SchemaHistoryEntry } from '../schema/compat-history.js';
import type { Product } from './model.js';
import { referencedFiles } from './port-schemas.js';

/**
 * The .avsc files of one product folder right after one commit, as a shell (git, GitHub) read them. A subject's
 * version is its schema file together with the files whose named types it uses, so a version exists at every
 * commit that changed any of them, and each is resolved with the files as they were at that commit.
 */
export interface SchemaSnapshot {
  readonly commit: string;
  /** Every .avsc file of the product folder at the commit: repository path → text. */
  readonly files: ReadonlyMap<string, string>;
  /** Files the commit renamed, new path → old path, so a subject's file is followed back past a rename. */
  readonly renames?: ReadonlyMap<string, string>;
}

/** Product id → the snapshots of its folder up to the base, oldest first. */
export type SchemaHistories = ReadonlyMap<string, readonly SchemaSnapshot[]>;

/** A schema file with the files it references, in the order `portSchemaFiles` gives them. */
export type Composite = SchemaText & { readonly references: readonly SchemaText[] };

/**
 * The versions of the subject whose schema file is `path` (at the base), oldest first: one per snapshot where the
 * file, or any file it references at that commit, differs from the version before; snapshots where it does not
 * parse are left out. The file is followed back through the renames the snapshots record.
 */
export function subjectHistory(snapshots: readonly SchemaSnapshot[], path: string): SchemaHistoryEntry[] {
  const found: SchemaHistoryEntry[] = [];
  let current = path;
  for (let i = snapshots.length - 1; i >= 0; i--) {
    const snapshot = snapshots[i] as SchemaSnapshot;
    const composite = compositeAt(snapshot, current);
    if (composite) found.push({ commit: snapshot.commit, ...composite });
    current = snapshot.renames?.get(current) ?? current;
  }
  found.reverse();
  return found.filter((v, i) => i === 0 || !sameComposite(v, found[i - 1] as Composite));
}

export function sameComposite(a: Composite, b: Composite): boolean {
  if (a.path !== b.path || a.text !== b.text || a.references.length !== b.references.length) return false;
  return a.references.every((r, i) => r.path === b.references[i]?.path && r.text === b.references[i]?.text);
}

/** A schema file of a loaded product with the files it references, as `portSchemaFiles` resolves them. */
export function compositeOf(product: Product, path: string): Composite | undefined {
  const file = product.schemas.get(path);
  if (!file) return undefined;
  const references = file.references.length > 0 && file.type ? referencedFiles(file.type, path) : [];
  return {
    path,
    text: file.document.text,
    references: textsOf(references, (p) => product.schemas.get(p)?.document.text),
  };
}

const parsedSnapshots = new WeakMap<SchemaSnapshot, AvroParseResult>();

/** `path` at the snapshot with the files its named types come from; undefined when it is not there or invalid. */
export function compositeAt(snapshot: SchemaSnapshot, path: string): Composite | undefined {
  const text = snapshot.files.get(path);
  if (text === undefined) return undefined;
  let parsed = parsedSnapshots.get(snapshot);
  if (!parsed) {
    parsed = parseSnapshot(snapshot);
    parsedSnapshots.set(snapshot, parsed);
  }
  const type = parsed.schemas.get(path);
  // A version that does not parse at its commit (a broken intermediate commit) was never registrable: leaving it
  // out keeps the versions that were judged, where an invalid one would leave the check without a verdict.
  if (!type) return undefined;
  return { path, text, references: textsOf(referencedFiles(type, path), (p) => snapshot.files.get(p)) };
}

function textsOf(paths: readonly string[], text: (path: string) => string | undefined): SchemaText[] {
  return paths.flatMap((path) => {
    const t = text(path);
    return t === undefined ? [] : [{ path, text: t }];
  });
}

/** Parses the snapshot's files together, as the loader parses a product's files, in path order. */
function parseSnapshot(snapshot: SchemaSnapshot): AvroParseResult {
  const sources: AvroSourceFile[] = [];
  for (const path of [...snapshot.files.keys()].sort()) {
    const root = parseJson(snapshot.files.get(path) as string).root;
    if (root) sources.push({ path, root });
  }
  return parseAvroFiles(sources);
}
