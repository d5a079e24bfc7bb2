import { describe, expect, it } from 'vitest';
import { childOf, entryOf, spanAt, toPlain, type DataNode } from '../../src/core/data-node.js';
import { parseJson } from '../../src/core/json-parse.js';

const text = '{"a": {"b": [10, {"c": true}]}, "k": 1, "k": 2}';
const root = parseJson(text).root as DataNode;
const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);

describe('entryOf', () => {
  it('finds a key, the last occurrence winning as in JSON.parse', () => {
    expect(entryOf(root, 'k')?.value).toMatchObject({ kind: 'scalar', value: 2 });
    expect(slice(entryOf(root, 'a')!.keySpan)).toBe('"a"');
  });

  it('finds nothing in a missing node, a non-object or for a missing key', () => {
    expect(entryOf(undefined, 'a')).toBeUndefined();
    expect(entryOf(childOf(childOf(root, 'a'), 'b'), 'c')).toBeUndefined();
    expect(entryOf(root, 'zz')).toBeUndefined();
    expect(entryOf(root, 'toString')).toBeUndefined();
  });

  it('indexes a wide object, still the last occurrence winning', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`);
    const wide = parseJson(`{${keys.join(', ')}, "k3": "again"}`).root;
    expect(entryOf(wide, 'k39')?.value).toMatchObject({ value: 39 });
    expect(entryOf(wide, 'k3')?.value).toMatchObject({ value: 'again' });
    expect(entryOf(wide, 'k40')).toBeUndefined();
    expect(entryOf(wide, 'constructor')).toBeUndefined();
  });
});

describe('childOf', () => {
  it('steps into objects by key and arrays by index only', () => {
    const list = childOf(childOf(root, 'a'), 'b');
    expect(list?.kind).toBe('array');
    expect(slice(childOf(list, 0)!)).toBe('10');
    expect(childOf(list, 5)).toBeUndefined();
    expect(childOf(root, 0)).toBeUndefined();
    expect(childOf(list, 'length')).toBeUndefined();
    expect(childOf(undefined, 'a')).toBeUndefined();
  });
});

describe('spanAt', () => {
  it('points at the value, or at its key when asked', () => {
    expect(slice(spanAt(root, ['a', 'b', 1, 'c']))).toBe('true');
    expect(slice(spanAt(root, ['a', 'b', 1, 'c'], { key: true }))).toBe('"c"');
    expect(slice(spanAt(root, ['a', 'b'], { key: true }))).toBe('"b"');
  });

  it('points at the deepest existing ancestor of a missing path', () => {
    expect(slice(spanAt(root, ['a', 'b', 1, 'missing', 'deeper']))).toBe('{"c": true}');
    expect(slice(spanAt(root, ['a', 'b', 7]))).toBe('[10, {"c": true}]');
    expect(spanAt(root, [])).toBe(root);
  });

  it('asks the key only of the last segment', () => {
    expect(slice(spanAt(root, ['a', 'b', 0], { key: true }))).toBe('10');
  });
});

describe('toPlain', () => {
  it('converts to plain values, duplicate keys keeping the last', () => {
    expect(toPlain(root)).toEqual({ a: { b: [10, { c: true }] }, k: 2 });
  });

  it('keeps __proto__ as an own key without touching the prototype', () => {
    const value = toPlain(parseJson('{"__proto__": {"x": 1}}').root!) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ x: 1 });
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
});
