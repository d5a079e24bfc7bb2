import type { Compatibility } from '../catalog/manifest-types.js';
import type { AclBinding, ActualState, SubjectActual } from '../plan/state.js';

/**
 * What an environment holds, as import reads it: plain data, so that turning it into catalog files is a pure
 * function (import.ts) and tests build it by hand. Invariants: topic and subject names are unique; a subject's
 * versions are oldest first and never empty.
 */
export interface LiveState {
  readonly topics: readonly LiveTopic[];
  /** Every topic and group ACL of the cluster: any pattern, principal, host, operation, ALLOW and DENY. */
  readonly acls: readonly AclBinding[];
  readonly subjects: ReadonlyMap<string, LiveSubject>;
}

export interface LiveTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Configs set on the topic itself (DescribeConfigs source TOPIC_CONFIG); defaults are left out. */
  readonly configs: Readonly<Record<string, string>>;
  /** The values the topic takes from defaults, when read (adopt keeps a declared config equal to its default). */
  readonly defaults?: Readonly<Record<string, string>>;
}

export interface LiveSubject {
  readonly subject: string;
  /** Every version, oldest first; the last is the one the catalog takes. */
  readonly versions: readonly SubjectActual[];
  /** The subject's effective level: its own, else the registry's global one. */
  readonly compatibility: Compatibility;
}

/** The latest version of a subject. */
export function latestOf(subject: LiveSubject): SubjectActual {
  return subject.versions[subject.versions.length - 1] as SubjectActual;
}

/**
 * A plan's actual state (plan/state.ts) as import's live state, so the drift loop can hand what it read to
 * adoptLiveState without reading again: each subject with its latest version only (all that adopting needs), each
 * topic with its dynamic configs and its defaults.
 */
export function liveStateOf(actual: ActualState): LiveState {
  const topics = [...actual.topics.values()].map((t) => {
    const configs = actual.configs.get(t.name);
    return { ...t, configs: { ...configs?.dynamic }, defaults: { ...configs?.defaults } };
  });
  const subjects = new Map<string, LiveSubject>();
  for (const [name, latest] of actual.subjects) {
    const compatibility = actual.compatibility.get(name);
    if (compatibility !== undefined) subjects.set(name, { subject: name, versions: [latest], compatibility });
  }
  return { topics, acls: actual.acls, subjects };
}

/** Kafka Connect's default storage topics and Apicurio's kafkasql storage (validate-names.ts names the same). */
const platformTopics = new Set([
  'connect-configs',
  'connect-offsets',
  'connect-status',
  'kafkasql-journal',
  'kafkasql-snapshots',
]);

/**
 * The platform's own topics are never a data product and never imported: names starting with `_`
 * (`__consumer_offsets`, `_schemas`, `_confluent-…`, Mesh Steward's `_mesh-steward.apply-lock`), Kafka Connect's
 * default storage topics and Apicurio's kafkasql storage.
 */
export function isPlatformTopic(name: string): boolean {
  return name.startsWith('_') || platformTopics.has(name);
}
