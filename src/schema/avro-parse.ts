import { entryOf, toPlain, type DataNode, type ObjectNode, type Span } from '../core/data-node.js';
import type { Severity } from '../core/findings.js';
import {
  isPrimitiveName,
  primitiveNames,
  shortName,
  type AvroNamed,
  type AvroType,
  type PrimitiveName,
} from './avro-model.js';
import { closest } from '../core/suggest.js';
import { parseLogicalType } from './avro-logical.js';
import { parseEnum, parseFixed, parseRecord } from './avro-parse-named.js';
import { at, customProps, noProps, reserved } from './avro-parse-util.js';

export interface AvroSourceFile {
  readonly path: string;
  readonly root: DataNode;
  /** The file's text, so that numbers are judged as written (without it, 2^63 - 1 and 2^63 read alike). */
  readonly text?: string;
}

export interface AvroProblem {
  readonly ruleId:
    'AVRO_INVALID' | 'AVRO_UNKNOWN_TYPE' | 'AVRO_INVALID_DEFAULT' | 'AVRO_DUPLICATE_NAME' | 'AVRO_INVALID_LOGICAL_TYPE';
  readonly severity: Severity;
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}

export interface AvroParseResult {
  /** The top-level type of each file that parsed; a file with an error is absent. */
  readonly schemas: ReadonlyMap<string, AvroType>;
  /** Every named type defined in the files, by full name. */
  readonly named: ReadonlyMap<string, AvroNamed>;
  /** For each file, the full names it uses that another file defines (its schema references). */
  readonly references: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly AvroProblem[];
}

interface Pending {
  readonly fullName: string;
  readonly written: string;
  readonly file: string;
  readonly span: Span;
  readonly set: (t: AvroType) => void;
}

class Invalid extends Error {}

/** Unions with more branches than this find repeated ones with a Set. */
const scanBranchesUpTo = 16;

/**
 * Parses the .avsc files of one product as Apache Avro's `Schema.Parser` would (names validated, defaults
 * validated, a name defined before it is used), except that a file may use named types defined in the product's
 * other files: those become schema references, as the Schema Registry registers them.
 */
export function parseAvroFiles(files: readonly AvroSourceFile[]): AvroParseResult {
  const ctx = new ParseContext();
  const schemas = new Map<string, AvroType>();
  const fileOk = new Map<string, boolean>();
  for (const file of files) {
    ctx.file = file.path;
    if (file.text !== undefined) ctx.texts.set(file.path, file.text);
    const before = ctx.errorCount();
    try {
      const t = ctx.parse(file.root, '');
      fileOk.set(file.path, ctx.errorCount() === before);
      schemas.set(file.path, t);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      fileOk.set(file.path, false);
    }
  }
  const references = ctx.resolvePending();
  ctx.runDeferred();
  for (const p of ctx.problems) if (p.severity === 'error') fileOk.set(p.file, false);
  for (const [path, ok] of fileOk) if (!ok) schemas.delete(path);
  return { schemas, named: ctx.named, references, problems: ctx.problems };
}

export class ParseContext {
  file = '';
  readonly named = new Map<string, AvroNamed>();
  readonly problems: AvroProblem[] = [];
  readonly texts = new Map<string, string>();
  private readonly pending: Pending[] = [];
  /** Stand-ins for references to later files, by the full name they wait for. */
  private readonly standIns = new WeakMap<AvroType, string>();
  /** Checks that need every reference resolved (defaults), with the file they report in. */
  private readonly deferred: { readonly file: string; readonly run: () => void }[] = [];

  /** Runs `check` once references across files are resolved, reporting in the current file. */
  defer(check: () => void): void {
    this.deferred.push({ file: this.file, run: check });
  }

  runDeferred(): void {
    for (const d of this.deferred) {
      this.file = d.file;
      d.run();
    }
  }

  /** True for a reference to another file's type that did not resolve (it is reported where it is written). */
  isUnresolved = (t: AvroType): boolean => this.standIns.has(t);

