import { describe, expect, it } from 'vitest';
import { checkCompatibility, compatibilityLevels } from '../../src/schema/compat-check.js';
import { fixture, record, tuples } from '../support/compat-helpers.js';

const schema = (fields: string[]) => record('Order', fields);
const id = '{"name": "id", "type": "long"}';
const v1 = { path: 'order.avsc', text: schema([id, '{"name": "a", "type": "string"}']) };
const v2 = { path: 'order.avsc', text: schema([id, '{"name": "a", "type": "string", "default": ""}']) };
const v3 = { path: 'order.avsc', text: schema([id]) };

describe('compatibility levels', () => {
  it('FORWARD checks the latest version only; FORWARD_TRANSITIVE every one', () => {
    expect(checkCompatibility(v3, [v1, v2], 'FORWARD').status).toBe('compatible');
    const transitive = checkCompatibility(v3, [v1, v2], 'FORWARD_TRANSITIVE');
    expect(transitive.status).toBe('incompatible');
    expect(tuples(transitive)).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', 'order.avsc', 1, 3]]);
    expect(transitive.findings[0]?.message).toContain('previous version 1 of 2');
  });

  it('FULL checks both directions and reports each', () => {
    const next = {
      path: 'order.avsc',
      text: schema(['{"name": "id", "type": "string"}', '{"name": "a", "type": "string"}']),
    };
    // Both are at one place: the sort is stable, so the backward direction comes first, as it is checked first.
    expect(checkCompatibility(next, [v1], 'FULL').findings.map((f) => f.message.slice(0, 40))).toEqual([
      'Consumers that read with the new schema ',
      'Consumers still reading with the previou',
    ]);
  });

  it('NONE and an empty history are always compatible', () => {
    expect(checkCompatibility(v3, [v1], 'NONE')).toEqual({ status: 'compatible', level: 'NONE', findings: [] });
    for (const level of compatibilityLevels) expect(checkCompatibility(v1, [], level).status).toBe('compatible');
  });

  it('reports a break met against several versions once, against the latest', () => {
    const result = checkCompatibility(v3, [v1, { ...v1, label: 'commit 1234567' }], 'FORWARD_TRANSITIVE');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.message).toContain('the schema at commit 1234567');
  });

  it('gives no verdict on an invalid schema, only its parser findings', () => {
    const result = checkCompatibility(fixture('orders/invalid.avsc'), [fixture('orders/v1.avsc')], 'BACKWARD');
    expect(result.status).toBe('invalid');
    expect(tuples(result)).toEqual([['AVRO_UNKNOWN_TYPE', 'orders/invalid.avsc', 5, undefined]]);
  });

  it('ignores an invalid older version that the level does not read, as the registry would', () => {
    const broken = { path: 'order.avsc', text: '{"type": "record"' };
    expect(checkCompatibility(v2, [broken, v1], 'BACKWARD').status).toBe('compatible');
    expect(checkCompatibility(v2, [broken, v1], 'BACKWARD_TRANSITIVE').status).toBe('invalid');
  });

  it('keeps parser warnings of the candidate without letting them decide', () => {
    const odd = {
      path: 'order.avsc',
      text: schema([id, '{"name": "a", "type": {"type": "string", "logicalType": "date"}}']),
    };
    const result = checkCompatibility(odd, [v1], 'BACKWARD');
    expect(result.status).toBe('compatible');
    expect(tuples(result)).toEqual([['AVRO_INVALID_LOGICAL_TYPE', 'order.avsc', 3, undefined]]);
  });

  it('names an invalid previous version in its findings', () => {
    const result = checkCompatibility(
      v1,
      [{ path: 'order.avsc', text: '{"type": "record"', label: 'commit abcdef0' }],
      'BACKWARD',
    );
    expect(result.status).toBe('invalid');
    expect(result.findings[0]?.message).toMatch(/^In the schema at commit abcdef0: /);
  });
});

