import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { SourceError } from '../core/errors.js';
import { maxFileBytes, type SourceEntry } from '../core/source.js';
import { settingsPaths } from '../catalog/model.js';

const exec = promisify(execFile);
/** The parts of a repository a catalog is made of. */
export const catalogPathspecs = ['catalog', 'rules', ...settingsPaths];

export async function git(repo: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', ['-c', 'core.quotePath=off', ...args], {
      cwd: repo,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    return stdout;
  } catch (error) {
    throw new SourceError(
      `git ${args[0] ?? ''} failed in ${repo}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      { cause: error },
    );
  }
}

/** Checks that `rev` names a commit, so a typo is a usage error rather than a confusing empty catalog. */
export async function resolveCommit(repo: string, rev: string): Promise<string> {
  return (await git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim();
}

/**
 * Reads the entries under `pathspecs` at commit `rev`: one `ls-tree` for the listing and one `cat-file --batch`
 * for every blob under the size limit, whatever the number of files. Symlinks come back as links, not content.
 */
export async function readGitEntries(
  repo: string,
  rev: string,
  pathspecs: readonly string[] = catalogPathspecs,
): Promise<Map<string, SourceEntry>> {
  const entries = new Map<string, SourceEntry>();
  const wanted: { path: string; sha: string; link: boolean }[] = [];
  for (let i = 0; i < pathspecs.length; i += 500) {
    const listing = await git(repo, [
      'ls-tree',
      '-r',
      '-z',
      '-l',
      '--full-tree',
      rev,
      '--',
      ...pathspecs.slice(i, i + 500),
    ]);
    for (const line of listing.split('\0')) {
      const match = /^(\d+) (\w+) ([0-9a-f]+) +(\S+)\t(.*)$/s.exec(line);
      if (!match || match[2] !== 'blob') continue;
      const [, mode, , sha = '', size, path = ''] = match;
      if (mode !== '120000' && Number(size) > maxFileBytes) entries.set(path, { kind: 'oversize', size: Number(size) });
      else wanted.push({ path, sha, link: mode === '120000' });
    }
  }
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

/** Streams blobs through one `git cat-file --batch` process, in the order asked. */
export async function catFiles(repo: string, shas: readonly string[]): Promise<Uint8Array[]> {
  if (shas.length === 0) return [];
  const child = spawn('git', ['cat-file', '--batch'], { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new SourceError(`git cat-file exited with ${code}`))));
  });
  child.stdin.end(`${shas.join('\n')}\n`);
  await done;
  const out = Buffer.concat(chunks);
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

export interface ChangedPath {
  readonly status: 'added' | 'modified' | 'deleted';
  readonly path: string;
}

/**
 * Catalog paths that differ between `base` and `head` (a commit, or the working tree when undefined, including
 * untracked files that git does not ignore).
 */
export async function changedPaths(repo: string, base: string, head: string | undefined): Promise<ChangedPath[]> {
  const args = [
    'diff',
    '--name-status',
    '-z',
    '--no-renames',
    base,
    ...(head ? [head] : []),
    '--',
    ...catalogPathspecs,
  ];
  const parts = (await git(repo, args)).split('\0').filter((p) => p !== '');
  const changed: ChangedPath[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const code = parts[i]?.[0];
    changed.push({
      status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified',
      path: parts[i + 1] as string,
    });
  }
  if (!head) {
    const untracked = await git(repo, ['ls-files', '-z', '--others', '--exclude-standard', '--', ...catalogPathspecs]);
    for (const path of untracked.split('\0').filter((p) => p !== '')) changed.push({ status: 'added', path });
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
  const inBase = changed.filter((c) => c.status !== 'added').map((c) => c.path);
  if (inBase.length > 0) for (const [path, entry] of await readGitEntries(repo, base, inBase)) tree.set(path, entry);
  return tree;
}
