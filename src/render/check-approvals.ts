import { escapeControlChars } from '../core/control-chars.js';
import type { RequirementResult } from '../policy/evaluate-approvals.js';
import type { Evaluation } from '../policy/evaluate-pull-request.js';
import { escapeData, escapeProperty } from './findings.js';

/** How `steward check --reviews` names each state; `blocked` is what the App's table calls it too. */
const statusWord = { met: 'met', pending: 'pending', blocked: 'changes requested' } as const;

/**
 * Text for `steward check --reviews`: each requirement met or pending and why (as the App's approvals check says
 * it), then the waivers accepted and the requests that did not count.
 */
export function renderApprovalStateText(evaluation: Evaluation): string[] {
  const met = evaluation.approvals.filter((a) => a.status === 'met').length;
  const lines = [`Approval state (${met} of ${evaluation.approvals.length} met):`];
  for (const a of evaluation.approvals)
    lines.push(`  - ${a.requirement.id}: ${statusWord[a.status]} — ${a.explanation}${staleNote(a)}`);
  if (evaluation.approvals.length === 0) lines.push('  (no approval required)');
  if (evaluation.accepted.length > 0 || evaluation.ignored.length > 0) lines.push('', 'Waivers:');
  for (const w of evaluation.accepted)
    lines.push(`  - ${w.productId}: breaking change accepted by ${w.by} — ${w.reason}`);
  for (const i of evaluation.ignored) lines.push(`  - not counted, from ${i.request.by}: ${i.why}`);
  return lines.map((l) => escapeControlChars(l));
}

/** The JSON fields `--reviews` adds to each approval entry, in the order of the report's requirements. */
export function approvalStateToJson(a: RequirementResult): object {
  return {
    status: a.status,
    approvedBy: a.approvedBy,
    stale: a.stale,
    blockedBy: a.blockedBy,
    explanation: a.explanation,
  };
}

export function waiversToJson(evaluation: Evaluation): object {
  return {
    accepted: evaluation.accepted,
    ignored: evaluation.ignored.map((i) => ({ ...i.request, why: i.why })),
  };
}

/** Workflow commands: an error for each requirement not met, a notice for each met one and each accepted waiver. */
export function renderApprovalStateGithub(evaluation: Evaluation): string {
  const lines = evaluation.approvals.map((a) => {
    const level = a.status === 'met' ? 'notice' : 'error';
    const title = a.status === 'met' ? 'Approval met' : `Approval ${statusWord[a.status]}`;
    return `::${level} title=${escapeProperty(title)}::${escapeData(`${a.requirement.id}: ${a.explanation}${staleNote(a)}`)}`;
  });
  for (const w of evaluation.accepted)
    lines.push(
      `::notice title=Breaking change accepted::${escapeData(`${w.productId}: accepted by ${w.by} — ${w.reason}`)}`,
    );
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function staleNote(a: RequirementResult): string {
  if (a.stale.length === 0) return '';
  return ` Stale: ${a.stale.map((s) => `${s.reviewer} at ${s.commit.slice(0, 7)}`).join(', ')} (changed since).`;
}
