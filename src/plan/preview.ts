import type { Catalog } from '../catalog/model.js';
import { aclScope, formerGroups, formerReads } from './acl-scope.js';
import { desiredState } from './desired.js';
import { diffState } from './diff.js';
import type { Operation } from './operations.js';
import { orderOperations } from './order.js';
import type { ActualState, DesiredState } from './state.js';

/**
 * What merging `head` would do to a cluster that is exactly as `base` wants it, for the products `only` names: the
 * real planner's operations (desired.ts, diff.ts, order.ts), in apply order, with the base catalog's desired state
 * standing in for the live one. The App shows it when there is no live plan (no cluster, a fork, another branch, or
 * a cluster that could not be read); live state refines it at apply. Pure.
 */
export function previewPlan(base: Catalog, head: Catalog, only: ReadonlySet<string>): Operation[] {
  const aclGroups = formerGroups(base, head, only);
  const desired = desiredState(head, { only, aclTopics: formerReads(base, head, only), aclGroups });
  // The base side reads the ACLs of every topic and group the head side manages, as a live read would: a consumer
  // added by the change must not make the topic's writer and other consumers look new.
  const read = aclScope(head, only, desired.aclTopics, aclGroups);
  const actual = asActual(desiredState(base, { only, aclTopics: [...read.topics], aclGroups: [...read.groups] }));
  return orderOperations(diffState(desired, actual));
}

/** A cluster holding exactly what `desired` asks for: each subject's schema as its one registered version. */
export function asActual(desired: DesiredState): ActualState {
  return {
    topics: new Map(desired.topics.map((t) => [t.name, t])),
    configs: new Map(desired.topics.map((t) => [t.name, { dynamic: t.configs, defaults: {} }])),
    subjects: new Map(
      desired.subjects.map((s) => [
        s.subject,
        { ...s, version: 1, id: 1, references: s.references.map((r) => ({ ...r, version: 1 })) },
      ]),
    ),
    compatibility: new Map(desired.subjects.map((s) => [s.subject, s.compatibility])),
    acls: desired.acls,
  };
}
