import type { KafkaAdmin, SchemaRegistry } from './ports.js';
import { mapLimit } from './schema-registry.js';
import type { SubjectActual } from '../plan/state.js';
import { isPlatformTopic, type LiveState, type LiveSubject, type LiveTopic } from '../import/live.js';

/** What to read: topics and subjects whose names start with `prefix`, minus those the catalog already owns. */
export interface ReadLiveOptions {
  readonly prefix?: string;
  readonly ownedTopics?: ReadonlySet<string>;
  readonly ownedSubjects?: ReadonlySet<string>;
  /** Registry requests in flight at once (default 32). */
  readonly concurrency?: number;
}

/**
 * Reads what import needs, read-only: a fixed number of Kafka requests whatever the topic count (the topic list,
 * their metadata, one DescribeConfigs, one DescribeAcls of every ACL) and, since the Confluent API has no batch
 * read, per subject its level and its latest version and, only when it has earlier ones, its version list and each
 * of them (a subject a schema references is read too, even outside the prefix). Nothing is written.
 */
export async function readLiveState(
  kafka: KafkaAdmin,
  registry: SchemaRegistry,
  options: ReadLiveOptions = {},
): Promise<LiveState> {
  const [topics, acls, subjects] = await Promise.all([
    readTopics(kafka, options),
    kafka.listAcls(),
    readSubjects(registry, options),
  ]);
  return { topics, acls, subjects };
}

async function readTopics(kafka: KafkaAdmin, options: ReadLiveOptions): Promise<LiveTopic[]> {
  const names = (await kafka.listTopics())
    .filter((n) => !isPlatformTopic(n) && n.startsWith(options.prefix ?? '') && !options.ownedTopics?.has(n))
    .sort();
  const described = await kafka.describeTopics(names);
  const configs = await kafka.describeConfigs([...described.keys()]);
  return [...described.values()].map((t) => ({ ...t, configs: { ...configs.get(t.name)?.dynamic } }));
}

/** Subjects in the prefix, then (in rounds) the subjects their versions reference, each read once. */
async function readSubjects(registry: SchemaRegistry, options: ReadLiveOptions): Promise<Map<string, LiveSubject>> {
  const limit = options.concurrency ?? 32;
  const result = new Map<string, LiveSubject>();
  const seen = new Set<string>();
  let round = (await registry.listSubjects()).filter(
    (s) => s.startsWith(options.prefix ?? '') && !options.ownedSubjects?.has(s),
  );
  while (round.length > 0) {
    for (const s of round) seen.add(s);
    const [levels, latest] = await Promise.all([registry.getCompatibility(round), registry.getLatestVersions(round)]);
    const read = await mapLimit([...latest.values()], limit, (last) => readEarlier(registry, last));
    for (const versions of read) {
      const subject = (versions[versions.length - 1] as SubjectActual).subject;
      const level = levels.get(subject);
      if (level !== undefined) result.set(subject, { subject, versions, compatibility: level });
    }
    const referenced = read.flat().flatMap((v) => v.references.map((r) => r.subject));
    round = [...new Set(referenced)].filter((s) => !seen.has(s) && !options.ownedSubjects?.has(s));
  }
  return result;
}

/**
 * Every version of a subject, given its latest: a subject whose latest is version 1 has no other (the common case,
 * so it costs no more requests); else its version list, then each earlier version.
 */
async function readEarlier(registry: SchemaRegistry, latest: SubjectActual): Promise<SubjectActual[]> {
  if (latest.version === 1) return [latest];
  const numbers = (await registry.getVersions(latest.subject)).filter((n) => n !== latest.version);
  const earlier = await mapLimit(numbers, 4, (n) => registry.getVersion(latest.subject, n));
  return [...earlier.filter((v): v is SubjectActual => v !== undefined), latest];
}
