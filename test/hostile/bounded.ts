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

/**
 * Runs `module`'s export `name` with `args` in a worker whose old generation is capped at `limits.mb`, so a case
 * that needs more memory fails as out of memory instead of swapping the machine; a case still running after
 * `hardMs` is terminated. Asserts the time and memory bounds and returns the result for the case's own assertions.
 */
export async function runBounded<T>(
  module: string,
  name: string,
  args: readonly unknown[],
  bounds: { ms?: number; mb?: number; hardMs?: number; stackMb?: number } = {},
): Promise<CaseResult<T>> {
  const ms = bounds.ms ?? limits.ms;
  const mb = bounds.mb ?? limits.mb;
  const hardMs = bounds.hardMs ?? Math.max(10_000, ms * 5);
  const worker = new Worker(runner, {
    workerData: { module: new URL(module, import.meta.url).href, name, args },
    // A worker's stack defaults to 4 MB; `stackMb: 1` gives it the CLI's main-thread stack, for recursion cases.
    resourceLimits: { maxOldGenerationSizeMb: mb, maxYoungGenerationSizeMb: 32, stackSizeMb: bounds.stackMb ?? 4 },
    stdout: true,
    stderr: true,
  });
  const result = await new Promise<CaseResult<T>>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the case did not finish within ${hardMs} ms`));
    }, hardMs);
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
  await worker.terminate();
  expect(result.ms, `time bound ${ms} ms`).toBeLessThanOrEqual(ms);
  expect(result.heapMb, `memory bound ${mb} MB`).toBeLessThanOrEqual(mb);
  return result;
}
