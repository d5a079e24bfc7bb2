import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../src/schema/compat-check.js';
import { record, tuples } from '../support/compat-helpers.js';

const v1 = record('User', ['{"name": "id", "type": "long"}', '{"name": "name", "type": "string"}']);

describe('record fields', () => {
  it('BACKWARD: a new field without a default breaks readers of old data, at the new field', () => {
    const v2 = record('User', [
      '{"name": "id", "type": "long"}',
      '{"name": "name", "type": "string"}',
      '{"name": "email", "type": "string"}',
    ]);
    const result = checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: v1 }], 'BACKWARD');
    expect(result.status).toBe('incompatible');
    expect(tuples(result)).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', 'new.avsc', 4, 1]]);
    expect(result.findings[0]?.message).toContain(
      'Consumers that read with the new schema cannot decode records written with the previous schema, because field `email`',
    );
    expect(result.findings[0]?.message).toContain('Add "default": "" to field `email`');
  });

  it('BACKWARD: a new field with a default is compatible', () => {
    const v2 = record('User', [
      '{"name": "id", "type": "long"}',
      '{"name": "name", "type": "string"}',
      '{"name": "email", "type": ["null", "string"], "default": null}',
    ]);
    expect(checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: v1 }], 'BACKWARD')).toEqual({
      status: 'compatible',
      level: 'BACKWARD',
      findings: [],
    });
  });

  it('FORWARD: removing a field without a default breaks old readers, located at the new record', () => {
    const v2 = record('User', ['{"name": "id", "type": "long"}']);
    const result = checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: v1 }], 'FORWARD');
    expect(tuples(result)).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', 'new.avsc', 1, 3]]);
    expect(result.findings[0]?.message).toContain(
      'the new schema drops field `name`, which has no default in the previous schema',
    );
  });

  it('matches a renamed field through the reader alias', () => {
    const v2 = record('User', [
      '{"name": "id", "type": "long"}',
      '{"name": "fullName", "aliases": ["name"], "type": "string"}',
    ]);
    expect(
      checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: v1 }], 'BACKWARD').status,
    ).toBe('compatible');
    expect(
      tuples(checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: v1 }], 'FORWARD')),
    ).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', 'new.avsc', 1, 3]]);
  });

  it('reports a field whose name and alias match two writer fields (Avro throws there)', () => {
    const v2 = record('User', [
      '{"name": "id", "aliases": ["name"], "type": "long"}',
      '{"name": "name", "type": "string"}',
    ]);
    expect(
      tuples(checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: v1 }], 'BACKWARD')),
    ).toEqual([['READER_FIELD_AMBIGUOUS', 'new.avsc', 2, 1]]);
  });

  it('reports every broken field, not only the first', () => {
    const v2 = record('User', [
      '{"name": "id", "type": "string"}',
      '{"name": "name", "type": "int"}',
      '{"name": "age", "type": "int"}',
    ]);
    expect(
      tuples(checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: v1 }], 'BACKWARD')),
    ).toEqual([
      ['TYPE_MISMATCH', 'new.avsc', 2, 2],
      ['TYPE_MISMATCH', 'new.avsc', 3, 3],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'new.avsc', 4, 1],
    ]);
  });

  it('fails a missing enum field even when its enum has a default, as Avro does', () => {
    const v2 = record('User', [
      '{"name": "id", "type": "long"}',
      '{"name": "name", "type": "string"}',
      '{"name": "tier", "type": {"type": "enum", "name": "Tier", "symbols": ["A"], "default": "A"}}',
    ]);
    expect(
      tuples(checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: v1 }], 'BACKWARD')),
    ).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', 'new.avsc', 4, 1]]);
  });
});
