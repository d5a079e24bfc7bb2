import type { Compatibility } from '../catalog/manifest-types.js';
import type {
  AclBinding,
  SchemaReference,
  SubjectActual,
  TopicActual,
  TopicConfigs,
  TopicSpec,
} from '../plan/state.js';

/**
 * The outcome of one item of a batched call: brokers answer CreateTopics and its kin per topic, so one topic's
 * failure says nothing about its neighbours. `error` is a full sentence; undefined means the item succeeded.
 */
export interface ItemResult {
  readonly name: string;
  readonly error?: string;
  /** With `error`: the request went out and no answer came, so the item may have been done (outcome unknown). */
  readonly unknown?: boolean;
}

/**
 * The Kafka admin operations apply needs, in the engine's terms. Invariants every implementation keeps:
 * - every method is one round trip to the cluster whatever the number of names (batched), so reading the state of
 *   N topics costs a constant number of requests;
 * - reads return only what exists among the names asked for, and nothing about other topics;
 * - per-item failures come back as ItemResult errors; a failure of the whole call (cluster unreachable, auth)
 *   throws ExternalServiceError.
 */
/** One topic's config change: values to set, and names to remove (back to the default). */
export interface ConfigChange {
  readonly name: string;
  readonly set: Readonly<Record<string, string>>;
  readonly remove: readonly string[];
}

export interface KafkaAdmin {
  /** The cluster as the plan needs it: the number of live brokers. One request. */
  describeCluster(): Promise<{ readonly brokers: number }>;
  /** Every topic name of the cluster but Kafka's internal ones (`__consumer_offsets`…), for import. One request. */
  listTopics(): Promise<string[]>;
  /** Partition count and replication factor of those of `names` that exist. */
  describeTopics(names: readonly string[]): Promise<Map<string, TopicActual>>;
  /** Configs of the given existing topics: dynamic topic configs apart from broker-default values. */
  describeConfigs(names: readonly string[]): Promise<Map<string, TopicConfigs>>;
  createTopics(topics: readonly TopicSpec[]): Promise<ItemResult[]>;
  createPartitions(changes: readonly { name: string; count: number }[]): Promise<ItemResult[]>;
  /**
   * Sets and removes (back to the default) the given configs, leaving every other config of the topic alone, and
   * waits until the cluster's metadata shows the change (so that a plan made next reads what was done).
   */
  incrementalAlterConfigs(changes: readonly ConfigChange[]): Promise<ItemResult[]>;
  /**
   * Deletes the topics and, unless `awaitVisible` is false, waits until the cluster's metadata stops showing them
   * (so that a plan made next reads what was done). Without the wait it answers once the controller has accepted
   * the deletion.
   */
  deleteTopics(names: readonly string[], options?: { readonly awaitVisible?: boolean }): Promise<ItemResult[]>;
  /**
   * Every ACL whose pattern grants on one of the given topics or groups, as the authorizer matches them: a literal
   * name, the literal `*`, or a prefix of the name; ALLOW and DENY, any host, any operation. One request however
   * many resources; ACLs that match none of them (and those on other resource types) are not returned.
   */
  describeAcls(resources: {
    readonly topics: readonly string[];
    readonly groups: readonly string[];
  }): Promise<AclBinding[]>;
  /** Every topic and group ACL of the cluster (any pattern, principal, host, operation), for import. One request. */
  listAcls(): Promise<AclBinding[]>;
  createAcls(acls: readonly AclBinding[]): Promise<ItemResult[]>;
  deleteAcls(acls: readonly AclBinding[]): Promise<ItemResult[]>;
  close(): Promise<void>;
}

export interface RegisteredVersion {
  readonly id: number;
  readonly version: number;
}

/**
 * The Confluent Schema Registry API operations apply needs. The API has no batch calls, so the many-subject reads
 * run concurrently (bounded) and ask only for the subjects named: never a listing of the whole registry, except
 * `listSubjects`, which only import calls.
 * Failures throw ExternalServiceError; a write that was sent and got no answer throws OutcomeUnknownError (it may
 * have been done); a missing subject is not a failure.
 */
export interface SchemaRegistry {
  /** Latest version of each of `subjects` that exists. */
  getLatestVersions(subjects: readonly string[]): Promise<Map<string, SubjectActual>>;
  /** Every subject of the registry (soft-deleted ones left out), for import. One request. */
  listSubjects(): Promise<string[]>;
  /** Every version number of a subject, oldest first; empty when the subject does not exist. */
  getVersions(subject: string): Promise<number[]>;
  /** One version of a subject (its schema and references); undefined when it does not exist. */
  getVersion(subject: string, version: number): Promise<SubjectActual | undefined>;
  /** Effective level of each subject: its own, else the registry's global level. */
  getCompatibility(subjects: readonly string[]): Promise<Map<string, Compatibility>>;
  /** The registry's global level: the one a new subject (without a level of its own) takes. One request. */
  getGlobalCompatibility(): Promise<Compatibility>;
  setCompatibility(subject: string, level: Compatibility): Promise<void>;
  /**
   * Registers (or finds, when already registered) the schema under the subject; answers the schema id only, as the
   * Confluent API does (`lookup` gives the version, at the cost of another request).
   */
  register(subject: string, schema: string, references: readonly SchemaReference[]): Promise<{ id: number }>;
  /** The version of the subject that holds exactly this schema, if any. */
  lookup(
    subject: string,
    schema: string,
    references: readonly SchemaReference[],
  ): Promise<RegisteredVersion | undefined>;
  /** Soft-deletes then permanently deletes every version of the subject. */
  deleteSubject(subject: string): Promise<void>;
}
