import { describe, expect, it } from 'vitest';
import { canonicalOf } from '../../src/schema/compat-canonical.js';
import { nodeOf } from '../../src/schema/compat-graph.js';
import { parseOne } from '../support/avro-verdicts.js';

const canonical = (schema: unknown) => canonicalOf(nodeOf(parseOne(JSON.stringify(schema))!));
const base = {
  type: 'record',
  name: 'Node',
  namespace: 'com.acme',
  fields: [
    { name: 'value', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'next', type: ['null', 'Node'], default: null },
    { name: 'tags', type: { type: 'map', values: { type: 'enum', name: 'Tag', symbols: ['A', 'B'] } } },
  ],
};
const withField = (i: number, change: Record<string, unknown>) => ({
  ...base,
  fields: base.fields.map((f, k) => (k === i ? { ...f, ...change } : f)),
});

describe('canonicalOf', () => {
  it('is equal for the same schema parsed twice, whatever the layout, docs, order or default values', () => {
    const relaid = { ...withField(1, { default: null, doc: 'the tail', order: 'ignore' }), doc: 'a list' };
    expect(canonical(relaid)).toBe(canonical(base));
  });

  it('keys a recursive type by its unfolding, so a change inside the cycle changes it', () => {
    const deeper = withField(1, { type: ['null', { type: 'array', items: 'Node' }] });
    expect(canonical(base)).toMatch(/^rec\(#.+\)com\.acme\.Node$/);
    expect(canonical(deeper)).not.toBe(canonical(base));
  });

  it.each([
    ['a field default', withField(0, { default: '\u0000' })],
    ['a field alias', withField(0, { aliases: ['amount'] })],
    ['a logical type', withField(0, { type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 3 } })],
    [
      'an enum symbol',
      withField(2, { type: { type: 'map', values: { type: 'enum', name: 'Tag', symbols: ['A', 'C'] } } }),
    ],
    ['a namespace', { ...base, namespace: 'org.other' }],
    ['a type alias', { ...base, aliases: ['Old'] }],
  ])('changes with %s', (_, changed) => {
    expect(canonical(changed)).not.toBe(canonical(base));
  });
});
