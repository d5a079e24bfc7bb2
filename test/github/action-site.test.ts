import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runAction } from '../../src/github/action.js';
import { repoWithCase } from '../helpers/fixtures.js';

const repoRoot = join(import.meta.dirname, '..', '..');

function jobFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'steward-site-job-'));
  const output = join(dir, 'output');
  const summary = join(dir, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  return { output, summary };
}

function workspaceCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-workspace-'));
  for (const path of ['catalog', 'rules', '.github'])
    cpSync(join(repoRoot, path), join(dir, path), { recursive: true });
  return dir;
}

describe('the Action in mode site', () => {
  it('builds the site of the workspace into site-out, links the job repository, and sets site-path', async () => {
    const workspace = workspaceCopy();
    const files = jobFiles();
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await runAction({
      INPUT_MODE: 'site',
      'INPUT_SITE-OUT': 'public',
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: 'acme/data-mesh',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
    });
    write.mockRestore();
    const out = join(workspace, 'public');
    expect(readFileSync(files.output, 'utf8')).toBe(`site-path=${out}\n`);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'asyncapi/commerce/sales/orders.json'))).toBe(true);
    expect(readFileSync(join(out, 'products/commerce/sales/orders.html'), 'utf8')).toContain(
      'href="https://github.com/acme/data-mesh/new/main?filename=',
    );
  });

  it('fails the step on a catalog with errors, annotating each finding, and writes nothing', async () => {
    const workspace = repoWithCase('schema-missing');
    const out = join(mkdtempSync(join(tmpdir(), 'steward-site-out-')), 'site');
    const files = jobFiles();
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((text) => (printed.push(String(text)), true));
    await expect(
      runAction({
        INPUT_MODE: 'site',
        'INPUT_SITE-OUT': out,
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: files.output,
      }),
    ).rejects.toThrow(/The catalog has errors \(annotated above\); no site was built/);
    write.mockRestore();
    expect(printed.join('')).toMatch(/^::error file=catalog\/[^,]+,line=\d+,col=\d+,title=SCHEMA_FILE_MISSING::/m);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(files.output, 'utf8')).toBe('');
  });

  it('names the modes there are', async () => {
    await expect(runAction({ INPUT_MODE: 'sites' })).rejects.toThrow(/use events \(the default\), drift or site/);
  });
});
