import type { SchemaRef } from '../catalog/manifest-types.js';
import type { AvroField, AvroType, LogicalType } from '../schema/avro-model.js';
import { branchName } from '../schema/avro-example.js';
import { html, type Html } from './html.js';

/** A logical-type value of an example, read for people: the JSON holds the number (or bytes) Avro writes. */
export interface ExampleReading {
  /** Where in the event, e.g. `createdAt` or `lines[0].price`. */
  readonly path: string;
  readonly logicalType: string;
  readonly reading: string;
}

export interface ExampleEvent {
  /** The event in Avro's JSON encoding, pretty-printed (two-space indent). */
  readonly json: string;
  readonly readings: readonly ExampleReading[];
}

/** 2026-01-01T00:00:00Z: one fixed instant, so every timestamp of every generated example reads as a real date. */
const instantMillis = 1_767_225_600_000;
const millisPerDay = 86_400_000;

/**
 * An example event generated from a schema: every field present, in Avro's JSON encoding (a union's value is
 * `{"<branch>": value}` with its first branch that is not null, unless that branch is a record already being
 * built, which ends a recursive type). Deterministic: values are drawn from a generator seeded with each value's
 * path in the event, so the same schema always gives the same example and a field keeps its value when others
 * change. Logical types get plausible values (one fixed instant for timestamps) listed in `readings`. `name`
 * names a value that has no field of its own (`key-1a2b` for a string key). Undefined past `maxValues` values.
 */
export function generateExample(type: AvroType, name = 'value'): ExampleEvent | undefined {
  const readings: ExampleReading[] = [];
  const budget = { left: maxValues };
  const value = valueOf(type, { path: '', name, building: new Set(), readings, budget });
  return budget.left < 0 ? undefined : { json: JSON.stringify(value, null, 2), readings };
}

/**
 * Values one generated example may hold. A type reused in several fields is written out at each, so types that
 * share types can multiply (two fields of a type with two fields of a type…): past this, no example is shown.
 */
export const maxValues = 5_000;

/** A declared example, pretty-printed as the generated ones are. */
export function formatExample(example: unknown): string {
  return JSON.stringify(example, null, 2);
}

/**
 * The example event of one schema of a port: the manifest's own (`key.example` / `value.example`, which loading
 * has checked against the schema) or one generated from the schema, each labelled as what it is.
 */
export function renderExampleEvent(ref: SchemaRef, type: AvroType, role: 'key' | 'value'): Html {
  const what = role === 'key' ? 'key' : 'event';
  if (ref.example !== undefined)
    return html`<details class="example">
      <summary>Example ${what} <span class="muted">(from the product's manifest)</span></summary>
      <pre><code>${formatExample(ref.example)}</code></pre>
    </details>`;
  const example = generateExample(type, role);
  if (!example)
    return html`<p class="muted">
      No example ${what}: one would hold more than ${maxValues.toLocaleString('en')} values. Declare one with
      <code>${role}.example</code> in the manifest.
    </p>`;
  return html`<details class="example">
    <summary>Example ${what} <span class="muted">(generated from the schema, not real data)</span></summary>
    <pre><code>${example.json}</code></pre>
    <p class="muted">
      Avro's JSON encoding: a union's value is written as <code>{"&lt;type&gt;": value}</code>, bytes as one character
      per byte; logical types hold the number Avro writes.
    </p>
    ${
      example.readings.length > 0
        ? html`<ul class="readings">
            ${example.readings.map((r) => html`<li><code>${r.path}</code> (${r.logicalType}): ${r.reading}</li>`)}
          </ul>`
        : ''
    }
  </details>`;
}

interface Context {
  /** Path of the value in the event, `` for the event itself. */
  readonly path: string;
  /** The name the value has: its field's, or the enclosing one's for items and map values. */
  readonly name: string;
  /** Records being built, outermost first: a recursive type stops at its second visit. */
  readonly building: Set<AvroType>;
  readonly readings: ExampleReading[];
  /** Values still allowed; below zero, generation has given up and only unwinds. */
  readonly budget: { left: number };
}

function valueOf(type: AvroType, ctx: Context): unknown {
  if (--ctx.budget.left < 0) return null;
  switch (type.type) {
    case 'record':
    case 'error':
      return recordOf(type.fields, type, ctx);
    case 'enum':
      return type.default ?? type.symbols[0] ?? '';
    case 'array':
      return ends(type.items, ctx) ? [] : [valueOf(type.items, at(ctx, `${ctx.path}[0]`))];
    case 'map':
      return ends(type.values, ctx)
        ? {}
        : { [`${ctx.name}-key`]: valueOf(type.values, at(ctx, `${ctx.path}["${ctx.name}-key"]`)) };
    case 'union': {
      const branch = type.branches.find((b) => b.type !== 'null' && !ends(b, ctx));
      return branch ? { [branchName(branch)]: valueOf(branch, ctx) } : null;
    }
    case 'fixed':
      return bytesOf(type.logicalType, type.size, ctx);
    case 'bytes':
      return bytesOf(type.logicalType, 4, ctx);
    default:
      return primitiveOf(type.type, type.logicalType, ctx);
  }
}

