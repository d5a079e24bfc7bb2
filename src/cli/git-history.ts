import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SourceError } from '../core/errors.js';
import type { SchemaHistoryEntry } from '../schema/compat-history.js';

const run = promisify(execFile);
/** Enough for the history of any schema file; git's output beyond it is an operational failure. */
const maxBuffer = 64 * 1024 * 1024;

/**
 * Every committed version of `path` (repository-relative) reachable from `untilRev` (default HEAD), oldest first,
 * following renames. Commits that delete the file and merge commits (which add no version of their own) are left
 * out. Runs git without a shell, so no path or revision is ever interpreted by one.
 */
export async function readFileHistory(repoDir: string, path: string, untilRev = 'HEAD'): Promise<SchemaHistoryEntry[]> {
  const log = await git(repoDir, [
    'log',
    '--format=%x00%H',
    '--name-only',
    '--follow',
    '--diff-filter=d',
    untilRev,
    '--',
    path,
  ]);
  const versions: { commit: string; path: string }[] = [];
  for (const block of log.split('\0').slice(1)) {
    const [commit, ...names] = block.split('\n').filter((l) => l !== '');
    const at = names[names.length - 1];
    if (commit && at) versions.push({ commit, path: at });
  }
  versions.reverse();
  return Promise.all(
    versions.map(async (v) => ({ ...v, text: await git(repoDir, ['show', `${v.commit}:${v.path}`]) })),
  );
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-c', 'core.quotePath=off', ...args], { cwd, maxBuffer, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    throw new SourceError(
      `git ${args[0] ?? ''} failed in ${cwd}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
