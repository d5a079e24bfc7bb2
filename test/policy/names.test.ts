import { describe, expect, it } from 'vitest';
import { ORDERS, scenario, SHIPMENTS } from '../helpers/scenario.js';

const wildcardWriter = (t: string) => t.replace('writer: User:svc-orders', "writer: 'User:*'");

describe('steward check on names and principals', () => {
  it('blocks a pull request that makes a port writable by every client (writer: User:*)', async () => {
    const s = await scenario([[ORDERS, wildcardWriter]]);
    expect(s.findings).toEqual([['PRINCIPAL_WILDCARD', ORDERS, 25]]);
    expect(s.report.blocking).toBe(true);
  });

  it('blocks a pull request that asks to read as User:*', async () => {
    const s = await scenario([[SHIPMENTS, (t) => t.replace('principal: User:svc-shipping', "principal: 'User:*'")]]);
    expect(s.findings).toEqual([['PRINCIPAL_WILDCARD', SHIPMENTS, 19]]);
    expect(s.report.blocking).toBe(true);
  });

  it('lets a wildcard through where the base rules allow it', async () => {
    const allow = (t: string) => `${t}principals:\n  allowWildcard: true\n`;
    const s = await scenario([[ORDERS, wildcardWriter]], [['rules/global.yaml', allow]]);
    expect(s.findings).toEqual([]);
    expect(s.report.blocking).toBe(false);
  });

  it('cannot allow wildcards for itself: governance approves the rule, and the base rules judge its use', async () => {
    const allow = (t: string) => `${t}principals:\n  allowWildcard: true\n`;
    const s = await scenario([
      ['rules/global.yaml', allow],
      [ORDERS, wildcardWriter],
    ]);
    expect(s.requirements).toContainEqual(['governance', ['@acme/data-governance']]);
    // Judged by the base's rules, which do not allow wildcards: the rule must land before its first use.
    expect(s.findings).toEqual([['PRINCIPAL_WILDCARD', ORDERS, 25]]);
    expect(s.report.blocking).toBe(true);
  });

  it('blocks a pull request that publishes to the tool lock topic', async () => {
    const s = await scenario([
      [ORDERS, (t) => t.replace('topic: commerce.orders.v1', 'topic: _mesh-steward.apply-lock')],
    ]);
    expect(s.findings.filter((f) => f[0] === 'TOPIC_RESERVED')).toEqual([['TOPIC_RESERVED', ORDERS, 17]]);
    expect(s.report.blocking).toBe(true);
  });
});
