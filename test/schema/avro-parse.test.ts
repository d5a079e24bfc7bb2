import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/json-parse.js';
import type { AvroRecord, AvroType } from '../../src/schema/avro-model.js';
import { parseAvroFiles, ParseContext, type AvroSourceFile } from '../../src/schema/avro-parse.js';

/** Parses files given as path → JSON text, in order, with their texts. */
function parse(files: Record<string, string>, withText = true) {
  const sources: AvroSourceFile[] = Object.entries(files).map(([path, text]) => {
    const root = parseJson(text).root;
    if (!root) throw new Error(`${path} does not parse as JSON`);
    return withText ? { path, root, text } : { path, root };
  });
  const result = parseAvroFiles(sources);
  const problems = result.problems.map((p) => [
    p.ruleId,
    p.severity,
    p.file,
    (files[p.file] as string).slice(p.span.start, p.span.end),
    p.message,
  ]);
  return { ...result, problems };
}

const one = (text: string) => parse({ 'a.avsc': text });
const rec = (name: string, fieldType: string, extra = '') =>
  `{"type": "record", "name": "${name}", "namespace": "com.acme", "fields": [{"name": "f", "type": ${fieldType}${extra}}]}`;

describe('parseAvroFiles: type positions', () => {
  it('reads a primitive written as a name or as an object, keeping custom props', () => {
    expect(one('"long"').schemas.get('a.avsc')).toEqual({
      type: 'long',
      file: 'a.avsc',
      span: { start: 0, end: 6 },
      props: {},
    });
    const t = one('{"type": "string", "logicalType": "uuid", "x": 1}').schemas.get('a.avsc');
    expect(t).toEqual({
      type: 'string',
      file: 'a.avsc',
      span: { start: 0, end: 49 },
      props: { x: 1 },
      logicalType: { name: 'uuid' },
    });
  });

  it('refuses a scalar that is not a type name, and drops the file', () => {
    const r = one('42');
    expect(r.problems).toEqual([
      ['AVRO_INVALID', 'error', 'a.avsc', '42', 'A schema must be a type name, an object or a union array, not 42.'],
    ]);
    expect(r.schemas.has('a.avsc')).toBe(false);
  });

  it('refuses an object without a string "type"', () => {
    expect(one('{"type": 1}').problems[0]?.[4]).toBe(
      'A schema object needs a "type" that is a string, such as "record", "enum", "array" or "long".',
    );
  });

  it('reads arrays and maps, and refuses them without items or values', () => {
    const arr = one('{"type": "array", "items": "int", "x-a": true}').schemas.get('a.avsc');
    expect(arr).toMatchObject({
      type: 'array',
      items: { type: 'int' },
      itemsSpan: { start: 27, end: 32 },
      props: { 'x-a': true },
    });
    expect(one('{"type": "map", "values": ["null", "int"]}').schemas.get('a.avsc')).toMatchObject({
      type: 'map',
      values: { type: 'union', branches: [{ type: 'null' }, { type: 'int' }] },
    });
    expect(one('{"type": "array"}').problems[0]?.[4]).toBe('An array schema needs "items", the type of its elements.');
    expect(one('{"type": "map"}').problems[0]?.[4]).toBe('A map schema needs "values", the type of its values.');
  });

  it('reads a union with its branch spans, and refuses nested unions and repeated branches', () => {
    const text = '["null", "string"]';
    const u = one(text).schemas.get('a.avsc') as Extract<AvroType, { type: 'union' }>;
    expect(u.branches.map((b) => b.type)).toEqual(['null', 'string']);
    expect(u.branchSpans.map((s) => text.slice(s.start, s.end))).toEqual(['"null"', '"string"']);
    expect(one('["null", ["int"]]').problems).toEqual([
      [
        'AVRO_INVALID',
        'error',
        'a.avsc',
        '["int"]',
        'A union may not contain another union directly; merge the branches into one list.',
      ],
    ]);
    expect(one('["int", "long", "int"]').problems[0]?.slice(3)).toEqual([
      '"int"',
      'The union lists "int" twice; each type may appear only once in a union.',
    ]);
  });

  it('refuses a union listing one named type twice', () => {
    const r = one(`[{"type": "enum", "name": "E", "symbols": ["A"]}, "E"]`);
    expect(r.problems[0]?.[4]).toBe('The union lists "E" twice; each type may appear only once in a union.');
  });

  it('keeps an invalid logical type as a warning, the value its plain type, and the file', () => {
    const r = one('{"type": "int", "logicalType": "timestamp-millis"}');
    expect(r.problems).toEqual([
      [
        'AVRO_INVALID_LOGICAL_TYPE',
        'warning',
        'a.avsc',
        '"timestamp-millis"',
        'The logical type "timestamp-millis" applies to long, not int. Avro and the Schema Registry ignore an invalid logical type and treat the value as plain int.',
      ],
    ]);
    expect(r.schemas.get('a.avsc')).not.toHaveProperty('logicalType');
  });

  it('warns about a logical type named like an Object.prototype member instead of throwing', () => {
    expect(one('{"type": "string", "logicalType": "constructor"}').problems.map((p) => p[0])).toEqual([
      'AVRO_INVALID_LOGICAL_TYPE',
    ]);
  });
});

