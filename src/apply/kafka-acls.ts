import {
  AclOperations,
  AclPermissionTypes,
  ResourcePatternTypes,
  ResourceTypes,
  type Admin,
  type AclOperationValue,
} from '@platformatic/kafka';
import type { AclBinding, AclOperation } from '../plan/state.js';
import { call, perItem } from './kafka-errors.js';
import type { ItemResult } from './ports.js';

/** The ACL half of PlatformaticKafkaAdmin: the shapes the catalog grants, read and written in one request each. */
const operations: Record<AclOperation, AclOperationValue> = {
  READ: AclOperations.READ,
  WRITE: AclOperations.WRITE,
  DESCRIBE: AclOperations.DESCRIBE,
};

export async function describeAcls(
  admin: Admin,
  resources: { topics: readonly string[]; groups: readonly string[] },
): Promise<AclBinding[]> {
  if (resources.topics.length + resources.groups.length === 0) return [];
  // One filter for every literal ALLOW ACL, then keep the asked-for resources: a request per topic would cost
  // a round trip per topic, and DescribeAcls takes only one filter.
  const found = await call('read ACLs', () =>
    admin.describeAcls({
      filter: {
        resourceType: ResourceTypes.ANY,
        resourceName: null,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: null,
        host: '*',
        operation: AclOperations.ANY,
        permissionType: AclPermissionTypes.ALLOW,
      },
    }),
  );
  const topics = new Set(resources.topics);
  const groups = new Set(resources.groups);
  const acls: AclBinding[] = [];
  for (const resource of found) {
    const type =
      resource.resourceType === ResourceTypes.TOPIC
        ? 'topic'
        : resource.resourceType === ResourceTypes.GROUP
          ? 'group'
          : undefined;
    if (type === undefined || !(type === 'topic' ? topics : groups).has(resource.resourceName)) continue;
    for (const acl of resource.acls) {
      const operation = (Object.keys(operations) as AclOperation[]).find((o) => operations[o] === acl.operation);
      if (operation && acl.host === '*' && acl.permissionType === AclPermissionTypes.ALLOW)
        acls.push({ resourceType: type, resourceName: resource.resourceName, principal: acl.principal, operation });
    }
  }
  return acls;
}

/** CreateAcls (`present`) or DeleteAcls for all of them in one request, then waits until the change is visible. */
export async function changeAcls(admin: Admin, acls: readonly AclBinding[], present: boolean): Promise<ItemResult[]> {
  const results = await perItem(acls.map(aclName), () =>
    present
      ? admin.createAcls({ creations: acls.map(toKafkaAcl) })
      : admin.deleteAcls({ filters: acls.map(toKafkaAcl) }),
  );
  await awaitAcls(admin, acls, results, present);
  return results;
}

/**
 * The authorizer applies ACL changes asynchronously (through the metadata log): a describe right after a create
 * may not see it yet, and a plan made then would grant it again. Waits (one describe per poll, 30 s at most) until
 * the changes are visible, so a plan after an apply reads what the apply did.
 */
async function awaitAcls(
  admin: Admin,
  acls: readonly AclBinding[],
  results: readonly ItemResult[],
  present: boolean,
): Promise<void> {
  const done = acls.filter((_, i) => results[i]?.error === undefined);
  if (done.length === 0) return;
  const keys = new Set(done.map(aclName));
  const resources = {
    topics: done.filter((a) => a.resourceType === 'topic').map((a) => a.resourceName),
    groups: done.filter((a) => a.resourceType === 'group').map((a) => a.resourceName),
  };
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
    const seen = new Set((await describeAcls(admin, resources).catch(() => [])).map(aclName));
    if ([...keys].every((k) => seen.has(k) === present)) return;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function toKafkaAcl(acl: AclBinding) {
  return {
    resourceType: acl.resourceType === 'topic' ? ResourceTypes.TOPIC : ResourceTypes.GROUP,
    resourceName: acl.resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: acl.principal,
    host: '*',
    operation: operations[acl.operation],
    permissionType: AclPermissionTypes.ALLOW,
  };
}

function aclName(acl: AclBinding): string {
  return `${acl.resourceType}:${acl.resourceName}:${acl.principal}:${acl.operation}`;
}
