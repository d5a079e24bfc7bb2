import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { buildSite } from '../../src/site/build.js';
import { input, mesh, port, product, record, tree, domain } from '../catalog/helpers.js';
import { brokenLinks, hrefsOf, squash } from './site-files.js';

const repoRoot = join(import.meta.dirname, '..', '..');

async function exampleSite() {
  const { catalog, findings } = loadCatalog(await readDirectorySource(repoRoot));
  expect(findings).toEqual([]);
  return { catalog, files: buildSite(catalog) };
}

describe('buildSite on the example catalog', () => {
  it('writes a page for every product, domain and party, and every internal link resolves', async () => {
    const { catalog, files } = await exampleSite();
    for (const id of catalog.products.keys()) expect(files.has(`products/${id}.html`)).toBe(true);
    for (const id of catalog.domains.keys()) expect(files.has(`domains/${id}.html`)).toBe(true);
    expect(files.has('owners/teams/acme/sales-orders.html')).toBe(true);
    expect(files.has('index.html')).toBe(true);
    expect(files.has('assets/site.css')).toBe(true);
    expect(brokenLinks(files)).toEqual([]);
  });

  it('fetches nothing from outside: no script, the only stylesheet is the local one', async () => {
    const { files } = await exampleSite();
    for (const [path, text] of files) {
      if (!path.endsWith('.html')) continue;
      expect(text).not.toMatch(/<script|src="/i);
      expect([...text.matchAll(/<link [^>]*href="([^"]*)"/g)].map((m) => m[1])).toEqual([
        `${'../'.repeat(path.split('/').length - 1)}assets/site.css`,
      ]);
    }
  });

  it("shows the orders product's facts, owners, effective port values and schema", async () => {
    const { files } = await exampleSite();
    const page = squash(files.get('products/commerce/sales/orders.html') as string);
    expect(page).toContain('<h1>Orders</h1>');
    for (const text of [
      'confidential',
      'authoritative',
      'platinum',
      '99.95%',
      'PT1M',
      '#sales-orders',
      'commerce.sales.orders.v1',
      'BACKWARD_TRANSITIVE',
      'User:svc-orders',
      'cleanup.policy',
      '<code>orderId</code>',
      'string (uuid)',
    ])
      expect(page).toContain(text);
    for (const party of [
      '@acme/sales-orders',
      '@acme/checkout-platform',
      '@acme/finance-leads',
      '@acme/data-governance',
    ])
      expect(page).toContain(`>${party}</a>`);
    expect(page).toContain('<a href="https://wiki.acme.example/data-mesh/orders/runbook">');
    expect(page).toContain(
      '<dt>Domain</dt><dd><a href="../../../domains/commerce.html">commerce</a> / <a href="../../../domains/commerce/sales.html">sales</a></dd>',
    );
  });

  it('shows a domain with its place in the tree, owners, subdomains and products, and a party with its roles', async () => {
    const { files } = await exampleSite();
    const commerce = squash(files.get('domains/commerce.html') as string);
    expect(commerce).toContain('<a href="commerce/sales.html">commerce/sales</a>');
    const sales = squash(files.get('domains/commerce/sales.html') as string);
    expect(sales).toContain(
      '<dt>Owners</dt><dd><a href="../../owners/teams/acme/sales-leads.html">@acme/sales-leads</a>',
    );
    expect(sales).toMatch(
      /<h2>Products<\/h2><table class="products">.*<a href="\.\.\/\.\.\/products\/commerce\/sales\/orders\.html">commerce\/sales\/orders<\/a>/,
    );
    const team = squash(files.get('owners/teams/acme/sales-orders.html') as string);
    expect(team).toMatch(
      /<h2>Accountable for<\/h2><ul>(<li>[^]*?<\/li>)*<li><a href="\.\.\/\.\.\/\.\.\/products\/commerce\/sales\/orders\.html">commerce\/sales\/orders<\/a><\/li><\/ul><h2>Responsible for/,
    );
    const leads = squash(files.get('owners/teams/acme/sales-leads.html') as string);
    expect(leads).toMatch(/<h2>Domains owned<\/h2><ul><li><a href="\.\.\/\.\.\/\.\.\/domains\/commerce\/sales\.html">/);
  });

  it('marks a deprecated product with its sunset and a link to its replacement', async () => {
    const { catalog, files } = await exampleSite();
    const deprecated = [...catalog.products.values()].find((p) => p.manifest.status === 'deprecated');
    expect(deprecated).toBeDefined();
    const page = squash(files.get(`products/${deprecated?.id}.html`) as string);
    const banner = /<p class="banner deprecated"[^>]*>(.*?)<\/p>/s.exec(page)?.[1] ?? '';
    expect(banner).toContain(`Sunset: <time datetime="${deprecated?.manifest.deprecation?.sunset}">`);
    const replacement = (deprecated?.manifest.deprecation?.replacement ?? '').split('#')[0] as string;
    expect(hrefsOf(banner).some((h) => h.includes(`${replacement.split('/').pop()}.html`))).toBe(true);
  });
});

