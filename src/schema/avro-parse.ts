import { entryOf, toPlain, type DataNode, type ObjectNode, type Span } from '../core/data-node.js';
import type { Severity } from '../core/findings.js';
import {
  primitiveNames,
  shortName,
  type AvroField,
  type AvroNamed,
  type AvroType,
  type PrimitiveName,
} from './avro-model.js';
import { closest } from '../core/suggest.js';
import { parseLogicalType } from './avro-logical.js';
import { validateDefault } from './avro-defaults.js';

export interface AvroSourceFile {
  readonly path: string;
  readonly root: DataNode;
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

const nameRe = /^[A-Za-z_][A-Za-z0-9_]*$/;
const reserved = {
  record: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'fields']),
  enum: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'symbols', 'default']),
  fixed: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'size']),
  field: new Set(['name', 'type', 'doc', 'default', 'order', 'aliases']),
  array: new Set(['type', 'items']),
  map: new Set(['type', 'values']),
  primitive: new Set(['type', 'logicalType']),
  fixedLogical: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'size', 'logicalType']),
};

interface Pending {
  readonly fullName: string;
  readonly written: string;
  readonly file: string;
  readonly span: Span;
  readonly set: (t: AvroType) => void;
}

class Invalid extends Error {}

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
  for (const p of ctx.problems) if (p.severity === 'error') fileOk.set(p.file, false);
  for (const [path, ok] of fileOk) if (!ok) schemas.delete(path);
  return { schemas, named: ctx.named, references, problems: ctx.problems };
}

class ParseContext {
  file = '';
  readonly named = new Map<string, AvroNamed>();
  readonly problems: AvroProblem[] = [];
  private readonly pending: Pending[] = [];
  private readonly references = new Map<string, string[]>();

  private addReference(file: string, name: string): void {
    const list = this.references.get(file) ?? [];
    if (!list.includes(name)) list.push(name);
    this.references.set(file, list);
  }

  private unknownType(name: string): string {
    const hint = closest(name, [...primitiveNames, ...this.named.keys()]);
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
    if ((primitiveNames as readonly string[]).includes(name))
      return { type: name as PrimitiveName, file: this.file, span: at(span), props: noProps };
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
    return { type: 'null', file: this.file, span: at(span), props: noProps };
  }

  private parseUnion(items: readonly DataNode[], span: Span, namespace: string): AvroType {
    const branches: AvroType[] = [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const t = this.parse(item, namespace, (resolved) => (branches[i] = resolved));
      if (t.type === 'union')
        this.fail(item, 'A union may not contain another union directly; merge the branches into one list.');
      const key = 'name' in t ? t.name : t.type;
      if (seen.has(key)) this.fail(item, `The union lists "${key}" twice; each type may appear only once in a union.`);
      seen.add(key);
      branches.push(t);
    });
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
        return this.parseRecord(node, typeName, namespace);
      case 'enum':
        return this.parseEnum(node, namespace);
      case 'fixed':
        return this.parseFixed(node, namespace);
      case 'array': {
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
      case 'map': {
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
      default: {
        if (!(primitiveNames as readonly string[]).includes(typeName)) {
          // {"type": "com.acme.Order"} is a reference written as an object.
          return this.parseName(typeName, typeEntry?.value ?? node, namespace);
        }
        const logicalType = this.logical(node, typeName as PrimitiveName);
        return {
          type: typeName as PrimitiveName,
          file: this.file,
          span: at(node),
          props: customProps(node, reserved.primitive),
          ...(logicalType ? { logicalType } : {}),
        };
      }
    }
  }

