import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoWithCase } from '../helpers/fixtures.js';

// `steward … | head -1`: the reader closes its end of the pipe after the first chunk. The command must end as it
// would have (its exit code), without Node's unhandled 'error' event, its stack trace or `write EPIPE`.
const root = join(import.meta.dirname, '..', '..');

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly firstChunk: string;
  readonly stderr: string;
}

/** Runs the CLI from source; `close` names the stream whose read end is closed: after its first chunk, or at once. */
function runClosing(args: readonly string[], close: 'stdout' | 'stderr'): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let firstChunk = '';
  let stderr = '';
  if (close === 'stdout') {
    child.stdout.once('data', (chunk: Buffer) => {
      firstChunk = chunk.toString('utf8');
      child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  } else {
    child.stderr.destroy();
    child.stdout.on('data', (chunk: Buffer) => (firstChunk += chunk.toString('utf8')));
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, firstChunk, stderr }));
  });
}

/**
 * A valid catalog with 2,000 stray YAML files: one UNRECOGNIZED_FILE warning each, exit code 0. The report (~1 MB)
 * is far more than a pipe (64 KB) or the socket pair Node spawns with (~200 KB) holds, so most of it is still to be
 * written when the reader goes away.
 */
function catalogWithManyWarnings(): string {
  const dir = repoWithCase();
  mkdirSync(join(dir, 'catalog', 'notes'));
  const long = 'n'.repeat(150);
  for (let i = 1; i <= 2000; i++) writeFileSync(join(dir, 'catalog', 'notes', `${long}-${i}.yaml`), 'a: 1\n');
  return dir;
}

describe('a reader that closes its pipe early', () => {
  it('stdout closed after the first chunk of a long report: the exit code stays, and stderr is empty', async () => {
    const run = await runClosing(['validate', catalogWithManyWarnings()], 'stdout');
    expect(run.firstChunk).toMatch(/^catalog\/notes\/n+-\d+\.yaml:1:1: warning UNRECOGNIZED_FILE /);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(run.stderr).toBe('');
    expect([run.code, run.signal]).toEqual([0, null]);
  });

  it('stderr closed before a usage error is written: the exit code is still 2', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'steward-no-catalog-'));
    const run = await runClosing(['validate', empty], 'stderr').finally(() => rmSync(empty, { recursive: true }));
    expect(run.firstChunk).toBe('');
    expect([run.code, run.signal]).toEqual([2, null]);
  });
});
