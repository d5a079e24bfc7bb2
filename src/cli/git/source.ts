import { SourceError } from '../../core/errors.js';
import { maxFileBytes, type ChangedPath, type SourceEntry } from '../../core/source.js';
import { settingsPaths } from '../../catalog/model.js';
import { git, nulFields, runGit } from './run.js';

const settingsFolder = '.github';
/** The parts of a repository a catalog is made of: `.github` whole, so a link in its place is reported, not missed. */
const treePathspecs = ['catalog', 'rules', settingsFolder];

/**
 * A path as git printed it (`-z`, so never quoted): UTF-8, with each byte that is not shown as U+FFFD, which the
 * loader reports as a name to fix rather than failing on.
 */
function decodePath(bytes: Buffer): string {
  return bytes.toString('utf8');
}

/** Checks that `rev` names a commit, so a typo is a usage error rather than a confusing empty catalog. */
export async function resolveCommit(repo: string, rev: string): Promise<string> {
  return git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { trim: true });
}

/**
 * Reads the entries under `pathspecs` at commit `rev` (only those `keep` accepts, when given): one `ls-tree` for
 * the listing and one `cat-file --batch` for every blob under the size limit, whatever the number of files.
 * Symlinks come back as links, not content; paths under `.github/` other than the settings files are dropped.
 */
export async function readGitEntries(
  repo: string,
  rev: string,
  pathspecs: readonly string[] = treePathspecs,
  keep: (path: string) => boolean = () => true,
): Promise<Map<string, SourceEntry>> {
  const { entries, wanted } = await listTree(repo, rev, pathspecs, keep);
  const blobs = await catFiles(
    repo,
    wanted.map((w) => w.sha),
  );
  wanted.forEach((w, i) => {
    const content = blobs[i] ?? new Uint8Array();
    entries.set(
      w.path,
      w.link ? { kind: 'symlink', target: Buffer.from(content).toString('utf8') } : { kind: 'file', content },
    );
  });
  return entries;
}

interface WantedBlob {
  readonly path: string;
  readonly sha: string;
  readonly link: boolean;
}

/** The listing: files over the size limit are entries already (never read); the rest are blobs still to read. */
async function listTree(
  repo: string,
  rev: string,
  pathspecs: readonly string[],
  keep: (path: string) => boolean,
): Promise<{ entries: Map<string, SourceEntry>; wanted: WantedBlob[] }> {
  const entries = new Map<string, SourceEntry>();
  const wanted: WantedBlob[] = [];
  for (let i = 0; i < pathspecs.length; i += 500) {
    const listing = await runGit(repo, [
      'ls-tree',
      '-r',
      '-z',
      '-l',
      '--full-tree',
      rev,
      '--',
      ...pathspecs.slice(i, i + 500),
    ]);
    for (const line of nulFields(listing)) {
      const tab = line.indexOf(0x09);
      const match = /^(\d+) (\w+) ([0-9a-f]+) +(\S+)$/.exec(line.toString('latin1', 0, tab));
      const path = decodePath(line.subarray(tab + 1));
      if (!match || match[2] !== 'blob' || !keep(path) || !inCatalog(path)) continue;
      const [, mode, , sha = '', size] = match;
      if (mode !== '120000' && Number(size) > maxFileBytes) entries.set(path, { kind: 'oversize', size: Number(size) });
      else wanted.push({ path, sha, link: mode === '120000' });
    }
  }
  return { entries, wanted };
}

/** `.github` is listed so that a link in its place is seen; of what it holds, only the settings files count. */
function inCatalog(path: string): boolean {
  return !path.startsWith(`${settingsFolder}/`) || (settingsPaths as readonly string[]).includes(path);
}

/** Reads blobs through one `git cat-file --batch` process (run by `run`, `runGit` unless given), in the order asked. */
export async function catFiles(repo: string, shas: readonly string[], run = runGit): Promise<Uint8Array[]> {
  if (shas.length === 0) return [];
  const out = await run(repo, ['cat-file', '--batch'], { input: `${shas.join('\n')}\n` });
  const blobs: Uint8Array[] = [];
  let pos = 0;
  for (let i = 0; i < shas.length; i++) {
    const eol = out.indexOf(0x0a, pos);
    const header = out.toString('utf8', pos, eol).split(' ');
    if (header[1] === 'missing') throw new SourceError(`git object ${shas[i]} is missing`);
    const size = Number(header[2]);
    blobs.push(out.subarray(eol + 1, eol + 1 + size));
    pos = eol + 1 + size + 1;
  }
  return blobs;
}

/**
 * Catalog paths that differ between `base` and `head` (a commit, or the working tree when undefined, including
 * untracked files that git does not ignore).
 */
export async function changedPaths(repo: string, base: string, head: string | undefined): Promise<ChangedPath[]> {
  const args = ['diff', '--name-status', '-z', '--no-renames', base, ...(head ? [head] : []), '--', ...treePathspecs];
  const parts = nulFields(await runGit(repo, args));
  const changed: ChangedPath[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const code = parts[i]?.toString('latin1')[0];
    const path = decodePath(parts[i + 1] as Buffer);
    if (inCatalog(path)) changed.push({ status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified', path });
  }
  if (!head) {
    const untracked = await runGit(repo, ['ls-files', '-z', '--others', '--exclude-standard', '--', ...treePathspecs]);
    for (const path of nulFields(untracked).map(decodePath))
      if (inCatalog(path)) changed.push({ status: 'added', path });
  }
  return changed;
}

/**
 * The base tree of a change, built from the head tree: unchanged entries are the very same objects (so loading
 * the base after the head re-parses only what changed), changed ones are read from the base commit.
 */
export async function baseTreeFrom(
  repo: string,
  base: string,
  head: ReadonlyMap<string, SourceEntry>,
  changed: readonly ChangedPath[],
): Promise<Map<string, SourceEntry>> {
  const tree = new Map(head);
  for (const c of changed) tree.delete(c.path);
  // Listed whole and filtered, rather than asked for by name: a name that is not UTF-8 cannot be passed back.
  const inBase = new Set(changed.filter((c) => c.status !== 'added').map((c) => c.path));
  if (inBase.size > 0)
    for (const [path, entry] of await readGitEntries(repo, base, treePathspecs, (p) => inBase.has(p)))
      tree.set(path, entry);
  return tree;
}
