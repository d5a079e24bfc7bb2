import type { Change } from '../catalog/diff.js';
import type { Catalog, Product } from '../catalog/model.js';
import { portSchemaFiles, referencedFileSubject } from '../catalog/port-schemas.js';
import { compositeAt, compositeOf, type SchemaHistories, type SchemaSnapshot } from '../catalog/schema-history.js';
import { checkParsedCompatibility, type CompatibilityResult } from '../schema/compat-check.js';
import { FilesVersion } from './schema-versions.js';

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
  const versions = new Versions();
  for (const change of changes) {
    if (change.kind !== 'schema-changed') continue;
    const before = base.products.get(change.productId);
    const after = head.products.get(change.productId);
    const port = after?.manifest.outputPorts?.find((p) => p.name === change.port);
    if (!before || !after || !port) continue;
    const [now, then] = [versions.of(after), versions.of(before)];
    const snapshots = (history?.get(change.productId) ?? []).map((s) => ({ ...s, version: versions.of(s, then) }));
    const sides = { after, head: now, base: then, snapshots };
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

/** Each product version and history snapshot once, so that every subject in it shares one parse. */
class Versions {
  private readonly known = new Map<Product | SchemaSnapshot, FilesVersion>();

  /** A snapshot with the same files as the clean `base` (the base's own commit, most often) shares its parse. */
  of(source: Product | SchemaSnapshot, base?: FilesVersion): FilesVersion {
    let version = this.known.get(source);
    if (!version) {
      if ('commit' in source) {
        const files = new Map([...source.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        version =
          base?.clean && sameFiles(files, base.files)
            ? base
            : new FilesVersion(files, (path) => compositeAt(source, path));
      } else {
        const files = new Map([...source.schemas].map(([path, file]) => [path, file.document.text]));
        version = new FilesVersion(files, (path) => compositeOf(source, path));
      }
      this.known.set(source, version);
    }
    return version;
  }
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, text] of a) if (b.get(path) !== text) return false;
  return true;
}

interface Sides {
  readonly after: Product;
  readonly head: FilesVersion;
  readonly base: FilesVersion;
  readonly snapshots: readonly (SchemaSnapshot & { readonly version: FilesVersion })[];
}

/** One version of a subject: its file's path then, in the files of one commit (or of the base). */
interface Entry {
  readonly commit: string;
  readonly version: FilesVersion;
  readonly path: string;
}

function judge(
  change: SchemaChange,
  sides: Sides,
  previousPath: string,
  path: string,
  subject: string,
  onlyIfChanged = false,
): SchemaVerdict | undefined {
  // A head schema that does not parse has its own validation findings; there is nothing to compare.
  if (!sides.head.has(path) || !sides.base.has(previousPath) || !sides.after.schemas.get(path)?.type) return undefined;
  // An unchanged schema registers no new version: the registry answers with the existing one.
  if (onlyIfChanged && sides.head.sameSubject(path, sides.base, previousPath)) return undefined;
  const versions = endingWithBase(historyOf(sides.snapshots, previousPath), {
    commit: 'base',
    version: sides.base,
    path: previousPath,
  });
  const earlier = versions.map((v) => {
    const label = `commit ${v.commit.slice(0, 7)}`;
    return { label, parse: () => v.version.parsedVersion(v.path, label) };
  });
  return {
    change,
    subject,
    path,
    result: checkParsedCompatibility(sides.head.parsedVersion(path), earlier, change.level),
  };
}

/**
 * The subject's versions in the history, oldest first, as `subjectHistory` finds them: one per snapshot where its
 * file or a file it references differs from the version before, followed back through renames.
 */
function historyOf(snapshots: Sides['snapshots'], path: string): Entry[] {
  const found: Entry[] = [];
  let current = path;
  for (let i = snapshots.length - 1; i >= 0; i--) {
    const snapshot = snapshots[i] as Sides['snapshots'][number];
    if (snapshot.version.has(current))
      found.push({ commit: snapshot.commit, version: snapshot.version, path: current });
    current = snapshot.renames?.get(current) ?? current;
  }
  found.reverse();
  return found.filter((v, i) => i === 0 || !same(v, found[i - 1] as Entry));
}

/** The history ending with the base's own version, as `endingWithBase` does. */
function endingWithBase(history: readonly Entry[], base: Entry): Entry[] {
  const last = history[history.length - 1];
  return last && same(last, base) ? [...history] : [...history, base];
}

function same(a: Entry, b: Entry): boolean {
  return a.version.sameSubject(a.path, b.version, b.path);
}

/** Files the base product's ports reference: each is a subject of its own in the registry. */
function registeredReferences(product: Product): Set<string> {
  const paths = new Set<string>();
  for (const port of product.manifest.outputPorts ?? [])
    for (const role of ['key', 'value'] as const)
      for (const path of portSchemaFiles(product, port, role)?.references ?? []) paths.add(path);
  return paths;
}
