import {
  AclOperations,
  AclPermissionTypes,
  Admin,
  ResourcePatternTypes,
  ResourceTypes,
  type ResourceTypeValue,
} from '@platformatic/kafka';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformaticKafkaAdmin } from '../../src/apply/kafka-admin.js';
import { applyCluster, planCluster, type ClusterPorts } from '../../src/apply/run.js';
import { HttpSchemaRegistry } from '../../src/apply/schema-registry.js';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/model.js';
import type { SourceEntry } from '../../src/core/source.js';
import { formerGroups } from '../../src/plan/acl-scope.js';
import { desiredState } from '../../src/plan/desired.js';
import { describeOperation } from '../../src/render/plan.js';
import { aclProduct, readsA } from './acl-products.js';
import { services } from './apply-services.js';

// Per-run names, so the suite can run again on the same services.
const run = Date.now().toString(36);
const names = {
  topicA: `itacl.a${run}.v1`,
  topicB: `itacl.b${run}.v1`,
  writerA: `User:svc-a-${run}`,
  principalB: `User:svc-b-${run}`,
  groupB: `itacl.b${run}.reads-a`,
  /** Groups the catalog never named: B's principal's own, and another team's. */
  adhoc: `itacl.adhoc-${run}`,
  other: `itacl.other-${run}`,
};

const schema = (name: string) =>
  JSON.stringify({ type: 'record', name, namespace: 'com.acme.itacl', fields: [{ name: 'id', type: 'string' }] });

const product = (name: string, topic: string, writer: string, extra = '') =>
  aclProduct(name, topic, writer, extra, 'group ACL');

const inputPort = readsA(`itacl/a${run}`, names.principalB, names.groupB);

type BChange = 'none' | 'no-input' | 'retired' | 'deleted';

/** Product B reads product A; `change` is what the pull request did to B. */
function catalogWith(change: BChange): Catalog {
  const file = (text: string): SourceEntry => ({ kind: 'file', content: text });
  const tree = new Map<string, SourceEntry>([
    ['.github/steward.yml', file('apiVersion: mesh-steward/v1\nkind: Settings\napplyBranch: main\n')],
    [
      'catalog/itacl/domain.yaml',
      file('apiVersion: mesh-steward/v1\nkind: Domain\nname: itacl\ndescription: Test.\nowners: ["@acme/itacl"]\n'),
    ],
    [`catalog/itacl/a${run}/product.yaml`, file(product(`a${run}`, names.topicA, names.writerA))],
    [`catalog/itacl/a${run}/schemas/a${run}.avsc`, file(schema('A'))],
  ]);
  if (change !== 'deleted') {
    const b = product(`b${run}`, names.topicB, names.principalB, change === 'no-input' ? '' : inputPort);
    tree.set(
      `catalog/itacl/b${run}/product.yaml`,
      file(change === 'retired' ? b.replace('status: active', 'status: retired') : b),
    );
    tree.set(`catalog/itacl/b${run}/schemas/b${run}.avsc`, file(schema('B')));
  }
  const { catalog, findings } = loadCatalog(tree);
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return catalog;
}

/** Independent look at the broker's ACLs: the library's own admin client, one resource at a time. */
const look = {
  admin: new Admin({ clientId: 'steward-it-group-acls', bootstrapBrokers: services.brokers }),
  async acls(resourceType: ResourceTypeValue, resourceName: string): Promise<string[]> {
    const found = await this.admin.describeAcls({
      filter: {
        resourceType,
        resourceName,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: null,
        host: null,
        operation: AclOperations.ANY,
        permissionType: AclPermissionTypes.ANY,
      },
    });
    return found.flatMap((r) => r.acls.map((a) => `${a.principal} ${a.operation}`)).sort();
  },
  group(name: string) {
    return this.acls(ResourceTypes.GROUP, name);
  },
  topic(name: string) {
    return this.acls(ResourceTypes.TOPIC, name);
  },
};

const read = String(AclOperations.READ);
const ports = (): ClusterPorts => ({
  kafka: new PlatformaticKafkaAdmin({ brokers: services.brokers }),
  registry: new HttpSchemaRegistry({ url: services.registryUrl }),
  name: 'group-acl-it',
});

/** Applies `desired` with fresh ports, closing them after; fails on any failed operation. */
async function apply(desired: ReturnType<typeof desiredState>) {
  const p = ports();
  try {
    const result = await applyCluster(desired, p);
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    return result;
  } finally {
    await p.kafka.close();
  }
}

async function plan(desired: ReturnType<typeof desiredState>): Promise<string[]> {
  const p = ports();
  try {
    return (await planCluster(desired, p)).operations.map(describeOperation);
  } finally {
    await p.kafka.close();
  }
}

const revokeGroup = `- revoke READ on group ${names.groupB} from ${names.principalB}`;
const revokeTopic = `- revoke READ on topic ${names.topicA} from ${names.principalB}`;

describe('group ACL revocation against the real broker', () => {
  const before = catalogWith('none');

  beforeEach(async () => {
    // B reads A: the broker holds B's topic READ and group READ (re-granted before each case).
    await apply(desiredState(before));
    expect(await look.group(names.groupB)).toEqual([`${names.principalB} ${read}`]);
    expect(await look.topic(names.topicA)).toContain(`${names.principalB} ${read}`);
    // Out of band: group ACLs that the catalog never named.
    const creations = [
      [names.adhoc, names.principalB],
      [names.other, 'User:ops'],
    ].map(([group, principal]) => ({
      resourceType: ResourceTypes.GROUP,
      resourceName: group as string,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: principal as string,
      host: '*',
      operation: AclOperations.READ,
      permissionType: AclPermissionTypes.ALLOW,
    }));
    await look.admin.createAcls({ creations });
  });

  afterAll(async () => {
    await look.admin.close();
  });

  /** Plans `after` against the broker, applies it, and checks what the broker holds then. */
  async function revokes(after: Catalog, expected: string[]) {
    const desired = desiredState(after, { aclGroups: formerGroups(before, after) });
    expect((await plan(desired)).filter((line) => !line.startsWith('!'))).toEqual(expected);
    await apply(desired);
    expect(await look.group(names.groupB)).toEqual([]);
    expect(await look.topic(names.topicA)).not.toContain(`${names.principalB} ${read}`);
    // The groups the catalog never named keep their ACLs.
    expect(await look.group(names.adhoc)).toEqual([`${names.principalB} ${read}`]);
    expect(await look.group(names.other)).toEqual([`User:ops ${read}`]);
    expect((await plan(desired)).filter((line) => !line.startsWith('!'))).toEqual([]);
  }

  it('an input port removed: the plan revokes the group ACL, apply removes it', async () => {
    await revokes(catalogWith('no-input'), [revokeGroup, revokeTopic]);
  });

  it('the consumer retired: the plan revokes the group ACL, apply removes it', async () => {
    await revokes(catalogWith('retired'), [revokeGroup, revokeTopic]);
  });

  it('the consumer deleted: the plan revokes the group ACL, apply removes it', async () => {
    await revokes(catalogWith('deleted'), [revokeGroup, revokeTopic]);
  });
});
