import { isSkipped, resourceName, type Operation } from './operations.js';

/**
 * Phases of an apply, in order. Topics exist before their configs change; grants are written first (see executor.ts); a loosened level is in place before the schema it permits, a tightened one only after; referenced
 * schemas are registered before the schemas using them (register phases are split by reference depth);
 * revocations and deletions come last.
 */
export const phases = [
  'create-acls',
  'create-topics',
  'add-partitions',
  'alter-configs',
  'loosen-compatibility',
  'register-schemas',
  'set-compatibility',
  'delete-acls',
  'delete-subjects',
  'delete-topics',
  'not-attempted',
] as const;
export type Phase = (typeof phases)[number];

export function phaseOf(op: Operation): Phase {
  if (isSkipped(op)) return 'not-attempted';
  switch (op.kind) {
    case 'create-topic':
      return 'create-topics';
    case 'add-partitions':
      return 'add-partitions';
    case 'alter-config':
      return 'alter-configs';
    case 'set-compatibility':
      return op.timing === 'before-register' ? 'loosen-compatibility' : 'set-compatibility';
    case 'register-schema':
      return 'register-schemas';
    case 'create-acl':
      return 'create-acls';
    case 'delete-acl':
      return 'delete-acls';
    case 'delete-subject':
      return 'delete-subjects';
    case 'delete-topic':
      return 'delete-topics';
    case 'change-replication':
    case 'shrink-partitions':
      return 'not-attempted';
  }
}

/** The operations in apply order: by phase, registrations by reference depth, then by resource. Pure, stable. */
export function orderOperations(ops: readonly Operation[]): Operation[] {
  const depth = registrationDepths(ops);
  const rank = (op: Operation) => phases.indexOf(phaseOf(op)) * 1000 + (depth.get(op.resource) ?? 0);
  return [...ops].sort((a, b) => rank(a) - rank(b) || (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
}

/**
 * For each registration, how many registrations of this plan must precede it: 0 when its references are all
 * registered already, else one more than the deepest reference registered in the same plan.
 */
export function registrationDepths(ops: readonly Operation[]): Map<string, number> {
  const registrations = new Map<string, Extract<Operation, { kind: 'register-schema' }>>();
  for (const op of ops) if (op.kind === 'register-schema') registrations.set(resourceName(op.resource), op);
  const depth = new Map<string, number>();
  const visit = (subject: string, path: Set<string>): number => {
    const op = registrations.get(subject);
    if (!op) return -1;
    const known = depth.get(op.resource);
    if (known !== undefined) return known;
    // A cycle cannot come from valid Avro files; cut it rather than recurse forever.
    if (path.has(subject)) return 0;
    path.add(subject);
    const d = Math.max(-1, ...op.references.map((r) => visit(r.subject, path))) + 1;
    path.delete(subject);
    depth.set(op.resource, d);
    return d;
  };
  for (const subject of registrations.keys()) visit(subject, new Set());
  return depth;
}
