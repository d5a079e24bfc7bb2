import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/apply/executor.js';
import type { Operation } from '../../src/plan/operations.js';
import {
  applyCheckName,
  applyCommentMarker,
  applyConclusion,
  applyStatus,
  renderApplyComment,
  renderApplyRun,
  type ApplyReport,
} from '../../src/render/apply-report.js';

const at = '2026-12-03T10:00:00Z';
const grow: Operation = { kind: 'add-partitions', resource: 'topic:orders', from: 1, to: 3 };
const held: Operation = { kind: 'delete-topic', resource: 'topic:old', skipped: 'is kept: deletions are off.' };
const outcome = (status: Outcome['status'], operation: Operation = grow, message?: string): Outcome => ({
  operation,
  status,
  ...(message === undefined ? {} : { message }),
});
const applied = (outcomes: Outcome[], notices: string[] = []): ApplyReport => ({
  kind: 'applied',
  outcomes,
  notices,
  at,
});
const hint =
  'Fix the cause, then use **Re-run** on the `Mesh Steward / apply` check: it plans again from live state and converges.';

describe('applyConclusion and applyStatus', () => {
  it('fails on a failed, skipped or unknown operation, or when nothing was applied', () => {
    for (const status of ['failed', 'skipped', 'unknown'] as const)
      expect(applyConclusion(applied([outcome('succeeded'), outcome(status)]))).toBe('failure');
    expect(applyConclusion({ kind: 'not-applied', reason: 'errors', at })).toBe('failure');
  });

  it('is neutral with only held-back operations besides successes, success otherwise', () => {
    expect(applyConclusion(applied([outcome('succeeded'), outcome('not-attempted', held)]))).toBe('neutral');
    expect(applyConclusion(applied([outcome('succeeded')]))).toBe('success');
    expect(applyConclusion(applied([]))).toBe('success');
  });

  it("gives the audit record's status", () => {
    expect(applyStatus({ kind: 'not-applied', reason: 'x', at })).toBe('failed');
    expect(applyStatus(applied([]))).toBe('nothing-to-apply');
    expect(applyStatus(applied([outcome('succeeded')]))).toBe('succeeded');
    expect(applyStatus(applied([outcome('failed')]))).toBe('failed');
    expect(applyStatus(applied([outcome('succeeded'), outcome('failed')]))).toBe('partial');
  });
});

describe('renderApplyRun', () => {
  it('titles an apply by its counts and lists every outcome in a fenced block', () => {
    const run = renderApplyRun(
      applied(
        [outcome('succeeded', grow, 'done'), outcome('not-attempted', held, 'is kept: deletions are off.')],
        ['forced <1>'],
      ),
      'b:9092 https://reg',
    );
    expect(run).toEqual({
      conclusion: 'neutral',
      title: 'Applied: 1 succeeded, 0 failed, 0 skipped, 1 not attempted.',
      summary:
        `Cluster: \`b:9092 https://reg\` — ${at}\n\n> **Note:** forced &lt;1&gt;\n` +
        'Applied: 1 succeeded, 0 failed, 0 skipped, 1 not attempted.\n\n```\n' +
        '[succeeded] ~ add partitions to topic orders: 1 → 3 — done\n' +
        '[not-attempted] ! topic old of a retired product is kept: deletions are off.\n```\n\n' +
        hint,
    });
  });

  it('says an empty apply is in sync, and adds the notes with no hint on success', () => {
    expect(renderApplyRun(applied([]), 'c', ['Audit record: abc.'])).toEqual({
      conclusion: 'success',
      title: 'In sync: nothing to apply',
      summary: `Cluster: \`c\` — ${at}\n\nThe cluster already matches the catalog.\n\nAudit record: abc.`,
    });
  });

  it('says why nothing was applied, escaped', () => {
    expect(renderApplyRun({ kind: 'not-applied', reason: 'catalog has *errors*', at }, 'c')).toEqual({
      conclusion: 'failure',
      title: 'Not applied',
      summary: `Cluster: \`c\` — ${at}\n\nNothing was applied: catalog has \\*errors\\*\n\n${hint}`,
    });
  });

  it('keeps a message from closing the fence, and explains an unknown outcome', () => {
    const run = renderApplyRun(applied([outcome('unknown', grow, 'no answer ```\n@all')]), 'c');
    expect(run.title).toBe('Applied: 0 succeeded, 0 failed, 0 skipped, 0 not attempted, 1 outcome unknown.');
    expect(run.summary).toContain(
      "[outcome unknown] ~ add partitions to topic orders: 1 → 3 — no answer '''\n@all\n```",
    );
    expect(
      run.summary.endsWith(
        `${hint} An operation whose outcome is unknown got no answer and may have been done: the re-run's plan settles it.`,
      ),
    ).toBe(true);
  });

  it('cuts a report longer than GitHub shows, with a note', () => {
    const many = Array.from({ length: 2000 }, (_, i) => outcome('succeeded', { ...grow, resource: `topic:t${i}` }));
    const { summary } = renderApplyRun(applied(many), 'c');
    expect(summary.length).toBe(60_000 + '\n… (cut: the report is longer than GitHub shows)'.length);
    expect(summary.endsWith('\n… (cut: the report is longer than GitHub shows)')).toBe(true);
  });
});

describe('renderApplyComment', () => {
  it('puts the marker, the state and the merge commit above the report', () => {
    expect(renderApplyComment(applied([outcome('succeeded')]), 'c', 'abc1234')).toBe(
      `${applyCommentMarker}\n## Mesh Steward — apply\n\n✅ Applied: merge commit abc1234\n\n` +
        `Cluster: \`c\` — ${at}\n\nApplied: 1 succeeded, 0 failed, 0 skipped, 0 not attempted.\n\n` +
        '```\n[succeeded] ~ add partitions to topic orders: 1 → 3\n```',
    );
    expect(renderApplyComment(applied([outcome('not-attempted', held)]), 'c', 'x')).toContain(
      '⚠️ Applied with skipped operations: merge commit x',
    );
    const failed = renderApplyComment({ kind: 'not-applied', reason: 'r', at }, 'c', 'x');
    expect(failed).toContain('❌ Apply failed: merge commit x');
    expect(failed.endsWith(hint)).toBe(true);
  });

  it('names the check and its marker as GitHub finds them', () => {
    expect(applyCheckName).toBe('Mesh Steward / apply');
    expect(applyCommentMarker).toBe('<!-- mesh-steward:apply -->');
  });
});
