import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/apply/executor.js';
import type { Operation } from '../../src/plan/operations.js';
import {
  applyCommentMarker,
  applyConclusion,
  applyStatus,
  renderApplyComment,
  renderApplyRun,
  type ApplyReport,
} from '../../src/render/apply-report.js';

const create: Operation = {
  kind: 'create-topic',
  resource: 'topic:orders.v1',
  topic: { name: 'orders.v1', partitions: 6, replicationFactor: 3, configs: {} },
};
const createLine = '+ create topic orders.v1 (6 partitions, replication 3)';
const at = '2026-11-22T10:00:00Z';
const outcome = (status: Outcome['status'], message?: string): Outcome => ({
  operation: create,
  status,
  ...(message === undefined ? {} : { message }),
});
const applied = (outcomes: Outcome[], notices: string[] = []): ApplyReport => ({
  kind: 'applied',
  outcomes,
  notices,
  at,
});
const notApplied: ApplyReport = { kind: 'not-applied', reason: 'the catalog has 2 errors', at };
const hint =
  'Fix the cause, then use **Re-run** on the `Mesh Steward / apply` check: it plans again from live state and converges.';

describe('applyConclusion and applyStatus', () => {
  it('fails when nothing was applied, or an operation failed, was skipped or got no answer', () => {
    expect(applyConclusion(notApplied)).toBe('failure');
    for (const status of ['failed', 'skipped', 'unknown'] as const)
      expect(applyConclusion(applied([outcome('succeeded'), outcome(status), outcome('not-attempted')]))).toBe(
        'failure',
      );
  });

  it('is neutral when only held-back operations did not run, and succeeds otherwise', () => {
    expect(applyConclusion(applied([outcome('succeeded'), outcome('not-attempted')]))).toBe('neutral');
    expect(applyConclusion(applied([outcome('succeeded')]))).toBe('success');
    expect(applyConclusion(applied([]))).toBe('success');
  });

  it('records a report that applied nothing as failed, else by its outcomes', () => {
    expect(applyStatus(notApplied)).toBe('failed');
    expect(applyStatus(applied([]))).toBe('nothing-to-apply');
    expect(applyStatus(applied([outcome('succeeded')]))).toBe('succeeded');
    expect(applyStatus(applied([outcome('succeeded'), outcome('failed')]))).toBe('partial');
  });
});

describe('renderApplyRun', () => {
  it('lists every outcome in a fenced block under the cluster and summary', () => {
    const run = renderApplyRun(applied([outcome('succeeded'), outcome('failed', 'broker said no')], ['n <1>']), 'prod');
    expect(run.conclusion).toBe('failure');
    expect(run.title).toBe('Applied: 1 succeeded, 1 failed, 0 skipped, 0 not attempted.');
    expect(run.summary).toBe(
      [
        `Cluster: \`prod\` — ${at}`,
        '',
        '> **Note:** n &lt;1&gt;',
        'Applied: 1 succeeded, 1 failed, 0 skipped, 0 not attempted.',
        '',
        '```',
        `[succeeded] ${createLine}`,
        `[failed] ${createLine} — broker said no`,
        '```',
        '',
        hint,
      ].join('\n'),
    );
  });

  it('says in sync with nothing to apply, and adds no hint on success', () => {
    const run = renderApplyRun(applied([]), 'prod');
    expect(run).toEqual({
      conclusion: 'success',
      title: 'In sync: nothing to apply',
      summary: `Cluster: \`prod\` — ${at}\n\nThe cluster already matches the catalog.`,
    });
  });

  it('says why nothing was applied', () => {
    expect(renderApplyRun(notApplied, 'prod')).toEqual({
      conclusion: 'failure',
      title: 'Not applied',
      summary: `Cluster: \`prod\` — ${at}\n\nNothing was applied: the catalog has 2 errors\n\n${hint}`,
    });
  });

  it('adds the notes, and a word on unknown outcomes', () => {
    const run = renderApplyRun(applied([outcome('unknown', 'timed out')]), 'prod', ['Audit record written.']);
    expect(
      run.summary.endsWith(
        `Audit record written.\n\n${hint} An operation whose outcome is unknown got no answer and may have been done: the re-run's plan settles it.`,
      ),
    ).toBe(true);
    expect(run.summary).toContain('[outcome unknown] ');
  });

  it('leaves a held-back operation’s message out, as its description says why', () => {
    const run = renderApplyRun(applied([outcome('not-attempted', 'held')]), 'prod');
    expect(run.conclusion).toBe('neutral');
    expect(run.summary).toContain(`[not-attempted] ${createLine}\n\`\`\``);
  });

  it('keeps a message from closing the fence, and escapes the cluster name', () => {
    const run = renderApplyRun(applied([outcome('failed', 'x ``` y')]), 'a_b');
    expect(run.summary).toContain("— x ''' y");
    expect(run.summary).toContain('Cluster: `a\\_b`');
  });

  it('cuts a summary longer than GitHub shows, with a note', () => {
    const run = renderApplyRun(applied([outcome('failed', 'z'.repeat(70_000))]), 'prod');
    expect(run.summary.length).toBe(60_000 + '\n… (cut: the report is longer than GitHub shows)'.length);
    expect(run.summary.endsWith('\n… (cut: the report is longer than GitHub shows)')).toBe(true);
  });
});

describe('renderApplyComment', () => {
  it('heads the report with the marker, the outcome and the merge commit', () => {
    const text = renderApplyComment(applied([outcome('succeeded')]), 'prod', 'abc1234');
    expect(
      text.startsWith(
        `${applyCommentMarker}\n## Mesh Steward — apply\n\n✅ Applied: merge commit abc1234\n\nCluster: \`prod\``,
      ),
    ).toBe(true);
    expect(text.endsWith('```')).toBe(true);
  });

  it('says a partial or failed apply, with the hint', () => {
    expect(renderApplyComment(applied([outcome('not-attempted')]), 'prod', 'c')).toContain(
      '⚠️ Applied with skipped operations: merge commit c',
    );
    const failed = renderApplyComment(notApplied, 'prod', 'c');
    expect(failed).toContain('❌ Apply failed: merge commit c');
    expect(failed.endsWith(hint)).toBe(true);
  });
});
