import {
  AclOperations,
  AclPermissionTypes,
  ResourcePatternTypes,
  ResourceTypes,
  type Admin,
} from '@platformatic/kafka';
import { describe, expect, it, vi } from 'vitest';
import { changeAcls, describeAcls, sleep } from '../../src/apply/kafka-acls.js';
import { ExternalServiceError } from '../../src/core/errors.js';
import type { AclBinding } from '../../src/plan/state.js';

interface KafkaAcl {
  resourceType: number;
  resourceName: string;
  resourcePatternType: number;
  principal: string;
  host: string;
  operation: number;
  permissionType: number;
}

type AclFilter = { [K in keyof KafkaAcl]: KafkaAcl[K] | null };

/**
 * Whether a DescribeAcls filter matches a binding, as the broker decides: ANY (and null) match every value, any other
 * value only itself. (MATCH, which resolves patterns against one resource name, is not needed here: the adapter
 * never sends it, and a filter that used it would match nothing.)
 */
function filterMatches(filter: AclFilter, acl: KafkaAcl): boolean {
  const any = {
    resourceType: ResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperations.ANY,
    permissionType: AclPermissionTypes.ANY,
  } as Partial<Record<keyof KafkaAcl, number>>;
  return (Object.keys(acl) as (keyof KafkaAcl)[]).every(
    (key) => filter[key] === null || filter[key] === any[key] || filter[key] === acl[key],
  );
}

/** A filter that any binding matches (null is a wildcard for every field). */
const matchAll: AclFilter = {
  resourceType: null,
  resourceName: null,
  resourcePatternType: null,
  principal: null,
  host: null,
  operation: null,
  permissionType: null,
};

/** The library's Admin, as far as ACLs go: a list of bindings filtered and answered grouped by resource, as the broker does. */
function stubAdmin(initial: KafkaAcl[] = []) {
  const held = [...initial];
  const same = (a: KafkaAcl, b: KafkaAcl) => JSON.stringify(a) === JSON.stringify(b);
  const admin = {
    describeAcls: vi.fn(async ({ filter }: { filter: AclFilter }) => {
      const byResource = new Map<
        string,
        { resourceType: number; resourceName: string; resourcePatternType: number; acls: object[] }
      >();
      for (const { principal, host, operation, permissionType, ...resource } of held.filter((acl) =>
        filterMatches(filter, acl),
      )) {
        const key = JSON.stringify(resource);
        const entry = byResource.get(key) ?? { ...resource, acls: [] };
        entry.acls.push({ principal, host, operation, permissionType });
        byResource.set(key, entry);
      }
      return [...byResource.values()];
    }),
    createAcls: vi.fn(async ({ creations }: { creations: KafkaAcl[] }) => {
      held.push(...creations);
    }),
    deleteAcls: vi.fn(async ({ filters }: { filters: KafkaAcl[] }) => {
      for (const f of filters) {
        const i = held.findIndex((h) => same(h, f));
        if (i >= 0) held.splice(i, 1);
      }
    }),
  };
  return { admin, asAdmin: admin as unknown as Admin, held };
}

const kafkaAcl = (over: Partial<KafkaAcl> = {}): KafkaAcl => ({
  resourceType: ResourceTypes.TOPIC,
  resourceName: 'orders',
  resourcePatternType: ResourcePatternTypes.LITERAL,
  principal: 'User:a',
  host: '*',
  operation: AclOperations.READ,
  permissionType: AclPermissionTypes.ALLOW,
  ...over,
});

