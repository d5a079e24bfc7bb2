import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/json-parse.js';
import { LineIndex } from '../../src/core/source.js';
import { parseAvroFiles } from '../../src/schema/avro-parse.js';
import type { AvroType } from '../../src/schema/avro-model.js';
import { validateExample } from '../../src/schema/avro-example.js';

const schema = {
  type: 'record',
  name: 'Order',
  namespace: 'com.acme',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'count', type: 'int' },
    { name: 'note', type: ['null', 'string'], default: null },
    {
      name: 'lines',
      type: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }] } },
    },
    { name: 'extra', type: ['null', 'com.acme.Line'] },
  ],
};

function typeOf(): AvroType {
  const root = parseJson(JSON.stringify(schema)).root;
  if (!root) throw new Error('schema does not parse');
  const type = parseAvroFiles([{ path: 'order.avsc', root }]).schemas.get('order.avsc');
  if (!type) throw new Error('schema is not valid');
  return type;
}

/** The problem's message and the 1-based line of the example it points at. */
function check(exampleText: string) {
  const root = parseJson(exampleText).root;
  if (!root) throw new Error('example does not parse');
  const problem = validateExample(typeOf(), root);
  return (
    problem && {
      message: problem.message,
      line: new LineIndex('e.json', exampleText).location(problem.span.start).line,
    }
  );
}

describe('validateExample (Avro JSON encoding)', () => {
  it('accepts an event with wrapped union values and fields left to their defaults', () => {
    expect(
      check('{"id": "a", "count": 1, "lines": [{"sku": "x"}], "extra": {"com.acme.Line": {"sku": "y"}}}'),
    ).toBeUndefined();
    expect(check('{"id": "a", "count": 1, "note": {"string": "hi"}, "lines": [], "extra": null}')).toBeUndefined();
  });

  it('rejects an unwrapped union value, naming the forms the union takes', () => {
    const problem = check('{"id": "a", "count": 1, "lines": [],\n "extra": null,\n "note": "hi"}');
    expect(problem?.line).toBe(3);
    expect(problem?.message).toMatch(
      /^field note: "hi" is not a value of union\[null, string\]: .*null, \{"string": …\}/,
    );
  });

  it('rejects a missing field without default, an unknown field and a wrong type deep inside', () => {
    expect(check('{"id": "a", "lines": [], "extra": null}')?.message).toMatch(
      /lacks field count of record com.acme.Order/,
    );
    expect(check('{"id": "a", "count": 1, "lines": [], "extra": null,\n "colour": 1}')).toEqual({
      message: expect.stringMatching(/has no field "colour"/) as string,
      line: 2,
    });
    expect(check('{"id": "a", "count": 1, "extra": null, "lines": [\n{"sku": "x"},\n{"sku": 7}]}')).toEqual({
      message: 'field lines: item 1: field sku: 7 is not a string',
      line: 3,
    });
    expect(check('{"id": "a", "count": 1.5, "lines": [], "extra": null}')?.message).toMatch(
      /field count: 1.5 is not an int/,
    );
  });
});
