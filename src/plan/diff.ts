import { OwnedNames } from './acl-scope.js';
import { isLoosening } from '../catalog/compatibility.js';
import { aclResource, subjectResource, topicResource, type Operation } from './operations.js';
import { annotateOverrides } from './overrides.js';
import {
  aclKey,
  type AclBinding,
  type ActualState,
  type DesiredState,
  type SubjectActual,
  type SubjectSpec,
  type TopicConfigs,
  type TopicSpec,
} from './state.js';

const notAllowed = 'would delete (not allowed by settings: allowDeletions is false in .github/steward.yml)';

/**
 * The operations that take the actual state to the desired one, unordered (order.ts orders them). It touches only
 * what the catalog names: unknown topics and subjects are never read, so never changed, and only ACLs that grant on
 * the catalog's topics and groups are revoked (see diffAcls). Pure.
 */
export function diffState(desired: DesiredState, actual: ActualState): Operation[] {
  const ops: Operation[] = [];
  for (const topic of desired.topics) ops.push(...diffTopic(topic, actual));
  for (const subject of desired.subjects) ops.push(...diffSubject(subject, actual));
  ops.push(...diffAcls(desired, actual.acls));
  // Settings gate deletions; the App adds a veto when the retirement did not come through an approved pull request.
  const reason = !desired.allowDeletions ? notAllowed : desired.deletionVeto;
  const skipped = reason === undefined ? {} : { skipped: reason };
  for (const subject of desired.retired.subjects)
    if (actual.subjects.has(subject))
      ops.push({ kind: 'delete-subject', resource: subjectResource(subject), ...skipped });
  for (const topic of desired.retired.topics)
    if (actual.topics.has(topic)) ops.push({ kind: 'delete-topic', resource: topicResource(topic), ...skipped });
  return annotateOverrides(ops, desired);
}

function diffTopic(topic: TopicSpec, actual: ActualState): Operation[] {
  const resource = topicResource(topic.name);
  const current = actual.topics.get(topic.name);
  if (!current) return [{ kind: 'create-topic', resource, topic }];
  const ops: Operation[] = [];
  if (current.partitions < topic.partitions)
    ops.push({ kind: 'add-partitions', resource, from: current.partitions, to: topic.partitions });
  else if (current.partitions > topic.partitions)
    ops.push({
      kind: 'shrink-partitions',
      resource,
      from: current.partitions,
      to: topic.partitions,
      skipped: 'Kafka cannot remove partitions; create a new major topic instead, or declare the current count.',
    });
  if (current.replicationFactor !== topic.replicationFactor)
    ops.push({
      kind: 'change-replication',
      resource,
      from: current.replicationFactor,
      to: topic.replicationFactor,
      skipped: 'Replication changes need a partition reassignment; not attempted, ask a platform operator.',
    });
  const configs = diffConfigs(topic.configs, actual.configs.get(topic.name) ?? { dynamic: {}, defaults: {} });
  if (configs) ops.push({ kind: 'alter-config', resource, ...configs });
  return ops;
}

/**
 * Compares declared configs with what the broker reports. A declared value equal to the broker's default is in
 * sync even though nothing is set on the topic, so broker and dynamic defaults never show as a diff; a value set on
 * the topic that the catalog does not declare goes back to the default.
 */
export function diffConfigs(
  declared: Readonly<Record<string, string>>,
  reported: TopicConfigs,
): { set: Record<string, string>; remove: string[] } | undefined {
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(declared)) {
    const current = reported.dynamic[name] ?? reported.defaults[name];
    if (current !== value) set[name] = value;
  }
  const remove = Object.keys(reported.dynamic).filter((name) => !(name in declared));
  return Object.keys(set).length > 0 || remove.length > 0 ? { set, remove: remove.sort() } : undefined;
}

function diffSubject(spec: SubjectSpec, actual: ActualState): Operation[] {
  const resource = subjectResource(spec.subject);
  const current = actual.subjects.get(spec.subject);
  const level = actual.compatibility.get(spec.subject);
  const earlier = actual.earlierVersions?.get(spec.subject);
  const register: Operation | undefined = sameSchema(spec, current)
    ? undefined
    : {
        kind: 'register-schema',
        resource,
        schema: spec.schema,
        references: spec.references,
        previousVersion: current?.version,
        ...(earlier === undefined ? {} : { registeredAs: earlier, skipped: rollback(spec.subject, earlier) }),
      };
  if (level === spec.compatibility) return register ? [register] : [];
  // A new subject takes its first version under any level; set its own level once it exists.
  // Tightening (no promise dropped) waits until the registry accepted the schema under the old level; loosening
  // comes first, since it is what lets the registration through.
  const timing =
    !current || level === undefined || !isLoosening(level, spec.compatibility) ? 'after-register' : 'before-register';
  const setLevel: Operation = { kind: 'set-compatibility', resource, from: level, to: spec.compatibility, timing };
  return register ? [register, setLevel] : [setLevel];
}

