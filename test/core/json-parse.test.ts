import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/core/data-node.js';
import { parseJson } from '../../src/core/json-parse.js';

describe('parseJson', () => {
  it('agrees with JSON.parse on valid documents', () => {
    const text = '{"a": [1, -2.5e3, true, null, "x\\u00e9\\n"], "b": {"c": {}}}';
    expect(toPlain(parseJson(text).root!)).toEqual(JSON.parse(text));
  });

  it.each([
    ['{"a": 1,}', 8, "Trailing comma before '}'"],
    ['{"a" 1}', 5, "Expected ':'"],
    ["{'a': 1}", 1, 'Expected a property name'],
    ['[1, 2', 5, 'Unexpected end of file'],
    ['{"a": 1} x', 9, 'Unexpected content'],
    ['"abc', 0, 'Unterminated string'],
    ['// c\n1', 0, 'Comments are not allowed'],
  ])('locates the syntax error in %s', (text, offset, message) => {
    const result = parseJson(text);
    expect(result.root).toBeUndefined();
    expect(result.problems[0]).toMatchObject({ offset, kind: 'syntax' });
    expect(result.problems[0]?.message).toContain(message);
  });

  it('reports duplicate keys at the second occurrence and keeps the last value', () => {
    const result = parseJson('{"a": 1, "a": 2}');
    expect(result.problems).toEqual([{ offset: 9, message: 'Duplicate key "a"', kind: 'duplicate-key' }]);
    expect(toPlain(result.root!)).toEqual({ a: 2 });
  });

  it.each([
    [3, 9],
    [3, 30],
    [20, 30],
    [15, 16],
  ])('finds a duplicate of key %i at key %i of a 40-key object, whichever way it looks keys up', (first, again) => {
    const keys = Array.from({ length: 40 }, (_, i) => (i === again ? `k${first}` : `k${i}`));
    const text = `{${keys.map((k, i) => `"${k}": ${i}`).join(', ')}}`;
    const result = parseJson(text);
    expect(result.problems).toEqual([
      {
        offset: text.indexOf(`"k${first}"`, text.indexOf(`"k${first}"`) + 1),
        message: `Duplicate key "k${first}"`,
        kind: 'duplicate-key',
      },
    ]);
    expect((toPlain(result.root!) as Record<string, number>)[`k${first}`]).toBe(again);
  });

  it('never lets a key named __proto__ change the prototype', () => {
    const value = toPlain(parseJson('{"__proto__": {"polluted": true}}').root!) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
});
