import { describe, expect, it } from 'vitest';
import { nodeOf } from '../../src/schema/compat-graph.js';
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
