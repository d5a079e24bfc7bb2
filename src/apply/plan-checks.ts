import type { Finding } from '../core/findings.js';
import { resourceName, type Operation } from '../plan/operations.js';
import { checkedRegistrations, refusePlan, registrationLevel, type RegisteredSchema } from '../plan/refuse.js';
import type { ActualState, DesiredState, SubjectActual } from '../plan/state.js';
import type { SchemaText } from '../schema/avro-version.js';
import type { KafkaAdmin, SchemaRegistry } from './ports.js';
import { mapLimit } from './schema-registry.js';

/**
 * Reads what the plan's refusals need, and only when the plan needs it, so the cost follows the change: the broker
 * count when a topic is created; for each registration on an existing subject under a checking level, the versions
 * that level compares (the latest, already read, or every version for `_TRANSITIVE`) and the schemas their
 * references name. Then judges the plan (plan/refuse.ts).
 */
export async function judgePlan(
  desired: DesiredState,
  actual: ActualState,
  operations: readonly Operation[],
  kafka: KafkaAdmin,
  registry: SchemaRegistry,
): Promise<Finding[]> {
  const creates = operations.some((op) => op.kind === 'create-topic');
  const [cluster, registered] = await Promise.all([
    creates ? kafka.describeCluster() : undefined,
    readRegistered(operations, actual, registry),
  ]);
  return refusePlan({
    desired,
    actual,
    operations,
    registered,
    ...(cluster === undefined ? {} : { brokers: cluster.brokers }),
  });
}

async function readRegistered(
  operations: readonly Operation[],
  actual: ActualState,
  registry: SchemaRegistry,
): Promise<Map<string, RegisteredSchema[]>> {
  const versions = new VersionReader(registry);
  const checked = checkedRegistrations(operations, actual);
  const read = await mapLimit(checked, 8, async (op): Promise<[string, RegisteredSchema[]]> => {
    const subject = resourceName(op.resource);
    const latest = actual.subjects.get(subject);
    const transitive = registrationLevel(subject, operations, actual)?.endsWith('_TRANSITIVE') ?? false;
    const numbers = transitive ? await registry.getVersions(subject) : latest ? [latest.version] : [];
    const held = await Promise.all(numbers.map((n) => (n === latest?.version ? latest : versions.get(subject, n))));
    const schemas = await Promise.all(
      held
        .filter((v): v is SubjectActual => v !== undefined)
        .map(async (v) => ({ version: v.version, text: v.schema, references: await versions.referencedFiles(v) })),
    );
    return [subject, schemas];
  });
  return new Map(read);
}

/** Registry versions read once each, however many registrations or references name them. */
class VersionReader {
  private readonly read = new Map<string, Promise<SubjectActual | undefined>>();

  constructor(private readonly registry: SchemaRegistry) {}

  get(subject: string, version: number): Promise<SubjectActual | undefined> {
    const key = `${subject}\u0000${version}`;
    let found = this.read.get(key);
    if (!found) this.read.set(key, (found = this.registry.getVersion(subject, version)));
    return found;
  }

  /** The schemas a registered version's references resolve to, and theirs in turn (a work list, not recursion). */
  async referencedFiles(version: SubjectActual): Promise<SchemaText[]> {
    const files: SchemaText[] = [];
    const seen = new Set<string>();
    const todo = [...version.references];
    for (let ref = todo.pop(); ref !== undefined; ref = todo.pop()) {
      const key = `${ref.subject} version ${ref.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const held = await this.get(ref.subject, ref.version);
      if (!held) continue;
      files.push({ path: key, text: held.schema });
      todo.push(...held.references);
    }
    return files;
  }
}
