import {
  Admin,
  ConfigResourceTypes,
  ConfigSources,
  IncrementalAlterConfigOperationTypes,
  type SASLOptions,
} from '@platformatic/kafka';
import type { AclBinding, TopicActual, TopicConfigs, TopicSpec } from '../plan/state.js';
import { changeAcls, describeAcls, readAcls, sleep } from './kafka-acls.js';
import { call, perItem } from './kafka-errors.js';
import type { ConfigChange, ItemResult, KafkaAdmin } from './ports.js';

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

  async describeCluster(): Promise<{ brokers: number }> {
    // Metadata for no topic answers the live brokers alone.
    const metadata = await call('read cluster metadata', () => this.admin.metadata({ topics: [], forceUpdate: true }));
    return { brokers: metadata.brokers.size };
  }

  async listTopics(): Promise<string[]> {
    return call('list topics', () => this.admin.listTopics());
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

  async incrementalAlterConfigs(changes: readonly ConfigChange[]): Promise<ItemResult[]> {
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
    const results = await perItem(
      changes.map((c) => c.name),
      () => this.admin.incrementalAlterConfigs({ resources }),
    );
    await this.awaitConfigs(changes.filter((_, i) => results[i]?.error === undefined));
    return results;
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
  private awaitTopics(names: readonly string[], shows: (topic: TopicActual | undefined) => boolean): Promise<void> {
    return awaitRead(
      names,
      (n) => this.describeTopics(n),
      (topics) => names.every((n) => shows(topics.get(n))),
    );
  }

  /** As awaitTopics, for config changes: until every set value and every removal reads back. */
  private awaitConfigs(changes: readonly ConfigChange[]): Promise<void> {
    const shows = (c: ConfigChange, dynamic: Readonly<Record<string, string>> | undefined) =>
      dynamic !== undefined &&
      Object.entries(c.set).every(([k, v]) => dynamic[k] === v) &&
      c.remove.every((k) => dynamic[k] === undefined);
    return awaitRead(
      changes.map((c) => c.name),
      (n) => this.describeConfigs(n),
      (configs) => changes.every((c) => shows(c, configs.get(c.name)?.dynamic)),
    );
  }

  describeAcls(resources: { topics: readonly string[]; groups: readonly string[] }): Promise<AclBinding[]> {
    return describeAcls(this.admin, resources);
  }

  listAcls(): Promise<AclBinding[]> {
    return readAcls(this.admin);
  }

  createAcls(acls: readonly AclBinding[]): Promise<ItemResult[]> {
    return changeAcls(this.admin, acls, true);
  }

  deleteAcls(acls: readonly AclBinding[]): Promise<ItemResult[]> {
    return changeAcls(this.admin, acls, false);
  }

  async close(): Promise<void> {
    await this.admin.close();
  }
}

/** Polls `read` (one request per poll, every 250 ms, 30 s at most) until `done` holds; returns either way. */
async function awaitRead<T>(
  names: readonly string[],
  read: (names: readonly string[]) => Promise<T>,
  done: (value: T) => boolean,
): Promise<void> {
  if (names.length === 0) return;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
    const value = await read(names).catch(() => undefined);
    if (value !== undefined && done(value)) return;
  }
}

function succeeded(names: readonly string[], results: readonly ItemResult[]): string[] {
  return names.filter((_, i) => results[i]?.error === undefined);
}

function byName(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
