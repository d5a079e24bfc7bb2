import { entryOf, toPlain, type DataNode, type ObjectEntry, type ObjectNode, type Span } from '../core/data-node.js';
import {
  isPrimitiveName,
  shortName,
  type AvroEnum,
  type AvroField,
  type AvroFixed,
  type AvroType,
} from './avro-model.js';
import { validateDefault } from './avro-defaults.js';
import type { ParseContext } from './avro-parse.js';
import { at, customProps, nameRe, namespaceRe, noAliases, noProps, reserved } from './avro-parse-util.js';

// Named types (records, enums, fixed) and record fields, parsed as Apache Avro's Schema.Parser does.

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Records with more fields than this find repeated names with a Set. */
const scanNamesUpTo = 16;

/** What every named type has, read from its object; each kind builds its own object from it, with no spread. */
export interface NamedBase {
  readonly name: string;
  readonly namespace: string;
  readonly aliases: readonly string[];
  readonly nameSpan: Span;
  readonly file: string;
  readonly span: Span;
  readonly doc: string | undefined;
}

export function defineName(ctx: ParseContext, node: ObjectNode, namespace: string): NamedBase {
  const nameEntry = entryOf(node, 'name');
  if (nameEntry?.value.kind !== 'scalar' || typeof nameEntry.value.value !== 'string') {
    ctx.fail(node, 'A named type (record, enum, fixed) needs a "name".');
  }
  const raw = nameEntry.value.value;
  const nsEntry = entryOf(node, 'namespace');
  let ns = declaredNamespace(ctx, nsEntry, namespace);
  // A dotted name carries its own namespace, which wins over the declared one.
  if (raw.includes('.')) ns = raw.slice(0, raw.lastIndexOf('.'));
  const short = shortName(raw);
  checkName(ctx, short, ns, nameEntry.value, nsEntry?.value ?? nameEntry.value);
  const fullName = ns === '' ? short : `${ns}.${short}`;
  checkNotDefined(ctx, fullName, nameEntry.value);
  const aliases = parseAliases(ctx, node, ns);
  const docEntry = entryOf(node, 'doc');
  const doc =
    docEntry?.value.kind === 'scalar' && typeof docEntry.value.value === 'string' ? docEntry.value.value : undefined;
  return { name: fullName, namespace: ns, aliases, nameSpan: nameEntry.value, file: ctx.file, span: at(node), doc };
}

/** The "namespace" written on the type, or the enclosing one; null means the null namespace. */
function declaredNamespace(ctx: ParseContext, nsEntry: ObjectEntry | undefined, namespace: string): string {
  if (!nsEntry) return namespace;
  const v = nsEntry.value.kind === 'scalar' ? nsEntry.value.value : undefined;
  if (v !== null && typeof v !== 'string') ctx.fail(nsEntry.value, 'A "namespace" must be a string.');
  return v ?? '';
}

function checkName(ctx: ParseContext, short: string, ns: string, nameSpan: Span, nsSpan: Span): void {
  if (!nameRe.test(short))
    ctx.fail(nameSpan, `"${short}" is not a valid Avro name: start with a letter or _, then letters, digits or _.`);
  if (ns !== '' && !namespaceRe.test(ns))
    ctx.fail(nsSpan, `"${ns}" is not a valid Avro namespace: dot-separated names of letters, digits and _.`);
  // Java only refuses the unqualified form, but the specification forbids primitive names in any namespace
  // (a reference "int" always means the primitive), and the registry refuses them.
  if (isPrimitiveName(short))
    ctx.fail(
      nameSpan,
      `"${short}" is a primitive type name, which Avro forbids as the name of a record, enum or fixed in any namespace; choose another name.`,
    );
}

function checkNotDefined(ctx: ParseContext, fullName: string, nameSpan: Span): void {
  const previous = ctx.named.get(fullName);
  if (!previous) return;
  const where = previous.file === ctx.file ? 'earlier in this file' : `in ${previous.file}`;
  ctx.fail(
    nameSpan,
    `The type "${fullName}" is already defined ${where}; refer to it by name instead of defining it again.`,
    'AVRO_DUPLICATE_NAME',
  );
}

export function parseAliases(ctx: ParseContext, node: ObjectNode, ns: string | undefined): readonly string[] {
  const entry = entryOf(node, 'aliases');
  return entry ? aliasesOf(ctx, entry, ns) : noAliases;
}

