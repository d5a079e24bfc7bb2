import type { Compatibility } from '../catalog/manifest-types.js';
import type { ActualState, DesiredState, SubjectActual } from '../plan/state.js';
import type { KafkaAdmin, SchemaRegistry } from './ports.js';

/**
 * Reads the live state of what the catalog names, and nothing else: its topics (desired and retired), their
 * configs, its subjects and their levels, and the ACLs on its topics (and `aclTopics`) and groups. Kafka reads are
 * batched (a fixed number of requests whatever the topic count); registry reads are one bounded-concurrency
 * request per subject, since the Confluent API has no batch read.
 */
export async function readActualState(
  desired: DesiredState,
  kafka: KafkaAdmin,
  registry: SchemaRegistry,
): Promise<ActualState> {
  const topicNames = [...new Set([...desired.topics.map((t) => t.name), ...desired.retired.topics])];
  const subjectNames = [...new Set([...desired.subjects.map((s) => s.subject), ...desired.retired.subjects])];
  const [{ topics, configs }, acls, { subjects, compatibility }] = await Promise.all([
    readTopics(topicNames, kafka),
    kafka.describeAcls({ topics: [...new Set([...topicNames, ...(desired.aclTopics ?? [])])], groups: desired.groups }),
    readSubjects(
      subjectNames,
      desired.subjects.map((s) => s.subject),
      registry,
    ),
  ]);
  return { topics, configs, subjects, compatibility, acls };
}

/** Configs are read for the topics that exist, as soon as that is known: not after the (slower) registry reads. */
async function readTopics(
  names: readonly string[],
  kafka: KafkaAdmin,
): Promise<Pick<ActualState, 'topics' | 'configs'>> {
  const topics = await kafka.describeTopics(names);
  return { topics, configs: await kafka.describeConfigs([...topics.keys()]) };
}

/**
 * Latest versions, then levels: a subject's own level is read only when the subject exists; the others (new
 * subjects, e.g. every subject of a first apply) share one read of the global level, the level a subject takes
 * when it is created. The registry is the bottleneck of a plan, so reading in two steps costs no wall time, and
 * a first apply saves a request per subject. (A level set on a subject that does not exist yet, which apply never
 * does, shows up, and is corrected, on the plan after the subject's first registration.)
 */
async function readSubjects(
  names: readonly string[],
  levelsOf: readonly string[],
  registry: SchemaRegistry,
): Promise<{ subjects: Map<string, SubjectActual>; compatibility: Map<string, Compatibility> }> {
  const subjects = await registry.getLatestVersions(names);
  const existing = levelsOf.filter((s) => subjects.has(s));
  const fresh = levelsOf.filter((s) => !subjects.has(s));
  const [own, global] = await Promise.all([
    registry.getCompatibility(existing),
    fresh.length > 0 ? registry.getGlobalCompatibility() : undefined,
  ]);
  const compatibility = new Map(own);
  for (const subject of fresh) if (global !== undefined) compatibility.set(subject, global);
  return { subjects, compatibility };
}
