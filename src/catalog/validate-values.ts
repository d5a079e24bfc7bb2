import { spanAt, type PathSegment } from '../core/data-node.js';
import type { Finding } from '../core/findings.js';
import type { RuleId } from '../rules/registry.js';
import { branchNameProblem } from './branch-name.js';
import type { SourceDocument } from './model.js';
import { topicConfigProblem } from './topic-configs.js';
import { validateEnvironmentValues } from './validate-environments.js';

/** Findings of one rule listed per file; the next one also counts the rest, so output stays readable. */
export const maxFindingsPerRule = 20;

/**
 * Checks the JSON Schemas cannot express: topic configs as Kafka types and bounds them, and the apply branch as
 * git names branches. Runs on the plain value whether or not it matched the schema, so it guards every access.
 */
export function validateValues(kind: string, value: unknown, document: SourceDocument): Finding[] {
  if (!isRecord(value)) return [];
  if (kind === 'DataProduct') return checkPorts(value, document);
  if (kind === 'Settings') return [...checkApplyBranch(value, document), ...validateEnvironmentValues(value, document)];
  return [];
}

function checkPorts(product: Record<string, unknown>, document: SourceDocument): Finding[] {
  const ports = Array.isArray(product['outputPorts']) ? (product['outputPorts'] as unknown[]) : [];
  return ports.flatMap((port, i) => (isRecord(port) ? checkConfigs(port, i, document) : []));
}

function checkConfigs(port: Record<string, unknown>, i: number, document: SourceDocument): Finding[] {
  const configs = port['configs'];
  if (!isRecord(configs)) return [];
  const name = typeof port['name'] === 'string' ? shorten(port['name']) : `#${i + 1}`;
  const findings: Finding[] = [];
  for (const [key, value] of Object.entries(configs)) {
    // A name of the wrong form is the schema's finding (`propertyNames`).
    if (!/^[a-z][a-z0-9.]*$/.test(key)) continue;
    const path = ['outputPorts', i, 'configs', key];
    const problem = topicConfigProblem(
      key,
      value,
      () => sourceOf(document, path),
      findings.length <= maxFindingsPerRule,
    );
    if (problem?.kind === 'unknown') {
      const fix = problem.hint
        ? `did you mean \`${problem.hint}\`?`
        : 'remove it, or check the spelling against the Kafka topic configs.';
      const what = problem.removed ? 'which Kafka 4.0 removed' : 'which is not a Kafka topic config';
      const message = `Port ${name} sets \`${shorten(key)}\`, ${what}, so the broker would refuse the topic; ${problem.removed ? 'remove it.' : fix}`;
      findings.push(finding('TOPIC_CONFIG_UNKNOWN', message, document.locate(path, { key: true })));
    } else if (problem) {
      const message = `Port ${name} sets \`${key}\` to ${sourceOf(document, path)}, which Kafka refuses: ${problem.reason}.`;
      findings.push(finding('TOPIC_CONFIG_INVALID', message, document.locate(path)));
    }
  }
  findings.push(...checkInsync(port, configs, name, i, document));
  return findings;
}

/** More in-sync replicas than replicas makes every `acks=all` write fail, which Kafka only finds out on produce. */
function checkInsync(
  port: Record<string, unknown>,
  configs: Record<string, unknown>,
  name: string,
  i: number,
  document: SourceDocument,
): Finding[] {
  const replicas = port['replicationFactor'];
  const raw = configs['min.insync.replicas'];
  const insync =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined;
  if (typeof replicas !== 'number' || insync === undefined || insync <= replicas) return [];
  const message = `Port ${name} sets \`min.insync.replicas\` to ${insync}, more than its replicationFactor ${replicas}, so every write with acks=all would fail; lower min.insync.replicas or raise replicationFactor.`;
  return [
    finding('TOPIC_CONFIG_INVALID', message, document.locate(['outputPorts', i, 'configs', 'min.insync.replicas'])),
  ];
}

function checkApplyBranch(settings: Record<string, unknown>, document: SourceDocument): Finding[] {
  const branch = settings['applyBranch'];
  if (typeof branch !== 'string' || branch === '') return [];
  const problem = branchNameProblem(branch);
  if (!problem) return [];
  const message = `The settings file's \`applyBranch\` ${JSON.stringify(branch.slice(0, 80))} is not a branch name git accepts: it ${problem}; name the branch that applies, e.g. \`main\`.`;
  return [finding('MANIFEST_INVALID_VALUE', message, document.locate(['applyBranch']))];
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Why `text` is not a calendar date `YYYY-MM-DD`, or undefined when it is one. */
export function calendarDateProblem(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return 'is not a date of the form YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return `has month ${match[2]}, and months run from 01 to 12`;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : (monthDays[month - 1] ?? 31);
  if (day < 1 || day > days) return `has day ${match[3]}, and ${match[1]}-${match[2]} has ${days} days`;
  return undefined;
}

/** A user's key or name as a message quotes it: a 900 KB key must not make a 900 KB finding. */
export function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The value at `path` as written in the file (shortened), so `1e400` reads as written rather than as Infinity. */
export function sourceOf(document: SourceDocument, path: readonly PathSegment[]): string {
  const root = document.root;
  if (!root) return '(unknown)';
  const span = spanAt(root, path);
  const text = document.text.slice(span.start, Math.min(span.end, span.start + 60)).trim();
  return span.end - span.start > 60 ? `${text}…` : text;
}

function finding(ruleId: RuleId, message: string, location: Finding['location']): Finding {
  return { ruleId, severity: 'error', message, location };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
