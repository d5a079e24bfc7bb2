import fc from 'fast-check';
import { parseJson } from '../../src/core/json-parse.js';
import { parseAvroFiles } from '../../src/schema/avro-parse.js';
import type { AvroType } from '../../src/schema/avro-model.js';
import { defaultFor, fullNameOf, SchemaGen, unionKey, type Json, type JsonObject } from './avro-schema-gen.js';

/** A reader/writer pair as the oracle takes it: both schemas as JSON text. */
export interface SchemaPair {
  readonly reader: string;
  readonly writer: string;
}

/** A place in a schema that holds a type, so a mutation can replace it. */
interface Slot {
  get(): Json;
  set(value: Json): void;
  readonly inUnion: boolean;
}

const mutations = [
  'addField',
  'removeField',
  'renameField',
  'toggleDefault',
  'changeType',
  'promote',
  'wrapUnion',
  'unwrapUnion',
  'unionAdd',
  'unionRemove',
  'enumAdd',
  'enumRemove',
  'enumDefault',
  'rename',
  'namespace',
  'fixedSize',
  'decimal',
  'dropLogical',
] as const;
const promotionsOf: Record<string, readonly string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double', 'int'],
  float: ['double', 'long'],
  double: ['float', 'int'],
  string: ['bytes'],
  bytes: ['string'],
  boolean: ['int'],
  null: ['boolean'],
};

/**
 * Random schema pairs: a valid writer, and a reader derived from it by a few random mutations (each kept only if
 * the result is still a valid schema), swapped half of the time so both directions of every change are met.
 */
export const schemaPairArbitrary: fc.Arbitrary<SchemaPair> = fc.gen().map((draw) => {
  const gen = new SchemaGen(draw);
  let writer = topLevel(gen, 2 + gen.int(1));
  for (let attempt = 0; attempt < 5 && !isValid(writer); attempt++) writer = topLevel(gen, 2);
  if (!isValid(writer))
    writer = { type: 'record', name: 'Plain', namespace: 'com.acme', fields: [{ name: 'f0', type: 'int' }] };
  let reader = clone(writer);
  const count = 1 + gen.int(3);
  for (let i = 0; i < count; i++) {
    const next = clone(reader);
    mutate(gen, next, gen.pickOf(mutations));
    if (isValid(next)) reader = next;
  }
  return gen.chance(50)
    ? { reader: JSON.stringify(reader), writer: JSON.stringify(writer) }
    : { reader: JSON.stringify(writer), writer: JSON.stringify(reader) };
});

/**
 * The top-level record always has a namespace: Avro 1.12 cannot refer to a type of the null namespace from inside
 * a namespaced one while that type is still being defined, a parser corner our parser (like Avro 1.11) accepts.
 */
function topLevel(gen: SchemaGen, depth: number): JsonObject {
  const record = gen.record(depth);
  record['namespace'] ??= 'com.acme';
  return record;
}

export function isValid(schema: Json): boolean {
  const parsed = parseJson(JSON.stringify(schema));
  if (!parsed.root) return false;
  const result = parseAvroFiles([{ path: 'x.avsc', root: parsed.root }]);
  if (!result.schemas.has('x.avsc') || result.problems.some((p) => p.severity === 'error')) return false;
  // Avro 1.12 cannot check a record default while that record is still being defined; the generator never
  // writes record defaults itself, but a changed field type can leave one behind.
  return ![...result.named.values()].some(
    (t) => t.type === 'record' && t.fields.some((f) => f.hasDefault && defaultsAsRecord(f.type)),
  );
}

/** A union's default takes its first branch's type. */
function defaultsAsRecord(type: AvroType): boolean {
  const governing = type.type === 'union' ? type.branches[0] : type;
  return governing?.type === 'record' || governing?.type === 'error';
}

function mutate(gen: SchemaGen, root: Json, op: (typeof mutations)[number]): void {
  const { slots, records, enums, unions, named } = collect(root);
  const record = records.length > 0 ? gen.pickOf(records) : undefined;
  const fields = (record?.['fields'] ?? []) as JsonObject[];
  const field = fields.length > 0 ? gen.pickOf(fields) : undefined;
  const slot = slots.length > 0 ? gen.pickOf(slots) : undefined;
  switch (op) {
    case 'addField':
      return void fields.push(gen.field(gen.freshName('n'), gen.int(1), []));
    case 'removeField':
      return void fields.splice(gen.int(Math.max(0, fields.length - 1)), 1);
    case 'renameField':
      if (!field) return;
      if (gen.chance(50)) field['aliases'] = [String(field['name'])];
      field['name'] = gen.freshName('m');
      return;
    case 'toggleDefault':
      if (!field) return;
      if ('default' in field) delete field['default'];
      else if (defaultFor(field['type'] as Json) !== undefined)
        field['default'] = defaultFor(field['type'] as Json) as Json;
      return;
    case 'changeType':
      return slot?.set(gen.type(1));
    case 'promote':
      return promote(gen, slot);
    case 'wrapUnion':
      if (slot && !slot.inUnion && !Array.isArray(slot.get()))
        slot.set(gen.chance(50) ? ['null', slot.get()] : [slot.get(), gen.primitive()]);
      return;
    default:
      return mutateNamed(gen, op, { slots, enums, unions, named });
  }
}