  /** The text of a number in the current file, when the file's text is known. */
  numberText = (span: Span): string | undefined => this.texts.get(this.file)?.slice(span.start, span.end);
  private readonly references = new Map<string, string[]>();

  private addReference(file: string, name: string): void {
    const list = this.references.get(file) ?? [];
    if (!list.includes(name)) list.push(name);
    this.references.set(file, list);
  }

  /** Did-you-means left: each compares the name with every known one, so thousands of unknown names cost minutes. */
  private hintsLeft = 50;

  private unknownType(name: string): string {
    const hint = this.hintsLeft-- > 0 ? closest(name, [...primitiveNames, ...this.named.keys()]) : undefined;
    return `Unknown type "${name}"${hint ? `; did you mean "${hint}"?` : '.'}`;
  }

  errorCount(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  report(
    span: Span,
    message: string,
    ruleId: AvroProblem['ruleId'] = 'AVRO_INVALID',
    severity: Severity = 'error',
  ): void {
    this.problems.push({ ruleId, severity, file: this.file, span: at(span), message });
  }

  fail(span: Span, message: string, ruleId: AvroProblem['ruleId'] = 'AVRO_INVALID'): never {
    this.report(span, message, ruleId);
    throw new Invalid();
  }

  /** Parses a schema at a position where a type is expected; `set` receives a later-resolved reference. */
  parse(node: DataNode, namespace: string, set?: (t: AvroType) => void): AvroType {
    if (node.kind === 'scalar') {
      if (typeof node.value !== 'string')
        this.fail(node, `A schema must be a type name, an object or a union array, not ${JSON.stringify(node.value)}.`);
      return this.parseName(node.value, node, namespace, set);
    }
    if (node.kind === 'array') return this.parseUnion(node.items, node, namespace);
    return this.parseObject(node, namespace);
  }

  private parseName(name: string, span: Span, namespace: string, set?: (t: AvroType) => void): AvroType {
    if (isPrimitiveName(name)) return { type: name, file: this.file, span: at(span), props: noProps };
    const fullName = name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
    const found = this.named.get(fullName) ?? this.named.get(name);
    if (found) {
      if (found.file !== this.file) this.addReference(this.file, found.name);
      return found;
    }
    if (!set)
      this.fail(
        span,
        `${this.unknownType(name)} Define it earlier in this file or in another .avsc file of this product.`,
        'AVRO_UNKNOWN_TYPE',
      );
    const candidates = name.includes('.') ? [name] : [fullName, name];
    this.pending.push({ fullName: candidates[0] as string, written: name, file: this.file, span: at(span), set });
    // Stand-in until references are resolved; a dangling one is reported and its file dropped.
    const standIn: AvroType = { type: 'null', file: this.file, span: at(span), props: noProps };
    this.standIns.set(standIn, candidates[0] as string);
    return standIn;
  }

  private parseUnion(items: readonly DataNode[], span: Span, namespace: string): AvroType {
    const branches: AvroType[] = [];
    const keys: string[] = [];
    // Most unions have a few branches: a scan finds a repeated one faster than a Set costs to build.
    let seen: Set<string> | undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as DataNode;
      const t = this.parse(item, namespace, (resolved) => (branches[i] = resolved));
      if (t.type === 'union')
        this.fail(item, 'A union may not contain another union directly; merge the branches into one list.');
      // A reference to a later file is keyed by the name it waits for, not by its stand-in's type.
      const key = this.standIns.get(t) ?? ('name' in t ? t.name : t.type);
      if (keys.length === scanBranchesUpTo) seen = new Set(keys);
      if (seen ? seen.has(key) : keys.includes(key))
        this.fail(item, `The union lists "${key}" twice; each type may appear only once in a union.`);
      seen?.add(key);
      keys.push(key);
      branches.push(t);
    }
    return { type: 'union', branches, branchSpans: items.map(at), file: this.file, span: at(span) };
  }

