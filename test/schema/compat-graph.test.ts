import { describe, expect, it } from 'vitest';
import { buildNodes, nodeOf, type TypeNode } from '../../src/schema/compat-graph.js';
import { parseOne } from '../support/avro-verdicts.js';

const node = (schema: unknown) => nodeOf(parseOne(JSON.stringify(schema))!);

describe('nodeOf', () => {
  it('builds one node per type object, reused on a second call', () => {
    const t = parseOne('{"type": "array", "items": "long"}')!;
    const n = nodeOf(t);
    expect(nodeOf(t)).toBe(n);
    expect(n.kind).toBe('array');
    expect(n.child?.kind).toBe('long');
    expect(n.child?.source).toBe((t as { items: unknown }).items);
    expect(n.childSpan).toEqual({ start: 27, end: 33 });
  });

  it('reads an error as a record, with names, aliases and fields by name', () => {
    const n = node({
      type: 'error',
      name: 'Oops',
      namespace: 'com.acme',
      aliases: ['Old'],
      fields: [{ name: 'code', type: 'int', aliases: ['c', 'c'], default: 0 }],
    });
    expect([n.kind, n.name, n.short, n.aliases]).toEqual(['record', 'com.acme.Oops', 'Oops', ['com.acme.Old']]);
    const field = n.byName.get('code');
    expect(field).toBe(n.fields[0]);
    expect([field?.name, field?.aliases, field?.hasDefault, field?.type.kind]).toEqual(['code', ['c'], true, 'int']);
  });

  it('keeps enum symbols and default, fixed size and logical types', () => {
    const e = node({ type: 'enum', name: 'E', symbols: ['A', 'B'], default: 'A' });
    expect([[...e.symbols], e.enumDefault, e.size]).toEqual([['A', 'B'], 'A', -1]);
    const f = node({ type: 'fixed', name: 'D', size: 8, logicalType: 'decimal', precision: 10, scale: 2 });
    expect([f.size, f.logical]).toEqual([8, 'decimal(10, 2)']);
    expect(node({ type: 'int', logicalType: 'date' }).logical).toBe('date');
    expect(node('string').logical).toBe('none');
  });

  it('keeps sharing and recursion: a named type used twice is one node', () => {
    const n = node({
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'next', type: ['null', 'Node'] },
        { name: 'child', type: ['null', 'Node'] },
      ],
    });
    expect(n.fields[0]?.type.branches[1]).toBe(n);
    expect(n.fields[1]?.type.branches[1]).toBe(n);
    expect(n.fields[0]?.type).not.toBe(n.fields[1]?.type);
  });
});

/** Every node a root reaches, once each. */
function reachable(root: TypeNode): TypeNode[] {
  const seen = new Set<TypeNode>([root]);
  const todo = [root];
  for (let n = todo.pop(); n; n = todo.pop()) {
    const next = [...(n.child ? [n.child] : []), ...n.branches, ...n.fields.map((f) => f.type)];
    for (const c of next) {
      if (seen.has(c)) continue;
      seen.add(c);
      todo.push(c);
    }
  }
  return [...seen];
}

/** A record of 100 fields as the bench writes them: primitives, optional unions, enums, nested records, maps. */
function wideRecord(): unknown {
  const fields = Array.from({ length: 100 }, (_, i) => {
    const type = [
      'long',
      ['null', 'string'],
      { type: 'enum', name: `E${i}`, symbols: ['A', 'B'] },
      {
        type: 'record',
        name: `N${i}`,
        fields: [
          { name: 'a', type: 'int' },
          { name: 'b', type: ['null', 'double'] },
        ],
      },
      { type: 'map', values: ['null', 'long'] },
    ][i % 5];
    return { name: `f${i}`, type };
  });
  return { type: 'record', name: 'Wide', namespace: 'com.acme', fields };
}

describe('node allocation', () => {
  it('gives every node without fields, branches, symbols or aliases the same shared empty ones', () => {
    const [a, b] = [node('long'), node({ type: 'array', items: 'string' })];
    expect(a.fields).toBe(b.fields);
    expect(a.branches).toBe(b.branches);
    expect(a.symbols).toBe(b.symbols);
    expect(a.aliases).toBe(b.aliases);
    expect(a.byName).toBe(b.byName);
    expect(Object.isFrozen(a.fields) && Object.isFrozen(a.branches) && Object.isFrozen(a.aliases)).toBe(true);
  });

  it('allocates collections only where a kind has them: a 100-field record holds one per record, union and enum', () => {
    const nodes = reachable(node(wideRecord()));
    const collections = new Set<unknown>();
    for (const n of nodes) for (const c of [n.fields, n.branches, n.symbols, n.aliases, n.byName]) collections.add(c);
    const owners = nodes.filter((n) => n.kind === 'record' || n.kind === 'union' || n.kind === 'enum').length;
    expect(nodes).toHaveLength(281);
    // Records have fields and their index by name, unions branches, enums symbols; everything else shares a few
    // frozen constants (one list of each per node made 1,405 collections here, most of a check's allocation).
    const records = nodes.filter((n) => n.kind === 'record').length;
    expect([owners, records]).toEqual([101, 21]);
    expect(collections.size).toBeLessThanOrEqual(owners + records + 8);
  });

  it("indexes a record's fields by name once, when first looked up", () => {
    const n = node({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] });
    expect(n.byName).toBe(n.byName);
    expect(n.byName.get('a')).toBe(n.fields[0]);
  });

  it("builds a version's own nodes into a table of its own, leaving the shared cache to shared parses", () => {
    const t = parseOne('{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]}')!;
    const own = buildNodes(t);
    expect(buildNodes(t)).not.toBe(own);
    expect(nodeOf(t)).not.toBe(own);
    expect(nodeOf(t)).toBe(nodeOf(t));
  });
});
