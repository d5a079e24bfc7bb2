import type { Compatibility } from '../catalog/manifest-types.js';
import type { PathSegment } from '../core/data-node.js';
import type { RuleId } from '../rules/registry.js';
import { checkCompatibility } from '../schema/compat-check.js';
import type { SubjectActual } from '../plan/state.js';
import { latestOf, type LiveSubject } from './live.js';
import { kebabName } from './placement.js';

/** A finding import will report once the file it points at is written: `yamlPath` into a manifest, else line 1. */
export interface PendingFinding {
  readonly ruleId: RuleId;
  readonly message: string;
  readonly file: string;
  readonly yamlPath?: readonly PathSegment[];
}

/** What one product's schema files are so far: repository path → text, and which subject each file holds. */
export interface ProductFiles {
  /** Product folder, e.g. `catalog/sales/orders`. */
  readonly folder: string;
  readonly files: Map<string, string>;
  /** Subject → the file (path relative to the product folder) written for it. */
  readonly bySubject: Map<string, string>;
  /** Relative paths already taken in the folder (existing files included). */
  readonly taken: Set<string>;
}

export interface PortSchemas {
  readonly key?: string;
  readonly value?: string;
  readonly compatibility?: Compatibility;
  /** Every subject the port's schemas take (key, value, referenced), for the orphan check. */
  readonly subjects: readonly string[];
  readonly pii: boolean;
  readonly findings: readonly PendingFinding[];
}

export interface SchemaContext {
  readonly subjects: ReadonlyMap<string, LiveSubject>;
  /** Subjects the catalog owns already: a reference to one crosses products. */
  readonly owned: ReadonlySet<string>;
  readonly piiProperty: string;
}

/**
 * The port's `<topic>-key` and `<topic>-value` subjects as `.avsc` files of its product (their latest versions,
 * pretty-printed: the plan compares schemas up to formatting), with one file per referenced subject, written once
 * per product, named after the referenced type. The port's level is the value subject's.
 */
export function portSchemas(topic: string, port: string, context: SchemaContext, product: ProductFiles): PortSchemas {
  const findings: PendingFinding[] = [];
  const used: string[] = [];
  let pii = false;
  const paths: { key?: string; value?: string } = {};
  const value = context.subjects.get(`${topic}-value`);
  const key = context.subjects.get(`${topic}-key`);
  const compatibility = (value ?? key)?.compatibility;
  for (const [role, subject] of [
    ['key', key],
    ['value', value],
  ] as const) {
    if (!subject) continue;
    const path = claim(product, `schemas/${port}-${role}.avsc`);
    paths[role] = path;
    const written = writeSubject(subject, path, compatibility as Compatibility, context, product, findings);
    used.push(...written.subjects);
    pii ||= written.pii;
  }
  return { ...paths, ...(compatibility ? { compatibility } : {}), subjects: used, pii, findings };
}

/** Writes a subject's latest version, then (a work list) every subject it references, each file once. */
function writeSubject(
  root: LiveSubject,
  path: string,
  level: Compatibility,
  context: SchemaContext,
  product: ProductFiles,
  findings: PendingFinding[],
): { subjects: string[]; pii: boolean } {
  const subjects: string[] = [];
  let pii = false;
  const todo: [LiveSubject, string][] = [[root, path]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [subject, relative] = next;
    const file = `${product.folder}/${relative}`;
    const latest = latestOf(subject);
    const parsed = parseSchema(latest.schema);
    product.files.set(file, `${JSON.stringify(parsed ?? latest.schema, null, 2)}\n`);
    product.bySubject.set(subject.subject, relative);
    subjects.push(subject.subject);
    pii ||= hasProperty(parsed, context.piiProperty);
    if (subject.compatibility !== level)
      findings.push({
        ruleId: 'IMPORT_LEVEL_MISMATCH',
        file,
        message: `Subject ${subject.subject} has level ${subject.compatibility} but its port takes ${level} (from the value subject); apply would set ${subject.subject} to ${level}. Choose one level for the port's subjects before merging.`,
      });
    const history = historyBreak(subject, file);
    if (history) findings.push(history);
    for (const reference of latest.references) {
      const target = context.subjects.get(reference.subject);
      const problem = referenceProblem(reference, target, context.owned);
      if (problem)
        findings.push({
          ruleId: 'IMPORT_REFERENCE_UNSUPPORTED',
          file,
          message: `Subject ${subject.subject} references ${reference.name} in ${reference.subject} version ${reference.version}: ${problem}`,
        });
      if (!target || context.owned.has(target.subject) || product.bySubject.has(target.subject)) continue;
      const name = fullName(parseSchema(latestOf(target).schema)) ?? target.subject;
      const simple = name.split('.').pop() ?? name;
      todo.push([target, claim(product, `schemas/${kebabName(simple)}.avsc`)]);
    }
  }
  return { subjects, pii };
}

