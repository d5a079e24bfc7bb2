import { describe, expect, it } from 'vitest';
import { renderAuditRecord, type AuditRecord } from '../../src/audit/record.js';
import { buildTimeline, findSubjectVersion, renderTimelineText, type TimelineEntry } from '../../src/audit/timeline.js';

const base: AuditRecord = {
  pr: 42,
  title: 'Add channel',
  author: 'alice',
  mergeCommit: 'a'.repeat(40),
  changes: [],
  approvals: [],
  waivers: [],
  operations: [],
  subjects: [],
  topics: [],
};
const entry = (record?: AuditRecord): TimelineEntry => ({
  commit: '0123456789abcdef',
  date: '2026-11-20T10:00:00Z',
  author: 'Dev',
  subject: 'Merge',
  ...(record ? { record } : {}),
});

describe('buildTimeline', () => {
  it('keeps the commits in order, parsing Mesh Steward notes and leaving other notes out', () => {
    const timeline = buildTimeline([
      { commit: 'c1', author: 'A', date: 'd1', subject: 's1', note: renderAuditRecord(base) },
      { commit: 'c2', author: 'B', date: 'd2', subject: 's2', note: 'reviewed-by: someone\n' },
      { commit: 'c3', author: 'C', date: 'd3', subject: 's3' },
    ]);
    expect(timeline).toEqual([
      { commit: 'c1', author: 'A', date: 'd1', subject: 's1', record: base },
      { commit: 'c2', author: 'B', date: 'd2', subject: 's2' },
      { commit: 'c3', author: 'C', date: 'd3', subject: 's3' },
    ]);
  });
});

describe('findSubjectVersion', () => {
  const notes = [
    { commit: 'c0', note: 'not a record' },
    { commit: 'c1', note: renderAuditRecord({ ...base, subjects: [{ subject: 's-value', version: 1, id: 5 }] }) },
    {
      commit: 'c2',
      note: renderAuditRecord({ ...base, pr: 43, subjects: [{ subject: 's-value', version: 2, id: 9 }] }),
    },
  ];

  it('finds the commit, record and id of a subject version', () => {
    const hit = findSubjectVersion(notes, 's-value', 2);
    expect(hit?.commit).toBe('c2');
    expect(hit?.id).toBe(9);
    expect(hit?.record.pr).toBe(43);
  });

  it('is undefined for a version or subject no note registered', () => {
    expect(findSubjectVersion(notes, 's-value', 3)).toBeUndefined();
    expect(findSubjectVersion(notes, 'other-value', 1)).toBeUndefined();
    expect(findSubjectVersion([], 's-value', 1)).toBeUndefined();
  });
});

describe('renderTimelineText', () => {
  it('says so when there are no entries', () => {
    expect(renderTimelineText([])).toBe('No changes found.\n');
  });

  it('heads each block with date, short commit, subject and author; a commit without record says why', () => {
    expect(renderTimelineText([entry()])).toBe(
      '2026-11-20 0123456 Merge (Dev)\n  no audit record (before Mesh Steward, or not merged through it)\n',
    );
  });

  it('shows PR, approvals, waivers, apply, registrations and every operation that was not ok', () => {
    const record: AuditRecord = {
      ...base,
      mergedBy: 'bob',
      approvals: [{ requirement: 'owner:x/y', by: 'carol', at: 't1', commit: 'c' }],
      waivers: [{ rule: 'R', product: 'x/y', by: 'carol', at: 't2', reason: 'why' }],
      apply: { status: 'partial', at: 't3' },
      subjects: [{ subject: 's-value', version: 3, id: 17 }],
      operations: [
        { status: 'ok', kind: 'create-topic', resource: 'topic:a' },
        { status: 'unknown', kind: 'create-topic', resource: 'topic:b' },
        { status: 'skipped', kind: 'delete-topic', resource: 'topic:c', detail: 'not allowed' },
      ],
    };
    expect(renderTimelineText([entry(record)]).split('\n')).toEqual([
      '2026-11-20 0123456 Merge (Dev)',
      '  PR #42 Add channel by alice, merged by bob',
      '  approved: owner:x/y by carol at t1',
      '  waiver: R on x/y by carol: why',
      '  applied: partial at t3',
      '  registered: s-value version 3 (id 17)',
      '  outcome unknown: create-topic topic:b',
      '  skipped: delete-topic topic:c: not allowed',
      '',
    ]);
  });

  it('leaves out a missing title and merger, and separates blocks with a blank line', () => {
    const untitled = Object.fromEntries(
      Object.entries(base).filter(([key]) => key !== 'title'),
    ) as unknown as AuditRecord;
    const text = renderTimelineText([
      entry(untitled),
      entry({ ...base, apply: { status: 'succeeded', at: 't', cluster: 'prod' } }),
    ]);
    expect(text).toBe(
      [
        '2026-11-20 0123456 Merge (Dev)',
        '  PR #42 by alice',
        '',
        '2026-11-20 0123456 Merge (Dev)',
        '  PR #42 Add channel by alice',
        '  applied: succeeded at t on prod',
        '',
      ].join('\n'),
    );
  });

  it('shows control characters in subjects and logins as escapes, with or without a record', () => {
    const hostile = { ...entry(), subject: 'Fix\u001b[2J', author: 'ev\nil' };
    expect(renderTimelineText([hostile]).split('\n')[0]).toBe('2026-11-20 0123456 Fix\\x1b[2J (ev\\nil)');
    const withRecord = { ...entry({ ...base, author: 'mal\u202elory' }), subject: 'a\rb' };
    expect(renderTimelineText([withRecord]).split('\n').slice(0, 2)).toEqual([
      '2026-11-20 0123456 a\\rb (Dev)',
      '  PR #42 Add channel by mal\\u202elory',
    ]);
  });
});
