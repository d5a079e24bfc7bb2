import fc from 'fast-check';

/** Plain JSON of an Avro schema, as written in an .avsc. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Draws a value inside `fc.gen()`: the generator stays reproducible and shrinkable by fast-check. */
export type Draw = fc.GeneratorValue;

const primitives = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
const namespaces = ['', 'com.acme', 'com.acme.sales', 'org.other'];

/** Builds random, valid writer schemas covering every construct the compatibility rules look at. */
export class SchemaGen {
  private counter = 0;
  /** Named types defined so far in document order: later positions may refer to them by name. */
  readonly defined: JsonObject[] = [];

  constructor(private readonly draw: Draw) {}

  int(max: number): number {
    return this.draw(fc.nat, { max });
  }

  chance(percent: number): boolean {
    return this.int(99) < percent;
  }

  pickOf<T>(items: readonly T[]): T {
    return items[this.int(items.length - 1)] as T;
  }

  freshName(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  namespace(): string {
    return this.pickOf(namespaces);
  }

  type(depth: number, enclosing: JsonObject[] = []): Json {
    const roll = this.int(99);
    if (depth <= 0 || roll < 35) return this.primitive();
    if (roll < 45) return this.logical();
    if (roll < 58) return this.record(depth - 1, enclosing);
    if (roll < 65) return this.enumType();
    if (roll < 69) return this.fixed();
    if (roll < 75) return { type: 'array', items: this.type(depth - 1, enclosing) };
    if (roll < 80) return { type: 'map', values: this.type(depth - 1, enclosing) };
    if (roll < 93) return this.union(depth - 1, enclosing);
    return this.reference(enclosing) ?? this.primitive();
  }

  primitive(): Json {
    const p = this.pickOf(primitives);
    return this.chance(15) ? { type: p } : p;
  }

  logical(): Json {
    switch (this.int(4)) {
      case 0:
        return this.decimal();
      case 1:
        return { type: 'int', logicalType: 'date' };
      case 2:
        return { type: 'long', logicalType: this.pickOf(['timestamp-millis', 'timestamp-micros']) };
      case 3:
        return { type: 'string', logicalType: 'uuid' };
      default:
        return { ...this.fixedOf(this.int(8) + 8), logicalType: 'decimal', precision: 1 + this.int(17), scale: 0 };
    }
  }

  decimal(): JsonObject {
    const precision = 1 + this.int(20);
    return { type: 'bytes', logicalType: 'decimal', precision, scale: this.int(precision) };
  }

  record(depth: number, enclosing: JsonObject[] = []): JsonObject {
    const record: JsonObject = { type: 'record', name: this.freshName('R'), fields: [] };
    const ns = this.namespace();
    if (ns !== '' && this.chance(40)) record['namespace'] = ns;
    this.defined.push(record);
    const fields = record['fields'] as Json[];
    const count = this.int(4) + (depth > 0 ? 1 : 0);
    for (let i = 0; i < count; i++) fields.push(this.field(`f${i}`, depth, [...enclosing, record]));
    return record;
  }

  field(name: string, depth: number, enclosing: JsonObject[]): JsonObject {
    // A recursive reference: the enclosing record itself, optional as real recursive schemas are.
    const self = enclosing[enclosing.length - 1];
    if (self && this.chance(8)) return { name, type: ['null', self['name'] as string], default: null };
    const type = this.type(depth, enclosing);
    const field: JsonObject = { name, type };
    const value = defaultFor(type, this.defined);
    if (value !== undefined && this.chance(55)) field['default'] = value;
    return field;
  }

  enumType(): JsonObject {
    const symbols = ['A', 'B', 'C', 'D', 'E'].slice(0, 1 + this.int(4));
    const e: JsonObject = { type: 'enum', name: this.freshName('E'), symbols };
    if (this.chance(30)) e['default'] = this.pickOf(symbols);
    this.defined.push(e);
    return e;
  }

  fixed(): JsonObject {
    return this.fixedOf(this.pickOf([2, 4, 8, 16]));
  }

  private fixedOf(size: number): JsonObject {
    const f: JsonObject = { type: 'fixed', name: this.freshName('F'), size };
    this.defined.push(f);
    return f;
  }

  union(depth: number, enclosing: JsonObject[]): Json[] {
    const branches: Json[] = [];
    const keys = new Set<string>();
    const count = 1 + this.int(3);
    for (let i = 0; i < count * 2 && branches.length < count; i++) {
      const t = i === 0 && this.chance(60) ? 'null' : this.type(depth, enclosing);
      const key = unionKey(t);
      if (key === 'union' || keys.has(key)) continue;
      keys.add(key);
      branches.push(t);
    }
    return branches;
  }

  /** A use by name of a named type defined earlier (shared between positions, as in real schemas). */
  reference(enclosing: JsonObject[]): string | undefined {
    const candidates = this.defined.filter((d) => !enclosing.includes(d));
    if (candidates.length === 0) return undefined;
    const target = this.pickOf(candidates);
    return fullNameOf(target);
  }
}

/** What makes two union branches "the same type" for Avro: the type, or the full name of a named type. */
export function unionKey(t: Json): string {
  if (Array.isArray(t)) return 'union';
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof t['type'] === 'string') {
    const kind = t['type'];
    return kind === 'record' || kind === 'enum' || kind === 'fixed' ? String(t['name']) : kind;
  }
  return String(t);
}

/** The written name, qualified by its own namespace when one is set on it. */
export function fullNameOf(named: JsonObject): string {
  const ns = named['namespace'];
  return typeof ns === 'string' && ns !== '' ? `${ns}.${String(named['name'])}` : String(named['name']);
}

/** A valid default for a type, or undefined when the generator does not make one (fixed, records, references). */
export function defaultFor(type: Json, defined: readonly JsonObject[] = []): Json | undefined {
  if (Array.isArray(type)) return type.length === 0 ? undefined : defaultFor(type[0] as Json, defined);
  const kind = typeof type === 'string' ? type : type && typeof type === 'object' ? type['type'] : undefined;
  switch (kind) {
    case 'null':
      return null;
    case 'boolean':
      return false;
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 0;
    case 'string':
    case 'bytes':
      return '';
    case 'array':
      return [];
    case 'map':
      return {};
    case 'enum':
      return ((type as JsonObject)['symbols'] as string[])[0] ?? undefined;
    default:
      return undefined;
  }
}
