import { referencedFiles } from '../catalog/port-schemas.js';
import { sameComposite, type Composite } from '../catalog/schema-history.js';
import type { Finding } from '../core/findings.js';
import { parseJson } from '../core/json-parse.js';
import { LineIndex } from '../core/source.js';
import { childTypes, isNamed, type AvroType } from '../schema/avro-model.js';
import { parseAvroFiles, type AvroSourceFile } from '../schema/avro-parse.js';
import { parseSchemaVersion, type ParsedVersion } from '../schema/avro-version.js';

/**
 * One version of a product's schema files (a commit of its history, the base or the head), parsed once for every
 * subject it holds. A subject's own version is its file with the files it references, and parsing that closure per
 * subject is quadratic on a chain of files that each use the previous one.
 *
 * A version whose files all parse without an error gives each subject exactly the parse of its own closure (names
 * resolve alike, and warnings are the closure files' own). A version with an error is judged subject by subject
 * from its closure's texts, as the registry would see it: error recovery and did-you-means depend on which files
 * are parsed together.
 */
export class FilesVersion {
  private parsed: Parsed | undefined;
  private readonly taints = new Map<FilesVersion, ReadonlySet<AvroType>>();

  /**
   * @param files every schema file of the version, path → text, in the order its loader parses them
   * @param composite the exact closure of a file (undefined when it is missing or, in history, does not parse)
   */
  constructor(
    readonly files: ReadonlyMap<string, string>,
    readonly composite: (path: string) => Composite | undefined,
  ) {}

  /** No file has a JSON or Avro error. */
  get clean(): boolean {
    return this.parse().clean;
  }

  /** Whether the subject of `path` has a version here (a clean version holds one for every file). */
  has(path: string): boolean {
    return this.clean ? this.files.has(path) : this.composite(path) !== undefined;
  }

  /** The subject of `path` parsed; `label` names the version in messages. */
  parsedVersion(path: string, label?: string): ParsedVersion {
    const parsed = this.parse();
    const type = parsed.types.get(path);
    if (!parsed.clean || !type) {
      const composite = this.composite(path) ?? { path, text: this.files.get(path) ?? '', references: [] };
      return parseSchemaVersion({ ...composite, ...(label === undefined ? {} : { label }) });
    }
    const locate = parsed.locate;
    if (parsed.warnings.size === 0)
      return { ok: true, type, locate: (s) => locate(s.file, s.span.start), findings: [] };
    const closure = [path, ...referencedFiles(type, path)];
    const findings = closure.flatMap((p) => parsed.warnings.get(p) ?? []);
    return { ok: true, type, locate: (s) => locate(s.file, s.span.start), findings };
  }

  /** Whether the subject of `path` is the same here and in `other`: its file and every file it references. */
  sameSubject(path: string, other: FilesVersion, otherPath = path): boolean {
    if (path !== otherPath || !this.clean || !other.clean) {
      const [a, b] = [this.composite(path), other.composite(otherPath)];
      return a !== undefined && b !== undefined && sameComposite(a, b);
    }
    if (other === this) return true;
    if (this.files.get(path) !== other.files.get(path)) return false;
    return !this.tainted(other).has(this.top(path)) && !other.tainted(this).has(other.top(path));
  }

  private top(path: string): AvroType {
    return this.parse().types.get(path) as AvroType;
  }

  /**
   * Every type here from which a named type of a file that differs in `other` (or is missing there) is reachable:
   * a subject whose top type is among them references a changed file. One reverse walk per pair of versions.
   */
  private tainted(other: FilesVersion): ReadonlySet<AvroType> {
    const known = this.taints.get(other);
    if (known) return known;
    const parents = new Map<AvroType, AvroType[]>();
    const todo = [...this.parse().types.values()];
    const seen = new Set(todo);
    const marked = new Set<AvroType>();
    for (let t = todo.pop(); t; t = todo.pop()) {
      if (isNamed(t) && this.files.get(t.file) !== other.files.get(t.file)) marked.add(t);
      for (const child of childTypes(t)) {
        const list = parents.get(child);
        if (list) list.push(t);
        else parents.set(child, [t]);
        if (!seen.has(child)) {
          seen.add(child);
          todo.push(child);
        }
      }
    }
    const reach = [...marked];
    for (let t = reach.pop(); t; t = reach.pop())
      for (const parent of parents.get(t) ?? [])
        if (!marked.has(parent)) {
          marked.add(parent);
          reach.push(parent);
        }
    this.taints.set(other, marked);
    return marked;
  }

  private parse(): Parsed {
    this.parsed ??= parseFiles(this.files);
    return this.parsed;
  }
}

interface Parsed {
  readonly clean: boolean;
  readonly types: ReadonlyMap<string, AvroType>;
  /** Warnings by file, as parseSchemaVersion words them. */
  readonly warnings: ReadonlyMap<string, Finding[]>;
  readonly locate: (path: string, offset: number) => Finding['location'];
}

function parseFiles(files: ReadonlyMap<string, string>): Parsed {
  const indexes = new Map<string, LineIndex>();
  const locate = (path: string, offset: number) => {
    let index = indexes.get(path);
    if (!index) indexes.set(path, (index = new LineIndex(path, files.get(path) ?? '')));
    return index.location(offset);
  };
  const warnings = new Map<string, Finding[]>();
  const warn = (path: string, f: Finding) => warnings.set(path, [...(warnings.get(path) ?? []), f]);
  let clean = true;
  const sources: AvroSourceFile[] = [];
  for (const [path, text] of files) {
    const json = parseJson(text);
    for (const p of json.problems) {
      if (p.kind !== 'duplicate-key') clean = false;
      else
        warn(path, {
          ruleId: 'AVRO_DUPLICATE_KEY',
          severity: 'warning',
          message: `${p.message}.`,
          location: locate(path, p.offset),
        });
    }
    if (json.root) sources.push({ path, root: json.root, text });
    else clean = false;
  }
  const result = parseAvroFiles(sources);
  for (const p of result.problems) {
    if (p.severity === 'error') clean = false;
    else
      warn(p.file, {
        ruleId: p.ruleId,
        severity: p.severity,
        message: p.message,
        location: locate(p.file, p.span.start),
      });
  }
  if (result.schemas.size !== files.size) clean = false;
  return { clean, types: result.schemas, warnings, locate };
}
