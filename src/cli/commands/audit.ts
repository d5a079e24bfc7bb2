import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { escapeControlChars } from '../../core/control-chars.js';
import { closest } from '../../core/suggest.js';
import { buildTimeline, findSubjectVersion, renderTimelineText, type LoggedCommit } from '../../audit/timeline.js';
import { notesRef } from '../../audit/notes-writer.js';
import { catalogRoot } from '../../catalog/model.js';
import { git } from '../git/run.js';
import { catFiles } from '../git/source.js';
import { exitCodes, parseFormat, UsageError, type CliIo } from '../io.js';
import type { AuditOptions, CommandResult } from '../declare.js';
import { findRepoRoot } from '../git/repo-root.js';

/** `steward audit`: who changed a product or file, who approved it and when it reached the cluster, from git alone. */
export async function runAudit(io: CliIo, target: string | undefined, options: AuditOptions): CommandResult {
  const format = parseFormat(options.format, ['text', 'json']);
  const repo = findRepoRoot(io.cwd);
  if (options.schema !== undefined) return auditSchema(repo, io, options, format);
  const path =
    target === undefined
      ? catalogRoot
      : target.includes('.') || target.startsWith(catalogRoot)
        ? target
        : `${catalogRoot}${target}/`;
  const entries = buildTimeline(await logWithNotes(repo, path, options.since));
  if (entries.length === 0 && target !== undefined && !knownPath(repo, path)) {
    io.err(`${await unknownTarget(repo, target, path)}\n`);
    return exitCodes.findings;
  }
  io.out(format === 'json' ? `${JSON.stringify({ path, entries }, null, 2)}\n` : renderTimelineText(entries));
  return exitCodes.ok;
}

/** A path with no history may still be real: a file not yet committed has an empty timeline, not a typo. */
function knownPath(repo: string, path: string): boolean {
  return existsSync(join(repo, path));
}

/** Says the target does not exist in this repository, naming the nearest product id or path when one is close. */
async function unknownTarget(repo: string, target: string, path: string): Promise<string> {
  const listed = await git(repo, ['ls-tree', '-r', '-z', '--name-only', 'HEAD', '--', catalogRoot]).catch(() => '');
  const files = listed.split('\0').filter((f) => f !== '');
  const isPath = path === target;
  const candidates = isPath
    ? files
    : files.filter((f) => /\/product\.ya?ml$/.test(f)).map((f) => f.slice(catalogRoot.length, f.lastIndexOf('/')));
  const near = closest(target, candidates);
  const what = isPath ? `No path ${target}` : `No product ${target} (looked for ${path})`;
  return escapeControlChars(
    `steward: ${what} in this repository's history or working tree${near ? `; did you mean ${near}?` : '.'}`,
  );
}

/** The first-parent history of `path` (merge commits carry the notes), each commit with its note. */
async function logWithNotes(repo: string, path: string, since: string | undefined): Promise<LoggedCommit[]> {
  const args = [
    'log',
    '--first-parent',
    `--notes=${notesRef}`,
    '--format=%H%x1f%an%x1f%aI%x1f%s%x1f%N%x1e',
    ...(since ? [`--since=${since}`] : []),
    '--',
    path,
  ];
  const out = await git(repo, args);
  return out
    .split('\x1e')
    .map((block) => block.replace(/^\n/, ''))
    .filter((block) => block !== '')
    .map((block) => {
      const [commit = '', author = '', date = '', subject = '', note = ''] = block.split('\x1f');
      return { commit, author, date, subject, ...(note.trim() ? { note } : {}) };
    });
}

async function auditSchema(repo: string, io: CliIo, options: AuditOptions, format: string): Promise<number> {
  const version = Number(options.version);
  if (!Number.isInteger(version) || version < 1)
    throw new UsageError('--schema needs --version N, a registry version number.');
  const listing = await git(repo, ['notes', `--ref=${notesRef}`, 'list']).catch(() => '');
  const pairs = listing
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(' ') as [string, string]);
  const blobs = await catFiles(
    repo,
    pairs.map(([blob]) => blob),
  );
  const notes = pairs.map(([, commit], i) => ({
    commit,
    note: Buffer.from(blobs[i] ?? new Uint8Array()).toString('utf8'),
  }));
  const found = findSubjectVersion(notes, options.schema ?? '', version);
  if (!found) {
    io.err(
      `No audit record registered ${options.schema} version ${version}; fetch the notes first: git fetch origin ${notesRef}:${notesRef}\n`,
    );
    return exitCodes.findings;
  }
  const { commit, record, id } = found;
  if (format === 'json')
    io.out(`${JSON.stringify({ subject: options.schema, version, id, commit, pr: record.pr, record }, null, 2)}\n`);
  else
    io.out(
      escapeControlChars(
        `${options.schema} version ${version} (id ${id}) was registered by ${commit.slice(0, 7)}, ${record.pr ? `PR #${record.pr}${record.title ? ` ${record.title}` : ''}` : 'a push without a pull request'} by ${record.author}${record.apply ? `, applied ${record.apply.at}` : ''}.`,
      ) + '\n',
    );
  return exitCodes.ok;
}
