import { load, type YAMLNode } from '@stoplight/yaml-ast-parser';
import { describe, expect, it } from 'vitest';
import { toPlain, type DataNode } from '../../src/core/data-node.js';
import {
  Converter,
  maxYamlDepth,
  maxYamlExpandedNodes,
  NodeBuilder,
  PlainBuilder,
  type Builder,
} from '../../src/core/yaml-convert.js';
import type { YamlProblem } from '../../src/core/yaml-parse.js';
import { recordingSchema, TagReport, type TaggedNode } from '../../src/core/yaml-tags.js';

/** Loads a document as yaml-parse does and converts it with `builder`. */
function convert<T>(text: string, builder: Builder<T>) {
  const tagged: TaggedNode[] = [];
  const doc = load(text, { schema: recordingSchema(tagged), ignoreDuplicateKeys: true } as never) as YAMLNode;
  const problems: YamlProblem[] = [];
  const converter = new Converter(
    (p) => problems.push(p),
    builder,
    new TagReport(text, tagged, (p) => problems.push(p)),
  );
  const value = converter.convert(doc, 0);
  return { value, problems, stopped: converter.stopped };
}
const nodes = (text: string) => convert(text, new NodeBuilder());
const plain = (text: string) => convert(text, new PlainBuilder());

describe('NodeBuilder', () => {
  it('positions every value and key', () => {
    const text = 'a: 1\nb: [x, "y"]\n';
    const { value, problems } = nodes(text);
    expect(problems).toEqual([]);
    const root = value as Extract<DataNode, { kind: 'object' }>;
    expect(root.entries.map((e) => [e.key, text.slice(e.keySpan.start, e.keySpan.end)])).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
    const list = root.entries[1]?.value as Extract<DataNode, { kind: 'array' }>;
    expect(text.slice(list.start, list.end)).toBe('[x, "y"]');
    expect(list.items.map((i) => text.slice(i.start, i.end))).toEqual(['x', '"y"']);
  });

  it('reads a key without a value as null, positioned right after the key', () => {
    const root = nodes('key:\nb: 2\n').value as Extract<DataNode, { kind: 'object' }>;
    expect(root.entries[0]?.value).toEqual({ kind: 'scalar', value: null, start: 3, end: 3 });
  });

  it('builds nodes of one shape', () => {
    const b = new NodeBuilder();
    const s = b.scalar({ start: 1, end: 2 }, 'x');
    expect(s).toEqual({ kind: 'scalar', value: 'x', start: 1, end: 2 });
    expect(b.array({ start: 0, end: 3 }, [s])).toEqual({ kind: 'array', items: [s], start: 0, end: 3 });
    expect(b.object({ start: 0, end: 5 }, [{ key: 'k', keySpan: { start: 0, end: 1 } }], [s])).toEqual({
      kind: 'object',
      entries: [{ key: 'k', keySpan: { start: 0, end: 1 }, value: s }],
      start: 0,
      end: 5,
    });
  });
});

