import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/catalog/model.js';
import type { RuleDefinition } from '../../../src/policy/rule-types.js';
import { partitionBounds, replicationBounds, retentionBounds } from '../../../src/policy/rules/bounds.js';
import { catalog, ORDERS, product, replace } from '../catalogs.js';

function check(rule: RuleDefinition, c: Catalog, params: Record<string, unknown> = rule.defaults.params) {
  return (rule.checkProduct?.({ product: product(c, 'commerce/orders'), catalog: c, params }) ?? []).map((f) => [
    f.location.line,
    f.message,
  ]);
}

const configs = (lines: string) => ({
  [ORDERS]: replace('    writer: User:svc-orders', `    configs:\n${lines}    writer: User:svc-orders`),
});
const dropLine = (line: string) => ({ [ORDERS]: replace(`    ${line}\n`, '') });

describe('PARTITION_BOUNDS', () => {
  it('defaults to 1..256', () => {
    expect(partitionBounds.defaults.params).toEqual({ min: 1, max: 256 });
  });

  it('passes a count within bounds, including the bounds themselves', async () => {
    const c = await catalog();
    expect(check(partitionBounds, c)).toEqual([]);
    expect(check(partitionBounds, c, { min: 6, max: 6 })).toEqual([]);
  });

  it('flags a count above the maximum or below the minimum, on the partitions line', async () => {
    const c = await catalog();
    expect(check(partitionBounds, c, { min: 1, max: 4 })).toEqual([
      [23, 'Port orders-v1 has 6 partitions, outside the allowed 1..4; set partitions within those bounds.'],
    ]);
    expect(check(partitionBounds, c, { min: 8, max: 10 })).toEqual([
      [23, 'Port orders-v1 has 6 partitions, outside the allowed 8..10; set partitions within those bounds.'],
    ]);
  });

  it('writes a missing bound as 1 or ∞ and does not apply it', async () => {
    const c = await catalog();
    expect(check(partitionBounds, c, { min: 7 })).toEqual([
      [23, 'Port orders-v1 has 6 partitions, outside the allowed 7..∞; set partitions within those bounds.'],
    ]);
    expect(check(partitionBounds, c, { max: 5 })[0]?.[1]).toContain('outside the allowed 1..5;');
    expect(check(partitionBounds, c, {})).toEqual([]);
  });

  it('judges a port without partitions by the settings default, else 6', async () => {
    const noCount = dropLine('partitions: 6');
    expect(check(partitionBounds, await catalog(noCount), { min: 7 })[0]?.[1]).toContain('has 6 partitions');
    const withDefault = await catalog({
      ...noCount,
      '.github/steward.yml': (t) => `${t}defaults:\n  partitions: 12\n`,
    });
    expect(check(partitionBounds, withDefault, { max: 10 })[0]?.[1]).toContain('has 12 partitions');
  });

  it('is tightened by raising min and lowering max only', () => {
    expect(partitionBounds.tighten?.({ min: 1, max: 256 }, { min: 3, max: 64 })).toEqual({
      params: { min: 3, max: 64 },
      loosened: [],
    });
    expect(partitionBounds.tighten?.({ min: 3, max: 64 }, { min: 1, max: 256 })).toEqual({
      params: { min: 3, max: 64 },
      loosened: ['min', 'max'],
    });
  });
});

describe('REPLICATION_BOUNDS', () => {
  it('defaults to 1..5 and speaks of the replication factor', async () => {
    expect(replicationBounds.defaults.params).toEqual({ min: 1, max: 5 });
    const c = await catalog();
    expect(check(replicationBounds, c)).toEqual([]);
    expect(check(replicationBounds, c, { min: 4, max: 5 })).toEqual([
      [
        24,
        'Port orders-v1 has 3 replication factor, outside the allowed 4..5; set replicationFactor within those bounds.',
      ],
    ]);
  });

  it('judges a port without a factor by the settings default, else 3', async () => {
    const noFactor = dropLine('replicationFactor: 3');
    expect(check(replicationBounds, await catalog(noFactor), { min: 4 })[0]?.[1]).toContain('has 3 replication');
    const withDefault = await catalog({
      ...noFactor,
      '.github/steward.yml': (t) => `${t}defaults:\n  replicationFactor: 2\n`,
    });
    expect(check(replicationBounds, withDefault, { min: 3 })[0]?.[1]).toContain('has 2 replication');
  });
});

