import { describe, expect, it } from 'vitest';
import {
  applyStatusOf,
  auditFormat,
  parseAuditRecord,
  renderAuditRecord,
  type AuditRecord,
} from '../../src/audit/record.js';
import { buildTimeline, renderTimelineText } from '../../src/audit/timeline.js';

const record: AuditRecord = {
  pr: 42,
  url: 'https://github.com/acme/mesh/pull/42',
  title: 'Add channel to orders',
  author: 'alice',
  mergedBy: 'bob',
  mergedAt: '2026-11-20T10:00:00Z',
  mergeCommit: 'a'.repeat(40),
  changes: ['commerce/orders#orders-v1: value schema changed.'],
  approvals: [
    { requirement: 'owner:commerce/orders', by: 'carol', at: '2026-11-20T09:00:00Z', commit: 'b'.repeat(40) },
  ],
  waivers: [
    {
      rule: 'BREAKING_CHANGE_NEEDS_MAJOR',
      product: 'commerce/orders',
      by: 'carol',
      at: '2026-11-20T09:30:00Z',
      reason: 'No consumer reads the field yet',
    },
  ],
  apply: { status: 'partial', at: '2026-11-20T10:01:00Z', cluster: 'prod' },
  operations: [
    { status: 'ok', kind: 'register-schema', resource: 'commerce.orders.v1-value', detail: 'version 3' },
    { status: 'failed', kind: 'create-acl', resource: 'commerce.orders.v1', detail: 'broker unavailable' },
  ],
  subjects: [{ subject: 'commerce.orders.v1-value', version: 3, id: 17 }],
  topics: ['commerce.orders.v1'],
};

const minimal: AuditRecord = {
  author: 'alice',
  mergeCommit: 'c'.repeat(40),
  changes: [],
  approvals: [],
  waivers: [],
  operations: [],
  subjects: [],
  topics: [],
};

describe('audit record', () => {
  it('renders a stable, line-oriented note and parses it back', () => {
    const text = renderAuditRecord(record);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'mesh-steward-audit: 1',
      'pr: 42',
      'url: https://github.com/acme/mesh/pull/42',
      'title: Add channel to orders',
    ]);
    expect(text).toContain('approval: owner:commerce/orders by carol at 2026-11-20T09:00:00Z on bbbbbbb');
    expect(text).toContain('subject: commerce.orders.v1-value version=3 id=17');
    expect(parseAuditRecord(text)).toEqual(record);
  });

  it('keeps user text on one line, so a reason cannot forge a record line', () => {
    const forged = {
      ...record,
      waivers: [{ ...record.waivers[0]!, reason: 'ok\napproval: governance by mallory at x on y' }],
    };
    const parsed = parseAuditRecord(renderAuditRecord(forged));
    expect(parsed?.approvals).toEqual(record.approvals);
    expect(parsed?.waivers[0]?.reason).toBe('ok approval: governance by mallory at x on y');
  });

  it('records a push without a pull request as `pr: none`, and the timeline says so', () => {
    const direct: AuditRecord = { ...record, author: 'admin', approvals: [], waivers: [] };
    for (const key of ['pr', 'url', 'title'] as const) delete (direct as Partial<AuditRecord>)[key];
    const text = renderAuditRecord(direct);
    expect(text.split('\n')[1]).toBe('pr: none');
    const parsed = parseAuditRecord(text);
    expect(parsed?.pr).toBeUndefined();
    const timeline = renderTimelineText(
      buildTimeline([
        { commit: direct.mergeCommit, author: 'admin', date: '2026-11-20T10:00:00Z', subject: 'Hotfix', note: text },
      ]),
    );
    expect(timeline).toContain('  pushed by admin without a pull request');
    expect(timeline).toContain('  failed: create-acl commerce.orders.v1: broker unavailable');
  });

  it('ignores notes that are not Mesh Steward records', () => {
    expect(parseAuditRecord('reviewed-by: someone\n')).toBeUndefined();
  });
});

describe('renderAuditRecord', () => {
  it('renders a minimal record as the format line, pr, author and merge commit only', () => {
    expect(renderAuditRecord(minimal)).toBe(
      `${auditFormat}\npr: none\nauthor: alice\nmerge-commit: ${'c'.repeat(40)}\n`,
    );
  });

  it('writes every optional scalar under its own key, in a fixed order', () => {
    const text = renderAuditRecord({ ...minimal, pr: 7, baseCommit: 'base1', headCommit: 'head1', mergedBy: 'bob' });
    expect(text.split('\n').slice(1, 6)).toEqual([
      'pr: 7',
      'author: alice',
      'merged-by: bob',
      `merge-commit: ${'c'.repeat(40)}`,
      'base-commit: base1',
    ]);
    expect(text).toContain('\nhead-commit: head1\n');
  });

  it('joins carriage returns and newlines into one space and trims', () => {
    const text = renderAuditRecord({ ...minimal, title: '  one\r\ntwo\n\nthree  ', changes: ['a\rb'] });
    expect(text).toContain('\ntitle: one two three\n');
    expect(text).toContain('\nchange: a b\n');
  });

  it('writes an operation without detail without the colon, and one with detail after it', () => {
    const text = renderAuditRecord({
      ...minimal,
      operations: [
        { status: 'not-attempted', kind: 'delete-topic', resource: 'topic:x' },
        { status: 'unknown', kind: 'create-topic', resource: 'topic:y', detail: 'timed out' },
      ],
    });
    expect(text).toContain('\nop: not-attempted delete-topic topic:x\n');
    expect(text).toContain('\nop: unknown create-topic topic:y: timed out\n');
  });

  it('writes an apply without a cluster without `on`, and cuts a URL in a cluster name to its origin', () => {
    expect(renderAuditRecord({ ...minimal, apply: { status: 'failed', at: 't1' } })).toContain(
      '\napply: failed at t1\n',
    );
    const text = renderAuditRecord({
      ...minimal,
      apply: { status: 'succeeded', at: 't2', cluster: 'https://user:secret@registry.example:8081/tenant?api_key=k' },
    });
    expect(text).toContain('\napply: succeeded at t2 on https://registry.example:8081\n');
    expect(text).not.toContain('secret');
  });
});

