import { applyStatusOf, type ApplyStatus, type AuditRecord, type EnvironmentApply } from './record.js';

type Op = AuditRecord['operations'][number];
const settled = 'no answer at the time; a later plan found it done';
const key = (o: Op) => `${o.kind} ${o.resource} ${o.environment ?? ''}`;

/**
 * A re-run's record merged into the one already on the commit, so that a re-run never erases what an earlier run
 * did. The pull request's facts come from the newer record, except who merged and when: a re-run is started by
 * whoever presses Re-run, and that does not make them the merger. Operations: the newer run's outcome wins for the same
 * operation; earlier successes stay; an earlier failure the newer plan no longer contains is dropped, because the
 * newer plan was computed from live state, so that operation is in sync now. For the same reason an earlier `unknown`
 * the newer plan no longer contains is settled: it had been done, so it stays as `ok`, saying so. Registrations and topics accumulate.
 * The apply status is recomputed from the merged operations. Environments (promotion): the newer run's line of an
 * environment replaces the earlier one, lines of environments the newer run did not apply (they had succeeded
 * already, or waited) stay, and each status is recomputed from that environment's merged operations. Pure.
 */
export function mergeAuditRecords(previous: AuditRecord, next: AuditRecord): AuditRecord {
  const nextKeys = new Set(next.operations.map(key));
  const kept = previous.operations
    .filter((o) => !nextKeys.has(key(o)) && (o.status === 'ok' || o.status === 'unknown'))
    .map((o) => (o.status === 'unknown' ? { ...o, status: 'ok' as const, detail: settled } : o));
  const operations = [...kept, ...next.operations];
  const subjects = new Map([...previous.subjects, ...next.subjects].map((s) => [`${s.subject} ${s.version}`, s]));
  const topics = [...new Set([...previous.topics, ...next.topics])];
  const apply = next.apply ?? previous.apply;
  const environments = mergeEnvironments(previous.environments ?? [], next.environments ?? [], operations);
  return {
    ...next,
    ...(previous.mergedBy ? { mergedBy: previous.mergedBy } : {}),
    ...(previous.mergedAt ? { mergedAt: previous.mergedAt } : {}),
    ...(apply
      ? {
          apply: {
            ...apply,
            status: statusOf(
              operations.filter((o) => o.environment === undefined),
              apply.status,
            ),
          },
        }
      : {}),
    ...(environments.length > 0 ? { environments } : {}),
    operations,
    subjects: [...subjects.values()],
    topics,
  };
}

function statusOf(operations: readonly Op[], latest: ApplyStatus): ApplyStatus {
  // An apply that failed before any operation (catalog errors, cluster unreachable) stays failed.
  if (latest === 'failed' && operations.length === 0) return 'failed';
  return applyStatusOf(operations.map((o) => (o.status === 'ok' ? 'succeeded' : o.status)));
}

/** Promotion order is the order the environments first appeared in; a newer line replaces an older one. */
function mergeEnvironments(
  previous: readonly EnvironmentApply[],
  next: readonly EnvironmentApply[],
  operations: readonly Op[],
): EnvironmentApply[] {
  const byName = new Map<string, EnvironmentApply>();
  for (const e of previous) byName.set(e.environment, e);
  for (const e of next) byName.set(e.environment, e);
  return [...byName.values()].map((e) => ({
    ...e,
    status: statusOf(
      operations.filter((o) => o.environment === e.environment),
      e.status,
    ),
  }));
}
