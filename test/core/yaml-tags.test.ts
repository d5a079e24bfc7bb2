import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/core/data-node.js';
import { parseYaml, parseYamlValue } from '../../src/core/yaml-parse.js';

describe('parseYaml: explicit tags', () => {
  it('types scalars by their core tag', () => {
    const result = parseYaml(
      'a: !!str 3\nb: !!int "4"\nc: !!float 1\nd: !!bool "true"\ne: !!null ""\nf: !!str true\ng: ! 3\n',
    );
    expect(result.problems).toEqual([]);
    expect(toPlain(result.root!)).toEqual({ a: '3', b: 4, c: 1, d: true, e: null, f: 'true', g: '3' });
  });

  it.each([
    ['a: !!binary aGVsbG8=\n', 3, '!!binary'],
    ['a: !!timestamp 2026-01-01\n', 3, '!!timestamp'],
    ['a: !!set {x, y}\n', 3, '!!set'],
    ['a: !!omap [{x: 1}]\n', 3, '!!omap'],
    ['a: !!pairs [{x: 1}]\n', 3, '!!pairs'],
    ['a: !foo bar\n', 3, '!foo'],
    ['a: [1, !foo bar]\n', 7, '!foo'],
    ['a: !<tag:example.com,2026:x> 1\n', 3, '!<tag:example.com,2026:x>'],
    ['a: &x !foo bar\n', 6, '!foo'],
    ['a: !include other.yaml\n', 3, '!include'],
  ])('reports %j at the tag, and reads on', (text, offset, label) => {
    const result = parseYamlValue(text);
    expect(result.problems).toEqual([
      {
        offset,
        kind: 'unsupported-tag',
        message: `The tag \`${label}\` is not part of the YAML core schema that manifests use`,
      },
    ]);
    expect(result.value).toBeDefined();
  });

  it('reports a core tag on the wrong kind of node without the echoes that follow', () => {
    const result = parseYamlValue('a: !!str\n  b: 1\nc: 2\n');
    expect(result.value).toBeUndefined();
    expect(result.problems).toEqual([
      { offset: 3, kind: 'tag-mismatch', message: 'The tag `!!str` cannot apply to a mapping' },
    ]);
  });

  it('reports a value its core tag cannot type', () => {
    const result = parseYamlValue('a: !!int six\nb: !!bool yes\n');
    expect(result.problems.map((p) => [p.offset, p.kind])).toEqual([
      [3, 'tag-mismatch'],
      [16, 'tag-mismatch'],
    ]);
    expect(result.value).toEqual({ a: 'six', b: 'yes' });
  });
});
