import { describe, expect, it } from 'vitest';
import { spanAt, toPlain } from '../../src/core/data-node.js';
import { LineIndex } from '../../src/core/source.js';
import { maxYamlProblemsPerKind, parseYaml, parseYamlValue } from '../../src/core/yaml-parse.js';

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

describe('parseYaml: floods', () => {
  it('lists the first duplicate keys and counts the rest in one more problem', () => {
    const result = parseYamlValue('k: 1\n'.repeat(1_000));
    expect(result.problems).toHaveLength(maxYamlProblemsPerKind + 1);
    expect(result.problems.every((p) => p.kind === 'duplicate-key')).toBe(true);
    expect(result.problems[maxYamlProblemsPerKind]).toEqual({
      offset: 5 * (maxYamlProblemsPerKind + 1),
      kind: 'duplicate-key',
      message:
        'Key "k" appears a second time in this mapping (and 978 more problems of this kind after it, not listed)',
    });
  });
});
