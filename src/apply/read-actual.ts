import type { ActualState, DesiredState } from '../plan/state.js';
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
  const [topics, acls, subjects, compatibility] = await Promise.all([
    kafka.describeTopics(topicNames),
    kafka.describeAcls({ topics: [...new Set([...topicNames, ...(desired.aclTopics ?? [])])], groups: desired.groups }),
    registry.getLatestVersions(subjectNames),
    registry.getCompatibility(desired.subjects.map((s) => s.subject)),
  ]);
  const configs = await kafka.describeConfigs([...topics.keys()]);
  return { topics, configs, subjects, compatibility, acls };
}
