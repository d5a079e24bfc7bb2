import type { Span } from '../core/data-node.js';

/**
 * Avro schemas as a graph: named types are shared objects, so a reference and a recursive use point at the very
 * definition. Every node knows the file and the span it came from, so findings point at exact lines.
 */
export type AvroType = AvroPrimitive | AvroRecord | AvroEnum | AvroFixed | AvroArray | AvroMap | AvroUnion;

export type PrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';
export const primitiveNames: readonly PrimitiveName[] = [
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
];

/** Whether a name is a primitive type's; a switch, because the parser asks it of every type name it reads. */
export function isPrimitiveName(name: string): name is PrimitiveName {
  switch (name) {
    case 'null':
    case 'boolean':
    case 'int':
    case 'long':
    case 'float':
    case 'double':
    case 'bytes':
    case 'string':
      return true;
    default:
      return false;
  }
}

export interface Origin {
  /** Repository-relative path of the .avsc file. */
  readonly file: string;
  /** Where this type is written (for a reference to a named type: the definition). */
  readonly span: Span;
}

export interface AvroPrimitive extends Origin {
  readonly type: PrimitiveName;
  readonly logicalType?: LogicalType;
  readonly props: Readonly<Record<string, unknown>>;
}

export type LogicalType =
  | { readonly name: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly name: 'uuid' | 'date' | 'time-millis' | 'time-micros' | 'timestamp-millis' | 'timestamp-micros' }
  | { readonly name: 'timestamp-nanos' | 'local-timestamp-millis' | 'local-timestamp-micros' | 'local-timestamp-nanos' }
  | { readonly name: 'duration' };

export interface NamedOrigin extends Origin {
  /** Full name, `namespace.name` (no leading dot when there is no namespace). */
  readonly name: string;
  readonly namespace: string;
  /** Full names this type also answers to when it is the reader. */
  readonly aliases: readonly string[];
  readonly doc?: string;
  readonly nameSpan: Span;
  readonly props: Readonly<Record<string, unknown>>;
}

export interface AvroRecord extends NamedOrigin {
  readonly type: 'record' | 'error';
  readonly fields: AvroField[];
}

export interface AvroField {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly doc?: string;
  /** Mutable only while parsing, to tie references to types defined in other files. */
  type: AvroType;
  readonly hasDefault: boolean;
  readonly default?: unknown;
  readonly order: 'ascending' | 'descending' | 'ignore';
  readonly props: Readonly<Record<string, unknown>>;
  /** The whole field object. */
  readonly span: Span;
  readonly nameSpan: Span;
  /** Where the field's type is written (the reference, for a named type defined elsewhere). */
  readonly typeSpan: Span;
  readonly defaultSpan?: Span;
}

export interface AvroEnum extends NamedOrigin {
  readonly type: 'enum';
  readonly symbols: readonly string[];
  readonly symbolSpans: readonly Span[];
  readonly default?: string;
}

export interface AvroFixed extends NamedOrigin {
  readonly type: 'fixed';
  readonly size: number;
  readonly logicalType?: LogicalType;
}

export interface AvroArray extends Origin {
  readonly type: 'array';
  items: AvroType;
  readonly itemsSpan: Span;
  readonly props: Readonly<Record<string, unknown>>;
}

export interface AvroMap extends Origin {
  readonly type: 'map';
  values: AvroType;
  readonly valuesSpan: Span;
  readonly props: Readonly<Record<string, unknown>>;
}

export interface AvroUnion extends Origin {
  readonly type: 'union';
  readonly branches: AvroType[];
  readonly branchSpans: readonly Span[];
}

export type AvroNamed = AvroRecord | AvroEnum | AvroFixed;

/** The types directly inside `t`: a record's field types, an array's items, a map's values, a union's branches. */
export function childTypes(t: AvroType): readonly AvroType[] {
  if (t.type === 'record' || t.type === 'error') return t.fields.map((f) => f.type);
  if (t.type === 'array') return [t.items];
  if (t.type === 'map') return [t.values];
  if (t.type === 'union') return t.branches;
  return [];
}

export function isNamed(t: AvroType): t is AvroNamed {
  return t.type === 'record' || t.type === 'error' || t.type === 'enum' || t.type === 'fixed';
}

/** The short name of a full name. */
export function shortName(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot === -1 ? fullName : fullName.slice(dot + 1);
}

const maxDescribedBranches = 8;

/** A readable name for a type in messages: `string`, `com.acme.Order`, `array<long>`, `union[null, string]`. */
export function describeType(t: AvroType): string {
  switch (t.type) {
    case 'array':
      return `array<${describeType(t.items)}>`;
    case 'map':
      return `map<${describeType(t.values)}>`;
    case 'union': {
      // A union may list thousands of types; a message names the first few.
      const shown = t.branches.slice(0, maxDescribedBranches).map(describeType);
      const more = t.branches.length - shown.length;
      return `union[${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}]`;
    }
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed':
      return t.name;
    default:
      return t.logicalType ? `${t.type} (${t.logicalType.name})` : t.type;
  }
}
