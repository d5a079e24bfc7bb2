import {
  AclOperations,
  AclPermissionTypes,
  Admin,
  ConfigResourceTypes,
  ConfigSources,
  IncrementalAlterConfigOperationTypes,
  ResourcePatternTypes,
  ResourceTypes,
  type AclOperationValue,
  type SASLOptions,
} from '@platformatic/kafka';
import type { AclBinding, AclOperation, TopicActual, TopicConfigs, TopicSpec } from '../plan/state.js';
import { call, perItem } from './kafka-errors.js';
import type { ItemResult, KafkaAdmin } from './ports.js';

export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly sasl?: {
    readonly mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
    readonly username: string;
    readonly password: string;
  };
  readonly tls?: boolean;
  readonly clientId?: string;
}

const operations: Record<AclOperation, AclOperationValue> = {
  READ: AclOperations.READ,
  WRITE: AclOperations.WRITE,
  DESCRIBE: AclOperations.DESCRIBE,
};

/**
 * KafkaAdmin over @platformatic/kafka (pure JS, maintained, has IncrementalAlterConfigs and the ACL APIs; see the
 * README's design decisions). Every method is one admin request, except createTopics, whose library call takes one
 * partition count, replication factor and config set per request: topics are grouped by that shape, so a catalog
 * of uniform ports is created in a single request.
 */
export class PlatformaticKafkaAdmin implements KafkaAdmin {
  private readonly admin: Admin;

  constructor(connection: KafkaConnection) {
    this.admin = new Admin({
      clientId: connection.clientId ?? 'mesh-steward',
      bootstrapBrokers: [...connection.brokers],
      timeout: 15_000,
      // The library retries a whole batch when one item fails, which turns an item that succeeded on the first try
      // into an error on the second: outcomes must come from one attempt; re-running apply is the retry.
      retries: 0,
      ...(connection.tls ? { tls: {} } : {}),
      ...(connection.sasl ? { sasl: connection.sasl as SASLOptions } : {}),
    });
  }

  async describeTopics(names: readonly string[]): Promise<Map<string, TopicActual>> {
    if (names.length === 0) return new Map();
    // Two requests whatever the count: the list of names, then metadata for those that exist (asking for an
    // unknown name would fail the whole call).
    const existing = new Set(await call('list topics', () => this.admin.listTopics()));
    const present = names.filter((n) => existing.has(n));
    if (present.length === 0) return new Map();
    const metadata = await call('read topic metadata', () =>
      this.admin.metadata({ topics: present, forceUpdate: true }),
    );
    const topics = new Map<string, TopicActual>();
    for (const name of present) {
      const t = metadata.topics.get(name);
      if (t)
        topics.set(name, {
          name,
          partitions: t.partitionsCount,
          replicationFactor: t.partitions[0]?.replicas.length ?? 0,
        });
    }
    return topics;
  }

