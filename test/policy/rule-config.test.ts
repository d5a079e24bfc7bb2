import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/policy/rule-config.js';
import type { RuleDefinition } from '../../src/policy/rule-types.js';
import { builtInRules } from '../../src/policy/rules/index.js';
import { tighteners } from '../../src/policy/tighten.js';
import { catalog } from './catalogs.js';

const COMMERCE = 'catalog/commerce/domain.yaml';
const SALES = 'catalog/commerce/sales/domain.yaml';

const withRules = (rules: string) => (t: string) => `${t}rules:\n${rules}`;
const salesDomain = (rules: string) => () =>
  `apiVersion: mesh-steward/v1\nkind: Domain\nname: sales\ndescription: Sales.\nowners: ["@acme/sales"]\nrules:\n${rules}`;
const rulesFile = (rules: string) => () => `apiVersion: mesh-steward/v1\nkind: Rules\nrules:\n${rules}`;

/** Two rules of known ids, one without a tighten function, one with an upper bound. */
const rules: RuleDefinition[] = [
  { id: 'TOPIC_NAMING', defaults: { enabled: true, severity: 'warning', params: { pattern: 'p' } } },
  {
    id: 'PARTITION_BOUNDS',
    defaults: { enabled: true, severity: 'warning', params: { min: 1, max: 100 } },
    tighten: tighteners.max('max'),
  },
];

