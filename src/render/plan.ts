import { describeRevoke } from '../plan/describe-acl.js';
import { escapeControlChars } from '../core/control-chars.js';
import { hasErrors, type Finding } from '../core/findings.js';
import { isSkipped, type Operation } from '../plan/operations.js';
import { describeOverride, type OverrideSource } from '../plan/overrides.js';
import { findingsToJson, renderFindingsText } from './findings.js';
import { escapeText } from './markdown.js';

/** What the executor recorded for one operation (mirrors apply/executor's Outcome, kept plain for rendering). */
export interface RenderedOutcome {
  readonly operation: Operation;
  /** `unknown`: the request went out unanswered (a timeout); the next plan settles it. */
  readonly status: 'succeeded' | 'failed' | 'skipped' | 'not-attempted' | 'unknown';
  readonly message?: string;
  readonly registered?: { readonly id: number; readonly version?: number };
}

/**
 * One line per operation, e.g. `+ create topic orders.v1 (12 partitions, replication 3; cleanup.policy=compact)`.
 * A value an environment's override decided says so after it: `replication 1 (override: environment local)`.
 */
export function describeOperation(op: Operation): string {
  const name = op.resource.slice(op.resource.indexOf(':') + 1);
  switch (op.kind) {
    case 'create-topic': {
      const configs = Object.entries(op.topic.configs).map(
        ([k, v]) => `${k}=${v}${marked(op.overrides?.configs?.[k])}`,
      );
      const partitions = `${op.topic.partitions} partitions${marked(op.overrides?.partitions)}`;
      const replication = `replication ${op.topic.replicationFactor}${marked(op.overrides?.replicationFactor)}`;
      return `+ create topic ${name} (${partitions}, ${replication}${configs.length ? `; ${configs.join(', ')}` : ''})`;
    }
    case 'add-partitions':
      return `~ add partitions to topic ${name}: ${op.from} → ${op.to}${marked(op.overrides?.partitions)}`;
    case 'alter-config': {
      const parts = [
        ...Object.entries(op.set).map(([k, v]) => `set ${k}=${v}${marked(op.overrides?.configs?.[k])}`),
        ...op.remove.map((k) => `reset ${k} to the default${marked(op.overrides?.configs?.[k])}`),
      ];
      return `~ alter config of topic ${name}: ${parts.join(', ')}`;
    }
    case 'set-compatibility':
      return `~ set compatibility of subject ${name}: ${op.from ?? 'registry default'} → ${op.to} (${op.timing === 'before-register' ? 'loosening: before registering' : 'after registering'})`;
    case 'register-schema': {
      if (op.skipped) return `! schema of subject ${name} not registered: ${op.skipped}`;
      const refs = op.references.length ? `; references ${op.references.map((r) => r.subject).join(', ')}` : '';
      return `+ register schema as ${op.previousVersion === undefined ? 'version 1 of new subject' : `version ${op.previousVersion + 1} of subject`} ${name}${refs}`;
    }
    case 'create-acl':
      return `+ grant ${op.acl.operation} on ${op.acl.resourceType} ${op.acl.resourceName} to ${op.acl.principal}`;
    case 'delete-acl':
      return describeRevoke(op);
    case 'delete-subject':
    case 'delete-topic': {
      const what = op.kind === 'delete-topic' ? 'topic' : 'subject';
      return op.skipped
        ? `! ${what} ${name} of a retired product ${op.skipped}`
        : `- delete ${what} ${name} (retired product)`;
    }
    case 'change-replication':
    case 'shrink-partitions': {
      const source = op.kind === 'change-replication' ? op.overrides?.replicationFactor : op.overrides?.partitions;
      return `! ${op.kind === 'change-replication' ? 'replication factor' : 'partitions'} of topic ${name}: ${op.from} → ${op.to}${marked(source)} not attempted: ${op.skipped}`;
    }
  }
}

/** ` (override: environment local)` after a value an override decided; nothing after the catalog's own. */
function marked(source: OverrideSource | undefined): string {
  return source ? ` (${describeOverride(source)})` : '';
}

/**
 * The plan in one line, ahead of its list, as Terraform and Atlantis put it: `Plan: 2 to create, 1 to change, 3 to
 * grant, 0 to revoke, 0 to delete, 1 held back.` A held-back operation (skipped) counts there only.
 */
export function planSummary(ops: readonly Operation[]): string {
  const counts = { create: 0, change: 0, grant: 0, revoke: 0, delete: 0, 'held back': 0 };
  for (const op of ops) counts[summaryGroup(op)]++;
  return `Plan: ${Object.entries(counts)
    .map(([group, n]) => `${n} ${group === 'held back' ? group : `to ${group}`}`)
    .join(', ')}.`;
}

function summaryGroup(op: Operation): 'create' | 'change' | 'grant' | 'revoke' | 'delete' | 'held back' {
  if (isSkipped(op)) return 'held back';
  switch (op.kind) {
    case 'create-topic':
    case 'register-schema':
      return 'create';
    case 'create-acl':
      return 'grant';
    case 'delete-acl':
      return 'revoke';
    case 'delete-topic':
    case 'delete-subject':
      return 'delete';
    default:
      return 'change';
  }
}

