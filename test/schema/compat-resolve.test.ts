import { describe, expect, it } from 'vitest';
import type { AvroType } from '../../src/schema/avro-model.js';
import { nodeOf } from '../../src/schema/compat-graph.js';
import { CompatResolver, maxResolutionDepth } from '../../src/schema/compat-resolve.js';
import { pathOf, type Side } from '../../src/schema/compat-types.js';
import { parseOne } from '../support/avro-verdicts.js';

const root = (type: AvroType): Side => ({
  type,
  node: nodeOf(type),
  file: type.file,
  span: type.span,
  parent: undefined,
  step: '',
});
const schema = (s: unknown) => parseOne(JSON.stringify(s))!;
const check = (reader: unknown, writer: unknown) =>
  new CompatResolver().check(root(schema(reader)), root(schema(writer)));
/** The breaks as (rule, reader path, reader type kind, writer type kind). */
const breaks = (reader: unknown, writer: unknown) =>
  check(reader, writer).breaks.map((b) => [b.ruleId, pathOf(b.reader), b.reader.type.type, b.writer.type.type]);
const rec = (fields: unknown[], name = 'R') => ({ type: 'record', name, fields });
const status = (symbols: string[], extra: object = {}) => ({ type: 'enum', name: 'Status', symbols, ...extra });

describe('CompatResolver: primitives', () => {
  it.each([
    ['long', 'int'],
    ['float', 'long'],
    ['double', 'float'],
    ['bytes', 'string'],
    ['string', 'bytes'],
  ])('lets %s read %s', (reader, writer) => {
    expect(check(reader, writer)).toEqual({ compatible: true, breaks: [] });
  });

  it.each([
    ['int', 'long'],
    ['float', 'double'],
    ['boolean', 'int'],
    ['string', 'int'],
  ])('refuses %s reading %s', (reader, writer) => {
    expect(breaks(reader, writer)).toEqual([['TYPE_MISMATCH', '', reader, writer]]);
    expect(check(reader, writer).compatible).toBe(false);
  });

  it('warns, but stays compatible, when only the logical type changes', () => {
    const r = check(
      { type: 'long', logicalType: 'timestamp-millis' },
      { type: 'long', logicalType: 'timestamp-micros' },
    );
    expect(r.compatible).toBe(true);
    expect(r.breaks.map((b) => [b.ruleId, b.severity])).toEqual([['LOGICAL_TYPE_CHANGED', 'warning']]);
    expect(check({ type: 'long', logicalType: 'timestamp-millis' }, 'int').breaks.map((b) => b.ruleId)).toEqual([
      'LOGICAL_TYPE_CHANGED',
    ]);
  });
});

describe('CompatResolver: composites', () => {
  it('resolves array items and map values, with the path through them', () => {
    expect(breaks({ type: 'array', items: 'int' }, { type: 'array', items: 'long' })).toEqual([
      ['TYPE_MISMATCH', '[]', 'int', 'long'],
    ]);
    expect(
      breaks(
        rec([{ name: 'm', type: { type: 'map', values: 'int' } }]),
        rec([{ name: 'm', type: { type: 'map', values: 'string' } }]),
      ),
    ).toEqual([['TYPE_MISMATCH', 'm{}', 'int', 'string']]);
    expect(check({ type: 'array', items: 'long' }, { type: 'array', items: 'int' }).compatible).toBe(true);
  });

  it('finds an array read as a map a type mismatch', () => {
    expect(breaks({ type: 'map', values: 'int' }, { type: 'array', items: 'int' })).toEqual([
      ['TYPE_MISMATCH', '', 'map', 'array'],
    ]);
  });

  it('checks names, record fields and enum symbols together', () => {
    const reader = rec(
      [
        { name: 'a', type: 'int' },
        { name: 'b', type: 'string' },
      ],
      'Renamed',
    );
    const writer = rec([{ name: 'a', type: 'long' }]);
    expect(breaks(reader, writer)).toEqual([
      ['NAME_MISMATCH', '', 'record', 'record'],
      ['TYPE_MISMATCH', 'a', 'int', 'long'],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'b', 'string', 'record'],
    ]);
    expect(breaks(status(['A']), status(['A', 'B', 'C']))).toEqual([['MISSING_ENUM_SYMBOLS', '', 'enum', 'enum']]);
    expect(check(status(['A']), status(['A', 'B', 'C'])).breaks[0]?.symbols).toEqual(['B', 'C']);
    expect(
      breaks(
        { type: 'fixed', name: 'F', size: 4, logicalType: 'decimal', precision: 2 },
        { type: 'fixed', name: 'F', size: 8 },
      ).map((b) => b[0]),
    ).toEqual(['FIXED_SIZE_MISMATCH', 'LOGICAL_TYPE_CHANGED']);
  });

  it('terminates on recursive types, and finds a break inside the cycle once', () => {
    const list = (value: string) =>
      rec([
        { name: 'value', type: value },
        { name: 'next', type: ['null', 'R'] },
      ]);
    expect(check(list('long'), list('int'))).toEqual({ compatible: true, breaks: [] });
    expect(breaks(list('int'), list('long'))).toEqual([['TYPE_MISMATCH', 'value', 'int', 'long']]);
  });
});

