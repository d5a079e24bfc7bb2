import { Worker } from 'node:worker_threads';
import { expect } from 'vitest';

/** The goal for every hostile case: at most 2 s and 300 MB on this machine. */
export const limits = { ms: 2_000, mb: 300 } as const;

export interface CaseResult<T> {
  readonly value: T;
  /** Wall time of the call itself, without the worker's start-up. */
  readonly ms: number;
  /** The worker's heap in use when the call returned. */
  readonly heapMb: number;
}

const runner = new URL('./case-runner.mjs', import.meta.url);

/** A case over its time bound is run again, cold, up to this many times in all: the best run counts. */
const attempts = 3;

/**
 * Runs `module`'s export `name` with `args` in a worker whose old generation is capped at `limits.mb`, so a case
 * that needs more memory fails as out of memory instead of swapping the machine; a case still running after
 * `hardMs` is terminated. Asserts the time and memory bounds and returns the result for the case's own assertions.
 * Wall time on a shared 2-core machine jitters, so a run over the time bound is repeated in a fresh worker and the
 * fastest of `attempts` runs is judged; a case that is really slow (exponential, quadratic) is slow every time.
 */
export async function runBounded<T>(
  module: string,
  name: string,
  args: readonly unknown[],
  bounds: { ms?: number; mb?: number; hardMs?: number; stackMb?: number } = {},
): Promise<CaseResult<T>> {
  const ms = bounds.ms ?? limits.ms;
  const mb = bounds.mb ?? limits.mb;
  let best = await runOnce<T>(module, name, args, bounds, mb);
  for (let i = 1; i < attempts && best.ms > ms; i++) {
    const next = await runOnce<T>(module, name, args, bounds, mb);
    if (next.ms < best.ms) best = next;
  }
  expect(best.ms, `time bound ${ms} ms (best of the runs)`).toBeLessThanOrEqual(ms);
  expect(best.heapMb, `memory bound ${mb} MB`).toBeLessThanOrEqual(mb);
  return best;
}

async function runOnce<T>(
  module: string,
  name: string,
  args: readonly unknown[],
  bounds: { ms?: number; hardMs?: number; stackMb?: number },
  mb: number,
): Promise<CaseResult<T>> {
  const hardMs = bounds.hardMs ?? Math.max(10_000, (bounds.ms ?? limits.ms) * 5);
  const worker = new Worker(runner, {
    workerData: { module: new URL(module, import.meta.url).href, name, args },
    // A worker's stack defaults to 4 MB; `stackMb: 1` gives it the CLI's main-thread stack, for recursion cases.
    resourceLimits: { maxOldGenerationSizeMb: mb, maxYoungGenerationSizeMb: 32, stackSizeMb: bounds.stackMb ?? 4 },
    stdout: true,
    stderr: true,
  });
  try {
    return await new Promise<CaseResult<T>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the case did not finish within ${hardMs} ms`)), hardMs);
      worker.once('message', (m: CaseResult<T> | { error: string }) => {
        clearTimeout(timer);
        if ('error' in m) reject(new Error(m.error));
        else resolve(m);
      });
      worker.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  } finally {
    await worker.terminate();
  }
}
