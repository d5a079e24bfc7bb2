import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { steward } from '../helpers/cli.js';
import { repoWithCase } from '../helpers/fixtures.js';

const repoRoot = join(import.meta.dirname, '..', '..');

describe('steward site', () => {
  it("writes the example catalog's site, and a rebuild removes the pages of products that are gone", async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'steward-site-')), 'site');
    const result = await steward(['site', repoRoot, '--out', out]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^Wrote \d+ files for \d+ product\(s\) to /);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<h1>Data mesh catalog</h1>');
    expect(existsSync(join(out, 'products/commerce/sales/orders.html'))).toBe(true);
    const catalog = JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8')) as { products: { id: string }[] };
    expect(catalog.products.map((p) => p.id)).toContain('commerce/sales/orders');

    const stale = join(out, 'products/commerce/sales/gone.html');
    writeFileSync(stale, 'old');
    writeFileSync(
      join(out, '.steward-site'),
      `${readFileSync(join(out, '.steward-site'), 'utf8')}products/commerce/sales/gone.html\n`,
    );
    expect((await steward(['site', repoRoot, '--out', out])).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
  });

  it('refuses a folder that holds something other than an earlier site', async () => {
    const out = mkdtempSync(join(tmpdir(), 'steward-site-'));
    mkdirSync(join(out, 'src'));
    const result = await steward(['site', repoRoot, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('holds no earlier site');
    expect(existsSync(join(out, 'index.html'))).toBe(false);
  });

  it('builds nothing from a catalog with errors', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'steward-site-')), 'site');
    const result = await steward(['site', repoWithCase('schema-missing'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('SCHEMA_FILE_MISSING');
    expect(result.err).toContain('Nothing was written');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a lineage depth that is not a whole number from 1 to 100', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'steward-site-')), 'site');
    const result = await steward(['site', repoRoot, '--out', out, '--lineage-depth', '0']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--lineage-depth "0" is not a whole number from 1 to 100');
    expect(existsSync(out)).toBe(false);
  });

  it('lists its exit codes and an example in --help', async () => {
    const { code, out } = await steward(['site', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/\nExit codes:\n {2}0 {2}\S.*\n {2}1 {2}\S.*\n {2}2 {2}\S/);
    expect(out).toContain('$ steward site --out /tmp/site');
  });
});
