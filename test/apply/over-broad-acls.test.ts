import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { applyCluster, planCluster } from '../../src/apply/run.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { desiredState } from '../../src/plan/desired.js';
import { aclKey, type AclBinding } from '../../src/plan/state.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const orders = 'commerce.sales.orders.v1';

const outOfBand: AclBinding[] = [
  { resourceType: 'topic', resourceName: orders, principal: 'User:mallory', operation: 'ALL' },
  { resourceType: 'topic', resourceName: orders, principal: 'User:svc-orders', operation: 'ALTER' },
  { resourceType: 'topic', resourceName: '*', principal: 'User:mallory', operation: 'READ' },
  {
    resourceType: 'topic',
    resourceName: 'commerce.',
    patternType: 'prefixed',
    principal: 'User:eve',
    operation: 'READ',
  },
];
const leftAlone: AclBinding[] = [
  { resourceType: 'topic', resourceName: orders, principal: 'User:mallory', operation: 'WRITE', permission: 'DENY' },
  { resourceType: 'topic', resourceName: 'unowned.', patternType: 'prefixed', principal: 'User:eve', operation: 'ALL' },
  { resourceType: 'group', resourceName: 'unowned-group', principal: 'User:eve', operation: 'READ' },
];

describe('ACLs granted outside the catalog on its resources', () => {
  it('are each planned for revocation, revoked by apply (nothing else), and the next plan is empty', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(repoRoot));
    const desired = desiredState(catalog);
    const ports = { kafka: new FakeKafkaAdmin(), registry: new FakeSchemaRegistry(), name: 'fake-over-broad' };
    await applyCluster(desired, ports);
    await ports.kafka.createAcls([...outOfBand, ...leftAlone]);

    ports.kafka.requests = 0;
    const plan = await planCluster(desired, ports);
    // One DescribeAcls for every pattern, whatever the topic count (plus the topic and config reads).
    expect(ports.kafka.requests).toBe(3);
    expect(plan.operations.map((o) => o.resource).sort()).toEqual(
      [
        'acl:topic-prefixed:commerce.:User:eve:READ',
        `acl:topic:${orders}:User:mallory:ALL`,
        `acl:topic:${orders}:User:svc-orders:ALTER`,
        'acl:topic:*:User:mallory:READ',
      ].sort(),
    );

    const { outcomes } = await applyCluster(desired, ports);
    expect(outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect([...ports.kafka.acls.keys()]).not.toEqual(expect.arrayContaining(outOfBand.map(aclKey)));
    for (const acl of leftAlone) expect(ports.kafka.acls.has(aclKey(acl))).toBe(true);
    for (const acl of desired.acls) expect(ports.kafka.acls.has(aclKey(acl))).toBe(true);
    expect((await planCluster(desired, ports)).operations).toEqual([]);
  });

  it('a plan scoped to a product that reads an owned topic reports the wildcard and prefix too', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(repoRoot));
    const ports = { kafka: new FakeKafkaAdmin(), registry: new FakeSchemaRegistry(), name: 'fake-over-broad-2' };
    await applyCluster(desiredState(catalog), ports);
    await ports.kafka.createAcls(outOfBand);
    const scoped = desiredState(catalog, { only: new Set(['finance/invoices']) });
    const ops = (await planCluster(scoped, ports)).operations;
    expect(ops.map((o) => o.resource).sort()).toEqual(
      [
        'acl:topic-prefixed:commerce.:User:eve:READ',
        `acl:topic:${orders}:User:mallory:ALL`,
        `acl:topic:${orders}:User:svc-orders:ALTER`,
        'acl:topic:*:User:mallory:READ',
      ].sort(),
    );
    const wildcard = ops.find((o) => o.resource === 'acl:topic:*:User:mallory:READ');
    expect(wildcard && 'covers' in wildcard ? wildcard.covers : []).toContain('finance.invoices.v1');
  });
});
