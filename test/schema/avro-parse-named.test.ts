import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/json-parse.js';
import type { AvroType } from '../../src/schema/avro-model.js';
import { parseAvroFiles } from '../../src/schema/avro-parse.js';

type Rec = Extract<AvroType, { type: 'record' | 'error' }>;

function parse(files: Record<string, string>) {
  const result = parseAvroFiles(
    Object.entries(files).map(([path, text]) => ({ path, root: parseJson(text).root!, text })),
  );
  const problems = result.problems.map((p) => [
    p.ruleId,
    (files[p.file] as string).slice(p.span.start, p.span.end),
    p.message,
  ]);
  return { ...result, problems };
}
const one = (text: string) => parse({ 'a.avsc': text });
const only = (text: string) => {
  const r = one(text);
  expect(r.problems).toEqual([]);
  return r.schemas.get('a.avsc') as AvroType;
};
const problem = (text: string) => one(text).problems[0];
const fields = (list: string, extra = '') => `{"type": "record", "name": "R"${extra}, "fields": [${list}]}`;

describe('defineName', () => {
  it('qualifies a name by its namespace, or by the enclosing one', () => {
    const t = only(
      `{"type": "record", "name": "R", "namespace": "com.acme", "doc": "d", "fields": [{"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A"]}}]}`,
    ) as Rec;
    expect([t.name, t.namespace, t.doc]).toEqual(['com.acme.R', 'com.acme', 'd']);
    expect(t.fields[0]?.type).toMatchObject({ name: 'com.acme.E', namespace: 'com.acme' });
  });

  it('lets a dotted name carry its own namespace over the declared one', () => {
    const t = only('{"type": "fixed", "name": "org.x.H", "namespace": "com.acme", "size": 1}');
    expect(t).toMatchObject({ name: 'org.x.H', namespace: 'org.x' });
  });

  it('reads a null namespace as the null namespace, leaving the enclosing one', () => {
    const t = only(
      fields(
        `{"name": "h", "type": {"type": "fixed", "name": "H", "namespace": null, "size": 1}}`,
        ', "namespace": "n"',
      ),
    ) as Rec;
    expect(t.fields[0]?.type).toMatchObject({ name: 'H', namespace: '' });
  });

  it('refuses a missing name, a non-string namespace, bad names and bad namespaces', () => {
    expect(problem('{"type": "fixed", "size": 1}')).toEqual([
      'AVRO_INVALID',
      '{"type": "fixed", "size": 1}',
      'A named type (record, enum, fixed) needs a "name".',
    ]);
    expect(problem('{"type": "fixed", "name": "H", "namespace": 3, "size": 1}')?.slice(1)).toEqual([
      '3',
      'A "namespace" must be a string.',
    ]);
    expect(problem('{"type": "fixed", "name": "9H", "size": 1}')?.slice(1)).toEqual([
      '"9H"',
      '"9H" is not a valid Avro name: start with a letter or _, then letters, digits or _.',
    ]);
    expect(problem('{"type": "fixed", "name": "H", "namespace": "com..acme", "size": 1}')?.slice(1)).toEqual([
      '"com..acme"',
      '"com..acme" is not a valid Avro namespace: dot-separated names of letters, digits and _.',
    ]);
  });

  it('refuses a primitive name in any namespace', () => {
    expect(problem('{"type": "fixed", "name": "com.acme.long", "size": 1}')?.[2]).toBe(
      '"long" is a primitive type name, which Avro forbids as the name of a record, enum or fixed in any namespace; choose another name.',
    );
  });

  it('refuses a second definition, saying where the first one is', () => {
    const h = '{"type": "fixed", "name": "H", "size": 1}';
    expect(one(`[${h}, ${h}]`).problems).toEqual([
      [
        'AVRO_DUPLICATE_NAME',
        '"H"',
        'The type "H" is already defined earlier in this file; refer to it by name instead of defining it again.',
      ],
    ]);
    expect(parse({ 'a.avsc': h, 'b.avsc': h }).problems).toEqual([
      [
        'AVRO_DUPLICATE_NAME',
        '"H"',
        'The type "H" is already defined in a.avsc; refer to it by name instead of defining it again.',
      ],
    ]);
  });
});

describe('parseAliases', () => {
  it('qualifies type aliases by the namespace, but not field aliases', () => {
    const t = only(
      `{"type": "record", "name": "R", "namespace": "n", "aliases": ["Old", "o.Older"], "fields": [{"name": "f", "type": "int", "aliases": ["g"]}]}`,
    ) as Rec;
    expect(t.aliases).toEqual(['n.Old', 'o.Older']);
    expect(t.fields[0]?.aliases).toEqual(['g']);
    expect((only('{"type": "fixed", "name": "H", "aliases": ["G"], "size": 1}') as Rec).aliases).toEqual(['G']);
  });

  it('refuses aliases that are not a list of strings', () => {
    expect(problem('{"type": "fixed", "name": "H", "aliases": "G", "size": 1}')?.slice(1)).toEqual([
      '"G"',
      '"aliases" must be a list of names.',
    ]);
    expect(problem('{"type": "fixed", "name": "H", "aliases": ["G", 1], "size": 1}')?.[2]).toBe(
      '"aliases" must be a list of names.',
    );
  });
});

