import { escapeControlChars } from '../core/control-chars.js';
import type { Finding, Location } from '../core/findings.js';

/**
 * `path:line:col: severity RULE_ID message`, one finding a line, then a summary line. Control characters in paths
 * and messages are shown escaped, so a folder name with a newline cannot split a finding and none reaches the
 * terminal raw.
 */
export function renderFindingsText(findings: readonly Finding[]): string {
  const lines = findings.map((f) => {
    const previous = f.previousLocation ? ` (previously ${where(f.previousLocation)})` : '';
    return escapeControlChars(`${where(f.location)}: ${f.severity} ${f.ruleId} ${f.message}${previous}`);
  });
  lines.push(summarize(findings));
  return `${lines.join('\n')}\n`;
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
function escapeData(s: string): string {
  return escapeControlChars(s, '\r\n').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
