import { resourceName } from '../plan/operations.js';
import type { RenderedOutcome } from '../render/plan.js';
import type { AuditRecord, OpStatus } from './record.js';

const opStatus: Record<RenderedOutcome['status'], OpStatus> = {
  succeeded: 'ok',
  failed: 'failed',
  skipped: 'skipped',
  'not-attempted': 'not-attempted',
  unknown: 'unknown',
};

/** What an apply's outcomes (on a declared `environment`, if given) put in a record: every operation, the registry versions and the topics it produced. */
export function recordOutcomes(
  outcomes: readonly RenderedOutcome[],
  environment?: string,
): Pick<AuditRecord, 'operations' | 'subjects' | 'topics'> {
  return {
    operations: outcomes.map((o) => ({
      status: opStatus[o.status],
      kind: o.operation.kind,
      resource: o.operation.resource,
      ...(environment === undefined ? {} : { environment }),
      ...(o.message ? { detail: o.message } : {}),
    })),
    subjects: outcomes.flatMap((o) =>
      o.status === 'succeeded' && o.registered?.version !== undefined
        ? [{ subject: resourceName(o.operation.resource), version: o.registered.version, id: o.registered.id }]
        : [],
    ),
    topics: outcomes.flatMap((o) =>
      o.status === 'succeeded' && o.operation.kind === 'create-topic' ? [resourceName(o.operation.resource)] : [],
    ),
  };
}