  private logical(node: ObjectNode, base: PrimitiveName | 'fixed', size?: number) {
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

  private defineName(node: ObjectNode, namespace: string) {
    const nameEntry = entryOf(node, 'name');
    if (nameEntry?.value.kind !== 'scalar' || typeof nameEntry.value.value !== 'string') {
      this.fail(node, 'A named type (record, enum, fixed) needs a "name".');
    }
    const raw = nameEntry.value.value;
    const nsEntry = entryOf(node, 'namespace');
    let ns = namespace;
    if (nsEntry) {
      const v = nsEntry.value.kind === 'scalar' ? nsEntry.value.value : undefined;
      if (v !== null && typeof v !== 'string') this.fail(nsEntry.value, 'A "namespace" must be a string.');
      ns = v ?? '';
    }
    if (raw.includes('.')) ns = raw.slice(0, raw.lastIndexOf('.'));
    const short = shortName(raw);
    if (!nameRe.test(short))
      this.fail(
        nameEntry.value,
        `"${short}" is not a valid Avro name: start with a letter or _, then letters, digits or _.`,
      );
    if (ns !== '' && !ns.split('.').every((p) => nameRe.test(p)))
      this.fail(
        nsEntry?.value ?? nameEntry.value,
        `"${ns}" is not a valid Avro namespace: dot-separated names of letters, digits and _.`,
      );
    if ((primitiveNames as readonly string[]).includes(short) && ns === '')
      this.fail(nameEntry.value, `"${short}" is a primitive type and cannot be redefined; choose another name.`);
    const fullName = ns === '' ? short : `${ns}.${short}`;
    const previous = this.named.get(fullName);
    if (previous) {
      const where = previous.file === this.file ? 'earlier in this file' : `in ${previous.file}`;
      this.fail(
        nameEntry.value,
        `The type "${fullName}" is already defined ${where}; refer to it by name instead of defining it again.`,
        'AVRO_DUPLICATE_NAME',
      );
    }
    const aliases = this.aliases(node, ns);
    const docEntry = entryOf(node, 'doc');
    const doc =
      docEntry?.value.kind === 'scalar' && typeof docEntry.value.value === 'string' ? docEntry.value.value : undefined;
    return {
      name: fullName,
      namespace: ns,
      aliases,
      nameSpan: nameEntry.value,
      file: this.file,
      span: at(node),
      ...(doc !== undefined ? { doc } : {}),
    };
  }

  private aliases(node: ObjectNode, ns: string | undefined): readonly string[] {
    const entry = entryOf(node, 'aliases');
    if (!entry) return noAliases;
    const value = toPlain(entry.value);
    if (!Array.isArray(value) || !value.every((a) => typeof a === 'string'))
      this.fail(entry.value, '"aliases" must be a list of names.');
    return value.map((a: string) => (ns === undefined || a.includes('.') || ns === '' ? a : `${ns}.${a}`));
  }

  private parseRecord(node: ObjectNode, type: 'record' | 'error', namespace: string): AvroType {
    const base = this.defineName(node, namespace);
    const record: AvroType = { ...base, type, fields: [], props: customProps(node, reserved.record) };
    this.named.set(base.name, record);
    const fieldsEntry = entryOf(node, 'fields');
    if (fieldsEntry?.value.kind !== 'array')
      this.fail(fieldsEntry?.value ?? node, `Record "${base.name}" needs "fields", a list of field objects.`);
    const names = new Set<string>();
    for (const fieldNode of fieldsEntry.value.items) {
      const field = this.parseField(fieldNode, base.namespace, base.name);
      if (names.has(field.name))
        this.fail(field.nameSpan, `Record "${base.name}" has two fields named "${field.name}"; rename or remove one.`);
      names.add(field.name);
      record.fields.push(field);
    }
    return record;
  }

  private parseField(node: DataNode, namespace: string, recordName: string): AvroField {
    if (node.kind !== 'object')
      this.fail(node, `Each field of record "${recordName}" must be an object with "name" and "type".`);
    const nameEntry = entryOf(node, 'name');
    const name = nameEntry?.value.kind === 'scalar' ? nameEntry.value.value : undefined;
    if (typeof name !== 'string') this.fail(node, `A field of record "${recordName}" has no "name".`);
    if (!nameRe.test(name))
      this.fail(
        nameEntry?.value ?? node,
        `"${name}" is not a valid field name: start with a letter or _, then letters, digits or _.`,
      );
    const typeEntry = entryOf(node, 'type');
    if (!typeEntry) this.fail(node, `Field "${name}" of record "${recordName}" has no "type".`);
    const docEntry = entryOf(node, 'doc');
    const orderEntry = entryOf(node, 'order');
    const order = orderEntry ? toPlain(orderEntry.value) : 'ascending';
    if (order !== 'ascending' && order !== 'descending' && order !== 'ignore')
      this.fail(
        orderEntry?.value ?? node,
        `Field "${name}" has an invalid "order"; use "ascending", "descending" or "ignore".`,
      );
    const defaultEntry = entryOf(node, 'default');
    // Built without spreads: this runs for every field of every schema in the catalog.
    const field: AvroField = {
      name,
      aliases: this.aliases(node, undefined),
      doc:
        docEntry?.value.kind === 'scalar' && typeof docEntry.value.value === 'string'
          ? docEntry.value.value
          : undefined,
      type: undefined as unknown as AvroType,
      hasDefault: defaultEntry !== undefined,
      default: defaultEntry ? toPlain(defaultEntry.value) : undefined,
      defaultSpan: defaultEntry ? at(defaultEntry.value) : undefined,
      order,
      props: customProps(node, reserved.field),
      span: at(node),
      nameSpan: at(nameEntry?.value ?? node),
      typeSpan: at(typeEntry.value),
    };
    field.type = this.parse(typeEntry.value, namespace, (t) => {
      field.type = t;
      this.checkDefault(field, recordName);
    });
    this.checkDefault(field, recordName);
    return field;
  }

  private checkDefault(field: AvroField, recordName: string): void {
    if (!field.hasDefault || !field.defaultSpan) return;
    const problem = validateDefault(field.type, field.default);
    if (problem)
      this.report(
        field.defaultSpan,
        `The default of field "${field.name}" in record "${recordName}" is invalid: ${problem}.`,
        'AVRO_INVALID_DEFAULT',
      );
  }

  private parseEnum(node: ObjectNode, namespace: string): AvroType {
    const base = this.defineName(node, namespace);
    const symbolsEntry = entryOf(node, 'symbols');
    if (symbolsEntry?.value.kind !== 'array')
      this.fail(symbolsEntry?.value ?? node, `Enum "${base.name}" needs "symbols", a list of names.`);
    const symbols: string[] = [];
    for (const s of symbolsEntry.value.items) {
      const v = s.kind === 'scalar' ? s.value : undefined;
      if (typeof v !== 'string' || !nameRe.test(v))
        this.fail(
          s,
          `Enum "${base.name}" has an invalid symbol ${JSON.stringify(toPlain(s))}: symbols are names of letters, digits and _.`,
        );
      if (symbols.includes(v)) this.fail(s, `Enum "${base.name}" lists the symbol "${v}" twice.`);
      symbols.push(v);
    }
    const defaultEntry = entryOf(node, 'default');
    const def = defaultEntry ? toPlain(defaultEntry.value) : undefined;
    if (defaultEntry && (typeof def !== 'string' || !symbols.includes(def))) {
      this.fail(defaultEntry.value, `The default of enum "${base.name}" must be one of its symbols.`);
    }
    const t: AvroType = {
      ...base,
      type: 'enum',
      symbols,
      symbolSpans: symbolsEntry.value.items.map(at),
      props: customProps(node, reserved.enum),
      ...(typeof def === 'string' ? { default: def } : {}),
    };
    this.named.set(base.name, t);
    return t;
  }

  private parseFixed(node: ObjectNode, namespace: string): AvroType {
    const base = this.defineName(node, namespace);
    const sizeEntry = entryOf(node, 'size');
    const size = sizeEntry ? toPlain(sizeEntry.value) : undefined;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > 0x7fffffff) {
      this.fail(sizeEntry?.value ?? node, `Fixed "${base.name}" needs "size", a non-negative integer number of bytes.`);
    }
    const logicalType = this.logical(node, 'fixed', size);
    const t: AvroType = {
      ...base,
      type: 'fixed',
      size,
      props: customProps(node, reserved.fixedLogical),
      ...(logicalType ? { logicalType } : {}),
    };
    this.named.set(base.name, t);
    return t;
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

const noProps: Readonly<Record<string, unknown>> = Object.freeze({});
const noAliases: readonly string[] = Object.freeze([]);

function customProps(node: ObjectNode, skip: ReadonlySet<string>): Readonly<Record<string, unknown>> {
  let props: Record<string, unknown> | undefined;
  for (const e of node.entries) {
    if (skip.has(e.key)) continue;
    props ??= {};
    props[e.key] = toPlain(e.value);
  }
  return props ?? noProps;
}

/** A standalone copy of a span, so the model does not keep the parsed tree alive. */
function at(span: Span): Span {
  return { start: span.start, end: span.end };
}
