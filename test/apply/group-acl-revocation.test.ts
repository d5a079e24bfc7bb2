import { describe, expect, it, vi } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { applyCluster, planCluster, type ClusterPorts } from '../../src/apply/run.js';
import type { Catalog } from '../../src/catalog/model.js';
import { formerGroups } from '../../src/plan/acl-scope.js';
import { desiredState } from '../../src/plan/desired.js';
import { aclKey, type AclBinding } from '../../src/plan/state.js';
import { describeOperation } from '../../src/render/plan.js';
import { catalog, replace, SHIPMENTS } from '../policy/catalogs.js';

/**
 * The fixture's logistics/shipments (User:svc-shipping) reads commerce/orders with the group logistics-shipments:
 * the catalog grants it READ on the topic and on the group. Each case applies that catalog to the fake cluster, then
 * plans the changed catalog against it, as an apply on merge does (the whole catalog, the catalog before the change
 * standing for the history of what the catalog owns).
 */
const shipmentsGroup: AclBinding = {
  resourceType: 'group',
  resourceName: 'logistics-shipments',
  principal: 'User:svc-shipping',
  operation: 'READ',
};
/** Group ACLs the catalog never made: the same principal's own group, and another team's. */
const foreign: AclBinding[] = [
  { resourceType: 'group', resourceName: 'shipping-adhoc', principal: 'User:svc-shipping', operation: 'READ' },
  { resourceType: 'group', resourceName: 'ops-tools', principal: 'User:ops', operation: 'READ' },
  {
    resourceType: 'group',
    resourceName: 'logistics-',
    patternType: 'prefixed',
    principal: 'User:ops',
    operation: 'DESCRIBE',
    permission: 'DENY',
  },
];

async function appliedBase(): Promise<{ before: Catalog; ports: ClusterPorts & { kafka: FakeKafkaAdmin } }> {
  const before = await catalog();
  const ports = { kafka: new FakeKafkaAdmin(), registry: new FakeSchemaRegistry(), name: `fake-${Math.random()}` };
  const applied = await applyCluster(desiredState(before), ports);
  expect(applied.outcomes.filter((o) => o.status !== 'succeeded')).toEqual([]);
  for (const acl of foreign) ports.kafka.acls.set(aclKey(acl), acl);
  expect(ports.kafka.acls.has(aclKey(shipmentsGroup))).toBe(true);
  return { before, ports };
}

/** Plans `after` (with the groups `before` named), applies it, and answers the plan, the group ACLs left, a re-plan. */
async function revoke(after: Catalog) {
  const { before, ports } = await appliedBase();
  const desired = desiredState(after, { aclGroups: formerGroups(before, after) });
  const describeAcls = vi.spyOn(ports.kafka, 'describeAcls');
  const plan = (await planCluster(desired, ports)).operations;
  // The consumer groups' ACLs are read with the topics', in one request, not one per group.
  expect(describeAcls).toHaveBeenCalledTimes(1);
  const applied = await applyCluster(desired, ports);
  expect(applied.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
  const groupAcls = [...ports.kafka.acls.values()].filter((a) => a.resourceType === 'group');
  const replan = (await planCluster(desired, ports)).operations.filter((o) => !('skipped' in o && o.skipped));
  return { plan: plan.map(describeOperation), groupAcls, replan };
}

const revokeGroup = '- revoke READ on group logistics-shipments from User:svc-shipping';
const revokeTopic = '- revoke READ on topic commerce.orders.v1 from User:svc-shipping';

describe('a consumer that loses its access loses its group ACLs too', () => {
  it('an input port removed: its group grant is revoked with its topic grant, and no other group ACL', async () => {
    const after = await catalog({ [SHIPMENTS]: (t) => t.slice(0, t.indexOf('inputPorts:')) });
    const { plan, groupAcls, replan } = await revoke(after);
    expect(plan).toEqual([revokeGroup, revokeTopic]);
    expect(groupAcls).toEqual(foreign);
    expect(replan).toEqual([]);
  });

  it('a consumer retired: its group grant is revoked, not held back like the deletion of its own topic', async () => {
    const after = await catalog({ [SHIPMENTS]: replace('status: active', 'status: retired') });
    const { plan, groupAcls, replan } = await revoke(after);
    const held = 'would delete (not allowed by settings: allowDeletions is false in .github/steward.yml)';
    expect(plan).toEqual([
      revokeGroup,
      revokeTopic,
      `! revoke DESCRIBE on topic logistics.shipments.v1 from User:svc-shipping — ${held}`,
      `! revoke WRITE on topic logistics.shipments.v1 from User:svc-shipping — ${held}`,
      `! subject logistics.shipments.v1-value of a retired product ${held}`,
      `! topic logistics.shipments.v1 of a retired product ${held}`,
    ]);
    expect(groupAcls).toEqual(foreign);
    expect(replan).toEqual([]);
  });

  it('a retired consumer needs no history: the catalog still names its group', async () => {
    const { ports } = await appliedBase();
    const after = await catalog({ [SHIPMENTS]: replace('status: active', 'status: retired') });
    const plan = (await planCluster(desiredState(after), ports)).operations.map(describeOperation);
    expect(plan.slice(0, 2)).toEqual([revokeGroup, revokeTopic]);
  });

  it('a consumer product deleted: its group grant is revoked with its grant on the topic it read', async () => {
    const after = await catalog({
      [SHIPMENTS]: () => undefined,
      'catalog/logistics/shipments/schemas/shipment.avsc': () => undefined,
    });
    const { plan, groupAcls, replan } = await revoke(after);
    // Its own topic leaves management (nothing deletes it without a retirement); its writer's grants go with it.
    expect(plan).toEqual([revokeGroup, revokeTopic]);
    expect(groupAcls).toEqual(foreign);
    expect(replan).toEqual([]);
  });

  it('a group ACL the catalog never owned is left alone, even when its principal is a consumer of the catalog', async () => {
    const { before, ports } = await appliedBase();
    // Another grant on the catalog's group is revoked (the group is the catalog's); the foreign groups are not read.
    const extra: AclBinding = { ...shipmentsGroup, principal: 'User:intruder' };
    ports.kafka.acls.set(aclKey(extra), extra);
    const after = await catalog({ [SHIPMENTS]: (t) => t.slice(0, t.indexOf('inputPorts:')) });
    const desired = desiredState(after, { aclGroups: formerGroups(before, after) });
    expect(desired.groups).toEqual(['logistics-shipments']);
    const plan = (await planCluster(desired, ports)).operations.map(describeOperation);
    const revokeIntruder = '- revoke READ on group logistics-shipments from User:intruder';
    expect(plan).toEqual([revokeIntruder, revokeGroup, revokeTopic]);
    await applyCluster(desired, ports);
    expect([...ports.kafka.acls.values()].filter((a) => a.resourceType === 'group')).toEqual(foreign);
    // Unchanged catalog: only the grant the catalog does not make on its group goes.
    const { ports: fresh } = await appliedBase();
    fresh.kafka.acls.set(aclKey(extra), extra);
    expect((await planCluster(desiredState(before), fresh)).operations.map(describeOperation)).toEqual([
      revokeIntruder,
    ]);
  });
});