describe('describeAcls', () => {
  it('reads every ACL in one request and keeps those granting on the asked topics and groups', async () => {
    const { admin, asAdmin } = stubAdmin([
      kafkaAcl(),
      kafkaAcl({ principal: 'User:b', operation: AclOperations.DESCRIBE }),
      kafkaAcl({ resourceName: '*', operation: AclOperations.ALL }),
      kafkaAcl({ resourceName: 'ord', resourcePatternType: ResourcePatternTypes.PREFIXED, host: '10.0.0.1' }),
      kafkaAcl({ resourceName: 'other' }),
      kafkaAcl({ resourceType: ResourceTypes.GROUP, resourceName: 'g1', permissionType: AclPermissionTypes.DENY }),
      kafkaAcl({ resourceType: ResourceTypes.GROUP, resourceName: 'orders' }),
    ]);
    expect(await describeAcls(asAdmin, { topics: ['orders'], groups: ['g1'] })).toEqual([
      { resourceType: 'topic', resourceName: 'orders', principal: 'User:a', operation: 'READ' },
      { resourceType: 'topic', resourceName: 'orders', principal: 'User:b', operation: 'DESCRIBE' },
      { resourceType: 'topic', resourceName: '*', principal: 'User:a', operation: 'ALL' },
      {
        resourceType: 'topic',
        resourceName: 'ord',
        patternType: 'prefixed',
        principal: 'User:a',
        host: '10.0.0.1',
        operation: 'READ',
      },
      { resourceType: 'group', resourceName: 'g1', principal: 'User:a', operation: 'READ', permission: 'DENY' },
    ]);
    // One request whatever the number of topics and groups: the filter, not a request per resource, selects them.
    expect(admin.describeAcls).toHaveBeenCalledTimes(1);
    const many = { topics: Array.from({ length: 500 }, (_, i) => `t${i}`), groups: ['g1', 'orders'] };
    expect(
      (await describeAcls(asAdmin, many)).map((a) => `${a.resourceType} ${a.resourceName} ${a.operation}`),
    ).toEqual(['topic * ALL', 'group g1 READ', 'group orders READ']);
    expect(admin.describeAcls).toHaveBeenCalledTimes(2);
  });

  it('leaves out other resource types, other pattern types and operations it has no name for', async () => {
    const { asAdmin } = stubAdmin([
      kafkaAcl({ resourceType: ResourceTypes.CLUSTER, resourceName: 'kafka-cluster' }),
      kafkaAcl({ resourceType: ResourceTypes.TRANSACTIONAL_ID }),
      kafkaAcl({ resourcePatternType: ResourcePatternTypes.MATCH }),
      kafkaAcl({ operation: AclOperations.UNKNOWN }),
      kafkaAcl({ operation: AclOperations.TWO_PHASE_COMMIT }),
    ]);
    expect(await describeAcls(asAdmin, { topics: ['orders', 'kafka-cluster'], groups: [] })).toEqual([
      { resourceType: 'topic', resourceName: 'orders', principal: 'User:a', operation: 'TWO_PHASE_COMMIT' },
    ]);
  });

  it('asks nothing when no resource is named', async () => {
    const { admin, asAdmin } = stubAdmin([kafkaAcl({ resourceName: '*' })]);
    expect(await describeAcls(asAdmin, { topics: [], groups: [] })).toEqual([]);
    expect(admin.describeAcls).not.toHaveBeenCalled();
  });

  it('fails the whole read as an ExternalServiceError', async () => {
    const { admin, asAdmin } = stubAdmin();
    admin.describeAcls.mockRejectedValueOnce(new Error('Connection refused'));
    const error = await describeAcls(asAdmin, { topics: ['orders'], groups: [] }).catch((e) => e);
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.message).toBe('Kafka: read ACLs failed: Connection refused');
  });
});