function aliasesOf(ctx: ParseContext, entry: ObjectEntry, ns: string | undefined): readonly string[] {
  const value = toPlain(entry.value);
  if (!Array.isArray(value) || !value.every((a) => typeof a === 'string'))
    ctx.fail(entry.value, '"aliases" must be a list of names.');
  return value.map((a: string) => (ns === undefined || a.includes('.') || ns === '' ? a : `${ns}.${a}`));
}

export function parseRecord(
  ctx: ParseContext,
  node: ObjectNode,
  type: 'record' | 'error',
  namespace: string,
): AvroType {
  const base = defineName(ctx, node, namespace);
  const record: AvroType = {
    type,
    name: base.name,
    namespace: base.namespace,
    aliases: base.aliases,
    doc: base.doc,
    nameSpan: base.nameSpan,
    file: base.file,
    span: base.span,
    fields: [],
    props: customProps(node, reserved.record),
  };
  ctx.named.set(base.name, record);
  const fieldsEntry = entryOf(node, 'fields');
  if (fieldsEntry?.value.kind !== 'array')
    ctx.fail(fieldsEntry?.value ?? node, `Record "${base.name}" needs "fields", a list of field objects.`);
  // Most records have a few fields: a scan finds a repeated name faster than a Set costs to build.
  let names: Set<string> | undefined;
  for (const fieldNode of fieldsEntry.value.items) {
    const field = parseField(ctx, fieldNode, base.namespace, base.name);
    if (record.fields.length === scanNamesUpTo) names = new Set(record.fields.map((f) => f.name));
    if (names ? names.has(field.name) : record.fields.some((f) => f.name === field.name))
      ctx.fail(field.nameSpan, `Record "${base.name}" has two fields named "${field.name}"; rename or remove one.`);
    names?.add(field.name);
    record.fields.push(field);
  }
  return record;
}

function parseField(ctx: ParseContext, node: DataNode, namespace: string, recordName: string): AvroField {
  if (node.kind !== 'object')
    ctx.fail(node, `Each field of record "${recordName}" must be an object with "name" and "type".`);
  const entries = fieldEntries(node);
  const nameEntry = entries.name;
  const name = nameEntry?.value.kind === 'scalar' ? nameEntry.value.value : undefined;
  if (typeof name !== 'string') ctx.fail(node, `A field of record "${recordName}" has no "name".`);
  if (!nameRe.test(name))
    ctx.fail(
      nameEntry?.value ?? node,
      `"${name}" is not a valid field name: start with a letter or _, then letters, digits or _.`,
    );
  const typeEntry = entries.type;
  if (!typeEntry) ctx.fail(node, `Field "${name}" of record "${recordName}" has no "type".`);
  const docEntry = entries.doc;
  const order = parseOrder(ctx, entries.order, node, name);
  const defaultEntry = entries.default;
  // Built without spreads: this runs for every field of every schema in the catalog.
  const field: AvroField = {
    name,
    aliases: entries.aliases ? aliasesOf(ctx, entries.aliases, undefined) : noAliases,
    doc:
      docEntry?.value.kind === 'scalar' && typeof docEntry.value.value === 'string' ? docEntry.value.value : undefined,
    type: undefined as unknown as AvroType,
    hasDefault: defaultEntry !== undefined,
    default: defaultEntry ? toPlain(defaultEntry.value) : undefined,
    defaultSpan: defaultEntry ? at(defaultEntry.value) : undefined,
    order,
    props: entries.custom ? customProps(node, reserved.field) : noProps,
    span: at(node),
    nameSpan: at(nameEntry?.value ?? node),
    typeSpan: at(typeEntry.value),
  };
  field.type = ctx.parse(typeEntry.value, namespace, (t) => (field.type = t));
  // A default is judged once references to later files are resolved: until then its type may be a stand-in.
  if (defaultEntry) ctx.defer(() => checkDefault(ctx, field, defaultEntry.value, recordName));
  return field;
}

interface FieldEntries {
  name: ObjectEntry | undefined;
  type: ObjectEntry | undefined;
  doc: ObjectEntry | undefined;
  order: ObjectEntry | undefined;
  default: ObjectEntry | undefined;
  aliases: ObjectEntry | undefined;
  /** Whether any other key is written (a custom property). */
  custom: boolean;
}

