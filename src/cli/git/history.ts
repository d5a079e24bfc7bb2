import type { SchemaSnapshot } from '../../catalog/schema-history.js';
import { maxFileBytes } from '../../core/source.js';
import { git } from './run.js';
import { catFiles } from './source.js';

/** `ls-tree` processes at a time: enough to overlap them, few enough for a small machine. */
const parallel = 8;

interface Touch {
  readonly commit: string;
  /** New path → old path, for the .avsc files the commit renamed. */
  readonly renames: Map<string, string>;
  schemas: boolean;
}

/**
 * The .avsc files of the product folder `folder` (`catalog/<id>/`) after every commit reachable from `untilRev`
 * that changed one of them, oldest first, with the renames each made. Merge commits add no version of their own
 * and are left out. Every git output is NUL-separated and every pathspec literal, so no file name (quotes, tabs,
 * newlines, bytes that are not UTF-8) is ever misread; git runs without a shell.
 */
export async function readSchemaSnapshots(
  repoDir: string,
  folder: string,
  untilRev = 'HEAD',
): Promise<SchemaSnapshot[]> {
  const log = await git(repoDir, [
    'log',
    '-z',
    '--format=%x00%H',
    '--name-status',
    '-M',
    '--no-merges',
    untilRev,
    '--',
    folder,
  ]);
  const touches = parseLog(log)
    .filter((t) => t.schemas)
    .reverse();
  const listings: { path: string; oid: string }[][] = [];
  for (let i = 0; i < touches.length; i += parallel)
    listings.push(
      ...(await Promise.all(touches.slice(i, i + parallel).map((t) => listSchemas(repoDir, t.commit, folder)))),
    );
  const oids = [...new Set(listings.flat().map((e) => e.oid))];
  const blobs = await catFiles(repoDir, oids);
  const texts = new Map(oids.map((oid, i) => [oid, Buffer.from(blobs[i] ?? new Uint8Array()).toString('utf8')]));
  return touches.map((t, i) => ({
    commit: t.commit,
    files: new Map((listings[i] ?? []).map((e) => [e.path, texts.get(e.oid) ?? ''])),
    renames: t.renames,
  }));
}

/**
 * `git log -z --format=%x00%H --name-status` output, newest first: a NUL, the commit, then for each file its
 * status and path (two paths for a rename or copy), all NUL-terminated (the first status after a newline).
 */
function parseLog(log: string): Touch[] {
  const tokens = log.split('\0');
  const touches: Touch[] = [];
  let touch: Touch | undefined;
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i] as string;
    const status = token.replace(/^\n/, '');
    if (/^[0-9a-f]{40,64}$/.test(token)) {
      touch = { commit: token, renames: new Map(), schemas: false };
      touches.push(touch);
      i += 1;
    } else if (touch && /^[A-Z]\d*$/.test(status)) {
      const paths =
        status.startsWith('R') || status.startsWith('C') ? tokens.slice(i + 1, i + 3) : tokens.slice(i + 1, i + 2);
      if (paths.some((p) => p.endsWith('.avsc'))) touch.schemas = true;
      const [from = '', to = ''] = paths;
      if (status.startsWith('R') && to.endsWith('.avsc')) touch.renames.set(to, from);
      i += 1 + paths.length;
    } else i += 1;
  }
  return touches;
}

/** The .avsc blobs under `folder` at `commit` (links and files over the size limit are not schemas to read). */
async function listSchemas(repoDir: string, commit: string, folder: string): Promise<{ path: string; oid: string }[]> {
  const listing = await git(repoDir, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit, '--', folder]);
  return listing.split('\0').flatMap((line) => {
    const match = /^(\d+) blob ([0-9a-f]+) +(\d+)\t(.*)$/s.exec(line);
    if (!match) return [];
    const [, mode, oid = '', size, path = ''] = match;
    return mode !== '120000' && path.endsWith('.avsc') && Number(size) <= maxFileBytes ? [{ path, oid }] : [];
  });
}
