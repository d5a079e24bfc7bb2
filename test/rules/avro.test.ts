import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/json-parse.js';
import { avroRules } from '../../src/rules/avro.js';
import { parseAvroFiles } from '../../src/schema/avro-parse.js';

/** One schema that makes the parser report each AVRO_* rule once. */
const cases: Record<keyof typeof avroRules, string[]> = {
  AVRO_INVALID: ['{"type": "record", "name": "R"}'],
  AVRO_UNKNOWN_TYPE: ['"Nope"'],
  AVRO_DUPLICATE_NAME: [
    '["null", {"type": "fixed", "name": "H", "size": 1}, {"type": "fixed", "name": "H", "size": 1}]',
  ],
  AVRO_INVALID_DEFAULT: ['{"type": "record", "name": "R", "fields": [{"name": "f", "type": "int", "default": "x"}]}'],
  AVRO_INVALID_LOGICAL_TYPE: ['{"type": "int", "logicalType": "uuid"}'],
};

describe('avroRules', () => {
  it.each(Object.keys(cases) as (keyof typeof avroRules)[])(
    'registers %s with the severity the parser reports it with',
    (id) => {
      const problems = cases[id].flatMap(
        (text) => parseAvroFiles([{ path: 'a.avsc', root: parseJson(text).root!, text }]).problems,
      );
      expect(problems.map((p) => [p.ruleId, p.severity])).toEqual([[id, avroRules[id].severity]]);
    },
  );

  it('has a case for every rule it registers', () => {
    expect(Object.keys(avroRules).sort()).toEqual(Object.keys(cases).sort());
  });
});
