import {
  AclOperations,
  AclPermissionTypes,
  ResourcePatternTypes,
  ResourceTypes,
  type Admin,
  type AclOperationValue,
} from '@platformatic/kafka';
import { OwnedNames } from '../plan/acl-scope.js';
import { aclResource } from '../plan/operations.js';
import { aclKey, type AclBinding, type AclOperation } from '../plan/state.js';
import { call, perItem } from './kafka-errors.js';
import type { ItemResult } from './ports.js';

/** The ACL half of PlatformaticKafkaAdmin: every ACL on the catalog's resources read in one request, changes in one. */
const operations: Record<AclOperation, AclOperationValue> = {
  READ: AclOperations.READ,
  WRITE: AclOperations.WRITE,
  DESCRIBE: AclOperations.DESCRIBE,
  ALL: AclOperations.ALL,
  CREATE: AclOperations.CREATE,
  DELETE: AclOperations.DELETE,
  ALTER: AclOperations.ALTER,
  DESCRIBE_CONFIGS: AclOperations.DESCRIBE_CONFIGS,
  ALTER_CONFIGS: AclOperations.ALTER_CONFIGS,
  IDEMPOTENT_WRITE: AclOperations.IDEMPOTENT_WRITE,
  CLUSTER_ACTION: AclOperations.CLUSTER_ACTION,
  CREATE_TOKENS: AclOperations.CREATE_TOKENS,
  DESCRIBE_TOKENS: AclOperations.DESCRIBE_TOKENS,
  TWO_PHASE_COMMIT: AclOperations.TWO_PHASE_COMMIT,
};
const operationOf = new Map(Object.entries(operations).map(([label, value]) => [value, label as AclOperation]));

/**
 * Every ACL whose pattern grants on one of the given topics or groups (literal, the literal `*`, prefixed; ALLOW
 * and DENY; any host and operation). One DescribeAcls whatever the number of resources: a filter that matches
 * every pattern of every topic and group, then the patterns are matched client-side (the broker's MATCH filter
 * takes one resource name, so it would cost a request per resource).
 */
export async function describeAcls(
  admin: Admin,
  resources: { topics: readonly string[]; groups: readonly string[] },
): Promise<AclBinding[]> {
  if (resources.topics.length + resources.groups.length === 0) return [];
  const owned = { topic: new OwnedNames(resources.topics), group: new OwnedNames(resources.groups) };
  return (await readAcls(admin)).filter((acl) => owned[acl.resourceType].matches(acl));
}

/** Every topic and group ACL of the cluster, in the engine's terms: one request. */
export async function readAcls(admin: Admin): Promise<AclBinding[]> {
  const found = await call('read ACLs', () =>
    admin.describeAcls({
      filter: {
        resourceType: ResourceTypes.ANY,
        resourceName: null,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal: null,
        host: null,
        operation: AclOperations.ANY,
        permissionType: AclPermissionTypes.ANY,
      },
    }),
  );
  return found.flatMap(bindingsOf);
}

type DescribedResource = Awaited<ReturnType<Admin['describeAcls']>>[number];

/**
 * One described resource's ACLs as bindings. Resources other than topics and groups, patterns other than literal
 * and prefixed, and operations the engine has no name for are not the catalog's to manage: they are left out.
 */
function bindingsOf(resource: DescribedResource): AclBinding[] {
  const resourceType =
    resource.resourceType === ResourceTypes.TOPIC
      ? 'topic'
      : resource.resourceType === ResourceTypes.GROUP
        ? 'group'
        : undefined;
  const pattern = resource.resourcePatternType;
  if (
    resourceType === undefined ||
    (pattern !== ResourcePatternTypes.LITERAL && pattern !== ResourcePatternTypes.PREFIXED)
  )
    return [];
  return resource.acls.flatMap((acl) => {
    const operation = operationOf.get(acl.operation);
    if (operation === undefined) return [];
    return [
      {
        resourceType,
        resourceName: resource.resourceName,
        ...(pattern === ResourcePatternTypes.PREFIXED ? { patternType: 'prefixed' as const } : {}),
        principal: acl.principal,
        ...(acl.host === '*' ? {} : { host: acl.host }),
        operation,
        ...(acl.permissionType === AclPermissionTypes.DENY ? { permission: 'DENY' as const } : {}),
      },
    ];
  });
}

/** CreateAcls (`present`) or DeleteAcls for all of them in one request, then waits until the change is visible. */
export async function changeAcls(admin: Admin, acls: readonly AclBinding[], present: boolean): Promise<ItemResult[]> {
  const results = await perItem(acls.map(aclResource), () =>
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
  const keys = new Set(done.map(aclKey));
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
    const seen = new Set((await readAcls(admin).catch(() => [])).map(aclKey));
    if ([...keys].every((k) => seen.has(k) === present)) return;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The binding exactly: as a creation, or as a DeleteAcls filter that matches this one binding only. */
function toKafkaAcl(acl: AclBinding) {
  return {
    resourceType: acl.resourceType === 'topic' ? ResourceTypes.TOPIC : ResourceTypes.GROUP,
    resourceName: acl.resourceName,
    resourcePatternType: acl.patternType === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
    principal: acl.principal,
    host: acl.host ?? '*',
    operation: operations[acl.operation],
    permissionType: acl.permission === 'DENY' ? AclPermissionTypes.DENY : AclPermissionTypes.ALLOW,
  };
}
