import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export const fixturesDir = join(import.meta.dirname, '..', 'fixtures');
const validateFixtures = join(fixturesDir, 'validate');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary repository: the valid base fixture with each case folder's files laid over it, in order. */
export function repoWithCase(...caseNames: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-case-'));
  made.push(dir);
  cpSync(join(validateFixtures, 'base'), dir, { recursive: true });
  for (const caseName of caseNames) cpSync(join(validateFixtures, 'cases', caseName), dir, { recursive: true });
  return dir;
}