describe('RETENTION_BOUNDS', () => {
  it('passes Kafka’s default seven days, within PT1H..P3650D', async () => {
    expect(retentionBounds.defaults.params).toEqual({ min: 'PT1H', max: 'P3650D', allowInfinite: false });
    expect(check(retentionBounds, await catalog())).toEqual([]);
  });

  it('judges a topic without retention.ms as keeping seven days', async () => {
    const c = await catalog();
    expect(check(retentionBounds, c, { min: 'P8D' })).toEqual([
      [16, 'Port orders-v1 keeps data 604800000 ms, less than the minimum P8D; raise retention.ms.'],
    ]);
    expect(check(retentionBounds, c, { max: 'P6D' })).toEqual([
      [16, 'Port orders-v1 keeps data 604800000 ms, more than the maximum P6D; lower retention.ms.'],
    ]);
    expect(check(retentionBounds, c, { min: 'P7D', max: 'P7D' })).toEqual([]);
  });

  it('flags a retention below the minimum on its retention.ms line', async () => {
    const c = await catalog(configs('      retention.ms: "60000"\n'));
    expect(check(retentionBounds, c)).toEqual([
      [26, 'Port orders-v1 keeps data 60000 ms, less than the minimum PT1H; raise retention.ms.'],
    ]);
  });

  it('refuses infinite retention unless allowed', async () => {
    const c = await catalog(configs('      retention.ms: -1\n'));
    expect(check(retentionBounds, c)).toEqual([
      [
        26,
        'Port orders-v1 keeps data forever (retention.ms -1); set a finite retention.ms or use cleanup.policy compact for state.',
      ],
    ]);
    expect(check(retentionBounds, c, { ...retentionBounds.defaults.params, allowInfinite: true })).toEqual([]);
  });

  it('says a retention that is not a number is not one (a manifest the loader would refuse)', async () => {
    const c = await catalog(configs('      retention.ms: "60000"\n'));
    const orders = product(c, 'commerce/orders');
    const [port] = orders.manifest.outputPorts ?? [];
    const odd = { ...port, configs: { 'retention.ms': 'a week' } } as NonNullable<typeof port>;
    const bad = { ...orders, manifest: { ...orders.manifest, outputPorts: [odd] } };
    const found = retentionBounds.checkProduct?.({ product: bad, catalog: c, params: retentionBounds.defaults.params });
    expect(found?.map((f) => [f.location.line, f.message])).toEqual([
      [
        26,
        'Port orders-v1 has retention.ms a week, which is not a number of milliseconds; write it as a quoted number.',
      ],
    ]);
  });

  it('leaves topics that do not delete by time alone, and judges compact,delete ones', async () => {
    expect(
      check(retentionBounds, await catalog(configs('      cleanup.policy: compact\n      retention.ms: -1\n'))),
    ).toEqual([]);
    const both = await catalog(configs('      cleanup.policy: "compact, delete"\n      retention.ms: -1\n'));
    expect(check(retentionBounds, both)[0]?.[1]).toContain('keeps data forever');
  });

  it('ignores bounds that are not durations', async () => {
    const c = await catalog(configs('      retention.ms: "60000"\n'));
    expect(check(retentionBounds, c, { min: 5, max: 'soon' })).toEqual([]);
  });

  it('is tightened by duration: raise min, lower max, withdraw allowInfinite', () => {
    const inherited = { min: 'PT1H', max: 'P3650D', allowInfinite: true };
    expect(retentionBounds.tighten?.(inherited, { min: 'P1D', max: 'P30D', allowInfinite: false })).toEqual({
      params: { min: 'P1D', max: 'P30D', allowInfinite: false },
      loosened: [],
    });
    expect(
      retentionBounds.tighten?.(
        { min: 'P1D', max: 'P30D', allowInfinite: false },
        { min: 'PT2H', max: 'P31D', allowInfinite: true },
      ),
    ).toEqual({ params: { min: 'P1D', max: 'P30D', allowInfinite: false }, loosened: ['min', 'max', 'allowInfinite'] });
  });
});
