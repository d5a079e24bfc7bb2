import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { adoptLiveState } from '../../src/import/adopt.js';
import { liveStateOf, type LiveState } from '../../src/import/live.js';
import { grant, repoRoot, subject } from './fixtures.js';

describe('adoptLiveState', () => {
  it('writes the live values into the manifest that owns the topic, keeping the rest as written', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(repoRoot));
    const path = 'catalog/commerce/sales/orders/product.yaml';
    const before = readFileSync(join(repoRoot, path), 'utf8');
    const value = readFileSync(join(repoRoot, 'catalog/commerce/sales/orders/schemas/order.avsc'), 'utf8');
    const live: LiveState = {
      topics: [
        {
          name: 'commerce.sales.orders.v1',
          partitions: 48,
          replicationFactor: 3,
          configs: { 'cleanup.policy': 'compact', 'retention.ms': '-1', 'min.compaction.lag.ms': '60000' },
          defaults: { 'min.insync.replicas': '1' },
        },
      ],
      acls: [grant('commerce.sales.orders.v1', 'User:svc-orders-v2', 'WRITE')],
      subjects: new Map([
        ['commerce.sales.orders.v1-value', subject('commerce.sales.orders.v1-value', [value], 'BACKWARD_TRANSITIVE')],
      ]),
    };
    const { files } = adoptLiveState(catalog, live, { owner: '@acme/platform', source: 'prod' });
    expect([...files.keys()]).toEqual([path]);
    expect(files.get(path)).toBe(
      before
        .replace('partitions: 24', 'partitions: 48')
        .replace('min.compaction.lag.ms: "3600000"', 'min.compaction.lag.ms: "60000"')
        .replace('      min.insync.replicas: "2"\n', '')
        .replace('writer: User:svc-orders', 'writer: User:svc-orders-v2'),
    );
  });
});

describe('liveStateOf', () => {
  it("turns a plan's actual state into the live state adoptLiveState takes", () => {
    const latest = { subject: 't-value', version: 3, id: 9, schema: '"string"', references: [] };
    const live = liveStateOf({
      topics: new Map([['t', { name: 't', partitions: 2, replicationFactor: 3 }]]),
      configs: new Map([['t', { dynamic: { 'retention.ms': '1000' }, defaults: { 'cleanup.policy': 'delete' } }]]),
      subjects: new Map([['t-value', latest]]),
      compatibility: new Map([['t-value', 'FULL' as const]]),
      acls: [grant('t', 'User:w', 'WRITE')],
    });
    expect(live).toEqual({
      topics: [
        {
          name: 't',
          partitions: 2,
          replicationFactor: 3,
          configs: { 'retention.ms': '1000' },
          defaults: { 'cleanup.policy': 'delete' },
        },
      ],
      acls: [grant('t', 'User:w', 'WRITE')],
      subjects: new Map([['t-value', { subject: 't-value', versions: [latest], compatibility: 'FULL' }]]),
    });
  });
});
