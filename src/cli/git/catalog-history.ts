import { parseAuditRecord, type AuditRecord } from '../../audit/record.js';
import { notesRef } from '../../audit/notes-writer.js';
import type { SchemaSnapshot } from '../../catalog/schema-history.js';
import { catalogRoot } from '../../catalog/model.js';
import { maxFileBytes } from '../../core/source.js';
import type { CommitInfo, SiteHistory } from '../../site/schema-history.js';
import { runGit, type GitOptions } from './run.js';
import { catFiles } from './source.js';

/** How the reader runs git: `runGit`, or a wrapper (the tests count the processes through it). */
export type GitRunner = (repo: string, args: readonly string[], options?: GitOptions) => Promise<Buffer>;

/** One file change of a commit, as `git log --raw` reports it. */
export interface RawChange {
  readonly status: string;
  /** The new blob (all zeros for a deletion) and whether the new entry is a regular file. */
  readonly oid: string;
  readonly regular: boolean;
  readonly path: string;
  /** For a rename or copy: the path it came from. */
  readonly from?: string;
}

export interface LoggedChange extends CommitInfo {
  readonly changes: readonly RawChange[];
}

/**
 * The schema history of every product of the catalog for the site, in a constant number of git processes however
 * many products there are: one `git log --raw` over catalog/ along the first-parent chain (where merges land and
 * audit notes sit; each merge counts as the change it brought), one `git notes list`, and one `cat-file --batch`
 * for every schema and note blob. The .avsc files of each product folder after each commit are rebuilt from the
 * log's changes, oldest first, so no commit needs a tree listing of its own. `productIds` are the catalog's products
 * (their folders): files of other folders are not read.
 */
export async function readCatalogHistory(
  repo: string,
  productIds: Iterable<string>,
  run: GitRunner = runGit,
): Promise<SiteHistory> {
  const inside = await run(repo, ['rev-parse', '--is-inside-work-tree', '--show-prefix']).catch(() => undefined);
  if (!inside) return { kind: 'unavailable', reason: `${repo} is not a git repository` };
  const prefix = inside.toString('utf8').split('\n')[1] ?? '';
  if (prefix !== '') return { kind: 'unavailable', reason: `${repo} is inside a git repository but not at its root` };
  const log = await run(repo, logArgs).catch(() => Buffer.alloc(0)); // a repository without commits has no history
  const logged = parseRawLog(log.toString('utf8')).reverse();
  const notes = await run(repo, ['notes', `--ref=${notesRef}`, 'list']).catch(() => Buffer.alloc(0));
  const notePairs = parseNotesList(notes.toString('utf8'));
  const folders = snapshotsByProduct(logged, new Set(productIds));
  const oids = [...new Set([...folders.values()].flatMap((s) => s.flatMap((x) => [...x.files.values()])))];
  const blobs = await catFiles(repo, [...oids, ...notePairs.map((n) => n.blob)], run);
  const texts = new Map(oids.map((oid, i) => [oid, blobs[i] ?? new Uint8Array()]));
  const records = new Map<string, AuditRecord>();
  notePairs.forEach((n, i) => {
    const record = parseAuditRecord(Buffer.from(blobs[oids.length + i] ?? new Uint8Array()).toString('utf8'));
    if (record) records.set(n.commit, record);
  });
  const snapshots = new Map<string, SchemaSnapshot[]>();
  for (const [id, list] of folders)
    snapshots.set(
      id,
      list.map((s) => withTexts(s, texts)),
    );
  const commits = new Map(logged.map((c) => [c.commit, { commit: c.commit, author: c.author, date: c.date }]));
  return { kind: 'git', commits, snapshots, records };
}

const logArgs = [
  'log',
  '-z',
  '--first-parent',
  '--diff-merges=first-parent',
  '--raw',
  '--no-abbrev',
  '-M',
  '--format=%x00%H%x1f%an%x1f%aI',
  'HEAD',
  '--',
  catalogRoot,
];

/**
 * `git log -z --raw --format=%x00%H%x1f%an%x1f%aI` output, newest first. Each commit is a NUL, its header, a NUL;
 * then per file `\n:<old mode> <new mode> <old oid> <new oid> <status>` (the newline only before the first), NUL,
 * the path, NUL (two paths for a rename or copy). Paths never begin a header: every path starts with catalog/.
 */
