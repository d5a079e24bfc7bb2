import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root around `start`: the nearest directory holding `.git`, else the nearest holding `catalog/`
 * (a catalog copied out of git), else `start` itself.
 */
export function findRepoRoot(start: string): string {
  return nearest(start, '.git') ?? nearest(start, 'catalog') ?? start;
}

function nearest(start: string, marker: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, marker))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