function rollback(subject: string, version: number): string {
  return (
    `the catalog's schema is version ${version} of ${subject}, older than the latest; a registry does not make an ` +
    'older version the latest again (registering it changes nothing). Declare the latest schema in the catalog, or ' +
    'have the owners delete the newer versions (then re-run): a consumer may already read data written with them.'
  );
}

/** Same schema text (up to JSON formatting and key order) and the same references. */
export function sameSchema(spec: SubjectSpec, current: SubjectActual | undefined): boolean {
  if (!current) return false;
  // Identical text is the common case of a no-op plan; parsing and key-sorting both only when it is not.
  if (spec.schema !== current.schema && canonical(spec.schema) !== canonical(current.schema)) return false;
  const refs = (list: readonly { name: string; subject: string }[]) =>
    list
      .map((r) => `${r.name}|${r.subject}`)
      .sort()
      .join(',');
  return refs(spec.references) === refs(current.references);
}

function canonical(text: string): string {
  try {
    return sortedJson(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * JSON text of a value with every object's keys sorted, so two registrations of one schema compare equal. A work
 * list of pieces, not recursion: a registry's schema may nest deeper than the stack allows.
 */
function sortedJson(value: unknown): string {
  let out = '';
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const item = todo.pop();
    if (item instanceof Piece) out += item.text;
    else if (Array.isArray(item)) {
      const pieces: unknown[] = [new Piece('[')];
      item.forEach((v: unknown, i) => pieces.push(...(i === 0 ? [] : [new Piece(',')]), v));
      pieces.push(new Piece(']'));
      for (let i = pieces.length - 1; i >= 0; i--) todo.push(pieces[i]);
    } else if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const pieces: unknown[] = [new Piece('{')];
      keys.forEach((k, i) => pieces.push(new Piece(`${i === 0 ? '' : ','}${JSON.stringify(k)}:`), record[k]));
      pieces.push(new Piece('}'));
      for (let i = pieces.length - 1; i >= 0; i--) todo.push(pieces[i]);
    } else out += JSON.stringify(item);
  }
  return out;
}

/** Literal text in `sortedJson`'s work list, apart from the values still to write. */
class Piece {
  constructor(readonly text: string) {}
}

/**
 * Grants the catalog declares and the cluster lacks are created. Every other ALLOW whose pattern grants on a
 * resource the catalog owns is revoked, whatever its shape: another operation (ALL, ALTER, …), a host-specific
 * grant, the literal `*`, a prefix. A pattern that also matches resources the catalog does not own is revoked all
 * the same (they lose it too: the plan says which owned resources it covers); one that matches no owned resource is
 * never read, so never touched. A DENY is left alone: it only takes access away, so it never grants what the catalog
 * does not, and revoking it would widen access.
 */
function diffAcls(desired: DesiredState, actual: readonly AclBinding[]): Operation[] {
  const want = new Map(desired.acls.map((a) => [aclKey(a), a]));
  const have = new Set(actual.map(aclKey));
  const owned = {
    topic: new OwnedNames([
      ...desired.topics.map((t) => t.name),
      ...desired.retired.topics,
      ...(desired.aclTopics ?? []),
    ]),
    group: new OwnedNames(desired.groups),
  };
  const retiredTopics = new Set(desired.retired.topics);
  const ops: Operation[] = [];
  for (const [key, acl] of want) if (!have.has(key)) ops.push({ kind: 'create-acl', resource: aclResource(acl), acl });
  for (const acl of actual) {
    if (acl.permission === 'DENY' || want.has(aclKey(acl))) continue;
    const covers = owned[acl.resourceType].matchedBy(acl);
    if (covers.length === 0) continue;
    const pattern = acl.patternType === 'prefixed' || acl.resourceName === '*';
    // A grant on retired topics only goes with their deletion, which settings gate.
    const gated =
      !desired.allowDeletions && acl.resourceType === 'topic' && covers.every((name) => retiredTopics.has(name));
    ops.push({
      kind: 'delete-acl',
      resource: aclResource(acl),
      acl,
      ...(pattern ? { covers } : {}),
      ...(gated ? { skipped: notAllowed } : {}),
    });
  }
  return ops;
}