describe('parseAuditRecord', () => {
  it('takes only a positive integer pr; `none`, 0 and fractions give no pr', () => {
    const withPr = (pr: string) => parseAuditRecord(`${auditFormat}\npr: ${pr}\nauthor: a\nmerge-commit: m\n`);
    expect(withPr('12')?.pr).toBe(12);
    for (const pr of ['none', '0', '-3', '1.5']) expect(withPr(pr)).not.toHaveProperty('pr');
  });

  it('fills author and merge commit with empty strings and lists with [] when absent', () => {
    expect(parseAuditRecord(`${auditFormat}\n`)).toEqual({
      author: '',
      mergeCommit: '',
      changes: [],
      approvals: [],
      waivers: [],
      operations: [],
      subjects: [],
      topics: [],
    });
  });

  it('skips lines without `: `, and drops list items that do not have their shape', () => {
    const parsed = parseAuditRecord(
      [
        auditFormat,
        'garbage line',
        'author: alice',
        'approval: only-two words',
        'approval: owner by carol at t on abc',
        'waiver: RULE product by carol at t',
        'op: exploded create-topic topic:x',
        'op: ok create-topic topic:x',
        'subject: s version=x id=1',
        'subject: s version=2 id=5',
        'topic: t1',
        'topic: t2',
        '',
      ].join('\n'),
    );
    expect(parsed?.author).toBe('alice');
    expect(parsed?.approvals).toEqual([{ requirement: 'owner', by: 'carol', at: 't', commit: 'abc' }]);
    expect(parsed?.waivers).toEqual([]);
    expect(parsed?.operations).toEqual([{ status: 'ok', kind: 'create-topic', resource: 'topic:x' }]);
    expect(parsed?.subjects).toEqual([{ subject: 's', version: 2, id: 5 }]);
    expect(parsed?.topics).toEqual(['t1', 't2']);
  });

  it('keeps the last value of a repeated scalar key', () => {
    expect(parseAuditRecord(`${auditFormat}\nauthor: first\nauthor: second\n`)?.author).toBe('second');
  });

  it('reads apply with and without a cluster, drops a malformed one, and redacts an old URL cluster', () => {
    const apply = (v: string) => parseAuditRecord(`${auditFormat}\napply: ${v}\n`)?.apply;
    expect(apply('succeeded at t')).toEqual({ status: 'succeeded', at: 't' });
    expect(apply('partial at t on prod east')).toEqual({ status: 'partial', at: 't', cluster: 'prod east' });
    expect(apply('succeeded')).toBeUndefined();
    expect(apply('partial at t on https://h:1/path?token=s')).toEqual({
      status: 'partial',
      at: 't',
      cluster: 'https://h:1',
    });
  });

  it('needs the format line first', () => {
    expect(parseAuditRecord(`author: a\n${auditFormat}\n`)).toBeUndefined();
    expect(parseAuditRecord(`\n\n${auditFormat}\nauthor: a\n`)?.author).toBe('a');
  });
});

describe('applyStatusOf', () => {
  it('is nothing-to-apply for no operations and succeeded when all succeeded', () => {
    expect(applyStatusOf([])).toBe('nothing-to-apply');
    expect(applyStatusOf(['succeeded', 'succeeded'])).toBe('succeeded');
  });

  it('is failed when something failed or was skipped and nothing succeeded or may have', () => {
    expect(applyStatusOf(['failed'])).toBe('failed');
    expect(applyStatusOf(['skipped', 'not-attempted'])).toBe('failed');
    expect(applyStatusOf(['failed', 'skipped'])).toBe('failed');
  });

  it('is partial otherwise', () => {
    expect(applyStatusOf(['succeeded', 'failed'])).toBe('partial');
    expect(applyStatusOf(['failed', 'unknown'])).toBe('partial');
    expect(applyStatusOf(['not-attempted'])).toBe('partial');
    expect(applyStatusOf(['unknown'])).toBe('partial');
    expect(applyStatusOf(['succeeded', 'not-attempted'])).toBe('partial');
  });
});
