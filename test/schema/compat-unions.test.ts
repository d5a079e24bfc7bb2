import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../src/schema/compat-check.js';
import { record, tuples } from '../support/compat-helpers.js';

const note = (type: string) => record('Order', [`{"name": "note", "type": ${type}}`]);
const check = (next: string, prev: string, level: 'BACKWARD' | 'FORWARD') =>
  checkCompatibility({ path: 'new.avsc', text: note(next) }, [{ path: 'old.avsc', text: note(prev) }], level);

describe('unions', () => {
  it('BACKWARD: a removed branch breaks readers of data written with it', () => {
    const result = check('["null", "long"]', '["null", "string"]', 'BACKWARD');
    expect(tuples(result)).toEqual([['MISSING_UNION_BRANCH', 'new.avsc', 2, 2]]);
    expect(result.findings[0]?.message).toContain('can no longer read string');
  });

  it('wrapping a type in a union is backward compatible but not forward', () => {
    expect(check('["null", "string"]', '"string"', 'BACKWARD').status).toBe('compatible');
    const forward = check('["null", "string"]', '"string"', 'FORWARD');
    expect(tuples(forward)).toEqual([['TYPE_MISMATCH', 'new.avsc', 2, 2]]);
    expect(forward.findings[0]?.message).toContain(
      'changes from string to union[null, string], and Avro cannot read null as string',
    );
  });

  it('a reader union reads a promoted writer type through any branch', () => {
    expect(check('["null", "double"]', '"int"', 'BACKWARD').status).toBe('compatible');
  });

  it('a union branch whose record changed explains the record break rather than a missing branch', () => {
    const v1 = '["null", {"type": "record", "name": "Address", "fields": [{"name": "zip", "type": "string"}]}]';
    const v2 =
      '["null", {"type": "record", "name": "Address", "fields": [{"name": "zip", "type": "string"}, {"name": "city", "type": "string"}]}]';
    expect(tuples(check(v2, v1, 'BACKWARD'))).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', 'new.avsc', 2, 2]]);
  });

  it('names array items and map values by their field', () => {
    const result = check('{"type": "array", "items": "int"}', '{"type": "array", "items": "string"}', 'BACKWARD');
    expect(result.findings[0]?.message).toContain('the type of the items of field `note` changes from string to int');
  });
});
