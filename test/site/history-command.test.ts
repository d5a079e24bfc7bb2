import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { steward } from '../helpers/cli.js';
import { repoWithCase } from '../helpers/fixtures.js';
import { squash } from './site-files.js';

const ordersPage = (out: string) => squash(readFileSync(join(out, 'products/commerce/orders.html'), 'utf8'));

describe('steward site: schema history', () => {
  it('reads the history of a git repository, and says there is none in a folder that is not one', async () => {
    const dir = repoWithCase();
    const plain = join(mkdtempSync(join(tmpdir(), 'steward-site-')), 'site');
    expect((await steward(['site', dir, '--out', plain])).code).toBe(0);
    expect(ordersPage(plain)).toContain(`No version history: ${dir} is not a git repository.`);

    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Ada', '-c', 'user.email=a@example.com', ...args], { cwd: dir });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'the catalog');
    const out = join(mkdtempSync(join(tmpdir(), 'steward-site-')), 'site');
    expect((await steward(['site', dir, '--out', out])).code).toBe(0);
    expect(ordersPage(out)).toMatch(/Version history of <code>[^<]+-value<\/code> \(1 version\)/);
    expect(ordersPage(out)).toContain('<td>Ada</td>');

    const without = join(mkdtempSync(join(tmpdir(), 'steward-site-')), 'site');
    expect((await steward(['site', dir, '--out', without, '--no-history'])).code).toBe(0);
    expect(ordersPage(without)).toContain('No version history: the site was built with --no-history.');
  });
});
