import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBounded } from './bounded.js';

/**
 * The bypass 1 as an attacker would try it, end to end through `steward check` under the suite's bounds:
 * a break hidden in a shared schema file. (Exact findings and approvals: test/cli/check-shared-schemas.test.ts.)
 */
const root = join(import.meta.dirname, '..', '..');
const ADDRESS = 'catalog/customer/profiles/schemas/address.avsc';
const city = '{ "name": "city", "type": "string", "doc": "City or town." },';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
}

function exampleRepoWith(from: string, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-bypass-'));
  made.push(dir);
  for (const part of ['catalog', 'rules']) cpSync(join(root, part), join(dir, part), { recursive: true });
  mkdirSync(join(dir, '.github'));
  cpSync(join(root, '.github', 'steward.yml'), join(dir, '.github', 'steward.yml'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const text = readFileSync(join(dir, ADDRESS), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir, ADDRESS), text.replace(from, to));
  return dir;
}

interface Report {
  findings: { ruleId: string; location: { path: string; line: number } }[];
  approvals: { requirement: string }[];
}

async function check(dir: string) {
  const { value } = await runBounded<{ code: number; out: string }>('./cases.ts', 'cli', [
    ['check', '--base', 'main', '--format', 'json', '--today', '2026-11-22'],
    dir,
  ]);
  const report = JSON.parse(value.out) as Report;
  return {
    code: value.code,
    breaks: report.findings.filter((f) => f.location.path === ADDRESS).map((f) => [f.ruleId, f.location.line]),
    consulted: report.approvals.filter((a) => !a.requirement.startsWith('owner:')).length,
  };
}

describe('a breaking change hidden in a shared schema file', () => {
  it('city from string to int is blocked and asks consulted parties and consumers', async () => {
    const r = await check(exampleRepoWith(city, city.replace('"string"', '"int"')));
    expect(r).toEqual({ code: 1, breaks: [['TYPE_MISMATCH', 10]], consulted: 5 });
  });

  it('a required field added is blocked the same way', async () => {
    const field = '{ "name": "district", "type": "string", "doc": "District." },';
    const r = await check(exampleRepoWith(city, `${city}\n    ${field}`));
    expect(r).toEqual({ code: 1, breaks: [['READER_FIELD_MISSING_DEFAULT_VALUE', 11]], consulted: 5 });
  });
});
