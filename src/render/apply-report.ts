import type { Outcome } from '../apply/executor.js';
import { applyStatusOf, type ApplyStatus } from '../audit/record.js';
import { describeOperation, statusLabel, summarizeOutcomes } from './plan.js';
import { escapeText } from './markdown.js';

export const applyCheckName = 'Mesh Steward / apply';
/** The hidden marker of the apply report comment on a merged pull request (one per pull request, edited). */
export const applyCommentMarker = '<!-- mesh-steward:apply -->';
const maxSummary = 60_000;

/** What an apply on merge came to, for the check run, the PR comment and the audit record. */
export type ApplyReport =
  | {
      readonly kind: 'applied';
      readonly outcomes: readonly Outcome[];
      readonly notices: readonly string[];
      readonly at: string;
    }
  /** Nothing was attempted: the catalog had errors, or the cluster could not be planned against. */
  | { readonly kind: 'not-applied'; readonly reason: string; readonly at: string };

export interface ApplyRunOutput {
  readonly conclusion: 'success' | 'failure' | 'neutral';
  readonly title: string;
  readonly summary: string;
}

/**
 * failure: an operation failed, was skipped because one it depends on failed, or has an unknown outcome (it got
 * no answer: a re-run settles it); neutral: only operations a rule holds back (not attempted: a replication change,
 * a deletion not allowed); success otherwise.
 */
export function applyConclusion(report: ApplyReport): ApplyRunOutput['conclusion'] {
  if (report.kind === 'not-applied') return 'failure';
  if (report.outcomes.some((o) => o.status === 'failed' || o.status === 'skipped' || o.status === 'unknown'))
    return 'failure';
  return report.outcomes.some((o) => o.status === 'not-attempted') ? 'neutral' : 'success';
}

export function applyStatus(report: ApplyReport): ApplyStatus {
  return report.kind === 'not-applied' ? 'failed' : applyStatusOf(report.outcomes.map((o) => o.status));
}

/** The check run on the merge commit: a title that says the outcome, and every operation's outcome. */
export function renderApplyRun(report: ApplyReport, cluster: string, notes: string[] = []): ApplyRunOutput {
  const conclusion = applyConclusion(report);
  const title =
    report.kind === 'not-applied'
      ? 'Not applied'
      : report.outcomes.length === 0
        ? 'In sync: nothing to apply'
        : summarizeOutcomes(report.outcomes);
  const body = renderApplyBody(report, cluster);
  const tail = [...notes, rerunHint(conclusion, report)].filter(Boolean).join('\n\n');
  return { conclusion, title, summary: fit(`${body}\n\n${tail}`.trim()) };
}

/** The PR comment: the same report, under the marker, linking the merge commit. */
export function renderApplyComment(report: ApplyReport, cluster: string, mergeCommit: string): string {
  const state = { success: '✅ Applied', neutral: '⚠️ Applied with skipped operations', failure: '❌ Apply failed' };
  const head = `${applyCommentMarker}\n## Mesh Steward — apply\n\n${state[applyConclusion(report)]}: merge commit ${mergeCommit}`;
  return fit(`${head}\n\n${renderApplyBody(report, cluster)}\n\n${rerunHint(applyConclusion(report), report)}`.trim());
}

function renderApplyBody(report: ApplyReport, cluster: string): string {
  const where = `Cluster: \`${escapeText(cluster)}\` — ${report.at}`;
  if (report.kind === 'not-applied') return `${where}\n\nNothing was applied: ${escapeText(report.reason)}`;
  const notices = report.notices.map((n) => `> **Note:** ${escapeText(n)}\n`).join('');
  if (report.outcomes.length === 0) return `${where}\n\n${notices}The cluster already matches the catalog.`;
  const lines = report.outcomes.map(
    // A held-back operation's reason is already part of its description.
    (o) =>
      `[${statusLabel(o.status)}] ${describeOperation(o.operation)}${o.message && o.status !== 'not-attempted' ? ` — ${o.message}` : ''}`,
  );
  // A fenced block shows names and messages verbatim (nothing in it renders as markdown or mentions anyone).
  const block = `\`\`\`\n${lines.join('\n').replace(/```/g, "'''")}\n\`\`\``;
  return `${where}\n\n${notices}${summarizeOutcomes(report.outcomes)}\n\n${block}`;
}

function rerunHint(conclusion: ApplyRunOutput['conclusion'], report: ApplyReport): string {
  if (conclusion === 'success') return '';
  const hint =
    'Fix the cause, then use **Re-run** on the `Mesh Steward / apply` check: it plans again from live state and converges.';
  const unknown = report.kind === 'applied' && report.outcomes.some((o) => o.status === 'unknown');
  return unknown
    ? `${hint} An operation whose outcome is unknown got no answer and may have been done: the re-run's plan settles it.`
    : hint;
}

function fit(text: string): string {
  return text.length <= maxSummary
    ? text
    : `${text.slice(0, maxSummary)}\n… (cut: the report is longer than GitHub shows)`;
}
