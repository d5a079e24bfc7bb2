import { describe, expect, it } from 'vitest';
import { fileStart, hasErrors, sortFindings, type Finding, type Severity } from '../../src/core/findings.js';

const f = (path: string, line: number, column: number, severity: Severity = 'error', ruleId = 'YAML_SYNTAX'): Finding =>
  ({ ruleId, severity, message: 'm', location: { path, line, column } }) as Finding;

describe('hasErrors', () => {
  it('is true only when some finding is an error', () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([f('a', 1, 1, 'warning'), f('a', 1, 1, 'notice')])).toBe(false);
    expect(hasErrors([f('a', 1, 1, 'warning'), f('a', 1, 1, 'error')])).toBe(true);
  });
});

describe('sortFindings', () => {
  it('orders by path, line, column, severity, then rule id, without touching the input', () => {
    const input = [
      f('b.yaml', 1, 1),
      f('a.yaml', 2, 1),
      f('a.yaml', 1, 5),
      f('a.yaml', 1, 2, 'notice'),
      f('a.yaml', 1, 2, 'error', 'Z_RULE'),
      f('a.yaml', 1, 2, 'warning'),
      f('a.yaml', 1, 2, 'error', 'A_RULE'),
    ];
    const copy = [...input];
    const sorted = sortFindings(input);
    expect(input).toEqual(copy);
    expect(sorted.map((x) => [x.location.path, x.location.line, x.location.column, x.severity, x.ruleId])).toEqual([
      ['a.yaml', 1, 2, 'error', 'A_RULE'],
      ['a.yaml', 1, 2, 'error', 'Z_RULE'],
      ['a.yaml', 1, 2, 'warning', 'YAML_SYNTAX'],
      ['a.yaml', 1, 2, 'notice', 'YAML_SYNTAX'],
      ['a.yaml', 1, 5, 'error', 'YAML_SYNTAX'],
      ['a.yaml', 2, 1, 'error', 'YAML_SYNTAX'],
      ['b.yaml', 1, 1, 'error', 'YAML_SYNTAX'],
    ]);
  });

  it('compares paths by code unit, not by locale', () => {
    const sorted = sortFindings([f('b', 1, 1), f('B', 1, 1), f('a', 1, 1), f('Z/x', 1, 1)]);
    expect(sorted.map((x) => x.location.path)).toEqual(['B', 'Z/x', 'a', 'b']);
  });
});

describe('fileStart', () => {
  it('is line 1, column 1 of the file', () => {
    expect(fileStart('catalog/x.yaml')).toEqual({ path: 'catalog/x.yaml', line: 1, column: 1 });
  });
});