describe('changeAcls', () => {
  const grant: AclBinding = { resourceType: 'topic', resourceName: 'orders', principal: 'User:a', operation: 'READ' };
  const odd: AclBinding = {
    resourceType: 'group',
    resourceName: 'g',
    patternType: 'prefixed',
    principal: 'User:b',
    host: '10.0.0.2',
    operation: 'DESCRIBE',
    permission: 'DENY',
  };

  it('creates every binding in one request, exactly as given, and returns once they read back', async () => {
    const { admin, asAdmin, held } = stubAdmin();
    expect(await changeAcls(asAdmin, [grant, odd], true)).toEqual([
      { name: 'acl:topic:orders:User:a:READ' },
      { name: 'acl:group-prefixed:g:User:b:DESCRIBE@10.0.0.2:DENY' },
    ]);
    expect(admin.createAcls).toHaveBeenCalledTimes(1);
    expect(held).toEqual([
      kafkaAcl(),
      kafkaAcl({
        resourceType: ResourceTypes.GROUP,
        resourceName: 'g',
        resourcePatternType: ResourcePatternTypes.PREFIXED,
        principal: 'User:b',
        host: '10.0.0.2',
        operation: AclOperations.DESCRIBE,
        permissionType: AclPermissionTypes.DENY,
      }),
    ]);
    expect(admin.describeAcls).toHaveBeenCalledTimes(1);
  });

  it('deletes with filters that match the one binding each, and waits until it is gone', async () => {
    const { admin, asAdmin, held } = stubAdmin([kafkaAcl(), kafkaAcl({ operation: AclOperations.WRITE })]);
    // The first read after the delete still shows it (a cache behind the controller): one more poll.
    const { describeAcls: read } = admin;
    read.mockResolvedValueOnce(await read({ filter: matchAll })); // this read is the first call
    expect(await changeAcls(asAdmin, [grant], false)).toEqual([{ name: 'acl:topic:orders:User:a:READ' }]);
    expect(admin.deleteAcls).toHaveBeenCalledWith({ filters: [kafkaAcl()] });
    expect(held).toEqual([kafkaAcl({ operation: AclOperations.WRITE })]);
    expect(read).toHaveBeenCalledTimes(1 + 2);
  });

  it('reports the failed item of a batch, and waits only for those that succeeded', async () => {
    const { admin, asAdmin } = stubAdmin();
    const itemError = Object.assign(new Error('Invalid request'), {
      code: 'PLT_KFK_PROTOCOL',
      path: '/creationResults/1',
      apiId: 'INVALID_REQUEST',
      serverErrorMessage: 'Unknown principal type.',
    });
    admin.createAcls.mockImplementationOnce(async ({ creations }: { creations: KafkaAcl[] }) => {
      await admin.createAcls({ creations: creations.slice(0, 1) });
      throw Object.assign(new Error('Received response with error while executing API CreateAcls(v3)'), {
        errors: [itemError],
        response: { creationResults: [{ errorCode: 0 }, { errorCode: 42 }] },
      });
    });
    expect(await changeAcls(asAdmin, [grant, odd], true)).toEqual([
      { name: 'acl:topic:orders:User:a:READ' },
      { name: 'acl:group-prefixed:g:User:b:DESCRIBE@10.0.0.2:DENY', error: 'INVALID_REQUEST: Unknown principal type.' },
    ]);
    expect(admin.describeAcls).toHaveBeenCalledTimes(1);
  });

  it('fails every item when the whole call fails, and then reads nothing back', async () => {
    const { admin, asAdmin } = stubAdmin();
    admin.deleteAcls.mockRejectedValueOnce(new Error('Not authorized: AUTHORIZATION_FAILED'));
    expect(await changeAcls(asAdmin, [grant, odd], false)).toEqual([
      {
        name: 'acl:topic:orders:User:a:READ',
        error: 'Kafka: admin request failed: Not authorized: AUTHORIZATION_FAILED',
      },
      {
        name: 'acl:group-prefixed:g:User:b:DESCRIBE@10.0.0.2:DENY',
        error: 'Kafka: admin request failed: Not authorized: AUTHORIZATION_FAILED',
      },
    ]);
    expect(admin.describeAcls).not.toHaveBeenCalled();
    expect(await changeAcls(asAdmin, [], true)).toEqual([]);
    expect(admin.createAcls).not.toHaveBeenCalled();
  });
});

describe('sleep', () => {
  it('resolves after the given time', async () => {
    vi.useFakeTimers();
    try {
      let done = false;
      const waiting = sleep(250).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(249);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await waiting;
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
