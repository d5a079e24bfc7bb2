import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import type { SourceEntry } from '../../../src/core/source.js';
import { livePlanTarget, planLive } from '../../../src/github/flows/live-plan.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import type { CatalogSnapshot } from '../../../src/github/read/catalog-cache.js';
import type { PullRequestRef } from '../../../src/github/types.js';
import { livePlanLine, planSection } from '../../../src/render/plan-section.js';
import { environmentClusters } from '../helpers/promotion.js';
import { baseTree, edit, extendOrders } from '../helpers/trees.js';

type Tree = ReadonlyMap<string, SourceEntry>;

const pr = { owner: 'acme', repo: 'mesh', baseRef: 'main', defaultBranch: 'main', fork: false } as PullRequestRef;

const environments = `environments:
  - name: local
    kafka:
      brokers: LOCAL_KAFKA_BROKERS
    registry:
      url: LOCAL_REGISTRY_URL
  - name: staging
    branch: main
    kafka:
      brokers: STAGING_KAFKA_BROKERS
    registry:
      url: STAGING_REGISTRY_URL
    overrides:
      replicationFactor: 1
      topicConfigs:
        retention.ms: '259200000'
  - name: prod
    branch: main
    after: staging
    kafka:
      brokers: PROD_KAFKA_BROKERS
    registry:
      url: PROD_REGISTRY_URL
`;

async function snapshot(): Promise<CatalogSnapshot> {
  const base: Tree = edit(await baseTree(), '.github/steward.yml', (t) => `${t}${environments}`);
  const head = extendOrders(base);
  return {
    base: loadCatalog(base),
    head: loadCatalog(head),
    history: new Map(),
    touched: new Set(['commerce/orders']),
  };
}

describe("the pull request's plan per environment", () => {
  it('plans each environment its base branch applies, in order, with its overrides applied and listed', async () => {
    const snap = await snapshot();
    const { target, clusters } = environmentClusters(['local', 'staging', 'prod']);
    const planned = livePlanTarget(target, pr, snap);
    expect(planned?.environments.map((e) => e.environment.name)).toEqual(['staging', 'prod']);
    expect(livePlanTarget(target, { ...pr, baseRef: 'release' }, snap)).toBeUndefined();
    expect(livePlanTarget(target, { ...pr, fork: true }, snap)).toBeUndefined();
    if (!planned) throw new Error('no target');
    const live = await planLive(planned, snap);
    expect(clusters.get('local')?.connects).toBe(0);
    expect(clusters.get('staging')?.connects).toBe(1);
    expect(clusters.get('prod')?.connects).toBe(1);

    const text = planSection([], live).render(60_000);
    const staging = text.indexOf('#### Environment staging');
    const prod = text.indexOf('#### Environment prod');
    expect(staging).toBeGreaterThan(-1);
    expect(prod).toBeGreaterThan(staging);
    const stagingPart = text.slice(staging, prod);
    const prodPart = text.slice(prod);
    expect(stagingPart).toContain('Overrides: `replicationFactor 1`, `retention.ms 259200000`');
    expect(stagingPart).toMatch(/replication 1 \(override: environment staging\)/);
    expect(stagingPart).toContain('_Cluster staging._');
    expect(prodPart).not.toContain('Overrides:');
    expect(prodPart).not.toContain('override: environment');
    expect(prodPart).toMatch(/replication 3\b/);
    // A live plan was made: the base-catalog preview is not added.
    expect(text).not.toContain('Planned against the base catalog');
    expect(livePlanLine(live).split('\n')).toEqual([
      expect.stringMatching(/^staging: Merging would apply \d+ operation\(s\) to staging/),
      expect.stringMatching(/^prod: Merging would apply \d+ operation\(s\) to prod/),
    ]);
  });

  it('lists an environment the App cannot reach by the variables it needs, and never connects', async () => {
    const snap = await snapshot();
    const target: ApplyTarget = { repository: 'acme/mesh', env: { STAGING_KAFKA_BROKERS: 'b:9092' } };
    const planned = livePlanTarget(target, pr, snap);
    if (!planned) throw new Error('no target');
    const live = await planLive(planned, snap);
    const text = planSection([], live).render(60_000);
    expect(text).toContain(
      '#### Environment staging\n\nOverrides: `replicationFactor 1`, `retention.ms 259200000`\n\nNot reachable from the App (set `STAGING_REGISTRY_URL`): no live plan.',
    );
    expect(text).toContain(
      '#### Environment prod\n\nNot reachable from the App (set `PROD_KAFKA_BROKERS`, `PROD_REGISTRY_URL`): no live plan.',
    );
    expect(text).not.toContain('b:9092');
  });
});
