import type { Compatibility } from '../catalog/manifest-types.js';
import type { Finding } from '../core/findings.js';
import { parseSchemaVersion, type ParsedVersion, type SchemaText } from '../schema/avro-version.js';
import { checkParsedCompatibility, type EarlierVersion } from '../schema/compat-check.js';
import { resourceName, subjectResource, type Operation } from './operations.js';
import { describeOverride, type OverrideSource } from './overrides.js';
import type { ActualState, DesiredState, ResourceOrigin } from './state.js';

/** A version the registry holds, as the check reads it: its text and the files its references resolve to. */
export interface RegisteredSchema {
  readonly version: number;
  readonly text: string;
  readonly references: readonly SchemaText[];
}

export interface RefusalInputs {
  readonly desired: DesiredState;
  readonly actual: ActualState;
  /** The plan, in apply order. */
  readonly operations: readonly Operation[];
  /** Live brokers; undefined when not read (the plan creates no topic). */
  readonly brokers?: number;
  /** For each subject the plan registers a new version of: the versions its level compares, oldest first. */
  readonly registered: ReadonlyMap<string, readonly RegisteredSchema[]>;
}

type Register = Extract<Operation, { kind: 'register-schema' }>;

/**
 * What the live cluster and registry would refuse of this plan, as findings on the catalog's lines: a registration
 * that breaks the subject's level as the registry will check it, a topic with more replicas than brokers, a
 * `min.insync.replicas` above the replication factor. Pure; apply does not start while one of them is an error.
 */
export function refusePlan(inputs: RefusalInputs): Finding[] {
  return [...capacityFindings(inputs), ...inputs.operations.flatMap((op) => registryFindings(inputs, op))];
}

/** The level the registry checks a registration under: the one the plan sets before it, else the live one. */
export function registrationLevel(
  subject: string,
  operations: readonly Operation[],
  actual: ActualState,
): Compatibility | undefined {
  const resource = subjectResource(subject);
  const before = operations.find(
    (op) => op.kind === 'set-compatibility' && op.resource === resource && op.timing === 'before-register',
  );
  return before?.kind === 'set-compatibility' ? before.to : actual.compatibility.get(subject);
}

/** Registrations the registry will check against versions it holds: an existing subject, a level other than NONE. */
export function checkedRegistrations(operations: readonly Operation[], actual: ActualState): Register[] {
  return operations.filter(
    (op): op is Register =>
      op.kind === 'register-schema' &&
      op.skipped === undefined &&
      op.previousVersion !== undefined &&
      (registrationLevel(resourceName(op.resource), operations, actual) ?? 'NONE') !== 'NONE',
  );
}

function registryFindings(inputs: RefusalInputs, op: Operation): Finding[] {
  if (op.kind !== 'register-schema') return [];
  const subject = resourceName(op.resource);
  const previous = inputs.registered.get(subject);
  const level = registrationLevel(subject, inputs.operations, inputs.actual);
  if (!previous || previous.length === 0 || !level || level === 'NONE') return [];
  const origin = inputs.desired.origins?.get(op.resource);
  const path = origin?.location.path ?? subject;
  const candidate = parseSchemaVersion({
    path,
    text: origin?.text ?? op.schema,
    references: candidateReferences(inputs.desired, op),
  });
  const earlier = previous.map((p) => parsedOnce(subject, p));
  const result = checkParsedCompatibility(candidate, earlier, level);
  if (result.status !== 'incompatible') return [];
  const broken = brokenVersions(candidate, earlier, previous, level);
  const checked = level.endsWith('_TRANSITIVE')
    ? ` (which checks every registered version, ${previous[0]?.version} to ${previous.at(-1)?.version})`
    : '';
  const header: Finding = {
    ruleId: 'REGISTRY_INCOMPATIBLE',
    severity: 'error',
    message: `The registry would refuse this schema for ${subject}: it breaks ${broken} under the subject's ${level} level${checked}, so apply would stop at a 409. Nothing is applied until it is fixed; each break is explained below.`,
    location: origin?.location ?? { path, line: 1, column: 1 },
  };
  return [header, ...result.findings.filter((f) => f.severity === 'error')];
}

/** A registered version as the checker reads it, parsed at most once however many checks read it. */
function parsedOnce(subject: string, p: RegisteredSchema): EarlierVersion {
  let parsed: ParsedVersion | undefined;
  const version = { path: `${subject} version ${p.version}`, text: p.text, references: p.references };
  return { label: `registered version ${p.version}`, parse: () => (parsed ??= parseSchemaVersion(version)) };
}

/**
 * The versions a candidate breaks, as the header names them: the latest under a plain level; under `_TRANSITIVE`
 * each version on its own, since the explanations report a break shared by several versions once (the latest).
 */