  private parseObject(node: ObjectNode, namespace: string): AvroType {
    const typeEntry = entryOf(node, 'type');
    const typeName = typeEntry?.value.kind === 'scalar' ? typeEntry.value.value : undefined;
    if (typeof typeName !== 'string')
      this.fail(node, 'A schema object needs a "type" that is a string, such as "record", "enum", "array" or "long".');
    switch (typeName) {
      case 'record':
      case 'error':
        return parseRecord(this, node, typeName, namespace);
      case 'enum':
        return parseEnum(this, node, namespace);
      case 'fixed':
        return parseFixed(this, node, namespace);
      case 'array':
        return this.parseArray(node, namespace);
      case 'map':
        return this.parseMap(node, namespace);
      default:
        return this.parseTypeObject(node, typeName, typeEntry?.value ?? node, namespace);
    }
  }

  private parseArray(node: ObjectNode, namespace: string): AvroType {
    const items = entryOf(node, 'items');
    if (!items) this.fail(node, 'An array schema needs "items", the type of its elements.');
    const t: AvroType = {
      type: 'array',
      items: undefined as unknown as AvroType,
      itemsSpan: at(items.value),
      file: this.file,
      span: at(node),
      props: customProps(node, reserved.array),
    };
    t.items = this.parse(items.value, namespace, (r) => (t.items = r));
    return t;
  }

  private parseMap(node: ObjectNode, namespace: string): AvroType {
    const values = entryOf(node, 'values');
    if (!values) this.fail(node, 'A map schema needs "values", the type of its values.');
    const t: AvroType = {
      type: 'map',
      values: undefined as unknown as AvroType,
      valuesSpan: at(values.value),
      file: this.file,
      span: at(node),
      props: customProps(node, reserved.map),
    };
    t.values = this.parse(values.value, namespace, (r) => (t.values = r));
    return t;
  }

  /** An object whose "type" is a primitive (with optional logical type) or a named reference. */
  private parseTypeObject(node: ObjectNode, typeName: string, typeSpan: Span, namespace: string): AvroType {
    if (!isPrimitiveName(typeName)) {
      // {"type": "com.acme.Order"} is a reference written as an object.
      return this.parseName(typeName, typeSpan, namespace);
    }
    const logicalType = this.logical(node, typeName);
    return {
      type: typeName,
      file: this.file,
      span: at(node),
      props: customProps(node, reserved.primitive),
      ...(logicalType ? { logicalType } : {}),
    };
  }

  logical(node: ObjectNode, base: PrimitiveName | 'fixed', size?: number) {
    const entry = entryOf(node, 'logicalType');
    if (!entry) return undefined;
    const result = parseLogicalType(toPlain(node) as Record<string, unknown>, base, size);
    if (typeof result === 'string') {
      this.report(
        entry.value,
        `${result} Avro and the Schema Registry ignore an invalid logical type and treat the value as plain ${base}.`,
        'AVRO_INVALID_LOGICAL_TYPE',
        'warning',
      );
      return undefined;
    }
    return result;
  }

  /** Ties references to types defined in other files; returns each file's references by full name. */
  resolvePending(): Map<string, string[]> {
    for (const p of this.pending) {
      const target = this.named.get(p.fullName) ?? this.named.get(shortName(p.fullName));
      this.file = p.file;
      if (!target) {
        this.report(
          p.span,
          `${this.unknownType(p.written)} Define a named type before its first use, in this file or another .avsc file of this product.`,
          'AVRO_UNKNOWN_TYPE',
        );
        continue;
      }
      if (target.file === p.file) {
        this.report(
          p.span,
          `The type "${target.name}" is used before it is defined; Avro requires a named type to be defined at its first use.`,
          'AVRO_UNKNOWN_TYPE',
        );
        continue;
      }
      p.set(target);
      this.addReference(p.file, target.name);
    }
    return this.references;
  }
}
