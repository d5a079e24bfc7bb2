import { describeChange } from '../catalog/describe-change.js';
import { escapeControlChars } from '../core/control-chars.js';
import type { Location } from '../core/findings.js';
import type { ChangeReport } from '../policy/evaluate-change.js';
import type { Evaluation } from '../policy/evaluate-pull-request.js';
import {
  approvalStateToJson,
  renderApprovalStateGithub,
  renderApprovalStateText,
  waiversToJson,
} from './check-approvals.js';
import { findingsToJson, renderFindingsGithub, renderFindingsText } from './findings.js';

/**
 * Text for people: changes, findings, impact, approvals, then who is informed; control characters escaped. With
 * the evaluation of reviews and comments (`--reviews`), the report is its waived one and each requirement's state
 * follows.
 */
export function renderCheckText(report: ChangeReport, evaluation?: Evaluation): string {
  const lines: string[] = [];
  lines.push(`Changes (${report.changes.length}):`);
  for (const c of report.changes) lines.push(`  - ${describeChange(c)}`);
  if (report.changes.length === 0) lines.push('  (none in catalog/, rules/ or .github/steward.yml)');
  lines.push('', 'Findings:');
  lines.push(
    ...renderFindingsText(report.findings)
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
  );
  if (report.impact.length > 0) {
    lines.push('', 'Impact on consumers:');
    for (const entry of report.impact) {
      const consumers = entry.consumers.map(
        (c) => `${c.productId}${c.depth > 1 ? ` (depth ${c.depth}, via ${c.via})` : ''}`,
      );
      lines.push(
        `  - ${entry.productId}#${entry.port} (${entry.change}${entry.breaking ? ', breaking' : ''}): ${consumers.join(', ')}`,
      );
    }
  }
  lines.push('', 'Approvals required:');
  for (const r of report.approvals.requirements) {
    lines.push(
      `  - ${r.id}: ${r.count} of ${r.parties.join(', ') || '(nobody in the base branch)'} — ${r.reasons.join('; ')}`,
    );
  }
  if (report.approvals.requirements.length === 0) lines.push('  (none)');
  if (report.approvals.informed.length > 0) lines.push('', `Informed: ${report.approvals.informed.join(', ')}`);
  const state = evaluation ? ['', ...renderApprovalStateText(evaluation)] : [];
  return `${[...lines.map((l) => escapeControlChars(l)), ...state].join('\n')}\n`;
}

/**
 * The documented JSON shape: findings, changes, impact, approvals (plus informed and schema verdicts); with an
 * evaluation, each approval's state and the waivers.
 */
export function renderCheckJson(report: ChangeReport, evaluation?: Evaluation): string {
  const plain = (l: Location | undefined) => (l ? { path: l.path, line: l.line, column: l.column } : undefined);
  return `${JSON.stringify(
    {
      findings: findingsToJson(report.findings),
      changes: report.changes.map((c) => ({
        ...c,
        description: describeChange(c),
        location: plain(c.location),
        previousLocation: plain(c.previousLocation),
      })),
      schemas: report.schemas.map((s) => ({
        product: s.change.productId,
        port: s.change.port,
        role: s.change.role,
        subject: s.subject,
        path: s.path,
        level: s.result.level,
        status: s.result.status,
      })),
      impact: report.impact,
      approvals: report.approvals.requirements.map((r, i) => {
        const state = evaluation?.approvals[i];
        return {
          requirement: r.id,
          reason: r.reasons.join('; '),
          parties: r.parties,
          count: r.count,
          ...(state ? approvalStateToJson(state) : {}),
        };
      }),
      informed: report.approvals.informed,
      ...(evaluation ? { waivers: waiversToJson(evaluation) } : {}),
    },
    null,
    2,
  )}\n`;
}

export function renderCheckGithub(report: ChangeReport, evaluation?: Evaluation): string {
  return renderFindingsGithub(report.findings) + (evaluation ? renderApprovalStateGithub(evaluation) : '');
}
