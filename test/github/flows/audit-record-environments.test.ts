import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/apply/executor.js';
import { mergeAuditRecords } from '../../../src/audit/merge.js';
import { parseAuditRecord, renderAuditRecord } from '../../../src/audit/record.js';
import { renderTimelineText } from '../../../src/audit/timeline.js';
import { auditRecordFor } from '../../../src/github/flows/audit-record.js';

const MERGE = 'd'.repeat(40);
const topic = { name: 'orders.v1', partitions: 3, replicationFactor: 1, configs: {} };
const create = (status: Outcome['status'], message?: string): Outcome => ({
  operation: { kind: 'create-topic', resource: 'topic:orders.v1', topic },
  status,
  ...(message ? { message } : {}),
});
const applied = (outcomes: Outcome[], at: string) => ({ kind: 'applied' as const, outcomes, notices: [], at });

describe('the audit record of a promotion', () => {
  it('has one apply line per environment, in order, and says on which environment each operation ran', () => {
    const record = auditRecordFor({
      mergeCommit: MERGE,
      pusher: 'bob',
      environments: [
        { environment: 'staging', report: applied([create('succeeded')], 'T1'), cluster: 'staging-eu1' },
        { environment: 'prod', report: applied([create('failed', 'denied: policy')], 'T2') },
      ],
    });
    const text = renderAuditRecord(record);
    expect(text).toContain(
      'apply: succeeded at T1 on environment staging (cluster staging-eu1)\n' +
        'apply: failed at T2 on environment prod\n' +
        'op: ok create-topic topic:orders.v1 on staging\n' +
        'op: failed create-topic topic:orders.v1 on prod: denied: policy\n',
    );
    expect(text).not.toMatch(/^apply: \S+ at \S+ on (?!environment)/m);
    expect(parseAuditRecord(text)).toEqual(record);
  });

  it('still reads a note from before environments: its apply line and operations stay the implicit ones', () => {
    const old = `mesh-steward-audit: 1\npr: none\nauthor: bob\nmerge-commit: ${MERGE}\napply: succeeded at T0 on b1:9092 https://sr\nop: failed delete-topic topic:old: denied on a Sunday\n`;
    const record = parseAuditRecord(old);
    expect(record?.apply).toEqual({ status: 'succeeded', at: 'T0', cluster: 'b1:9092 https://sr' });
    expect(record?.environments).toBeUndefined();
    expect(record?.operations).toEqual([
      { status: 'failed', kind: 'delete-topic', resource: 'topic:old', detail: 'denied on a Sunday' },
    ]);
  });

  it('a re-run that applied only prod keeps staging’s line and operations, and replaces prod’s', () => {
    const first = auditRecordFor({
      mergeCommit: MERGE,
      pusher: 'bob',
      environments: [
        { environment: 'staging', report: applied([create('succeeded')], 'T1') },
        { environment: 'prod', report: applied([create('failed', 'denied')], 'T2') },
      ],
    });
    const rerun = auditRecordFor({
      mergeCommit: MERGE,
      pusher: 'carol',
      environments: [{ environment: 'prod', report: applied([create('succeeded')], 'T3') }],
    });
    const merged = mergeAuditRecords(parseAuditRecord(renderAuditRecord(first)) ?? first, rerun);
    expect(merged.environments).toEqual([
      { environment: 'staging', status: 'succeeded', at: 'T1' },
      { environment: 'prod', status: 'succeeded', at: 'T3' },
    ]);
    expect(merged.operations).toEqual([
      { status: 'ok', kind: 'create-topic', resource: 'topic:orders.v1', environment: 'staging' },
      { status: 'ok', kind: 'create-topic', resource: 'topic:orders.v1', environment: 'prod' },
    ]);
    expect(
      renderTimelineText([{ commit: MERGE, date: '2026-11-22', author: 'bob', subject: 'm', record: merged }]),
    ).toContain('  applied: succeeded at T1 on environment staging\n  applied: succeeded at T3 on environment prod');
  });
});
