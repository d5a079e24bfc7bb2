import { escapeControlChars } from '../core/control-chars.js';
import { parseAuditRecord, type AuditRecord } from './record.js';

/** A commit as `git log` reports it, with its note under refs/notes/steward if any. */
export interface LoggedCommit {
  readonly commit: string;
  readonly author: string;
  readonly date: string;
  readonly subject: string;
  readonly note?: string;
}

export interface TimelineEntry {
  readonly commit: string;
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  /** The bot's record: PR, approvals, waivers, apply outcome. Absent for history that predates the bot. */
  readonly record?: AuditRecord;
}

/** Joins commits with their audit records, newest first, as git gave them. */
export function buildTimeline(commits: readonly LoggedCommit[]): TimelineEntry[] {
  return commits.map((c) => {
    const record = c.note ? parseAuditRecord(c.note) : undefined;
    return { commit: c.commit, date: c.date, author: c.author, subject: c.subject, ...(record ? { record } : {}) };
  });
}

/** The commit and record that produced version `version` of `subject`, from every note of the repository. */
export function findSubjectVersion(
  notes: readonly { commit: string; note: string }[],
  subject: string,
  version: number,
) {
  for (const { commit, note } of notes) {
    const record = parseAuditRecord(note);
    const hit = record?.subjects.find((s) => s.subject === subject && s.version === version);
    if (record && hit) return { commit, record, id: hit.id };
  }
  return undefined;
}

/** Plain text for people: one block per commit; commit subjects and logins reach the terminal inert. */
export function renderTimelineText(entries: readonly TimelineEntry[]): string {
  if (entries.length === 0) return 'No changes found.\n';
  const blocks = entries.map((e) => {
    const lines = [`${e.date.slice(0, 10)} ${e.commit.slice(0, 7)} ${e.subject} (${e.author})`];
    const r = e.record;
    if (!r)
      return [
        ...lines.map((l) => escapeControlChars(l)),
        '  no audit record (before Mesh Steward, or not merged through it)',
      ].join('\n');
    lines.push(
      r.pr
        ? `  PR #${r.pr}${r.title ? ` ${r.title}` : ''} by ${r.author}${r.mergedBy ? `, merged by ${r.mergedBy}` : ''}`
        : `  pushed by ${r.author} without a pull request`,
    );
    for (const a of r.approvals) lines.push(`  approved: ${a.requirement} by ${a.by} at ${a.at}`);
    for (const w of r.waivers) lines.push(`  waiver: ${w.rule} on ${w.product} by ${w.by}: ${w.reason}`);
    if (r.apply)
      lines.push(`  applied: ${r.apply.status} at ${r.apply.at}${r.apply.cluster ? ` on ${r.apply.cluster}` : ''}`);
    for (const e of r.environments ?? [])
      lines.push(`  applied: ${e.status} at ${e.at} on environment ${e.environment}`);
    for (const s of r.subjects) lines.push(`  registered: ${s.subject} version ${s.version} (id ${s.id})`);
    for (const o of r.operations.filter((op) => op.status !== 'ok'))
      lines.push(
        `  ${o.status === 'unknown' ? 'outcome unknown' : o.status}: ${o.kind} ${o.resource}${o.environment ? ` on ${o.environment}` : ''}${o.detail ? `: ${o.detail}` : ''}`,
      );
    return lines.map((l) => escapeControlChars(l)).join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