describe('parseRecord and its fields', () => {
  it('reads fields with their defaults, order, doc and props', () => {
    const text = fields(
      `{"name": "a", "type": "int", "default": 3, "order": "descending", "doc": "A", "x": [1]}, {"name": "b", "type": "string"}`,
      ', "x-rec": 1',
    );
    const t = only(text) as Rec;
    expect(t.props).toEqual({ 'x-rec': 1 });
    const [a, b] = t.fields;
    expect(a).toMatchObject({
      name: 'a',
      hasDefault: true,
      default: 3,
      order: 'descending',
      doc: 'A',
      props: { x: [1] },
    });
    expect(text.slice(a!.defaultSpan!.start, a!.defaultSpan!.end)).toBe('3');
    expect(text.slice(a!.typeSpan.start, a!.typeSpan.end)).toBe('"int"');
    expect(b).toMatchObject({
      name: 'b',
      hasDefault: false,
      order: 'ascending',
      doc: undefined,
      defaultSpan: undefined,
    });
  });

  it('keeps an error type as error', () => {
    expect(only('{"type": "error", "name": "Oops", "fields": []}').type).toBe('error');
  });

  it('lets a record refer to itself', () => {
    const t = only(fields('{"name": "next", "type": ["null", "R"]}')) as Rec;
    expect((t.fields[0]?.type as Extract<AvroType, { type: 'union' }>).branches[1]).toBe(t);
  });

  it.each([
    ['{"type": "record", "name": "R"}', 'Record "R" needs "fields", a list of field objects.'],
    [fields('"a"'), 'Each field of record "R" must be an object with "name" and "type".'],
    [fields('{"type": "int"}'), 'A field of record "R" has no "name".'],
    [
      fields('{"name": "a-b", "type": "int"}'),
      '"a-b" is not a valid field name: start with a letter or _, then letters, digits or _.',
    ],
    [fields('{"name": "a"}'), 'Field "a" of record "R" has no "type".'],
    [
      fields('{"name": "a", "type": "int", "order": "up"}'),
      'Field "a" has an invalid "order"; use "ascending", "descending" or "ignore".',
    ],
    [
      fields('{"name": "a", "type": "int"}, {"name": "a", "type": "long"}'),
      'Record "R" has two fields named "a"; rename or remove one.',
    ],
  ])('refuses %s', (text, message) => {
    expect(one(text).problems).toEqual([[expect.any(String), expect.any(String), message]]);
    expect(one(text).schemas.size).toBe(0);
  });

  it('reports an invalid default with the field and record, and drops the file', () => {
    const r = one(fields('{"name": "a", "type": "int", "default": "x"}'));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.slice(0, 2)).toEqual(['AVRO_INVALID_DEFAULT', '"x"']);
    expect(r.problems[0]?.[2]).toMatch(/^The default of field "a" in record "R" is invalid: .+\.$/);
    expect(r.schemas.size).toBe(0);
  });
});

describe('parseEnum', () => {
  it('reads symbols, their spans and a default', () => {
    const text = '{"type": "enum", "name": "E", "symbols": ["A", "B"], "default": "B", "x": 1}';
    const t = only(text) as Extract<AvroType, { type: 'enum' }>;
    expect(t).toMatchObject({ symbols: ['A', 'B'], default: 'B', props: { x: 1 } });
    expect(t.symbolSpans.map((s) => text.slice(s.start, s.end))).toEqual(['"A"', '"B"']);
    expect(only('{"type": "enum", "name": "E", "symbols": []}')).not.toHaveProperty('default');
  });

  it.each([
    ['{"type": "enum", "name": "E"}', 'Enum "E" needs "symbols", a list of names.'],
    [
      '{"type": "enum", "name": "E", "symbols": ["A", 1]}',
      'Enum "E" has an invalid symbol 1: symbols are names of letters, digits and _.',
    ],
    [
      '{"type": "enum", "name": "E", "symbols": ["A-B"]}',
      'Enum "E" has an invalid symbol "A-B": symbols are names of letters, digits and _.',
    ],
    ['{"type": "enum", "name": "E", "symbols": ["A", "A"]}', 'Enum "E" lists the symbol "A" twice.'],
    [
      '{"type": "enum", "name": "E", "symbols": ["A"], "default": "B"}',
      'The default of enum "E" must be one of its symbols.',
    ],
    [
      '{"type": "enum", "name": "E", "symbols": ["A"], "default": 0}',
      'The default of enum "E" must be one of its symbols.',
    ],
  ])('refuses %s', (text, message) => {
    expect(one(text).problems.map((p) => p[2])).toEqual([message]);
  });
});

describe('parseFixed', () => {
  it('reads a size and a logical type on it', () => {
    expect(only('{"type": "fixed", "name": "H", "size": 0}')).toMatchObject({ type: 'fixed', size: 0 });
    expect(
      only('{"type": "fixed", "name": "D", "size": 4, "logicalType": "decimal", "precision": 9, "x": 1}'),
    ).toMatchObject({
      size: 4,
      logicalType: { name: 'decimal', precision: 9, scale: 0 },
      props: { x: 1 },
    });
  });

  it('warns about a logical type the size cannot hold, keeping the fixed', () => {
    const r = one('{"type": "fixed", "name": "U", "size": 8, "logicalType": "uuid"}');
    expect(r.problems.map((p) => p[0])).toEqual(['AVRO_INVALID_LOGICAL_TYPE']);
    expect(r.schemas.get('a.avsc')).not.toHaveProperty('logicalType');
  });

  it.each(['', ', "size": -1', ', "size": 1.5', ', "size": "4"', ', "size": 2147483648'])(
    'refuses a fixed with %j',
    (size) => {
      expect(one(`{"type": "fixed", "name": "H"${size}}`).problems.map((p) => p[2])).toEqual([
        'Fixed "H" needs "size", a non-negative integer number of bytes.',
      ]);
    },
  );

  it('accepts the largest size Java allows', () => {
    expect(only('{"type": "fixed", "name": "H", "size": 2147483647}')).toMatchObject({ size: 2147483647 });
  });
});
