import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/json-parse.js';
import { parseAvroFiles } from '../../src/schema/avro-parse.js';

/** The problems of one schema file whose only field has `type` and, as written, `defaultText`. */
function problemsOf(type: string, defaultText: string, withText = true) {
  const text = `{"type": "record", "name": "R", "fields": [{"name": "f", "type": ${type}, "default": ${defaultText}}]}`;
  const root = parseJson(text).root;
  if (!root) throw new Error('test schema does not parse');
  const file = withText ? { path: 'r.avsc', root, text } : { path: 'r.avsc', root };
  return parseAvroFiles([file]).problems.map((p) => [p.ruleId, text.slice(p.span.start, p.span.end)]);
}

describe('field defaults, as Apache Avro judges them', () => {
  it.each([
    ['"int"', '2147483647'],
    ['"int"', '-2147483648'],
    ['"int"', '-0'],
    ['"long"', '9223372036854775807'],
    ['"long"', '-9223372036854775808'],
    ['"double"', '1.5e300'],
    ['"bytes"', '"\\u00ff\\u0000"'],
    ['{"type": "fixed", "name": "F", "size": 2}', '"\\u00ffa"'],
    ['["null", "long"]', 'null'],
  ])('accepts a %s default of %s', (type, value) => {
    expect(problemsOf(type, value)).toEqual([]);
  });

  it.each([
    ['"int"', '2147483648', '2147483648'],
    ['"int"', '-2147483649', '-2147483649'],
    ['"int"', '1.0', '1.0'],
    ['"long"', '9223372036854775808', '9223372036854775808'],
    ['"long"', '1e3', '1e3'],
    ['"long"', '"1"', '"1"'],
    ['"bytes"', '"\\u0100"', '"\\u0100"'],
    ['{"type": "fixed", "name": "F", "size": 2}', '"abc"', '"abc"'],
    ['{"type": "array", "items": "int"}', '[0, 2147483648]', '2147483648'],
    ['{"type": "map", "values": "long"}', '{"a": 0.5}', '0.5'],
    ['["long", "null"]', '2.5', '2.5'],
  ])('refuses a %s default of %s, pointing at %s', (type, value, at) => {
    expect(problemsOf(type, value)).toEqual([['AVRO_INVALID_DEFAULT', at]]);
  });

  it('judges a long by its value when the text is not known, accepting what may be 2^63 - 1', () => {
    expect(problemsOf('"long"', '9223372036854775807', false)).toEqual([]);
    expect(problemsOf('"long"', '1e30', false)).toEqual([['AVRO_INVALID_DEFAULT', '1e30']]);
  });
});

describe('named types', () => {
  it.each(['int', 'null', 'string', 'bytes', 'boolean'])('refuses a record named %s in any namespace', (name) => {
    for (const ns of ['', ', "namespace": "h"']) {
      const text = `{"type": "record", "name": "${name}"${ns}, "fields": []}`;
      const problems = parseAvroFiles([{ path: 'r.avsc', root: parseJson(text).root!, text }]).problems;
      expect(problems.map((p) => [p.ruleId, text.slice(p.span.start, p.span.end)])).toEqual([
        ['AVRO_INVALID', `"${name}"`],
      ]);
    }
  });

  it('keys a union branch that references a later file by the name it waits for', () => {
    const a =
      '{"type": "record", "name": "A", "namespace": "h", "fields": [{"name": "z", "type": ["null", "Z", "h.Z"]}]}';
    const z = '{"type": "fixed", "name": "Z", "namespace": "h", "size": 1}';
    const files = [a, z].map((text, i) => ({ path: `${i}.avsc`, root: parseJson(text).root!, text }));
    const problems = parseAvroFiles(files).problems;
    expect(problems.map((p) => [p.ruleId, p.message])).toEqual([
      ['AVRO_INVALID', 'The union lists "h.Z" twice; each type may appear only once in a union.'],
    ]);
  });
});