describe('whole schemas', () => {
  it('reports every break of the orders example with both locations', () => {
    const result = checkCompatibility(fixture('orders/v2-breaking.avsc'), [fixture('orders/v1.avsc')], 'BACKWARD');
    expect(tuples(result)).toEqual([
      ['TYPE_MISMATCH', 'orders/v2-breaking.avsc', 7, 7],
      ['MISSING_ENUM_SYMBOLS', 'orders/v2-breaking.avsc', 8, 8],
      ['MISSING_UNION_BRANCH', 'orders/v2-breaking.avsc', 9, 9],
      ['FIXED_SIZE_MISMATCH', 'orders/v2-breaking.avsc', 10, 10],
      ['NAME_MISMATCH', 'orders/v2-breaking.avsc', 10, 10],
      ['LOGICAL_TYPE_CHANGED', 'orders/v2-breaking.avsc', 11, 11],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'orders/v2-breaking.avsc', 12, 3],
    ]);
  });

  it('accepts the compatible evolution backward, and explains why it is not forward', () => {
    expect(
      checkCompatibility(fixture('orders/v2-compatible.avsc'), [fixture('orders/v1.avsc')], 'BACKWARD_TRANSITIVE')
        .status,
    ).toBe('compatible');
    expect(
      tuples(checkCompatibility(fixture('orders/v2-compatible.avsc'), [fixture('orders/v1.avsc')], 'FORWARD')),
    ).toEqual([
      ['TYPE_MISMATCH', 'orders/v2-compatible.avsc', 7, 7],
      ['MISSING_ENUM_SYMBOLS', 'orders/v2-compatible.avsc', 8, 8],
    ]);
  });

  it('follows recursive types to the break inside them', () => {
    const result = checkCompatibility(fixture('recursive/list-v2.avsc'), [fixture('recursive/list-v1.avsc')], 'FULL');
    expect(tuples(result)).toEqual([
      ['TYPE_MISMATCH', 'recursive/list-v2.avsc', 6, 6],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'recursive/list-v2.avsc', 8, 3],
    ]);
  });

  it('resolves named types referenced from another file of the product, locating breaks in that file', () => {
    const candidate = {
      ...fixture('refs/customer-v1.avsc'),
      references: [{ ...fixture('refs/address-v2.avsc'), path: 'refs/address.avsc' }],
    };
    const previous = { ...fixture('refs/customer-v1.avsc'), references: [fixture('refs/address.avsc')] };
    const result = checkCompatibility(candidate, [previous], 'BACKWARD');
    expect(tuples(result)).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', 'refs/address.avsc', 7, 3]]);
    expect(result.findings[0]?.message).toContain('field `home.city`');
  });
});

describe("Avro's multiple-incompatibilities example", () => {
  it('reports each break Avro 1.12 finds, each on its own line (a namespace change alone is no longer one)', () => {
    const result = checkCompatibility(fixture('multiple/reader.avsc'), [fixture('multiple/writer.avsc')], 'BACKWARD');
    expect(tuples(result)).toEqual([
      ['MISSING_ENUM_SYMBOLS', 'multiple/reader.avsc', 5, 5],
      ['NAME_MISMATCH', 'multiple/reader.avsc', 6, 6],
      ['TYPE_MISMATCH', 'multiple/reader.avsc', 7, 7],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'multiple/reader.avsc', 15, 12],
      ['FIXED_SIZE_MISMATCH', 'multiple/reader.avsc', 16, 15],
      ['MISSING_UNION_BRANCH', 'multiple/reader.avsc', 17, 16],
      ['MISSING_UNION_BRANCH', 'multiple/reader.avsc', 17, 16],
      ['MISSING_UNION_BRANCH', 'multiple/reader.avsc', 18, 17],
      ['TYPE_MISMATCH', 'multiple/reader.avsc', 27, 26],
    ]);
  });
});
