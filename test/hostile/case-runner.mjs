// Worker side of `runBounded`: loads the case's TypeScript module through tsx, times one call, posts the outcome.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { module, name, args } = workerData;
try {
  const fn = (await tsImport(module, import.meta.url))[name];
  if (typeof fn !== 'function') throw new Error(`${module} has no export ${name}`);
  const start = performance.now();
  const value = await fn(...args);
  const ms = performance.now() - start;
  parentPort.postMessage({ value, ms, heapMb: process.memoryUsage().heapUsed / 2 ** 20 });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
