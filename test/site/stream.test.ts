import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readSearchLibrary } from '../../src/cli/commands/site.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { buildSite, siteFiles } from '../../src/site/build.js';
import { steward } from '../helpers/cli.js';

const repoRoot = join(import.meta.dirname, '..', '..');

async function exampleCatalog() {
  const { catalog, findings } = loadCatalog(await readDirectorySource(repoRoot));
  expect(findings).toEqual([]);
  return catalog;
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('siteFiles, the streaming form of buildSite', () => {
  it("yields exactly buildSite's files on the example catalog, each path once, in the same order every time", async () => {
    const catalog = await exampleCatalog();
    const streamed = [...siteFiles(catalog)];
    const paths = streamed.map(([path]) => path);
    expect(new Set(paths).size).toBe(paths.length);
    const built = buildSite(catalog);
    expect(paths).toEqual([...built.keys()]);
    for (const [path, text] of streamed) expect(text).toBe(built.get(path));
    expect([...siteFiles(catalog)]).toEqual(streamed);
  });

  it('renders a page only when it is asked for', async () => {
    const catalog = await exampleCatalog();
    const files = siteFiles(catalog);
    const first = files.next();
    expect(first.done).toBe(false);
    // A product renamed after the first file was taken shows under its new title: its page was not rendered yet.
    const orders = catalog.products.get('commerce/sales/orders');
    if (!orders) throw new Error('the example catalog has commerce/sales/orders');
    (orders.manifest as { title?: string }).title = 'Orders, renamed';
    const rest = new Map(files);
    expect(rest.get('products/commerce/sales/orders.html')).toContain('<h1>Orders, renamed</h1>');
  });

  it('is what `steward site` writes: the same paths with the same bytes, all listed in the marker', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'steward-site-stream-')), 'site');
    const flags = ['--no-history', '--repo-url', 'https://github.com/acme/mesh', '--branch', 'main'];
    expect((await steward(['site', repoRoot, '--out', out, ...flags])).code).toBe(0);
    const built = buildSite(await exampleCatalog(), {
      history: { kind: 'unavailable', reason: 'the site was built with --no-history' },
      repository: { url: 'https://github.com/acme/mesh', branch: 'main' },
      searchLibrary: readSearchLibrary(),
    });
    const written = filesUnder(out).filter((path) => path !== '.steward-site');
    expect(written.sort()).toEqual([...built.keys()].sort());
    for (const path of written) expect(readFileSync(join(out, path), 'utf8')).toBe(built.get(path));
    expect(readFileSync(join(out, '.steward-site'), 'utf8')).toBe(`${[...built.keys()].sort().join('\n')}\n`);
  });
});
