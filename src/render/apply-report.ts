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
  | {
      readonly kind: 'not-applied';
      readonly reason: string;
      readonly at: string;
      /** The cluster could not be reached or answered with an error (a deployment's `error`, not `failure`). */
      readonly error?: boolean;
    };

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

/** The apply check run of a declared environment: `Mesh Steward / apply (prod)`. */
export function environmentCheckName(environment: string): string {
  return `${applyCheckName} (${environment})`;
}

/** The environment an apply check run is about; undefined for the implicit one's `Mesh Steward / apply`. */
export function environmentOfCheck(name: string): string | undefined {
  const prefix = `${applyCheckName} (`;
  return name.startsWith(prefix) && name.endsWith(')') ? name.slice(prefix.length, -1) : undefined;
}

/**
 * The final state of an environment's deployment: success when nothing failed (held-back operations included: they
 * wait for a person, not for a re-run); error when the cluster could not be planned against; failure otherwise.
 */
export function deploymentStateOf(report: ApplyReport): 'success' | 'failure' | 'error' {
  if (report.kind === 'not-applied') return report.error ? 'error' : 'failure';
  return applyConclusion(report) === 'failure' ? 'failure' : 'success';
}

/** The one-line outcome a deployment status describes (GitHub keeps 140 characters). */
export function deploymentDescription(report: ApplyReport): string {
  if (report.kind === 'not-applied') return `Not applied: ${report.reason}`;
  return report.outcomes.length === 0 ? 'In sync: nothing to apply' : summarizeOutcomes(report.outcomes);
}

/** The run of an environment that waits for another one that has not succeeded for this commit. */
export function renderWaitingRun(environment: string, after: string, afterState: string): ApplyRunOutput {
  return {
    conclusion: 'neutral',
    title: `Not applied: waits for ${after}`,
    summary:
      `Environment \`${escapeText(environment)}\` is applied only after \`${escapeText(after)}\` succeeded for this ` +
      `commit, and ${escapeText(after)} ${afterState}. Once it succeeds, use **Re-run** on this check (or on ` +
      `\`${environmentCheckName(after)}\`): environments that already succeeded for this commit are not applied again.`,
  };
}

/** The run of an environment whose connection variables the App's process environment does not hold. */
export function renderUnreachableRun(environment: string, missing: readonly string[]): ApplyRunOutput {
  return {
    conclusion: 'neutral',
    title: 'Not applied: not reachable from the App',
    summary: `Environment \`${escapeText(environment)}\` is ${unreachableText(missing)}. Set them where the App runs (README, "App setup"), then use **Re-run** on this check.`,
  };
}

/** `not reachable from the App (set A, B)`: the variables' names, never their values. */
export function unreachableText(missing: readonly string[]): string {
  return `not reachable from the App (set ${missing.map((m) => `\`${m}\``).join(', ')})`;
}

/** The check run on the merge commit: a title that says the outcome, and every operation's outcome. */
export function renderApplyRun(
  report: ApplyReport,
  cluster: string,
  notes: string[] = [],
  checkName = applyCheckName,
): ApplyRunOutput {
  const conclusion = applyConclusion(report);
  const title =
    report.kind === 'not-applied'
      ? 'Not applied'
      : report.outcomes.length === 0
        ? 'In sync: nothing to apply'
        : summarizeOutcomes(report.outcomes);
  const body = renderApplyBody(report, cluster);
  const tail = [...notes, rerunHint(conclusion, report, checkName)].filter(Boolean).join('\n\n');
  return { conclusion, title, summary: fit(`${body}\n\n${tail}`.trim()) };
}

/** The PR comment: the same report, under the marker, linking the merge commit. */
export function renderApplyComment(report: ApplyReport, cluster: string, mergeCommit: string): string {
  const state = { success: '✅ Applied', neutral: '⚠️ Applied with skipped operations', failure: '❌ Apply failed' };
  const head = `${applyCommentMarker}\n## Mesh Steward — apply\n\n${state[applyConclusion(report)]}: merge commit ${mergeCommit}`;
  return fit(`${head}\n\n${renderApplyBody(report, cluster)}\n\n${rerunHint(applyConclusion(report), report)}`.trim());
}

/** What became of one environment in a promotion, for the merged pull request's comment. */
export type PromotionEntry = { readonly environment: string; readonly cluster: string } & (
  | { readonly kind: 'applied'; readonly report: ApplyReport }
  | { readonly kind: 'already' }
  | { readonly kind: 'waiting'; readonly after: string }
  | { readonly kind: 'unreachable'; readonly missing: readonly string[] }
);

/** The merged pull request's apply comment under promotion: one section per environment the branch applies. */
export function renderPromotionComment(entries: readonly PromotionEntry[], mergeCommit: string): string {
  const sections = entries.map((e) => {
    const title = `### ${escapeText(e.environment)}`;
    const check = environmentCheckName(e.environment);
    switch (e.kind) {
      case 'already':
        return `${title}\n\n✅ Already applied: this commit's deployment to ${escapeText(e.environment)} succeeded.`;
      case 'waiting':
        return `${title}\n\n⏸️ Not applied: waits for ${escapeText(e.after)}, which has not succeeded for this commit.`;
      case 'unreachable':
        return `${title}\n\n⏸️ Not applied: ${unreachableText(e.missing)}.`;
      case 'applied': {
        const state = {
          success: '✅ Applied',
          neutral: '⚠️ Applied with skipped operations',
          failure: '❌ Apply failed',
        };
        const conclusion = applyConclusion(e.report);
        const hint = rerunHint(conclusion, e.report, check);
        return `${title}\n\n${state[conclusion]}\n\n${renderApplyBody(e.report, e.cluster)}${hint ? `\n\n${hint}` : ''}`;
      }
    }
  });
  const head = `${applyCommentMarker}\n## Mesh Steward — apply\n\nMerge commit ${mergeCommit}, promoted in order: ${entries.map((e) => escapeText(e.environment)).join(' → ')}`;
  return fit(`${head}\n\n${sections.join('\n\n')}`.trim());
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

function rerunHint(conclusion: ApplyRunOutput['conclusion'], report: ApplyReport, checkName = applyCheckName): string {
  if (conclusion === 'success') return '';
  const hint = `Fix the cause, then use **Re-run** on the \`${checkName}\` check: it plans again from live state and converges.`;
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
