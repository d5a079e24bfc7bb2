import { describe, expect, it } from 'vitest';
import { mergeAuditRecords } from '../../src/audit/merge.js';
import type { AuditRecord } from '../../src/audit/record.js';

const record = (operations: AuditRecord['operations'], status: 'succeeded' | 'partial' | 'failed'): AuditRecord => ({
  pr: 7,
  author: 'alice',
  mergeCommit: 'c'.repeat(40),
  changes: [],
  approvals: [],
  waivers: [],
  apply: { status, at: '2026-12-02T10:00:00Z', cluster: 'kafka://127.0.0.1:19092' },
  operations,
  subjects: [],
  topics: [],
});

describe('mergeAuditRecords: a re-run never erases what an earlier run did', () => {
  it('keeps an earlier success the re-run did not repeat, and drops an earlier failure its plan no longer holds', () => {
    const first = record(
      [
        { status: 'ok', kind: 'create-topic', resource: 'orders.v1' },
        { status: 'failed', kind: 'register-schema', resource: 'orders.v1-value', detail: '409' },
        { status: 'failed', kind: 'create-acl', resource: 'User:svc READ orders.v1' },
      ],
      'partial',
    );
    const rerun = record([{ status: 'ok', kind: 'register-schema', resource: 'orders.v1-value' }], 'succeeded');
    const merged = mergeAuditRecords(first, rerun);
    expect(merged.operations.map((o) => [o.status, o.kind, o.resource])).toEqual([
      ['ok', 'create-topic', 'orders.v1'],
      ['ok', 'register-schema', 'orders.v1-value'],
    ]);
    expect(merged.apply?.status).toBe('succeeded');
  });
});
