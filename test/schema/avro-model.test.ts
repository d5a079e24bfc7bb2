import { describe, expect, it } from 'vitest';
import {
  childTypes,
  describeType,
  isNamed,
  primitiveNames,
  shortName,
  type AvroField,
  type AvroType,
} from '../../src/schema/avro-model.js';

const span = { start: 0, end: 1 };
const origin = { file: 'a.avsc', span };
const prim = (type: 'null' | 'int' | 'long' | 'string', extra: object = {}): AvroType =>
  ({ type, ...origin, props: {}, ...extra }) as AvroType;
const named = { namespace: 'com.acme', aliases: [], nameSpan: span, props: {}, ...origin };
const field = (name: string, type: AvroType): AvroField => ({
  name,
  aliases: [],
  type,
  hasDefault: false,
  order: 'ascending',
  props: {},
  span,
  nameSpan: span,
  typeSpan: span,
});
const record: AvroType = {
  ...named,
  type: 'record',
  name: 'com.acme.Order',
  fields: [field('id', prim('long')), field('note', prim('string'))],
};
const enumType: AvroType = { ...named, type: 'enum', name: 'com.acme.Status', symbols: ['A'], symbolSpans: [span] };
const fixed: AvroType = { ...named, type: 'fixed', name: 'Hash', size: 16 };
const array: AvroType = { type: 'array', items: prim('long'), itemsSpan: span, props: {}, ...origin };
const map: AvroType = { type: 'map', values: record, valuesSpan: span, props: {}, ...origin };
const union = (branches: AvroType[]): AvroType => ({
  type: 'union',
  branches,
  branchSpans: branches.map(() => span),
  ...origin,
});

describe('primitiveNames', () => {
  it('lists the eight Avro primitives', () => {
    expect([...primitiveNames].sort()).toEqual([
      'boolean',
      'bytes',
      'double',
      'float',
      'int',
      'long',
      'null',
      'string',
    ]);
  });
});

describe('childTypes', () => {
  it('gives a record its field types in order, an error too', () => {
    expect(childTypes(record)).toEqual([prim('long'), prim('string')]);
    expect(childTypes({ ...record, type: 'error' } as AvroType)).toHaveLength(2);
  });

  it('gives an array its items, a map its values and a union its branches', () => {
    expect(childTypes(array)[0]).toBe((array as { items: AvroType }).items);
    expect(childTypes(map)).toEqual([record]);
    const u = union([prim('null'), record]);
    expect(childTypes(u)).toBe((u as { branches: AvroType[] }).branches);
  });

  it('gives primitives, enums and fixed no children', () => {
    expect(childTypes(prim('int'))).toEqual([]);
    expect(childTypes(enumType)).toEqual([]);
    expect(childTypes(fixed)).toEqual([]);
  });
});

describe('isNamed', () => {
  it('is true for record, error, enum and fixed only', () => {
    expect([record, { ...record, type: 'error' } as AvroType, enumType, fixed].map(isNamed)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([prim('int'), array, map, union([prim('null')])].map(isNamed)).toEqual([false, false, false, false]);
  });
});

describe('shortName', () => {
  it('drops the namespace, or keeps a name without one', () => {
    expect(shortName('com.acme.Order')).toBe('Order');
    expect(shortName('Order')).toBe('Order');
    expect(shortName('a.b.')).toBe('');
  });
});

describe('describeType', () => {
  it('names primitives, with their logical type when they have one', () => {
    expect(describeType(prim('string'))).toBe('string');
    expect(describeType(prim('long', { logicalType: { name: 'timestamp-millis' } }))).toBe('long (timestamp-millis)');
  });

  it('names named types by full name, and nests arrays and maps', () => {
    expect(describeType(record)).toBe('com.acme.Order');
    expect(describeType(enumType)).toBe('com.acme.Status');
    expect(describeType(fixed)).toBe('Hash');
    expect(describeType(array)).toBe('array<long>');
    expect(describeType(map)).toBe('map<com.acme.Order>');
  });

  it('lists up to eight union branches and counts the rest', () => {
    expect(describeType(union([prim('null'), prim('string')]))).toBe('union[null, string]');
    const eight = Array.from({ length: 8 }, () => prim('int'));
    expect(describeType(union(eight))).toBe(`union[${Array(8).fill('int').join(', ')}]`);
    const ten = Array.from({ length: 10 }, () => prim('int'));
    expect(describeType(union(ten))).toBe(`union[${Array(8).fill('int').join(', ')}, and 2 more]`);
  });
});
