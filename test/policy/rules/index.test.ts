import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../../src/policy/rules/index.js';
import { ruleSections } from '../../../src/rules/registry.js';

describe('builtInRules', () => {
  it('lists each governance rule once, in the order the engine runs them', () => {
    expect(builtInRules.map((r) => r.id)).toEqual([
      'TOPIC_NAMING',
      'PRODUCT_NAMING',
      'REQUIRED_METADATA',
      'SCHEMA_FIELD_DOCS',
      'PII_CLASSIFICATION',
      'PARTITION_BOUNDS',
      'REPLICATION_BOUNDS',
      'RETENTION_BOUNDS',
      'MIN_COMPATIBILITY',
      'COMPATIBILITY_LOOSENED',
      'BREAKING_CHANGE_NEEDS_MAJOR',
      'DEPRECATION_REQUIRES_SUNSET',
      'RETIREMENT_REQUIRES_NO_CONSUMERS',
      'NO_INPUTS_ON_DEPRECATED',
      'LIFECYCLE_TRANSITION',
    ]);
  });

  it('takes every id from the Governance section of the registry', () => {
    const governance = ruleSections.find((s) => s.title === 'Governance');
    const ids = new Set(Object.keys(governance?.rules ?? {}));
    for (const rule of builtInRules) expect(ids.has(rule.id)).toBe(true);
  });

  it('gives every rule a check', () => {
    for (const rule of builtInRules) expect(Boolean(rule.checkProduct ?? rule.checkChange)).toBe(true);
  });
});