export function parseRawLog(log: string): LoggedChange[] {
  const tokens = log.split('\0');
  const commits: { commit: string; author: string; date: string; changes: RawChange[] }[] = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i] as string;
    const header = headerOf(token);
    const raw = /^\n?:(\d+) (\d+) [0-9a-f]+ ([0-9a-f]+) ([A-Z])\d*$/.exec(token);
    const current = commits[commits.length - 1];
    if (header) {
      commits.push({ ...header, changes: [] });
      i += 1;
    } else if (raw && current) {
      const [, , mode = '', oid = '', status = ''] = raw;
      const two = status === 'R' || status === 'C';
      const path = tokens[i + (two ? 2 : 1)] ?? '';
      current.changes.push({
        status,
        oid,
        regular: mode.startsWith('100'),
        path,
        ...(two ? { from: tokens[i + 1] ?? '' } : {}),
      });
      i += two ? 3 : 2;
    } else i += 1;
  }
  return commits;
}

/** A commit's header: its id, author name and author date, separated by U+001F. */
function headerOf(token: string): CommitInfo | undefined {
  const [commit = '', author, date, ...rest] = token.split('\u001f');
  return /^[0-9a-f]{40,64}$/.test(commit) && date !== undefined && author !== undefined && rest.length === 0
    ? { commit, author, date }
    : undefined;
}

/** `git notes list` lines: `<note blob> <annotated commit>`. */
function parseNotesList(text: string): { blob: string; commit: string }[] {
  return text.split('\n').flatMap((line) => {
    const [blob, commit] = line.split(' ');
    return blob && commit ? [{ blob, commit }] : [];
  });
}

interface OidSnapshot {
  readonly commit: string;
  /** Path → blob id. */
  readonly files: ReadonlyMap<string, string>;
  readonly renames: ReadonlyMap<string, string>;
}

/**
 * Replays the changes oldest first and keeps, for each product, its .avsc files after every commit that changed
 * one of them. A rename within a folder is recorded so that a subject's file is followed back past it.
 */
export function snapshotsByProduct(
  logged: readonly LoggedChange[],
  productIds: ReadonlySet<string>,
): Map<string, OidSnapshot[]> {
  const state = new Map<string, Map<string, string>>();
  const result = new Map<string, OidSnapshot[]>();
  for (const c of logged) {
    const touched = new Map<string, Map<string, string>>();
    const apply = (path: string, oid: string | undefined, from?: string) => {
      const id = productOf(path, productIds);
      if (id === undefined || !path.endsWith('.avsc')) return;
      const files = state.get(id) ?? new Map<string, string>();
      state.set(id, files);
      if (oid === undefined) files.delete(path);
      else files.set(path, oid);
      const renames = touched.get(id) ?? new Map<string, string>();
      if (from !== undefined && productOf(from, productIds) === id) renames.set(path, from);
      touched.set(id, renames);
    };
    for (const change of c.changes) {
      if (change.status === 'R' && change.from !== undefined) apply(change.from, undefined);
      const kept = change.status !== 'D' && change.regular;
      apply(change.path, kept ? change.oid : undefined, change.status === 'R' ? change.from : undefined);
    }
    for (const [id, renames] of touched) {
      const list = result.get(id) ?? [];
      list.push({ commit: c.commit, files: new Map(state.get(id)), renames });
      result.set(id, list);
    }
  }
  return result;
}

/** The product folder a path is in: its nearest ancestor folder that is a product. */
function productOf(path: string, productIds: ReadonlySet<string>): string | undefined {
  if (!path.startsWith(catalogRoot)) return undefined;
  let dir = path.slice(catalogRoot.length);
  for (let slash = dir.lastIndexOf('/'); slash > 0; slash = dir.lastIndexOf('/')) {
    dir = dir.slice(0, slash);
    if (productIds.has(dir)) return dir;
  }
  return undefined;
}

/** Blobs over the size limit are left out, as the catalog's readers leave such files out. */
function withTexts(s: OidSnapshot, texts: ReadonlyMap<string, Uint8Array>): SchemaSnapshot {
  const files = new Map<string, string>();
  for (const [path, oid] of s.files) {
    const blob = texts.get(oid);
    if (blob && blob.length <= maxFileBytes) files.set(path, Buffer.from(blob).toString('utf8'));
  }
  return { commit: s.commit, files, renames: s.renames };
}
