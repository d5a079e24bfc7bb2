import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// Issue 13, point 3: each command loads what it needs only. The CLI runs in a child process with a preload that
// records every module it loads (ES modules and CommonJS).
const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'compat', 'orders');
const dir = mkdtempSync(join(tmpdir(), 'steward-loads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadsOf(name: string, args: string[]): Promise<{ code: number; modules: string[] }> {
  const out = join(dir, `${name}.txt`);
  const argv = ['--import', 'tsx', '--import', './test/support/record-loads.mjs', 'src/cli/main.ts', ...args];
  let code = 0;
  try {
    await promisify(execFile)(process.execPath, argv, {
      cwd: root,
      env: { ...process.env, STEWARD_RECORD_LOADS: out },
    });
  } catch (error) {
    code = (error as { code: number }).code;
  }
  const modules = [...new Set(readFileSync(out, 'utf8').split('\n').filter(Boolean))];
  return { code, modules };
}

/** What no offline command may load: the Kafka client, Probot and Octokit, and Ajv's schema compiler. */
const heavy = [
  /node_modules\/@platformatic\//,
  /node_modules\/probot\//,
  /node_modules\/@octokit\//,
  /ajv\/dist\/(compile|core)/,
];

describe('what each command loads', () => {
  it.each([
    ['version', ['--version'], 0],
    ['help', ['--help'], 0],
    ['compat', ['compat', '-l', 'BACKWARD', join(fixtures, 'v2-compatible.avsc'), join(fixtures, 'v1.avsc')], 0],
    ['validate', ['validate'], 0],
    ['check', ['check', '--base', 'HEAD'], 0],
    ['audit', ['audit', 'commerce/sales/orders'], 0],
    ['plan help', ['plan', '--help'], 0],
  ] as const)('%s loads neither the Kafka client, Probot nor the schema compiler', async (name, args, expected) => {
    const { code, modules } = await loadsOf(name, [...args]);
    expect(code).toBe(expected);
    expect(modules.some((m) => m.includes('/src/cli/'))).toBe(true);
    expect(modules.filter((m) => heavy.some((pattern) => pattern.test(m)))).toEqual([]);
  });

  it('the recorder sees the Kafka client where a command does load it', async () => {
    // plan with no cluster configured still reads its settings and loads the adapter before failing on them.
    const { modules } = await loadsOf('plan', ['plan', '--brokers', '127.0.0.1:1', '--registry', 'http://127.0.0.1:1']);
    expect(modules.some((m) => /node_modules\/@platformatic\/kafka\//.test(m))).toBe(true);
  });
});
