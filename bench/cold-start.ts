/**
 * Cold start of the built CLI against `node -e 0`, in the same run (issue 13's goals): `steward --version` ≤ 2×,
 * `steward compat` on one 20-field pair ≤ 3×, `steward validate` on a one-product catalog ≤ 4×. Runs are
 * interleaved, so drift on a shared machine hits every command alike; each figure is the median of N runs.
 * Run after `npm run build`: node --import tsx bench/cold-start.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog } from './generate-catalog.js';

const runs = Number(process.argv[2] ?? 15);
const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'steward-cold-'));

function record(fields: number, extra: boolean): string {
  const list = Array.from({ length: fields }, (_, i) => ({
    name: `f${i}`,
    type: i % 3 ? 'string' : 'long',
    doc: `F${i}.`,
  }));
  if (extra) list.push({ name: 'added', type: ['null', 'string'], default: null, doc: 'Added.' } as never);
  return JSON.stringify({ type: 'record', name: 'Event', namespace: 'com.acme', doc: 'An event.', fields: list });
}

try {
  writeFileSync(join(dir, 'v1.avsc'), record(20, false));
  writeFileSync(join(dir, 'v2.avsc'), record(20, true));
  const catalog = join(dir, 'one');
  generateCatalog(catalog, 1);
  const commands: Record<string, { args: string[]; goal?: number; expect: number }> = {
    'node -e 0': { args: ['-e', '0'], expect: 0 },
    'steward --version': { args: [cli, '--version'], goal: 2, expect: 0 },
    'steward compat (20-field pair)': {
      args: [cli, 'compat', join(dir, 'v2.avsc'), join(dir, 'v1.avsc'), '--level', 'BACKWARD'],
      goal: 3,
      expect: 0,
    },
    'steward validate (1 product)': { args: [cli, 'validate', catalog], goal: 4, expect: 0 },
  };
  const times = new Map<string, number[]>(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++)
    for (const [name, command] of Object.entries(commands)) {
      const started = performance.now();
      const result = spawnSync(process.execPath, command.args, { encoding: 'utf8' });
      const ms = performance.now() - started;
      if (result.status !== command.expect)
        throw new Error(`${name} exited ${result.status}: ${result.stderr || result.stdout}`);
      times.get(name)?.push(ms);
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const base = median(times.get('node -e 0') ?? []);
  console.log(`cold start, median of ${runs} interleaved runs (node ${process.version}):`);
  for (const [name, command] of Object.entries(commands)) {
    const ms = median(times.get(name) ?? []);
    const ratio = ms / base;
    const verdict =
      command.goal === undefined ? '' : ` (goal ≤ ${command.goal}×: ${ratio <= command.goal ? 'met' : 'MISSED'})`;
    console.log(`  ${name.padEnd(32)} ${ms.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2)}×${verdict}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