function referenceProblem(
  reference: SubjectActual['references'][number],
  target: LiveSubject | undefined,
  owned: ReadonlySet<string>,
): string | undefined {
  if (owned.has(reference.subject))
    return `that subject belongs to a product of the catalog, and references stay inside one product; inline the type or move this port to that product.`;
  if (!target) return 'that subject is not in the registry, so the reference cannot be written as a file.';
  const latest = latestOf(target);
  const name = fullName(parseSchema(latest.schema));
  if (name !== reference.subject || name !== reference.name)
    return `the catalog references a file under its top-level type's full name (${name ?? 'none'}), so apply would register this schema again referencing ${name ?? 'it'}; register the referenced schema under that subject, or inline it.`;
  if (reference.version !== latest.version)
    return `the catalog's file holds the latest version ${latest.version}, and the next registration will reference that one; check that the schema still reads as meant with it.`;
  return undefined;
}

/** Breaks of the latest version against the earlier ones under the subject's live level (schemas without references). */
function historyBreak(subject: LiveSubject, file: string): PendingFinding | undefined {
  const versions = subject.versions;
  if (versions.length < 2 || subject.compatibility === 'NONE' || versions.some((v) => v.references.length > 0))
    return undefined;
  const latest = latestOf(subject);
  const earlier = versions.slice(0, -1).map((v) => ({ path: file, text: v.schema, label: `version ${v.version}` }));
  const result = checkCompatibility({ path: file, text: latest.schema }, earlier, subject.compatibility);
  if (result.status !== 'incompatible') return undefined;
  const first = result.findings.find((f) => f.severity === 'error');
  return {
    ruleId: 'IMPORT_HISTORY_INCOMPATIBLE',
    file,
    message: `Subject ${subject.subject}: version ${latest.version} breaks earlier versions under its level ${subject.compatibility}${first ? ` (${first.message})` : ''}; the next change is judged against them.`,
  };
}

/** A free path in the product folder: `name.avsc`, else `name-2.avsc`, … */
function claim(product: ProductFiles, relative: string): string {
  let candidate = relative;
  for (let n = 2; product.taken.has(candidate); n++) candidate = relative.replace(/\.avsc$/, `-${n}.avsc`);
  product.taken.add(candidate);
  return candidate;
}

function parseSchema(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Full name of a schema's top-level named type, if it has one. */
function fullName(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const { name, namespace } = schema as { name?: unknown; namespace?: unknown };
  if (typeof name !== 'string') return undefined;
  return name.includes('.') || typeof namespace !== 'string' || namespace === '' ? name : `${namespace}.${name}`;
}

/** Whether any object of the schema carries `property: true` (e.g. a field marked `"pii": true`). */
function hasProperty(schema: unknown, property: string): boolean {
  const todo = [schema];
  for (let node = todo.pop(); node !== undefined; node = todo.pop()) {
    if (typeof node !== 'object' || node === null) continue;
    if (!Array.isArray(node) && (node as Record<string, unknown>)[property] === true) return true;
    todo.push(...(Array.isArray(node) ? node : Object.values(node)));
  }
  return false;
}
