import { describeChange } from '../catalog/describe-change.js';
import type { Finding } from '../core/findings.js';
import { summarize } from './findings.js';
import type { ImpactEntry } from '../policy/impact.js';
import type { Evaluation } from '../policy/evaluate-pull-request.js';
import { approvalsTable } from './check-runs.js';
import { planSection, type LivePlan } from './plan-section.js';
import type { Operation } from '../plan/operations.js';
import { details, escapeText, fitSections, limited, mention, showParty, table, type Section } from './markdown.js';

/** The hidden marker that finds the sticky comment again. */
export const commentMarker = '<!-- mesh-steward -->';
/** GitHub refuses comments above 65,536 characters; the margin keeps the marker and the closing note. */
const maxComment = 65_000;
const icon = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;

/**
 * The sticky summary: verdict, changes, each break explained, impact, approvals, accepted breaks, the plan for
 * merge (against the live cluster when `live` holds operations, else the `preview` planned against the base
 * catalog), and the Informed parties mentioned once. Every value from the repository is escaped; long parts fold.
 * Pure: the caller reads the cluster.
 */
export function renderComment(evaluation: Evaluation, live?: LivePlan, preview: readonly Operation[] = []): string {
  const { report } = evaluation;
  const sections: Section[] = [
    { render: () => `${commentMarker}\n## Mesh Steward\n\n${verdict(evaluation)}` },
    listSection(
      'Changes',
      report.changes.map((c) => escapeText(describeChange(c))),
      'changes',
    ),
    findingsSection(report.findings),
    impactSection(report.impact),
    { render: (limit) => `### Approvals\n\n${approvalsTable(evaluation.approvals, limit)}` },
    acceptedSection(evaluation),
    planSection(preview, live),
    informedSection(report.approvals.informed),
  ];
  const note = "_The summary was cut to fit GitHub's comment limit; the check runs hold every finding._";
  return fitSections(
    sections.filter((s) => s.render(1) !== ''),
    maxComment,
    note,
  );
}

function verdict(e: Evaluation): string {
  const checks = e.report.blocking ? '❌ **Checks fail.**' : '✅ **Checks pass.**';
  const pending = e.approvals.filter((a) => a.status !== 'met').length;
  const approvals =
    pending === 0 ? '✅ **Approvals complete.**' : `⏳ **${pending} approval${pending === 1 ? '' : 's'} pending.**`;
  return `${checks} ${approvals} ${escapeText(summarize(e.report.findings))}`;
}

function listSection(title: string, items: readonly string[], more: string, intro = ''): Section {
  return {
    render: (limit) => {
      if (items.length === 0) return '';
      const body = [...(intro ? [`_${intro}_`, ''] : []), ...limited(items, limit, (i) => `- ${i}`, more)].join('\n');
      return items.length > 10
        ? `### ${title}\n\n${details(`${items.length} ${more}`, body)}`
        : `### ${title}\n\n${body}`;
    },
  };
}

function findingsSection(findings: readonly Finding[]): Section {
  return {
    render: (limit) => {
      if (findings.length === 0) return '';
      const rows = findings
        .slice(0, limit)
        .map((f) => [
          icon[f.severity],
          `\`${f.ruleId}\``,
          escapeText(`${f.location.path}:${f.location.line}`),
          escapeText(f.message),
        ]);
      const more =
        findings.length > limit ? `\n\n… and ${findings.length - limit} more findings in the check run.` : '';
      const body = table(['', 'Rule', 'Where', 'What and how to fix it'], rows) + more;
      const errors = findings.filter((f) => f.severity === 'error').length;
      return `### Findings\n\n${details(`${findings.length} findings (${errors} blocking)`, body, findings.length <= 20)}`;
    },
  };
}

function impactSection(impact: readonly ImpactEntry[]): Section {
  return {
    render: (limit) => {
      if (impact.length === 0) return '';
      const rows = impact
        .slice(0, limit)
        .map((i) => [
          escapeText(`${i.productId}#${i.port}`),
          escapeText(i.change),
          i.breaking ? '**breaking**' : 'compatible',
          escapeText(i.consumers.map((c) => (c.depth > 1 ? `${c.productId} (via ${c.via})` : c.productId)).join(', ')),
        ]);
      const more = impact.length > limit ? `\n\n… and ${impact.length - limit} more.` : '';
      return `### Impact on consumers\n\n${details(`${impact.length} ${impact.length === 1 ? 'port reaches' : 'ports reach'} consumers`, table(['Port', 'Change', 'Effect', 'Consumers'], rows) + more, impact.length <= 10)}`;
    },
  };
}

function acceptedSection(e: Evaluation): Section {
  const lines = [
    ...e.accepted.map(
      (a) =>
        `- ✅ Breaking change of ${escapeText(a.productId)} accepted by ${showParty(a.by)}: “${escapeText(a.reason)}” ([comment](${encodeURI(a.source)}))`,
    ),
    ...e.ignored.map((i) => `- ✖️ Not counted: ${showParty(i.request.by)}'s waiver, because ${escapeText(i.why)}.`),
  ];
  return { render: () => (lines.length === 0 ? '' : `### Accepted breaking changes\n\n${lines.join('\n')}`) };
}

function informedSection(informed: readonly string[]): Section {
  const mentions = informed.flatMap((p) => mention(p) ?? []);
  return { render: () => (mentions.length === 0 ? '' : `cc ${mentions.join(' ')} (Informed)`) };
}
