import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceEntry } from '../../src/core/source.js';
import { steward } from './cli.js';
import { repoWithCase } from './fixtures.js';

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
}

/**
 * A repository whose first commit is the validate base fixture and whose second writes `head`'s files that
 * differ (the base and head commits' SHAs are returned), for `steward check --reviews` on a committed range.
 */
export function committedChange(head: ReadonlyMap<string, SourceEntry>, base: ReadonlyMap<string, SourceEntry>) {
  const dir = repoWithCase();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  for (const [path, entry] of head) {
    const before = base.get(path);
    if (entry.kind !== 'file') continue;
    if (before?.kind === 'file' && Buffer.from(before.content).equals(Buffer.from(entry.content))) continue;
    writeFileSync(join(dir, path), entry.content);
  }
  git(dir, 'commit', '-q', '-am', 'change');
  return { dir, base: git(dir, 'rev-parse', 'HEAD~1'), head: git(dir, 'rev-parse', 'HEAD') };
}

/** Runs `steward check --reviews` with `snapshot` written to a file, on `base..head` (or the working tree). */
export async function checkWithReviews(dir: string, snapshot: object, args: string[] = []) {
  // Outside catalog/, rules/ and .github/: the file is no part of the change it describes.
  const file = join(dir, 'reviews.json');
  writeFileSync(file, JSON.stringify(snapshot));
  return steward(['check', '--today', '2026-11-22', '--reviews', file, ...args], dir);
}