describe('resolveRules', () => {
  it('starts from the built-in defaults and applies rules/ files in path order', async () => {
    const c = await catalog({
      'rules/zz.yaml': rulesFile('  MIN_COMPATIBILITY: { level: FULL }\n  PARTITION_BOUNDS: { enabled: false }\n'),
    });
    const configs = resolveRules(c).forDomain('logistics');
    // global.yaml sets severity error and level BACKWARD; zz.yaml, later, raises the level.
    expect(configs.get('MIN_COMPATIBILITY')).toEqual({ enabled: true, severity: 'error', params: { level: 'FULL' } });
    expect(configs.get('PARTITION_BOUNDS')).toEqual({
      enabled: false,
      severity: 'error',
      params: { min: 1, max: 256 },
    });
    expect(configs.get('TOPIC_NAMING')).toBe(builtInRules.find((r) => r.id === 'TOPIC_NAMING')?.defaults);
    expect([...configs.keys()]).toEqual(builtInRules.map((r) => r.id));
  });

  it('lets rules/ loosen (it is the governance team’s word) and ignores rules it was not given', async () => {
    const c = await catalog({
      'rules/global.yaml': rulesFile(
        '  PARTITION_BOUNDS: { severity: notice, max: 1000 }\n  RETENTION_BOUNDS: { min: PT2H }\n',
      ),
    });
    const set = resolveRules(c, rules);
    expect(set.forDomain('commerce').get('PARTITION_BOUNDS')).toEqual({
      enabled: true,
      severity: 'notice',
      params: { min: 1, max: 1000 },
    });
    expect(set.forDomain('commerce').has('RETENTION_BOUNDS')).toBe(false);
    expect(set.loosenings).toEqual([]);
  });

  it('lets a domain tighten: enable, raise the severity, and tighten params through the rule', async () => {
    const c = await catalog({
      'rules/global.yaml': rulesFile('  PARTITION_BOUNDS: { enabled: false }\n'),
      [COMMERCE]: withRules('  PARTITION_BOUNDS: { enabled: true, severity: error, max: 50 }\n'),
    });
    const set = resolveRules(c, rules);
    expect(set.forDomain('commerce').get('PARTITION_BOUNDS')).toEqual({
      enabled: true,
      severity: 'error',
      params: { min: 1, max: 50 },
    });
    expect(set.forDomain('logistics').get('PARTITION_BOUNDS')?.enabled).toBe(false);
    expect(set.loosenings).toEqual([]);
  });

  it('keeps what a domain tries to loosen and reports each key on its domain.yaml line', async () => {
    const c = await catalog({
      [COMMERCE]: withRules(
        '  PARTITION_BOUNDS:\n    enabled: false\n    severity: notice\n    max: 500\n  TOPIC_NAMING:\n    pattern: x\n',
      ),
    });
    const set = resolveRules(c, rules);
    expect(set.loosenings).toEqual([]);
    expect(set.forDomain('commerce').get('PARTITION_BOUNDS')).toEqual({
      enabled: true,
      severity: 'warning',
      params: { min: 1, max: 100 },
    });
    // A rule without a tighten function takes no parameter override: each counts as loosening.
    expect(set.forDomain('commerce').get('TOPIC_NAMING')?.params).toEqual({ pattern: 'p' });
    expect(set.loosenings.map((f) => [f.ruleId, f.severity, f.location.path, f.location.line])).toEqual([
      ['RULE_LOOSENED', 'error', COMMERCE, 8],
      ['RULE_LOOSENED', 'error', COMMERCE, 9],
      ['RULE_LOOSENED', 'error', COMMERCE, 10],
      ['RULE_LOOSENED', 'error', COMMERCE, 12],
    ]);
    expect(set.loosenings[0]?.message).toBe(
      'Domain commerce sets PARTITION_BOUNDS.enabled looser than the rules it inherits; a domain may only tighten governance, so remove this override or make it stricter.',
    );
    expect(set.loosenings.map((f) => f.message.split(' ')[3])).toEqual([
      'PARTITION_BOUNDS.enabled',
      'PARTITION_BOUNDS.severity',
      'PARTITION_BOUNDS.max',
      'TOPIC_NAMING.pattern',
    ]);
  });

  it('a domain may disable a rule that is already disabled, and keep the severity it has', async () => {
    const c = await catalog({
      'rules/global.yaml': rulesFile('  PARTITION_BOUNDS: { enabled: false }\n'),
      [COMMERCE]: withRules('  PARTITION_BOUNDS: { enabled: false, severity: warning }\n'),
    });
    const set = resolveRules(c, rules);
    expect(set.forDomain('commerce').get('PARTITION_BOUNDS')).toMatchObject({ enabled: false, severity: 'warning' });
    expect(set.loosenings).toEqual([]);
  });

  it('a nested domain inherits its parent’s settings and is held to them', async () => {
    const c = await catalog({
      [COMMERCE]: withRules('  PARTITION_BOUNDS: { max: 50 }\n'),
      [SALES]: salesDomain('  PARTITION_BOUNDS: { max: 80 }\n'),
    });
    const set = resolveRules(c, rules);
    expect(set.forDomain('commerce/sales').get('PARTITION_BOUNDS')?.params).toEqual({ min: 1, max: 50 });
    expect(set.loosenings.map((f) => [f.location.path, f.message.split(' ')[1]])).toEqual([[SALES, 'commerce/sales']]);
  });

  it('answers a domain once: asking again adds no finding and gives the same map', async () => {
    const c = await catalog({ [COMMERCE]: withRules('  PARTITION_BOUNDS: { max: 500 }\n') });
    const set = resolveRules(c, rules);
    const first = set.forDomain('commerce');
    expect(set.forDomain('commerce')).toBe(first);
    expect(set.loosenings).toHaveLength(1);
  });

  it('gives an unknown domain, or one without rules, the global settings', async () => {
    const c = await catalog();
    const set = resolveRules(c, rules);
    expect(set.forDomain('nowhere')).toBe(set.forDomain(''));
    expect(set.forDomain('commerce')).toBe(set.forDomain(''));
    expect(set.forDomain('commerce').get('PARTITION_BOUNDS')).toBe(rules[1]?.defaults);
  });

  it('ignores a domain override of a rule it does not know', async () => {
    const c = await catalog({ [COMMERCE]: withRules('  RETENTION_BOUNDS: { min: PT1M }\n') });
    const set = resolveRules(c, rules);
    expect(set.forDomain('commerce').has('RETENTION_BOUNDS')).toBe(false);
    expect(set.loosenings).toEqual([]);
  });
});