describe('parseAvroFiles: names and references', () => {
  it('says an unknown name is unknown, with a did-you-mean', () => {
    expect(one('"strng"').problems).toEqual([
      [
        'AVRO_UNKNOWN_TYPE',
        'error',
        'a.avsc',
        '"strng"',
        'Unknown type "strng"; did you mean "string"? Define it earlier in this file or in another .avsc file of this product.',
      ],
    ]);
  });

  it('stops suggesting names after fifty unknown ones', () => {
    const files = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}.avsc`, '"strng"']));
    const messages = parse(files).problems.map((p) => p[4] as string);
    expect(messages.filter((m) => m.includes('did you mean'))).toHaveLength(50);
    expect(messages[50]).toBe(
      'Unknown type "strng". Define it earlier in this file or in another .avsc file of this product.',
    );
  });

  it('resolves a name in the enclosing namespace, and a reference written as an object', () => {
    const text = `{"type": "record", "name": "R", "namespace": "com.acme", "fields": [
      {"name": "a", "type": {"type": "fixed", "name": "H", "size": 2}},
      {"name": "b", "type": "H"}, {"name": "c", "type": "com.acme.H"}, {"name": "d", "type": {"type": "H"}}]}`;
    const r = one(text);
    expect(r.problems).toEqual([]);
    const fields = (r.schemas.get('a.avsc') as AvroRecord).fields;
    const h = r.named.get('com.acme.H');
    expect(fields.map((f) => f.type === h)).toEqual([true, true, true, true]);
    expect(r.references.size).toBe(0);
  });

  it('makes a name defined in an earlier file a reference of the later one', () => {
    const r = parse({
      'hash.avsc': '{"type": "fixed", "name": "Hash", "namespace": "com.acme", "size": 16}',
      'order.avsc': rec('Order', '"Hash"'),
    });
    expect(r.problems).toEqual([]);
    expect(r.references).toEqual(new Map([['order.avsc', ['com.acme.Hash']]]));
    expect([...r.schemas.keys()]).toEqual(['hash.avsc', 'order.avsc']);
  });

  it('ties a name defined in a later file once every file is read', () => {
    const r = parse({
      'order.avsc': rec('Order', '["null", "Hash", {"type": "array", "items": "Hash"}]'),
      'hash.avsc': '{"type": "fixed", "name": "Hash", "namespace": "com.acme", "size": 16}',
    });
    expect(r.problems).toEqual([]);
    expect(r.references.get('order.avsc')).toEqual(['com.acme.Hash']);
    const field = (r.schemas.get('order.avsc') as AvroRecord).fields[0];
    const union = field?.type as Extract<AvroType, { type: 'union' }>;
    expect(union.branches[1]).toBe(r.named.get('com.acme.Hash'));
    expect((union.branches[2] as Extract<AvroType, { type: 'array' }>).items).toBe(r.named.get('com.acme.Hash'));
  });

  it('refuses a name used before its definition in the same file', () => {
    const text = `{"type": "record", "name": "R", "fields": [{"name": "a", "type": "E"},
      {"name": "b", "type": {"type": "enum", "name": "E", "symbols": ["X"]}}]}`;
    const r = one(text);
    expect(r.problems).toEqual([
      [
        'AVRO_UNKNOWN_TYPE',
        'error',
        'a.avsc',
        '"E"',
        'The type "E" is used before it is defined; Avro requires a named type to be defined at its first use.',
      ],
    ]);
    expect(r.schemas.size).toBe(0);
  });

  it('reports a dangling reference once, without judging the default written for it', () => {
    const r = one(rec('R', '"Missing"', ', "default": 1'));
    expect(r.problems).toEqual([
      [
        'AVRO_UNKNOWN_TYPE',
        'error',
        'a.avsc',
        '"Missing"',
        'Unknown type "Missing". Define a named type before its first use, in this file or another .avsc file of this product.',
      ],
    ]);
    expect(r.schemas.size).toBe(0);
    expect(r.named.has('com.acme.R')).toBe(true);
  });

  it('judges a default against a type from a later file, reporting in the file of the field', () => {
    const r = parse({
      'r.avsc': rec('R', '"E"', ', "default": "Z"'),
      'e.avsc': '{"type": "enum", "name": "E", "namespace": "com.acme", "symbols": ["A"]}',
    });
    expect(r.problems.map((p) => p.slice(0, 4))).toEqual([['AVRO_INVALID_DEFAULT', 'error', 'r.avsc', '"Z"']]);
    expect([...r.schemas.keys()]).toEqual(['e.avsc']);
  });

  it('reads numbers as written only when the text is given', () => {
    const schema = rec('R', '"long"', ', "default": 9223372036854775808');
    expect(parse({ 'a.avsc': schema }).problems.map((p) => p[0])).toEqual(['AVRO_INVALID_DEFAULT']);
    expect(parse({ 'a.avsc': schema }, false).problems).toEqual([]);
  });
});

describe('ParseContext', () => {
  it('reports with the current file, an error of AVRO_INVALID by default, and counts errors only', () => {
    const ctx = new ParseContext();
    ctx.file = 'x.avsc';
    const span = { start: 1, end: 3, extra: true } as { start: number; end: number };
    ctx.report(span, 'first');
    ctx.report(span, 'second', 'AVRO_INVALID_LOGICAL_TYPE', 'warning');
    expect(ctx.problems).toEqual([
      { ruleId: 'AVRO_INVALID', severity: 'error', file: 'x.avsc', span: { start: 1, end: 3 }, message: 'first' },
      {
        ruleId: 'AVRO_INVALID_LOGICAL_TYPE',
        severity: 'warning',
        file: 'x.avsc',
        span: { start: 1, end: 3 },
        message: 'second',
      },
    ]);
    expect(ctx.errorCount()).toBe(1);
    expect(() => ctx.fail(span, 'third', 'AVRO_DUPLICATE_NAME')).toThrow();
    expect(ctx.problems[2]?.ruleId).toBe('AVRO_DUPLICATE_NAME');
    expect(ctx.errorCount()).toBe(2);
  });

  it('runs deferred checks in the file they were deferred in', () => {
    const ctx = new ParseContext();
    const seen: string[] = [];
    ctx.file = 'a.avsc';
    ctx.defer(() => seen.push(ctx.file));
    ctx.file = 'b.avsc';
    ctx.defer(() => seen.push(ctx.file));
    ctx.file = 'c.avsc';
    ctx.runDeferred();
    expect(seen).toEqual(['a.avsc', 'b.avsc']);
  });

  it('gives the text of a number only for a file whose text it holds', () => {
    const ctx = new ParseContext();
    ctx.texts.set('a.avsc', '{"n": 12345}');
    ctx.file = 'a.avsc';
    expect(ctx.numberText({ start: 6, end: 11 })).toBe('12345');
    ctx.file = 'b.avsc';
    expect(ctx.numberText({ start: 6, end: 11 })).toBeUndefined();
  });

  it('marks only the stand-ins of references waiting for a later file as unresolved', () => {
    const ctx = new ParseContext();
    ctx.file = 'a.avsc';
    const root = parseJson('"Later"').root!;
    let resolved: AvroType | undefined;
    const standIn = ctx.parse(root, 'com.acme', (t) => (resolved = t));
    expect(ctx.isUnresolved(standIn)).toBe(true);
    expect(ctx.isUnresolved(ctx.parse(parseJson('"int"').root!, ''))).toBe(false);
    ctx.file = 'b.avsc';
    ctx.parse(parseJson('{"type": "enum", "name": "Later", "namespace": "com.acme", "symbols": ["A"]}').root!, '');
    expect(ctx.resolvePending()).toEqual(new Map([['a.avsc', ['com.acme.Later']]]));
    expect(resolved).toBe(ctx.named.get('com.acme.Later'));
  });
});
