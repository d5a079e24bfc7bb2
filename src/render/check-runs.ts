import { describeChange } from '../catalog/describe-change.js';
import { summarize, toAnnotation, type Annotation } from './findings.js';
import type { RequirementResult } from '../policy/evaluate-approvals.js';
import type { Evaluation } from '../policy/evaluate-pull-request.js';
import { escapeText, fitSections, limited, showParty, table } from './markdown.js';
import { livePlanLine, type LivePlan } from './plan-section.js';

export const checkNames = { checks: 'Mesh Steward / checks', approvals: 'Mesh Steward / approvals' } as const;
export type CheckName = (typeof checkNames)[keyof typeof checkNames];

/** A completed check run as GitHub takes it. Invariant: never `in_progress`; annotations in any number. */
export interface CheckRunOutput {
  readonly name: CheckName;
  readonly conclusion: 'success' | 'failure';
  readonly title: string;
  readonly summary: string;
  readonly annotations: readonly Annotation[];
}

/** GitHub accepts at most this many annotations per request; the rest go in follow-up updates. */
export const annotationsPerRequest = 50;
const maxSummary = 60_000;

/**
 * `Mesh Steward / checks`: validity, compatibility and governance rules, each finding on its line. The live plan
 * adds one line; it never changes the conclusion, which is about the catalog.
 */
export function renderChecksRun(evaluation: Evaluation, live?: LivePlan): CheckRunOutput {
  const { report, accepted } = evaluation;
  const findings = report.findings;
  const changes = {
    render: (limit: number) =>
      [
        `**Changes (${report.changes.length})**`,
        ...limited(report.changes, limit, (c) => `- ${escapeText(describeChange(c))}`, 'changes'),
      ].join('\n'),
  };
  const waivers = {
    render: () =>
      accepted
        .map(
          (a) =>
            `Breaking change of ${escapeText(a.productId)} accepted by ${showParty(a.by)}: ${escapeText(a.reason)}`,
        )
        .join('\n'),
  };
  return {
    name: checkNames.checks,
    conclusion: report.blocking ? 'failure' : 'success',
    title: summarize(findings),
    summary: fitSections(
      [{ render: () => summarize(findings) }, { render: () => livePlanLine(live) }, changes, waivers].filter(
        (s) => s.render(1) !== '',
      ),
      maxSummary,
      '…',
    ),
    annotations: findings.map(toAnnotation),
  };
}

/** `Mesh Steward / approvals`: each RACI requirement, met or pending and on whom. */
export function renderApprovalsRun(evaluation: Evaluation): CheckRunOutput {
  const pending = evaluation.approvals.filter((a) => a.status !== 'met');
  const total = evaluation.approvals.length;
  const title =
    total === 0
      ? 'No approvals required'
      : pending.length === 0
        ? `All ${total} approvals met`
        : `${pending.length} of ${total} approvals pending`;
  return {
    name: checkNames.approvals,
    conclusion: pending.length === 0 ? 'success' : 'failure',
    title,
    summary: fitSections([{ render: (limit) => approvalsTable(evaluation.approvals, limit) }], maxSummary, '…'),
    annotations: [],
  };
}

export function approvalsTable(approvals: readonly RequirementResult[], limit: number): string {
  if (approvals.length === 0) return 'This change needs no approval.';
  const icon = { met: '✅ met', pending: '⏳ pending', blocked: '⛔ changes requested' } as const;
  const rows = approvals
    .slice(0, limit)
    .map((a) => [
      escapeText(a.requirement.id),
      icon[a.status],
      a.requirement.parties.map(showParty).join(', ') || '(nobody)',
      escapeText(a.explanation) + staleNote(a),
      escapeText(a.requirement.reasons.join('; ')),
    ]);
  const more = approvals.length > limit ? `\n\n… and ${approvals.length - limit} more requirements.` : '';
  return table(['Requirement', 'Status', 'Who can approve', 'State', 'Why'], rows) + more;
}

function staleNote(a: RequirementResult): string {
  if (a.stale.length === 0) return '';
  const list = a.stale.map((s) => `${showParty(s.reviewer)} at ${escapeText(s.commit.slice(0, 7))}`).join(', ');
  return ` Stale: ${list} (changed since).`;
}

/** Both checks when the evaluation itself failed: the failure, what to do, and GitHub's re-run button. */
export function renderFailureRun(name: CheckName, error: unknown): CheckRunOutput {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    name,
    conclusion: 'failure',
    title: 'Mesh Steward could not evaluate this pull request',
    summary: `${escapeText(what)}\n\nNothing was judged, so this check fails closed. Use **Re-run** on this check, or comment \`/steward recheck\`.`,
    annotations: [],
  };
}
