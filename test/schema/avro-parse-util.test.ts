import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/json-parse.js';
import type { ObjectNode } from '../../src/core/data-node.js';
import { at, customProps, nameRe, noAliases, noProps, reserved } from '../../src/schema/avro-parse-util.js';

const object = (text: string) => parseJson(text).root as ObjectNode;

describe('nameRe', () => {
  it.each(['a', '_', 'Order', '_x9', 'A_B_1'])('accepts %s', (name) => expect(nameRe.test(name)).toBe(true));
  it.each(['', '9a', 'a-b', 'a.b', 'é', ' a'])('refuses %j', (name) => expect(nameRe.test(name)).toBe(false));
});

describe('reserved', () => {
  it('holds the attributes each kind of schema defines itself', () => {
    expect([...reserved.field].sort()).toEqual(['aliases', 'default', 'doc', 'name', 'order', 'type']);
    expect(reserved.enum.has('default')).toBe(true);
    expect(reserved.record.has('default')).toBe(false);
    expect(reserved.fixed.has('logicalType')).toBe(false);
    expect(reserved.fixedLogical.has('logicalType')).toBe(true);
    expect([...reserved.primitive]).toEqual(['type', 'logicalType']);
  });
});

describe('customProps', () => {
  it('keeps the non-reserved keys as plain values', () => {
    const node = object('{"type": "string", "logicalType": "uuid", "x-owner": "team", "extra": {"a": [1, null]}}');
    expect(customProps(node, reserved.primitive)).toEqual({ 'x-owner': 'team', extra: { a: [1, null] } });
  });

  it('returns the shared frozen empty object when every key is reserved', () => {
    const props = customProps(object('{"type": "array", "items": "int"}'), reserved.array);
    expect(props).toBe(noProps);
    expect(Object.isFrozen(noProps)).toBe(true);
    expect(Object.isFrozen(noAliases)).toBe(true);
    expect(noAliases).toEqual([]);
  });
});

describe('at', () => {
  it('copies only start and end', () => {
    const node = object('{"a": 1}');
    const copy = at(node);
    expect(copy).toEqual({ start: 0, end: 8 });
    expect(copy).not.toBe(node);
    expect(Object.keys(copy)).toEqual(['start', 'end']);
  });
});
