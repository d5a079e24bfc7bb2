import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import { builtInRules } from '../../src/policy/rules/index.js';
import { governanceRules } from '../../src/rules/governance.js';
import { breakingChangeRuleId, isRuleId, ruleEntry, ruleIds, ruleSections } from '../../src/rules/registry.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('rule registry', () => {
  it('registers each id once, in exactly one section', () => {
    const inSections = ruleSections.flatMap((s) => Object.keys(s.rules));
    expect(new Set(inSections).size).toBe(inSections.length);
    expect([...ruleIds].sort()).toEqual([...inSections].sort());
    expect(ruleIds.length).toBe(95);
  });

  it('gives every id a SCREAMING_SNAKE name, a one-line summary and a doc', () => {
    for (const id of ruleIds) {
      const entry = ruleEntry(id);
      expect(id).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
      expect(entry.summary, id).toMatch(/^\S[^\n]*\.$/);
      expect(entry.doc.length, id).toBeGreaterThan(entry.summary.length / 2);
      expect(entry.doc, id).not.toContain('\n');
    }
  });

  it('registers every built-in governance rule, in order, with its default severity', () => {
    const governance = Object.keys(governanceRules).filter((id) => id !== 'RULE_LOOSENED');
    expect(builtInRules.map((r) => r.id)).toEqual(governance);
    for (const rule of builtInRules) expect(ruleEntry(rule.id).severity, rule.id).toBe(rule.defaults.severity);
    expect(isRuleId(breakingChangeRuleId)).toBe(true);
  });

  it('holds no id that the code never reports (each is written somewhere in src/ outside the rule tables)', () => {
    const text = sourceFiles('src')
      .filter((f) => !f.startsWith(join('src', 'rules')) || f === join('src', 'rules', 'registry.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(ruleIds.filter((id) => !text.includes(`'${id}'`))).toEqual([]);
  });

  it('rejects an id built at run time that is not registered', () => {
    expect(isRuleId('AVRO_SYNTAX')).toBe(true);
    for (const id of ['AVRO_INVALID_JSON', 'NOT_A_RULE', 'toString', '__proto__', 'avro_syntax', ''])
      expect(isRuleId(id), id).toBe(false);
  });

  it('does not compile a finding with an unregistered id', () => {
    const location = { path: 'catalog/a/product.yaml', line: 1, column: 1 };
    const registered: Finding = { ruleId: 'AVRO_SYNTAX', severity: 'error', message: 'm.', location };
    // @ts-expect-error AVRO_INVALID_JSON was merged into AVRO_SYNTAX and is no registered id.
    const unregistered: Finding = { ruleId: 'AVRO_INVALID_JSON', severity: 'error', message: 'm.', location };
    // @ts-expect-error a plain string is no RuleId: dynamic ids go through isRuleId.
    const dynamic: Finding = { ruleId: String('AVRO_SYNTAX'), severity: 'error', message: 'm.', location };
    expect([registered, unregistered, dynamic].map((f) => f.ruleId)).toEqual([
      'AVRO_SYNTAX',
      'AVRO_INVALID_JSON',
      'AVRO_SYNTAX',
    ]);
  });
});