describe('CompatResolver: unions', () => {
  it('needs every writer branch readable', () => {
    expect(check(['null', 'long'], ['null', 'int']).compatible).toBe(true);
    expect(breaks('long', ['null', 'int', 'string'])).toEqual([
      ['TYPE_MISMATCH', '', 'long', 'null'],
      ['TYPE_MISMATCH', '', 'long', 'string'],
    ]);
  });

  it('says a reader union lacks the writer type', () => {
    expect(breaks(['null', 'string'], 'int')).toEqual([['MISSING_UNION_BRANCH', '', 'union', 'int']]);
    expect(breaks(['null', 'string'], ['null', 'boolean'])).toEqual([['MISSING_UNION_BRANCH', '', 'union', 'boolean']]);
  });

  it('takes the first reader branch that reads the writer, its warning included', () => {
    const r = check([{ type: 'long', logicalType: 'timestamp-millis' }, 'double'], 'int');
    expect(r.compatible).toBe(true);
    expect(r.breaks.map((b) => [b.ruleId, b.reader.type.type])).toEqual([['LOGICAL_TYPE_CHANGED', 'long']]);
  });

  it('explains why the branch of the writer own named type fails, rather than a missing branch', () => {
    expect(breaks(['null', status(['A'])], status(['A', 'B']))).toEqual([['MISSING_ENUM_SYMBOLS', '', 'enum', 'enum']]);
  });

  it('matches named branches by short name or by an alias of the writer full name', () => {
    const writer = { ...status(['A']), namespace: 'old.ns' };
    expect(check(['null', { ...status(['A']), namespace: 'new.ns' }], writer).compatible).toBe(true);
    const renamed = { type: 'enum', name: 'State', symbols: ['A'], aliases: ['old.ns.Status'] };
    expect(check(['null', renamed], writer).compatible).toBe(true);
    expect(breaks(['null', { ...renamed, aliases: [] }], writer)).toEqual([
      ['MISSING_UNION_BRANCH', '', 'union', 'enum'],
    ]);
  });

  it('positions a branch at its place in the union, without adding a step to the path', () => {
    const text = JSON.stringify(['null', 'int']);
    const writer = schema(['null', 'int']);
    const result = new CompatResolver().check(root(schema('string')), root(writer));
    const spans = result.breaks.map((b) => text.slice(b.writer.span.start, b.writer.span.end));
    expect(spans).toEqual(['"null"', '"int"']);
    expect(result.breaks.map((b) => [pathOf(b.writer), b.writer.parent?.type])).toEqual([
      ['', writer],
      ['', writer],
    ]);
  });
});

describe('CompatResolver: depth', () => {
  const nested = (depth: number, leaf: AvroType['type']): AvroType => {
    const span = { start: 0, end: 1 };
    let t: AvroType = { type: leaf, file: 'a.avsc', span, props: {} } as AvroType;
    for (let i = 0; i < depth; i++) t = { type: 'array', items: t, itemsSpan: span, file: 'a.avsc', span, props: {} };
    return t;
  };

  it('stops past the maximum depth with RESOLUTION_TOO_DEEP instead of overflowing', () => {
    const r = new CompatResolver().check(
      root(nested(maxResolutionDepth + 10, 'int')),
      root(nested(maxResolutionDepth + 10, 'long')),
    );
    expect(r.compatible).toBe(false);
    expect(r.breaks.map((b) => b.ruleId)).toEqual(['RESOLUTION_TOO_DEEP']);
    expect(pathOf(r.breaks[0]!.reader)).toBe('[]'.repeat(maxResolutionDepth));
  });

  it('resolves nesting just under the maximum', () => {
    const r = new CompatResolver().check(
      root(nested(maxResolutionDepth - 1, 'int')),
      root(nested(maxResolutionDepth - 1, 'long')),
    );
    expect(r.breaks.map((b) => b.ruleId)).toEqual(['TYPE_MISMATCH']);
    expect(maxResolutionDepth).toBe(500);
  });
});