  async describeConfigs(names: readonly string[]): Promise<Map<string, TopicConfigs>> {
    if (names.length === 0) return new Map();
    const resources = names.map((resourceName) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName }));
    const described = await call('read topic configs', () => this.admin.describeConfigs({ resources }));
    const result = new Map<string, TopicConfigs>();
    for (const { resourceName, configs } of described) {
      const dynamic: Record<string, string> = {};
      const defaults: Record<string, string> = {};
      for (const c of configs) {
        if (c.value === null || c.value === undefined || c.isSensitive) continue;
        if (c.configSource === ConfigSources.TOPIC_CONFIG) dynamic[c.name] = c.value;
        else defaults[c.name] = c.value;
      }
      result.set(resourceName, { dynamic, defaults });
    }
    return result;
  }

  async createTopics(topics: readonly TopicSpec[]): Promise<ItemResult[]> {
    const groups = new Map<string, TopicSpec[]>();
    for (const t of topics) {
      const shape = JSON.stringify([t.partitions, t.replicationFactor, Object.entries(t.configs).sort(byName)]);
      const group = groups.get(shape) ?? [];
      group.push(t);
      groups.set(shape, group);
    }
    const results = await Promise.all(
      [...groups.values()].map((group) => {
        const first = group[0] as TopicSpec;
        const names = group.map((t) => t.name);
        return perItem(names, () =>
          this.admin.createTopics({
            topics: names,
            partitions: first.partitions,
            replicas: first.replicationFactor,
            configs: Object.entries(first.configs).map(([name, value]) => ({ name, value })),
          }),
        );
      }),
    );
    // Back in the order asked, whatever the grouping.
    const answers = new Map(results.flat().map((r) => [r.name, r]));
    const done = topics.map((t) => answers.get(t.name) ?? { name: t.name, error: 'No answer from the broker.' });
    await this.awaitTopics(
      succeeded(
        topics.map((t) => t.name),
        done,
      ),
      (t) => t !== undefined,
    );
    return done;
  }

  async createPartitions(changes: readonly { name: string; count: number }[]): Promise<ItemResult[]> {
    const results = await perItem(
      changes.map((c) => c.name),
      () => this.admin.createPartitions({ topics: changes.map(({ name, count }) => ({ name, count })) }),
    );
    const wanted = new Map(changes.map((c) => [c.name, c.count]));
    await this.awaitTopics(
      succeeded([...wanted.keys()], results),
      (t) => (t?.partitions ?? 0) >= (wanted.get(t?.name ?? '') ?? 0),
    );
    return results;
  }

  incrementalAlterConfigs(
    changes: readonly { name: string; set: Readonly<Record<string, string>>; remove: readonly string[] }[],
  ): Promise<ItemResult[]> {
    const resources = changes.map((c) => ({
      resourceType: ConfigResourceTypes.TOPIC,
      resourceName: c.name,
      configs: [
        ...Object.entries(c.set).map(([name, value]) => ({
          name,
          configOperation: IncrementalAlterConfigOperationTypes.SET,
          value,
        })),
        ...c.remove.map((name) => ({ name, configOperation: IncrementalAlterConfigOperationTypes.DELETE })),
      ],
    }));
    return perItem(
      changes.map((c) => c.name),
      () => this.admin.incrementalAlterConfigs({ resources }),
    );
  }

  async deleteTopics(names: readonly string[], options?: { awaitVisible?: boolean }): Promise<ItemResult[]> {
    const results = await perItem(names, () => this.admin.deleteTopics({ topics: [...names] }));
    if (options?.awaitVisible !== false) await this.awaitTopics(succeeded(names, results), (t) => t === undefined);
    return results;
  }

  /**
   * Brokers serve metadata from a cache that trails the controller: right after a create, delete or partition
   * change a read may not show it, and a plan made then would repeat it. Polls (one metadata read per poll, 30 s at
   * most) until every topic shows the change.
   */
  private async awaitTopics(
    names: readonly string[],
    shows: (topic: TopicActual | undefined) => boolean,
  ): Promise<void> {
    if (names.length === 0) return;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
      const topics = await this.describeTopics(names).catch(() => undefined);
      if (topics && names.every((n) => shows(topics.get(n) ?? (undefined as TopicActual | undefined)))) return;
    }
  }

  async describeAcls(resources: { topics: readonly string[]; groups: readonly string[] }): Promise<AclBinding[]> {
    if (resources.topics.length + resources.groups.length === 0) return [];
    // One filter for every literal ALLOW ACL, then keep the asked-for resources: a request per topic would cost
    // a round trip per topic, and DescribeAcls takes only one filter.
    const found = await call('read ACLs', () =>
      this.admin.describeAcls({
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

  async createAcls(acls: readonly AclBinding[]): Promise<ItemResult[]> {
    const results = await perItem(acls.map(aclName), () => this.admin.createAcls({ creations: acls.map(toKafkaAcl) }));
    await this.awaitAcls(acls, results, true);
    return results;
  }

  async deleteAcls(acls: readonly AclBinding[]): Promise<ItemResult[]> {
    const results = await perItem(acls.map(aclName), () => this.admin.deleteAcls({ filters: acls.map(toKafkaAcl) }));
    await this.awaitAcls(acls, results, false);
    return results;
  }

  /**
   * The authorizer applies ACL changes asynchronously (through the metadata log): a describe right after a create
   * may not see it yet, and a plan made then would grant it again. Waits (one describe per poll, 30 s at most) until the changes are visible, so a plan after an apply reads what the apply did.
   */
  private async awaitAcls(
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
      const seen = new Set((await this.describeAcls(resources).catch(() => [])).map(aclName));
      if ([...keys].every((k) => seen.has(k) === present)) return;
    }
  }

  async close(): Promise<void> {
    await this.admin.close();
  }
}

function succeeded(names: readonly string[], results: readonly ItemResult[]): string[] {
  return names.filter((_, i) => results[i]?.error === undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function byName(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
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