function recordOf(fields: readonly AvroField[], type: AvroType, ctx: Context): Record<string, unknown> {
  ctx.building.add(type);
  const out: Record<string, unknown> = {};
  for (const f of fields)
    out[f.name] = valueOf(f.type, { ...ctx, path: ctx.path ? `${ctx.path}.${f.name}` : f.name, name: f.name });
  ctx.building.delete(type);
  return out;
}

/** Whether generating `type` here would start a record that is already being built (an endless value). */
function ends(type: AvroType, ctx: Context): boolean {
  return ctx.building.has(type);
}

function at(ctx: Context, path: string): Context {
  return { ...ctx, path };
}

function primitiveOf(kind: string, logical: LogicalType | undefined, ctx: Context): unknown {
  const n = seeded(ctx.path);
  switch (kind) {
    case 'null':
      return null;
    case 'boolean':
      return n % 2 === 0;
    case 'int':
      return logical ? logicalInt(logical, ctx) : n % 1000;
    case 'long':
      return logical ? logicalLong(logical, n, ctx) : n % 100_000;
    case 'float':
    case 'double':
      return (n % 10_000) / 100;
    default:
      if (logical?.name === 'uuid') return uuidOf(n);
      return `${ctx.name}-${(n % 0x10000).toString(16).padStart(4, '0')}`;
  }
}

function logicalInt(logical: LogicalType, ctx: Context): number {
  if (logical.name === 'date') {
    const days = instantMillis / millisPerDay;
    read(ctx, logical.name, new Date(instantMillis).toISOString().slice(0, 10));
    return days;
  }
  // time-millis: half past nine in the morning.
  read(ctx, logical.name, '09:30:00.000');
  return 34_200_000;
}

function logicalLong(logical: LogicalType, n: number, ctx: Context): number {
  const scale: Record<string, number> = { millis: 1, micros: 1_000, nanos: 1_000_000 };
  const unit = /-(millis|micros|nanos)$/.exec(logical.name)?.[1];
  if (logical.name.startsWith('time-')) {
    read(ctx, logical.name, '09:30:00.000');
    return 34_200_000 * (scale[unit ?? 'millis'] ?? 1);
  }
  if (!unit) return n % 100_000;
  const iso = new Date(instantMillis).toISOString();
  read(ctx, logical.name, logical.name.startsWith('local-') ? `${iso.slice(0, -1)} (local time)` : iso);
  return instantMillis * (scale[unit] ?? 1);
}

/** Bytes as Avro's JSON encoding writes them: one code point 0-255 per byte. */
function bytesOf(logical: LogicalType | undefined, size: number, ctx: Context): string {
  if (logical?.name === 'decimal') {
    // Never more digits than the precision allows, so the value fits the type (and a fixed of its size).
    const unscaled = (1234 + (seeded(ctx.path) % 1000)) % 10 ** Math.min(logical.precision, 9);
    const digits = String(unscaled).padStart(logical.scale + 1, '0');
    const reading = logical.scale > 0 ? `${digits.slice(0, -logical.scale)}.${digits.slice(-logical.scale)}` : digits;
    read(ctx, `decimal(${logical.precision}, ${logical.scale})`, reading);
    return String.fromCharCode(...twosComplement(unscaled, size));
  }
  if (logical?.name === 'uuid') return uuidOf(seeded(ctx.path));
  if (logical?.name === 'duration') {
    read(ctx, 'duration', '1 month, 2 days, 3,000 ms');
    return String.fromCharCode(...le32(1), ...le32(2), ...le32(3000));
  }
  const n = seeded(ctx.path);
  return String.fromCharCode(...Array.from({ length: size }, (_, i) => (n >>> (8 * (i % 4))) & 0xff));
}

/** Big-endian two's complement of a positive number below 2^31, in `size` bytes (a fixed's size, or 4). */
function twosComplement(value: number, size: number): number[] {
  return Array.from({ length: size }, (_, i) => {
    const shift = 8 * (size - 1 - i);
    return shift > 24 ? 0 : (value >>> shift) & 0xff;
  });
}

function le32(value: number): number[] {
  return [0, 1, 2, 3].map((i) => (value >>> (8 * i)) & 0xff);
}

function uuidOf(n: number): string {
  const hex = n.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex.padStart(12, '0')}`;
}

function read(ctx: Context, logicalType: string, reading: string): void {
  ctx.readings.push({ path: ctx.path || '(the event)', logicalType, reading });
}

/** FNV-1a of the value's path: the seed that keeps every value stable across builds and machines. */
function seeded(path: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