describe('PlainBuilder', () => {
  it('builds plain values, a __proto__ key staying an own key', () => {
    const value = plain('__proto__: {polluted: true}\nlist: [1, two]\n').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'list']);
    expect(value['__proto__']).toEqual({ polluted: true });
    expect(value['list']).toEqual([1, 'two']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('Converter: scalars', () => {
  it('types plain scalars by the YAML 1.2 core schema, quoted ones as strings', () => {
    const { value } = plain('a: ~\nb: null\nc: true\nd: 0x10\ne: -1.5e2\nf: "12"\ng: yes\nh: .inf\ni: \'null\'\n');
    expect(value).toEqual({ a: null, b: null, c: true, d: 16, e: -150, f: '12', g: 'yes', h: Infinity, i: 'null' });
  });

  it('reads a non-specific tag as a string and a core tag as its type', () => {
    expect(plain('a: ! 12\nb: !!int "7"\nc: !!str 1.5\n').value).toEqual({ a: '12', b: 7, c: '1.5' });
  });

  it('keeps the text of a value its core tag does not fit, and reports it', () => {
    const { value, problems } = plain('a: !!int abc\n');
    expect(value).toEqual({ a: 'abc' });
    expect(problems.map((p) => [p.kind, p.offset])).toEqual([['tag-mismatch', 3]]);
  });

  it('reads an !include as null and reports the tag', () => {
    const { value, problems } = plain('a: !include other.yaml\n');
    expect(value).toEqual({ a: null });
    expect(problems.map((p) => p.kind)).toEqual(['unsupported-tag']);
  });
});

describe('Converter: keys', () => {
  it('reports a duplicate key at its second occurrence, the last value winning in plain values', () => {
    const { value, problems } = plain('a: 1\nb: 2\na: 3\n');
    expect(value).toEqual({ a: 3, b: 2 });
    expect(problems).toEqual([
      { offset: 10, kind: 'duplicate-key', message: 'Key "a" appears a second time in this mapping' },
    ]);
    expect(toPlain(nodes('a: 1\na: 2\n').value)).toEqual({ a: 2 });
  });

  it('cuts a long duplicate key to 80 characters in the message', () => {
    const key = 'k'.repeat(100);
    expect(plain(`${key}: 1\n${key}: 2\n`).problems[0]?.message).toBe(
      `Key "${'k'.repeat(80)}…" appears a second time in this mapping`,
    );
  });

  it('skips a complex key, reporting it, and keeps the other entries', () => {
    const { value, problems, stopped } = plain('? [1]\n: 2\nc: 3\n');
    expect(value).toEqual({ c: 3 });
    expect(problems).toEqual([
      { offset: 2, kind: 'complex-key', message: 'Keys must be plain strings, not lists, maps or aliases' },
    ]);
    expect(stopped).toBe(false);
  });
});

describe('Converter: bounds', () => {
  const nested = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

  it(`reads values nested ${maxYamlDepth} levels deep and stops below that`, () => {
    expect(maxYamlDepth).toBe(64);
    const ok = plain(nested(maxYamlDepth));
    expect(ok.problems).toEqual([]);
    expect(ok.stopped).toBe(false);
    const deep = plain(nested(maxYamlDepth + 1));
    expect(deep.stopped).toBe(true);
    expect(deep.problems).toEqual([
      { offset: maxYamlDepth + 1, kind: 'too-deep', message: 'Values are nested deeper than 64 levels' },
    ]);
  });

  it('shares an aliased value instead of copying it', () => {
    const root = nodes('a: &x [1, 2]\nb: *x\n').value as Extract<DataNode, { kind: 'object' }>;
    expect(root.entries[1]?.value).toBe(root.entries[0]?.value);
  });

  it('charges each alias use the full size of what it expands to', () => {
    // The root, the anchored list with its 1000 items and the list of uses count 1003; each use adds 1001, so the
    // 99th use passes the bound. The parser positions an alias at its name, after the `*`.
    const items = Array(1000).fill(0).join(', ');
    const doc = (uses: number) => `a: &x [${items}]\nb: [${Array(uses).fill('*x').join(', ')}]\n`;
    expect(maxYamlExpandedNodes).toBe(100_000);
    expect(plain(doc(98)).stopped).toBe(false);
    const bomb = doc(99);
    const { problems, stopped } = plain(bomb);
    expect(stopped).toBe(true);
    expect(problems).toEqual([
      {
        offset: bomb.lastIndexOf('*x') + 1,
        kind: 'alias-limit',
        message: 'Aliases expand the document beyond 100000 nodes',
      },
    ]);
  });

  it('converts nothing to null', () => {
    const c = new Converter(() => undefined, new PlainBuilder(), new TagReport('', [], () => undefined));
    expect(c.convert(undefined, 0)).toBeNull();
    expect(c.stopped).toBe(false);
  });
});
