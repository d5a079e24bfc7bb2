import type { PublishedCase } from './avro-published-cases.js';

/**
 * Corners of Avro's resolution that the published cases do not reach, each with the verdict Apache Avro Java gives
 * (the integration suite checks these verdicts against Java itself).
 */
type Case = [name: string, reader: unknown, writer: unknown, expected: PublishedCase['expected']];

const rec = (name: string, fields: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'record',
  name,
  fields,
  ...extra,
});
const node = (head: string) =>
  rec(
    'Node',
    [
      { name: 'head', type: head },
      { name: 'next', type: ['null', 'Node'], default: null },
    ],
    { namespace: 'com.acme' },
  );
const mutualA = (leaf: string) =>
  rec(
    'A',
    [
      {
        name: 'b',
        type: [
          'null',
          rec('B', [
            { name: 'leaf', type: leaf },
            { name: 'a', type: ['null', 'A'], default: null },
          ]),
        ],
        default: null,
      },
    ],
    { namespace: 'm' },
  );

const cases: Case[] = [
  [
    'a field matching two writer fields by name and alias (Java throws)',
    rec('R', [{ name: 'a', aliases: ['b'], type: 'int' }]),
    rec('R', [
      { name: 'a', type: 'int' },
      { name: 'b', type: 'int' },
    ]),
    'INCOMPATIBLE',
  ],
  [
    'a missing enum field with an enum default but no field default',
    rec('R', [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A'], default: 'A' } }]),
    rec('R', []),
    'INCOMPATIBLE',
  ],
  [
    'a reader alias naming the writer full name',
    rec('New', [], { namespace: 'ns2', aliases: ['ns1.Old'] }),
    rec('Old', [], { namespace: 'ns1' }),
    'COMPATIBLE',
  ],
  [
    'a reader alias resolved in the reader namespace does not match another namespace',
    rec('New', [], { namespace: 'ns', aliases: ['Old'] }),
    rec('Old', [], { namespace: 'other' }),
    'INCOMPATIBLE',
  ],
  ['a writer alias does not help the reader', rec('Old', []), rec('New', [], { aliases: ['Old'] }), 'INCOMPATIBLE'],
  [
    'an error type reads a record of the same name',
    { type: 'error', name: 'Failure', fields: [{ name: 'm', type: 'string' }] },
    rec('Failure', [{ name: 'm', type: 'string' }]),
    'COMPATIBLE',
  ],
  ['a recursive list promotes its items', node('long'), node('int'), 'COMPATIBLE'],
  ['a recursive list cannot narrow its items', node('int'), node('long'), 'INCOMPATIBLE'],
  ['mutually recursive records break deep inside', mutualA('int'), mutualA('string'), 'INCOMPATIBLE'],
  ['mutually recursive records promote deep inside', mutualA('double'), mutualA('float'), 'COMPATIBLE'],
  ['a reader union reads through its first fitting branch', ['long', 'int'], 'int', 'COMPATIBLE'],
  [
    'an enum default absorbs removed symbols',
    { type: 'enum', name: 'E', symbols: ['A'], default: 'A' },
    { type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] },
    'COMPATIBLE',
  ],
  [
    'a fixed renamed with an alias still needs its size',
    { type: 'fixed', name: 'New', aliases: ['Old'], size: 8 },
    { type: 'fixed', name: 'Old', size: 4 },
    'INCOMPATIBLE',
  ],
  [
    'a decimal that changes precision and scale',
    { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 4 },
    { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 },
    'COMPATIBLE',
  ],
  [
    'a decimal moving from bytes to fixed',
    { type: 'fixed', name: 'D', size: 8, logicalType: 'decimal', precision: 10, scale: 2 },
    { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 },
    'INCOMPATIBLE',
  ],
  [
    'a timestamp whose unit changes',
    { type: 'long', logicalType: 'timestamp-micros' },
    { type: 'long', logicalType: 'timestamp-millis' },
    'COMPATIBLE',
  ],
  [
    'a record that only changes namespace',
    rec('R', [{ name: 'a', type: 'int' }], { namespace: 'x' }),
    rec('R', [{ name: 'a', type: 'int' }], { namespace: 'y' }),
    'COMPATIBLE',
  ],
  ['a non-union reader of a writer union whose branches all promote', 'double', ['int', 'float', 'long'], 'COMPATIBLE'],
  ['a non-union reader of a writer union with one branch it cannot read', 'double', ['int', 'string'], 'INCOMPATIBLE'],
  [
    'a renamed field found through the reader alias',
    rec('R', [{ name: 'b', aliases: ['a'], type: 'long' }]),
    rec('R', [{ name: 'a', type: 'int' }]),
    'COMPATIBLE',
  ],
  [
    'a writer field alias does not help the reader',
    rec('R', [{ name: 'x', type: 'int' }]),
    rec('R', [{ name: 'a', aliases: ['x'], type: 'int' }]),
    'INCOMPATIBLE',
  ],
  ['a record read from a union containing it among others', rec('R', []), ['null', rec('R', [])], 'INCOMPATIBLE'],
  [
    'a union reads a record branch that gained a defaulted field',
    ['null', rec('R', [{ name: 'n', type: 'int', default: 0 }])],
    rec('R', []),
    'COMPATIBLE',
  ],
  [
    'a union whose record branch gained a required field',
    ['null', rec('R', [{ name: 'n', type: 'int' }])],
    rec('R', []),
    'INCOMPATIBLE',
  ],
  [
    'maps of unions that gain a branch',
    { type: 'map', values: ['null', 'long', 'string'] },
    { type: 'map', values: ['null', 'long'] },
    'COMPATIBLE',
  ],
  [
    'arrays of records that lose a field',
    { type: 'array', items: rec('I', [{ name: 'a', type: 'int' }]) },
    {
      type: 'array',
      items: rec('I', [
        { name: 'a', type: 'int' },
        { name: 'b', type: 'int' },
      ]),
    },
    'COMPATIBLE',
  ],
];

export const avroEdgeCases: readonly PublishedCase[] = cases.map(([name, reader, writer, expected]) => ({
  name,
  reader: JSON.stringify(reader),
  writer: JSON.stringify(writer),
  expected,
}));
