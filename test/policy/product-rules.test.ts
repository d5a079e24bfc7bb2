import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { evaluateRules } from '../../src/policy/evaluate-rules.js';
import { addOrderField, ORDER_SCHEMA, ORDERS, scenario } from '../helpers/scenario.js';

describe('product rules, on what a change introduces', () => {
  it.each([
    ['TOPIC_NAMING', [ORDERS, (t: string) => t.replace('topic: commerce.orders.v1', 'topic: orders_topic')], 17],
    ['TOPIC_NAMING', [ORDERS, (t: string) => t.replace('topic: commerce.orders.v1', 'topic: commerce.orders.v2')], 17],
    ['PARTITION_BOUNDS', [ORDERS, (t: string) => t.replace('partitions: 6', 'partitions: 1000')], 23],
    [
      'RETENTION_BOUNDS',
      [
        ORDERS,
        (t: string) =>
          t.replace('writer: User:svc-orders', 'configs:\n      retention.ms: -1\n    writer: User:svc-orders'),
      ],
      26,
    ],
    [
      'RETENTION_BOUNDS',
      [
        ORDERS,
        (t: string) =>
          t.replace('writer: User:svc-orders', 'configs:\n      retention.ms: "60000"\n    writer: User:svc-orders'),
      ],
      26,
    ],
    [
      'PII_CLASSIFICATION',
      addOrderField({ name: 'email', type: ['null', 'string'], default: null, doc: 'E-mail.', pii: true }),
      6,
    ],
    ['SCHEMA_FIELD_DOCS', addOrderField({ name: 'channel', type: ['null', 'string'], default: null }), 9],
  ] as const)('%s', async (ruleId, edit, line) => {
    const s = await scenario([edit as [string, (t: string) => string]]);
    const found = s.findings.filter((f) => f[0] === ruleId);
    expect(found).toHaveLength(1);
    expect(found[0]?.[2]).toBe(line);
    expect(found[0]?.[1]).toBe(ruleId === 'SCHEMA_FIELD_DOCS' ? ORDER_SCHEMA : ORDERS);
  });

  it('leaves compacted topics out of retention bounds', async () => {
    const compact = (t: string) =>
      t.replace(
        'writer: User:svc-orders',
        'configs:\n      cleanup.policy: compact\n      retention.ms: -1\n    writer: User:svc-orders',
      );
    expect((await scenario([[ORDERS, compact]])).findings).toEqual([]);
  });

  it('asks for enough notice when a product is deprecated', async () => {
    const soon = (t: string) =>
      t.replace(
        'status: active',
        'status: deprecated\ndeprecation:\n  sunset: "2026-12-01"\n  replacement: logistics/shipments',
      );
    const s = await scenario([[ORDERS, soon]]);
    expect(s.findings).toEqual([['DEPRECATION_REQUIRES_SUNSET', ORDERS, 5]]);
    expect(s.report.findings[0]?.message).toContain('less than 30 days from 2026-11-22');
  });

  it('holds the example catalog to every rule with no findings', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(join(import.meta.dirname, '..', '..')));
    const findings = evaluateRules({
      rulesFrom: catalog,
      base: catalog,
      head: catalog,
      changes: [],
      products: [...catalog.products.values()],
      breaking: () => false,
      today: '2026-11-22',
    });
    expect(findings).toEqual([]);
  });
});
