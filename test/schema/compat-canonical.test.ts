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

describe('canonicalOf keys', () => {
  const key = (schema: unknown) => canonical(schema);

  it('write primitives by kind and logical type', () => {
    expect(key('long')).toBe('long:none');
    expect(key({ type: 'long', logicalType: 'timestamp-millis' })).toBe('long:timestamp-millis');
    expect(key({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 1 })).toBe('bytes:decimal(4, 1)');
  });

  it('write arrays, maps and unions from their children', () => {
    expect(key({ type: 'array', items: 'int' })).toBe('array(int:none)');
    expect(key({ type: 'map', values: ['null', 'string'] })).toBe('map(union(null:none,string:none))');
  });

  it('write enums with symbols and default, fixed with size and logical type', () => {
    expect(key({ type: 'enum', name: 'E', namespace: 'n', aliases: ['Old'], symbols: ['A', 'B'], default: 'A' })).toBe(
      'enum{n.E;["n.Old"];["A","B"];A}',
    );
    expect(key({ type: 'enum', name: 'E', symbols: ['A'] })).toBe('enum{E;[];["A"];}');
    expect(key({ type: 'fixed', name: 'F', size: 16, logicalType: 'uuid' })).toBe('fixed{F;[];16;uuid}');
  });

  it('write a record with its fields, their aliases and whether they have a default', () => {
    expect(
      key({
        type: 'record',
        name: 'R',
        fields: [
          { name: 'a', type: 'int', aliases: ['b'], default: 1 },
          { name: 'c', type: 'string' },
        ],
      }),
    ).toBe('record{R;[];a["b"]=:int:none,c[]:string:none}');
  });

  it('write a long child key by its SHA-256 digest', () => {
    const long = { type: 'enum', name: 'Status', namespace: 'com.acme.orders', symbols: ['NEW', 'PAID', 'SHIPPED'] };
    const inner = key(long);
    expect(inner.length).toBeGreaterThan(48);
    expect(key({ type: 'array', items: long })).toMatch(/^array\(#[A-Za-z0-9+/]{43}=\)$/);
    expect(key({ type: 'array', items: 'int' })).not.toContain('#');
  });

  it('give the members of a cycle one digest, whichever member is keyed first', () => {
    const schema = {
      type: 'record',
      name: 'B',
      fields: [
        {
          name: 'a',
          type: { type: 'record', name: 'A', fields: [{ name: 'b', type: ['null', 'B'] }] },
        },
      ],
    };
    const fromB = nodeOf(parseOne(JSON.stringify(schema))!);
    const keyB = canonicalOf(fromB);
    const keyA = canonicalOf(fromB.fields[0]!.type);
    expect(keyB).toMatch(/^rec\(#.+\)B$/);
    expect(keyA).toBe(`${keyB.slice(0, -1)}A`);
    // A fresh parse keyed from A first gives the same keys.
    const again = nodeOf(parseOne(JSON.stringify(schema))!);
    expect(canonicalOf(again.fields[0]!.type)).toBe(keyA);
    expect(canonicalOf(again)).toBe(keyB);
  });

  it('key a type chained two thousand levels deep without overflowing the stack', () => {
    let t: unknown = { type: 'record', name: 'R0', fields: [{ name: 'v', type: 'int' }] };
    // JSON bounds nesting, so each record refers to the one before it by name: a chain 2000 records deep.
    const defs = Array.from({ length: 2000 }, (_, i) => ({
      name: `f${i}`,
      type: i === 0 ? t : { type: 'record', name: `R${i}`, fields: [{ name: 'prev', type: `R${i - 1}` }] },
    }));
    t = { type: 'record', name: 'Top', fields: defs };
    const top = canonical(t);
    // R1's key is exactly 48 characters, still inline; R2's is longer, so written by digest.
    expect(top).toMatch(
      /^record\{Top;\[\];f0\[\]:record\{R0;\[\];v\[\]:int:none\},f1\[\]:record\{R1;\[\];prev\[\]:record\{R0;\[\];v\[\]:int:none\}\},f2\[\]:#/,
    );
    expect(top).toMatch(/,f1999\[\]:#[A-Za-z0-9+/]{43}=\}$/);
  });
});