function brokenVersions(
  candidate: ParsedVersion,
  earlier: readonly EarlierVersion[],
  previous: readonly RegisteredSchema[],
  level: Compatibility,
): string {
  const single = level.replace('_TRANSITIVE', '') as Compatibility;
  const numbers =
    single === level
      ? previous.slice(-1).map((p) => p.version)
      : previous.flatMap((p, i) => {
          const one = earlier.slice(i, i + 1);
          return checkParsedCompatibility(candidate, one, single).status === 'incompatible' ? [p.version] : [];
        });
  const last = numbers.pop();
  return numbers.length === 0 ? `version ${last}` : `versions ${numbers.join(', ')} and ${last}`;
}

/**
 * The files the candidate's references resolve to when apply registers it: the catalog's own schemas of the
 * referenced subjects (registered first, in the same apply), and theirs in turn.
 */
function candidateReferences(desired: DesiredState, op: Register): SchemaText[] {
  const specs = new Map(desired.subjects.map((s) => [s.subject, s]));
  const files: SchemaText[] = [];
  const seen = new Set<string>();
  const todo = op.references.map((r) => r.subject);
  for (let subject = todo.pop(); subject !== undefined; subject = todo.pop()) {
    if (seen.has(subject)) continue;
    seen.add(subject);
    const spec = specs.get(subject);
    if (!spec) continue;
    const origin = desired.origins?.get(subjectResource(subject));
    files.push({ path: origin?.location.path ?? subject, text: origin?.text ?? spec.schema });
    todo.push(...spec.references.map((r) => r.subject));
  }
  return files;
}

function capacityFindings(inputs: RefusalInputs): Finding[] {
  const findings: Finding[] = [];
  for (const op of inputs.operations) {
    const origin = inputs.desired.origins?.get(op.resource);
    if (op.kind === 'create-topic') {
      const { name, replicationFactor } = op.topic;
      const overridden = op.overrides?.replicationFactor;
      if (inputs.brokers !== undefined && replicationFactor > inputs.brokers)
        findings.push(aboveBrokers(name, replicationFactor, inputs.brokers, overridden, origin));
      const minIsr = Number(op.topic.configs['min.insync.replicas']);
      if (minIsr > replicationFactor)
        findings.push(aboveReplication(name, minIsr, replicationFactor, overridden, origin));
    }
    if (op.kind === 'alter-config' && op.set['min.insync.replicas'] !== undefined) {
      const actual = inputs.actual.topics.get(resourceName(op.resource))?.replicationFactor;
      const minIsr = Number(op.set['min.insync.replicas']);
      if (actual !== undefined && minIsr > actual)
        findings.push(
          aboveReplication(resourceName(op.resource), minIsr, actual, replicationSource(inputs, op, actual), origin),
        );
    }
  }
  return findings;
}

/**
 * The override behind the replication factor a topic already has, when it is the one the plan wants: the live
 * factor is then the override's (the deprecated one keeps its warning), not a shortfall of the cluster.
 */
function replicationSource(inputs: RefusalInputs, op: Operation, actual: number): OverrideSource | undefined {
  const source = inputs.desired.overrides?.get(op.resource)?.replicationFactor;
  if (!source) return undefined;
  const name = resourceName(op.resource);
  return inputs.desired.topics.find((t) => t.name === name)?.replicationFactor === actual ? source : undefined;
}

function aboveBrokers(
  topic: string,
  replicationFactor: number,
  brokers: number,
  overridden: OverrideSource | undefined,
  origin: ResourceOrigin | undefined,
): Finding {
  const source = overridden ? ` (${describeOverride(overridden)})` : '';
  return {
    ruleId: 'REPLICATION_ABOVE_BROKERS',
    severity: 'error',
    message: `Topic ${topic} would be created with replication factor ${replicationFactor}${source}, but the cluster has ${brokers} broker${brokers === 1 ? '' : 's'}, so Kafka would refuse it (and the ACLs and subjects that go with it). Lower replicationFactor to at most ${brokers}, or plan against the cluster it is meant for.`,
    location: origin?.replicationFactor ?? origin?.location ?? { path: topic, line: 1, column: 1 },
  };
}

function aboveReplication(
  topic: string,
  minIsr: number,
  replicationFactor: number,
  overridden: OverrideSource | undefined,
  origin: ResourceOrigin | undefined,
): Finding {
  const source = overridden ? ` (${describeOverride(overridden)})` : ' on this cluster';
  // Kafka creates such a topic. The deprecated replication override (a test cluster's) makes it a warning; the
  // catalog's own values, or an environment's overrides (which validation already holds to this), an error.
  const deprecated = overridden?.scope === 'deprecated-flag';
  return {
    ruleId: 'MIN_INSYNC_ABOVE_REPLICATION',
    severity: deprecated ? 'warning' : 'error',
    message: `Topic ${topic} sets min.insync.replicas ${minIsr}, above its replication factor ${replicationFactor}${source}, so every acks=all write would fail. Lower min.insync.replicas to at most ${replicationFactor}, or raise the replication factor.`,
    location: origin?.minInsyncReplicas ?? origin?.location ?? { path: topic, line: 1, column: 1 },
  };
}
