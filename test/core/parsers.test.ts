import { describe, expect, it } from 'vitest';
import { spanAt, toPlain } from '../../src/core/data-node.js';
import { parseJson } from '../../src/core/json-parse.js';
import { LineIndex } from '../../src/core/source.js';
import { parseYaml } from '../../src/core/yaml-parse.js';

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

  it('never lets a key named __proto__ change the prototype', () => {
    const value = toPlain(parseJson('{"__proto__": {"polluted": true}}').root!) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
});

describe('parseYaml', () => {
  it('resolves YAML 1.2 core scalars', () => {
    const root = parseYaml('a: 0o14\nb: yes\nc: ~\nd: 1.5\ne: "7"\nf: 0x1f\n').root!;
    expect(toPlain(root)).toEqual({ a: 12, b: 'yes', c: null, d: 1.5, e: '7', f: 31 });
  });

  it('keeps positions of keys and values for locate', () => {
    const text = 'outer:\n  list:\n    - name: a\n    - name: b\n';
    const root = parseYaml(text).root!;
    const lines = new LineIndex('x.yaml', text);
    expect(lines.position(spanAt(root, ['outer', 'list', 1, 'name']).start)).toEqual({ line: 4, column: 13 });
    expect(lines.position(spanAt(root, ['outer', 'list', 1, 'name'], { key: true }).start)).toEqual({
      line: 4,
      column: 7,
    });
    expect(lines.position(spanAt(root, ['outer', 'missing']).start)).toEqual({ line: 2, column: 3 });
  });

  it('shares aliased nodes and counts their expansion', () => {
    const result = parseYaml('a: &x [1, 2]\nb: *x\n');
    expect(toPlain(result.root!)).toEqual({ a: [1, 2], b: [1, 2] });
    expect(result.problems).toEqual([]);
  });

  it('reports tabs as a warning, not an error', () => {
    const result = parseYaml('a:\n\tb: 1\n');
    expect(result.problems.map((p) => p.kind)).toContain('warning');
  });

  it('refuses non-scalar keys', () => {
    const result = parseYaml('? [1]\n: 2\nc: 3\n');
    expect(result.problems).toMatchObject([{ kind: 'complex-key', offset: 2 }]);
  });
});