function mutateNamed(
  gen: SchemaGen,
  op: (typeof mutations)[number],
  c: Omit<ReturnType<typeof collect>, 'records'>,
): void {
  const union = c.unions.length > 0 ? gen.pickOf(c.unions) : undefined;
  const en = c.enums.length > 0 ? gen.pickOf(c.enums) : undefined;
  const named = c.named.length > 0 ? gen.pickOf(c.named) : undefined;
  const symbols = (en?.['symbols'] ?? []) as string[];
  switch (op) {
    case 'unwrapUnion': {
      const slot = c.slots.find((s) => Array.isArray(s.get()) && (s.get() as Json[]).length > 0);
      return slot?.set((slot.get() as Json[])[gen.int((slot.get() as Json[]).length - 1)] as Json);
    }
    case 'unionAdd': {
      const t = gen.type(0);
      if (union && !union.some((b) => unionKey(b) === unionKey(t))) union.splice(gen.int(union.length), 0, t);
      return;
    }
    case 'unionRemove':
      if (union && union.length > 1) union.splice(gen.int(union.length - 1), 1);
      return;
    case 'enumAdd':
      return void symbols.splice(gen.int(symbols.length), 0, gen.freshName('S'));
    case 'enumRemove':
      if (symbols.length > 1) symbols.splice(gen.int(symbols.length - 1), 1);
      return;
    case 'enumDefault':
      if (en && 'default' in en) delete en['default'];
      else if (en) en['default'] = gen.pickOf(symbols);
      return;
    case 'rename':
      if (!named || !isNamedType(named)) return;
      if (gen.chance(50)) named['aliases'] = [fullNameOf(named)];
      named['name'] = gen.chance(30) ? `${gen.pickOf(['x', 'y'])}.${String(named['name'])}` : gen.freshName('Q');
      return;
    case 'namespace':
      if (named && isNamedType(named)) named['namespace'] = gen.pickOf(['com.acme', 'com.acme.sales', 'org.other']);
      return;
    default:
      return mutateSizes(gen, op, named);
  }
}

function mutateSizes(gen: SchemaGen, op: (typeof mutations)[number], named: JsonObject | undefined): void {
  if (op === 'fixedSize' && named?.['type'] === 'fixed') named['size'] = gen.pickOf([2, 4, 8, 16, 32]);
  if (op === 'decimal' || op === 'dropLogical') {
    const target = named && 'logicalType' in named ? named : undefined;
    if (target && op === 'dropLogical') delete target['logicalType'];
    if (target && op === 'decimal' && target['logicalType'] === 'decimal')
      target['scale'] = gen.int(Number(target['precision'] ?? 1));
  }
}

function isNamedType(t: JsonObject): boolean {
  return t['type'] === 'record' || t['type'] === 'enum' || t['type'] === 'fixed';
}

function promote(gen: SchemaGen, slot: Slot | undefined): void {
  const current = slot?.get();
  const name =
    typeof current === 'string'
      ? current
      : current && typeof current === 'object' && !Array.isArray(current)
        ? current['type']
        : undefined;
  const options = typeof name === 'string' ? promotionsOf[name] : undefined;
  if (slot && options) slot.set(gen.pickOf(options));
}

function collect(root: Json) {
  const slots: Slot[] = [];
  const records: JsonObject[] = [];
  const enums: JsonObject[] = [];
  const unions: Json[][] = [];
  const named: JsonObject[] = [];
  const visit = (t: Json, slot: Slot): void => {
    slots.push(slot);
    if (Array.isArray(t)) {
      unions.push(t);
      t.forEach((b, i) => visit(b, { get: () => t[i] as Json, set: (v) => (t[i] = v), inUnion: true }));
      return;
    }
    if (!t || typeof t !== 'object') return;
    if (t['type'] === 'record' || t['type'] === 'enum' || t['type'] === 'fixed' || 'logicalType' in t) named.push(t);
    if (t['type'] === 'enum') enums.push(t);
    if (t['type'] === 'array')
      visit(t['items'] as Json, { get: () => t['items'] as Json, set: (v) => (t['items'] = v), inUnion: false });
    if (t['type'] === 'map')
      visit(t['values'] as Json, { get: () => t['values'] as Json, set: (v) => (t['values'] = v), inUnion: false });
    if (t['type'] !== 'record') return;
    records.push(t);
    for (const f of t['fields'] as JsonObject[])
      visit(f['type'] as Json, { get: () => f['type'] as Json, set: (v) => (f['type'] = v), inUnion: false });
  };
  visit(root, { get: () => root, set: () => undefined, inUnion: false });
  return { slots: slots.slice(1), records, enums, unions, named };
}

function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