/** What the cluster would refuse, ahead of the plan: with an error among them, apply attempts nothing. */
export function renderRefusalsText(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const blocking = hasErrors(findings)
    ? 'The cluster or the registry would refuse this plan: nothing is applied until these are fixed.\n'
    : '';
  return `${renderFindingsText(findings)}${blocking}`;
}

/** Plan text for a terminal: names from the catalog (principals, topics, configs) have control characters escaped. */
export function renderPlanText(
  ops: readonly Operation[],
  notices: readonly string[],
  findings: readonly Finding[] = [],
): string {
  const head = notices.map((n) => `note: ${escapeControlChars(n)}\n`).join('') + renderRefusalsText(findings);
  if (ops.length === 0) return `${head}In sync: nothing to change.\n`;
  return `${head}${planSummary(ops)}\n${ops.map((op) => `${escapeControlChars(describeOperation(op))}\n`).join('')}${ops.length} operation(s).\n`;
}

/**
 * For the PR comment: a fenced block keeps the +/~/- markers aligned and readable. Each operation stays on its own
 * line (a value's control characters, newlines too, are shown escaped), so no value can close the fence; beyond
 * `limit` operations the rest are counted, not listed, to fit a comment.
 */
export function renderPlanMarkdown(
  ops: readonly Operation[],
  notices: readonly string[],
  limit = Infinity,
  findings: readonly Finding[] = [],
): string {
  const head = notices.map((n) => `> **Note:** ${n}\n\n`).join('') + refusalsMarkdown(findings);
  if (ops.length === 0) return `${head}**Plan:** in sync, nothing to change.\n`;
  const lines = ops.slice(0, limit).map((op) => escapeControlChars(describeOperation(op)));
  const more = ops.length > limit ? `… and ${ops.length - limit} more operation(s).\n` : '';
  return `${head}**Plan:** ${ops.length} operation(s), in apply order. ${planSummary(ops).slice('Plan: '.length)}\n\n\`\`\`diff\n${lines.join('\n')}\n\`\`\`\n${more}`;
}

function refusalsMarkdown(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const lines = findings.map(
    (f) =>
      `- **${f.severity} ${f.ruleId}** \`${f.location.path}:${f.location.line}\`: ${escapeText(escapeControlChars(f.message))}`,
  );
  const blocking = hasErrors(findings)
    ? '**The cluster or the registry would refuse this plan: nothing is applied until these are fixed.**\n\n'
    : '';
  return `${blocking}${lines.join('\n')}\n\n`;
}

export function planToJson(
  ops: readonly Operation[],
  notices: readonly string[],
  findings: readonly Finding[] = [],
): { summary: string; operations: Operation[]; notices: string[]; findings: object[] } {
  return { summary: planSummary(ops), operations: [...ops], notices: [...notices], findings: findingsToJson(findings) };
}

export function renderReportText(outcomes: readonly RenderedOutcome[], notices: readonly string[]): string {
  const lines = notices.map((n) => `note: ${n}`);
  for (const o of outcomes) {
    // A held-back operation's reason is already part of its description.
    const detail = o.message && o.status !== 'not-attempted' ? ` — ${o.message}` : '';
    lines.push(`[${statusLabel(o.status)}] ${describeOperation(o.operation)}${detail}`);
  }
  lines.push(summarizeOutcomes(outcomes));
  if (outcomes.some((o) => o.status === 'failed' || o.status === 'skipped'))
    lines.push(
      'Some operations did not succeed; fix the cause above and run `steward apply` again: it re-plans from live state and converges.',
    );
  if (outcomes.some((o) => o.status === 'unknown'))
    lines.push(
      'Some operations got no answer, so their outcome is unknown; run `steward plan` or `steward apply` again: the plan reads live state and settles them.',
    );
  return `${lines.map((l) => escapeControlChars(l)).join('\n')}\n`;
}

/** How a report names an outcome: `outcome unknown` rather than `unknown`, so nobody reads it as a failure. */
export function statusLabel(status: RenderedOutcome['status']): string {
  return status === 'unknown' ? 'outcome unknown' : status;
}

export function summarizeOutcomes(outcomes: readonly RenderedOutcome[]): string {
  const count = (s: RenderedOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  if (outcomes.length === 0) return 'Applied: nothing to change.';
  const unknown = count('unknown') > 0 ? `, ${count('unknown')} outcome unknown` : '';
  return `Applied: ${count('succeeded')} succeeded, ${count('failed')} failed, ${count('skipped')} skipped, ${count('not-attempted')} not attempted${unknown}.`;
}

export function reportToJson(outcomes: readonly RenderedOutcome[], notices: readonly string[]) {
  return {
    operations: outcomes.map((o) => ({
      ...o.operation,
      status: o.status,
      ...(o.message === undefined ? {} : { message: o.message }),
      ...(o.registered ? { registered: o.registered } : {}),
    })),
    notices: [...notices],
  };
}
