import { sameSchema } from '../plan/diff.js';
import type { ActualState, DesiredState, SubjectActual, SubjectSpec } from '../plan/state.js';
import type { KafkaAdmin, SchemaRegistry } from './ports.js';
import { mapLimit } from './schema-registry.js';

/**
 * Reads the live state of what the catalog names, and nothing else: its topics (desired and retired), their
 * configs, its subjects and their levels, and the ACLs on its topics (and `aclTopics`) and on the consumer groups it
 * owns (`groups`: those its input ports name or named before the change, plan/acl-scope.ts managedGroups). Kafka
 * reads are batched (a fixed number of requests whatever the topic and group count: the ACLs of every topic and group
 * in one); registry reads are one bounded-concurrency request per subject, since the Confluent API has no batch read.
 */
export async function readActualState(
  desired: DesiredState,
  kafka: KafkaAdmin,
  registry: SchemaRegistry,
): Promise<ActualState> {
  const topicNames = [...new Set([...desired.topics.map((t) => t.name), ...desired.retired.topics])];
  const subjectNames = [...new Set([...desired.subjects.map((s) => s.subject), ...desired.retired.subjects])];
  const [{ topics, configs }, acls, { subjects, compatibility, earlierVersions }] = await Promise.all([
    readTopics(topicNames, kafka),
    kafka.describeAcls({ topics: [...new Set([...topicNames, ...(desired.aclTopics ?? [])])], groups: desired.groups }),
    readSubjects(subjectNames, desired, registry),
  ]);
  return { topics, configs, subjects, compatibility, earlierVersions, acls };
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
  desired: DesiredState,
  registry: SchemaRegistry,
): Promise<Pick<ActualState, 'subjects' | 'compatibility'> & { earlierVersions: Map<string, number> }> {
  const subjects = await registry.getLatestVersions(names);
  const levelsOf = desired.subjects.map((s) => s.subject);
  const existing = levelsOf.filter((s) => subjects.has(s));
  const fresh = levelsOf.filter((s) => !subjects.has(s));
  const [own, global, earlierVersions] = await Promise.all([
    registry.getCompatibility(existing),
    fresh.length > 0 ? registry.getGlobalCompatibility() : undefined,
    findEarlierVersions(desired.subjects, subjects, registry),
  ]);
  const compatibility = new Map(own);
  for (const subject of fresh) if (global !== undefined) compatibility.set(subject, global);
  return { subjects, compatibility, earlierVersions };
}

/**
 * For each subject whose latest schema differs from the catalog's: is the catalog's schema an older version of it
 * (a rollback)? One lookup per differing subject, so the cost follows the change, never the mesh.
 */
async function findEarlierVersions(
  specs: readonly SubjectSpec[],
  subjects: ReadonlyMap<string, SubjectActual>,
  registry: SchemaRegistry,
): Promise<Map<string, number>> {
  const changed = specs.filter((spec) => subjects.has(spec.subject) && !sameSchema(spec, subjects.get(spec.subject)));
  const found = await mapLimit(changed, 32, async (spec): Promise<[string, number] | undefined> => {
    const references = spec.references.map((r) => ({ ...r, version: subjects.get(r.subject)?.version ?? -1 }));
    // A reference that does not exist yet cannot be part of a registered version.
    if (references.some((r) => r.version < 0)) return undefined;
    const hit = await registry.lookup(spec.subject, spec.schema, references);
    const latest = subjects.get(spec.subject)?.version ?? 0;
    return hit && hit.version < latest ? [spec.subject, hit.version] : undefined;
  });
  return new Map(found.filter((f): f is [string, number] => f !== undefined));
}