describe('buildSite on a small mesh', () => {
  const files = (extra: Record<string, string | object> = {}) => {
    const { catalog, findings } = loadCatalog(mesh(extra));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    return buildSite(catalog);
  };

  it('shows the defaults a port leaves out as the values the plan gives the topic', () => {
    const page = squash(files().get('products/commerce/orders.html') as string);
    expect(page).toContain('<dt>Partitions</dt><dd>6</dd>');
    expect(page).toContain('<dt>Replication factor</dt><dd>3</dd>');
    expect(page).toContain('<dt>Compatibility</dt><dd>BACKWARD</dd>');
  });

  it("takes defaults from the settings, and lists lineage both ways with the producer's approver", () => {
    const site = files({
      '.github/steward.yml': {
        apiVersion: 'mesh-steward/v1',
        kind: 'Settings',
        defaults: { partitions: 12, compatibility: 'FULL' },
      },
      'catalog/commerce/billing/product.yaml': product('billing', {
        owners: { accountable: ['@acme/billing'] },
        inputPorts: [input('orders-in', 'commerce/orders', 'orders-v1')],
      }),
    });
    const orders = squash(site.get('products/commerce/orders.html') as string);
    expect(orders).toContain('<dt>Partitions</dt><dd>12</dd>');
    expect(orders).toContain('<dt>Compatibility</dt><dd>FULL</dd>');
    expect(orders).toMatch(/<dt>Consumers<\/dt><dd><a href="billing\.html">commerce\/billing<\/a><\/dd>/);
    expect(site.get('products/commerce/orders.html')).toContain('product: commerce/orders\n    port: orders-v1\n');
    expect(orders).toMatch(/approval of <a href="[^"]*owners\/teams\/acme\/owners\.html">@acme\/owners<\/a>/);
    expect(orders).toContain('<code>producer:commerce/orders</code>');
    const billing = squash(site.get('products/commerce/billing.html') as string);
    expect(billing).toContain('<a href="orders.html#port-orders-v1">commerce/orders#orders-v1</a>');
    const owner = squash(site.get('owners/teams/acme/billing.html') as string);
    expect(owner).toMatch(/<h2>Consumes<\/h2>[\s\S]*commerce\/orders<\/a>/);
    expect(brokenLinks(site)).toEqual([]);
  });

  it('marks a retired product and shows what its manifest declares', () => {
    const site = buildSite(
      loadCatalog(
        tree({
          'catalog/commerce/domain.yaml': domain('commerce'),
          'catalog/commerce/old/product.yaml': product('old', {
            status: 'retired',
            outputPorts: [port('old-v1', 'commerce.old.v1', { partitions: 2 })],
          }),
          'catalog/commerce/old/schemas/value.avsc': record('Old'),
        }),
      ).catalog,
    );
    const page = squash(site.get('products/commerce/old.html') as string);
    expect(page).toContain('<strong>Retired.</strong>');
    expect(page).toContain('<dt>Partitions</dt><dd>2</dd>');
    expect(page).not.toContain('Request access');
  });
});

describe('lineage beyond the direct neighbours', () => {
  // a → b → c → d, and a → c: c is one step from a, never two; d is two steps from a.
  const chain = () =>
    loadCatalog(
      tree({
        'catalog/m/domain.yaml': domain('m'),
        ...Object.fromEntries(
          ['a', 'b', 'c', 'd'].flatMap((name) => [
            [`catalog/m/${name}/schemas/value.avsc`, record(name.toUpperCase())],
            [
              `catalog/m/${name}/product.yaml`,
              product(name, {
                outputPorts: [port(`${name}-v1`, `m.${name}.v1`, { writer: `User:svc-${name}` })],
                inputPorts: {
                  a: [],
                  b: [input('from-a', 'm/a', 'a-v1')],
                  c: [input('from-b', 'm/b', 'b-v1'), input('from-a', 'm/a', 'a-v1')],
                  d: [input('from-c', 'm/c', 'c-v1')],
                }[name],
              }),
            ],
          ]),
        ),
      }),
    ).catalog;

  it('lists each product once, at its shortest distance, up to the chosen depth', () => {
    const site = buildSite(chain());
    const a = squash(site.get('products/m/a.html') as string);
    expect(a).toContain('<ul class="further"><li>2 steps away: <a href="d.html">m/d</a></li></ul>');
    const d = squash(site.get('products/m/d.html') as string);
    expect(d).toContain(
      '<ul class="further"><li>2 steps away: <a href="a.html">m/a</a>, <a href="b.html">m/b</a></li></ul>',
    );
    const shallow = squash(buildSite(chain(), { lineageDepth: 1 }).get('products/m/a.html') as string);
    expect(shallow).not.toContain('steps away');
    expect(brokenLinks(site)).toEqual([]);
  });
});
