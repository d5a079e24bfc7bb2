import { ExternalServiceError } from '../core/errors.js';
import { OwnedNames } from '../plan/acl-scope.js';
import { aclKey, type AclBinding, type TopicActual, type TopicConfigs, type TopicSpec } from '../plan/state.js';
import type { ItemResult, KafkaAdmin } from './ports.js';

/** Broker defaults the fake reports for configs not set on a topic (a few real ones, enough for diffs). */
export const fakeBrokerDefaults: Readonly<Record<string, string>> = {
  'cleanup.policy': 'delete',
  'retention.ms': '604800000',
  'min.insync.replicas': '1',
  'max.message.bytes': '1048588',
};

/**
 * In-memory KafkaAdmin for unit tests, held to the same contract suite as the real adapter. `requests` counts
 * calls (each is one round trip on the real cluster); `unavailable` makes every call fail as a stopped broker does.
 */
export class FakeKafkaAdmin implements KafkaAdmin {
  readonly topics = new Map<
    string,
    { partitions: number; replicationFactor: number; configs: Record<string, string> }
  >();
  readonly acls = new Map<string, AclBinding>();
  requests = 0;
  unavailable = false;
  /** Brokers in the fake cluster: a larger replication factor fails as on a real cluster. */
  brokers = 3;

  async describeCluster(): Promise<{ brokers: number }> {
    this.request();
    return { brokers: this.brokers };
  }

  async listTopics(): Promise<string[]> {
    this.request();
    return [...this.topics.keys()];
  }

  async describeTopics(names: readonly string[]): Promise<Map<string, TopicActual>> {
    this.request();
    const result = new Map<string, TopicActual>();
    for (const name of names) {
      const t = this.topics.get(name);
      if (t) result.set(name, { name, partitions: t.partitions, replicationFactor: t.replicationFactor });
    }
    return result;
  }

  async describeConfigs(names: readonly string[]): Promise<Map<string, TopicConfigs>> {
    this.request();
    const result = new Map<string, TopicConfigs>();
    for (const name of names) {
      const t = this.topics.get(name);
      if (!t)
        throw new ExternalServiceError('Kafka', `Kafka: read topic configs failed: unknown topic ${name}.`, {
          retryable: false,
        });
      const defaults = Object.fromEntries(Object.entries(fakeBrokerDefaults).filter(([k]) => !(k in t.configs)));
      result.set(name, { dynamic: { ...t.configs }, defaults });
    }
    return result;
  }

  async createTopics(topics: readonly TopicSpec[]): Promise<ItemResult[]> {
    this.request();
    return topics.map((t) => {
      if (this.topics.has(t.name))
        return { name: t.name, error: `TOPIC_ALREADY_EXISTS: Topic '${t.name}' already exists.` };
      if (t.replicationFactor > this.brokers)
        return { name: t.name, error: `INVALID_REPLICATION_FACTOR: only ${this.brokers} broker(s) are registered.` };
      this.topics.set(t.name, {
        partitions: t.partitions,
        replicationFactor: t.replicationFactor,
        configs: { ...t.configs },
      });
      return { name: t.name };
    });
  }

  async createPartitions(changes: readonly { name: string; count: number }[]): Promise<ItemResult[]> {
    this.request();
    return changes.map(({ name, count }) => {
      const t = this.topics.get(name);
      if (!t) return { name, error: `UNKNOWN_TOPIC_OR_PARTITION: The topic '${name}' does not exist.` };
      if (count <= t.partitions) return { name, error: `INVALID_PARTITIONS: ${count} would not be an increase.` };
      t.partitions = count;
      return { name };
    });
  }

  async incrementalAlterConfigs(
    changes: readonly { name: string; set: Readonly<Record<string, string>>; remove: readonly string[] }[],
  ): Promise<ItemResult[]> {
    this.request();
    return changes.map(({ name, set, remove }) => {
      const t = this.topics.get(name);
      if (!t) return { name, error: `UNKNOWN_TOPIC_OR_PARTITION: The topic '${name}' does not exist.` };
      Object.assign(t.configs, set);
      for (const key of remove) delete t.configs[key];
      return { name };
    });
  }

  /** The fake's metadata is never behind, so `awaitVisible` changes nothing. */
  async deleteTopics(names: readonly string[], _options?: { awaitVisible?: boolean }): Promise<ItemResult[]> {
    this.request();
    return names.map((name) =>
      this.topics.delete(name)
        ? { name }
        : { name, error: `UNKNOWN_TOPIC_OR_PARTITION: The topic '${name}' does not exist.` },
    );
  }

  async describeAcls(resources: { topics: readonly string[]; groups: readonly string[] }): Promise<AclBinding[]> {
    this.request();
    const owned = { topic: new OwnedNames(resources.topics), group: new OwnedNames(resources.groups) };
    return [...this.acls.values()].filter((a) => owned[a.resourceType].matches(a));
  }

  async listAcls(): Promise<AclBinding[]> {
    this.request();
    return [...this.acls.values()];
  }

  async createAcls(acls: readonly AclBinding[]): Promise<ItemResult[]> {
    this.request();
    return acls.map((acl) => {
      this.acls.set(aclKey(acl), acl);
      return { name: aclKey(acl) };
    });
  }

  async deleteAcls(acls: readonly AclBinding[]): Promise<ItemResult[]> {
    this.request();
    return acls.map((acl) => {
      this.acls.delete(aclKey(acl));
      return { name: aclKey(acl) };
    });
  }

  async close(): Promise<void> {}

  private request(): void {
    this.requests++;
    if (this.unavailable)
      throw new ExternalServiceError('Kafka', 'Kafka: the cluster is unreachable (fake broker stopped).', {
        retryable: true,
      });
  }
}
