import { escapeControlChars } from '../core/control-chars.js';
import type { Finding, Location } from '../core/findings.js';

/**
 * `path:line:col: severity RULE_ID message`, one finding a line, then a summary line. Control characters in paths
 * and messages are shown escaped, so a folder name with a newline cannot split a finding and none reaches the
 * terminal raw.
 */
export function renderFindingsText(findings: readonly Finding[]): string {
  return `${[...findings.map(renderFindingLine), summarize(findings)].join('\n')}\n`;
}

/** One finding as `renderFindingsText` prints it, without the newline. */
export function renderFindingLine(f: Finding): string {
  const previous = f.previousLocation ? ` (previously ${where(f.previousLocation)})` : '';
  return escapeControlChars(`${where(f.location)}: ${f.severity} ${f.ruleId} ${f.message}${previous}`);
}

export function summarize(findings: readonly Finding[]): string {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const files = new Set(findings.map((f) => f.location.path)).size;
  if (findings.length === 0) return 'No problems found.';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('notice'), 'notice')} in ${plural(files, 'file')}.`;
}

function where(l: Location): string {
  return `${l.path}:${l.line}:${l.column}`;
}

/** The JSON shape shared by every command: `{ "findings": [ { ruleId, severity, message, location } ] }`. */
export function findingsToJson(findings: readonly Finding[]): object[] {
  return findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    location: plainLocation(f.location),
    ...(f.previousLocation ? { previousLocation: plainLocation(f.previousLocation) } : {}),
  }));
}

function plainLocation(l: Location): object {
  return { path: l.path, line: l.line, column: l.column };
}

/** GitHub Actions workflow commands: each finding becomes an annotation on its file and line. */
export function renderFindingsGithub(findings: readonly Finding[]): string {
  const command = { error: 'error', warning: 'warning', notice: 'notice' } as const;
  const lines = findings.map((f) => {
    const props = `file=${escapeProperty(f.location.path)},line=${f.location.line},col=${f.location.column},title=${escapeProperty(f.ruleId)}`;
    return `::${command[f.severity]} ${props}::${escapeData(f.message)}`;
  });
  lines.push(summarize(findings));
  return `${lines.join('\n')}\n`;
}

/** GitHub's workflow-command encoding (`%`, CR, LF); other control characters are shown escaped, never raw. */
export function escapeData(s: string): string {
  return escapeControlChars(s, '\r\n').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A check-run annotation as GitHub takes it: one finding, placed on its file and lines. */
export interface Annotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly start_column?: number;
  readonly end_column?: number;
  readonly annotation_level: 'failure' | 'warning' | 'notice';
  readonly title: string;
  readonly message: string;
}

const annotationLevel = { error: 'failure', warning: 'warning', notice: 'notice' } as const;

export function toAnnotation(f: Finding): Annotation {
  const l = f.location;
  const endLine = l.endLine ?? l.line;
  const columns = endLine === l.line ? { start_column: l.column, end_column: l.endColumn ?? l.column } : {};
  return {
    path: l.path,
    start_line: l.line,
    end_line: endLine,
    ...columns,
    annotation_level: annotationLevel[f.severity],
    title: f.ruleId,
    // Plain text, not Markdown: the path must stay exact for GitHub to place it, the message only needs to be inert.
    message: escapeControlChars(f.message, '\n'),
  };
}