/** A field's entries by key in one pass (the last of a repeated key wins, as with entryOf): fields are most of a schema. */
function fieldEntries(node: ObjectNode): FieldEntries {
  const found: FieldEntries = {
    name: undefined,
    type: undefined,
    doc: undefined,
    order: undefined,
    default: undefined,
    aliases: undefined,
    custom: false,
  };
  for (const e of node.entries) {
    if (e.key === 'name') found.name = e;
    else if (e.key === 'type') found.type = e;
    else if (e.key === 'default') found.default = e;
    else if (e.key === 'doc') found.doc = e;
    else if (e.key === 'order') found.order = e;
    else if (e.key === 'aliases') found.aliases = e;
    else found.custom = true;
  }
  return found;
}

function parseOrder(
  ctx: ParseContext,
  orderEntry: ObjectEntry | undefined,
  node: ObjectNode,
  name: string,
): AvroField['order'] {
  const order = orderEntry ? toPlain(orderEntry.value) : 'ascending';
  if (order !== 'ascending' && order !== 'descending' && order !== 'ignore')
    ctx.fail(
      orderEntry?.value ?? node,
      `Field "${name}" has an invalid "order"; use "ascending", "descending" or "ignore".`,
    );
  return order;
}

function checkDefault(ctx: ParseContext, field: AvroField, value: DataNode, recordName: string): void {
  const problem = validateDefault(field.type, value, ctx);
  if (problem)
    ctx.report(
      problem.span,
      `The default of field "${field.name}" in record "${recordName}" is invalid: ${problem.message}.`,
      'AVRO_INVALID_DEFAULT',
    );
}

export function parseEnum(ctx: ParseContext, node: ObjectNode, namespace: string): AvroType {
  const base = defineName(ctx, node, namespace);
  const symbolsEntry = entryOf(node, 'symbols');
  if (symbolsEntry?.value.kind !== 'array')
    ctx.fail(symbolsEntry?.value ?? node, `Enum "${base.name}" needs "symbols", a list of names.`);
  const symbols: string[] = [];
  // A set, not `symbols.includes`: an enum may list a hundred thousand symbols in a 1 MiB file.
  const seen = new Set<string>();
  for (const s of symbolsEntry.value.items) {
    const v = s.kind === 'scalar' ? s.value : undefined;
    if (typeof v !== 'string' || !nameRe.test(v))
      ctx.fail(
        s,
        `Enum "${base.name}" has an invalid symbol ${JSON.stringify(toPlain(s))}: symbols are names of letters, digits and _.`,
      );
    if (seen.has(v)) ctx.fail(s, `Enum "${base.name}" lists the symbol "${v}" twice.`);
    seen.add(v);
    symbols.push(v);
  }
  const defaultEntry = entryOf(node, 'default');
  const def = defaultEntry ? toPlain(defaultEntry.value) : undefined;
  if (defaultEntry && (typeof def !== 'string' || !seen.has(def))) {
    ctx.fail(defaultEntry.value, `The default of enum "${base.name}" must be one of its symbols.`);
  }
  const t: Writable<AvroEnum> = {
    type: 'enum',
    name: base.name,
    namespace: base.namespace,
    aliases: base.aliases,
    doc: base.doc,
    nameSpan: base.nameSpan,
    file: base.file,
    span: base.span,
    symbols,
    symbolSpans: symbolsEntry.value.items.map(at),
    props: customProps(node, reserved.enum),
  };
  // Absent, not undefined, when none is written, as before: `'default' in` tells the two apart.
  if (typeof def === 'string') t.default = def;
  ctx.named.set(base.name, t);
  return t;
}

export function parseFixed(ctx: ParseContext, node: ObjectNode, namespace: string): AvroType {
  const base = defineName(ctx, node, namespace);
  const sizeEntry = entryOf(node, 'size');
  const size = sizeEntry ? toPlain(sizeEntry.value) : undefined;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > 0x7fffffff) {
    ctx.fail(sizeEntry?.value ?? node, `Fixed "${base.name}" needs "size", a non-negative integer number of bytes.`);
  }
  const logicalType = ctx.logical(node, 'fixed', size);
  const t: Writable<AvroFixed> = {
    type: 'fixed',
    name: base.name,
    namespace: base.namespace,
    aliases: base.aliases,
    doc: base.doc,
    nameSpan: base.nameSpan,
    file: base.file,
    span: base.span,
    size,
    props: customProps(node, reserved.fixedLogical),
  };
  if (logicalType) t.logicalType = logicalType;
  ctx.named.set(base.name, t);
  return t;
}
