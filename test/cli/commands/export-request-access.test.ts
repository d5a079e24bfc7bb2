import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import { readDirectorySource } from '../../../src/cli/fs-source.js';
import { renderAsyncApiText } from '../../../src/site/asyncapi.js';
import { buildSiteModel } from '../../../src/site/model.js';
import { steward } from '../../helpers/cli.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const INVOICES = 'catalog/finance/invoices/product.yaml';

/** A copy of the example catalog (catalog/ and settings) that a command may edit. */
function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-access-'));
  for (const path of ['catalog', 'rules', '.github'])
    cpSync(join(repoRoot, path), join(dir, path), { recursive: true });
  return dir;
}

describe('steward export asyncapi', () => {
  it('prints the same document the site writes, or writes it to --out', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(repoRoot));
    const model = buildSiteModel(catalog);
    const expected = renderAsyncApiText(model, catalog.products.get('commerce/sales/orders')!, 2);
    expect(await steward(['export', 'asyncapi', 'commerce/sales/orders', repoRoot])).toEqual({
      code: 0,
      out: expected,
      err: '',
    });
    const out = join(mkdtempSync(join(tmpdir(), 'steward-export-')), 'doc', 'orders.json');
    const written = await steward(['export', 'asyncapi', 'commerce/sales/orders', repoRoot, '--out', out]);
    expect(written.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(expected);
  });

  it('names the closest product when the id is unknown', async () => {
    const result = await steward(['export', 'asyncapi', 'commerce/sales/order', repoRoot]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('No product commerce/sales/order in the catalog; did you mean commerce/sales/orders?');
  });

  it('lists its exit codes and an example in --help', async () => {
    const { code, out } = await steward(['export', 'asyncapi', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/\nExit codes:\n {2}0 {2}\S.*\n {2}1 {2}\S.*\n {2}2 {2}\S/);
    expect(out).toContain('$ steward export asyncapi commerce/sales/orders');
  });
});

describe('steward request-access', () => {
  it("appends the input port to the consumer's manifest, keeping every other line, and names the approvers", async () => {
    const dir = exampleCopy();
    const before = readFileSync(join(dir, INVOICES), 'utf8');
    const result = await steward([
      'request-access',
      'logistics/fulfillment/shipments#shipments-v1',
      dir,
      '--for',
      'finance/invoices',
    ]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const after = readFileSync(join(dir, INVOICES), 'utf8');
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after.slice(before.trimEnd().length)).toBe(
      '\n  - name: shipments\n    product: logistics/fulfillment/shipments\n    port: shipments-v1\n' +
        '    principal: User:svc-invoicing\n    consumerGroup: finance.invoices.shipments-v1\n',
    );
    const { catalog, findings } = loadCatalog(await readDirectorySource(dir));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(catalog.products.get('finance/invoices')?.manifest.inputPorts?.map((i) => i.product)).toContain(
      'logistics/fulfillment/shipments',
    );
    expect(result.out).toContain('owner:finance/invoices: one of @acme/finance-billing');
    expect(result.out).toContain('producer:logistics/fulfillment/shipments: one of @acme/fulfillment-shipping');
  });

  it('takes PRODUCT/PORT and the flags for name, principal and group', async () => {
    const dir = exampleCopy();
    const result = await steward([
      'request-access',
      'logistics/fulfillment/shipments/shipments-v1',
      dir,
      '--for',
      'finance/invoices',
      '--name',
      'customers',
      '--principal',
      'User:svc-billing',
      '--consumer-group',
      'billing.customers',
    ]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, INVOICES), 'utf8')).toContain(
      '  - name: customers\n    product: logistics/fulfillment/shipments\n    port: shipments-v1\n    principal: User:svc-billing\n    consumerGroup: billing.customers\n',
    );
  });

  it('refuses a port the consumer already reads, an unknown port and an unknown consumer, writing nothing', async () => {
    const dir = exampleCopy();
    const before = readFileSync(join(dir, INVOICES), 'utf8');
    const again = await steward([
      'request-access',
      'commerce/sales/orders#orders-v1',
      dir,
      '--for',
      'finance/invoices',
    ]);
    expect(again.code).toBe(2);
    expect(again.err).toContain(
      'finance/invoices already reads commerce/sales/orders#orders-v1 through its input port orders; nothing to add.',
    );
    const port = await steward(['request-access', 'commerce/sales/orders#orders-v2', dir, '--for', 'finance/invoices']);
    expect(port.code).toBe(2);
    expect(port.err).toContain('commerce/sales/orders has no output port orders-v2 (did you mean orders-v1?)');
    const consumer = await steward([
      'request-access',
      'commerce/sales/orders#orders-v1',
      dir,
      '--for',
      'finance/invoice',
    ]);
    expect(consumer.code).toBe(2);
    expect(consumer.err).toContain('did you mean finance/invoices?');
    const deprecated = await steward([
      'request-access',
      'customer/profiles#profiles-v1',
      dir,
      '--for',
      'finance/invoices',
    ]);
    expect(deprecated.code).toBe(2);
    expect(deprecated.err).toContain('request access to customer/profiles#profiles-v2 instead');
    expect(readFileSync(join(dir, INVOICES), 'utf8')).toBe(before);
  });

  it('lists its exit codes and an example in --help', async () => {
    const { code, out } = await steward(['request-access', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/\nExit codes:\n {2}0 {2}\S.*\n {2}1 {2}\S.*\n {2}2 {2}\S/);
    expect(out).toContain('$ steward request-access commerce/sales/orders#orders-v1 --for finance/invoices');
  });

  it('refuses an input port that would not validate, and says why', async () => {
    const dir = exampleCopy();
    const before = readFileSync(join(dir, INVOICES), 'utf8');
    const result = await steward([
      'request-access',
      'logistics/fulfillment/shipments#shipments-v1',
      dir,
      '--for',
      'finance/invoices',
      '--principal',
      'svc-without-kind',
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(INVOICES);
    expect(result.err).toContain('would not validate');
    expect(readFileSync(join(dir, INVOICES), 'utf8')).toBe(before);
  });
});

describe('steward site --repo-url --branch', () => {
  it('links Request access to the repository, and says so when it knows none', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'steward-site-')), 'site');
    const args = ['site', repoRoot, '--out', out, '--repo-url', 'https://github.com/acme/data-mesh', '--branch', 'dev'];
    const linked = await steward(args);
    expect(linked.code).toBe(0);
    expect(linked.out).not.toContain('No repository URL known');
    const page = readFileSync(join(out, 'products/commerce/sales/orders.html'), 'utf8');
    expect(page).toContain('href="https://github.com/acme/data-mesh/new/dev?filename=catalog%2Fcommerce%2Fsales%2F');
    const bare = await steward(['site', exampleCopy(), '--out', join(out, '..', 'bare')]);
    expect(bare.out).toContain('No repository URL known');
    expect(readFileSync(join(out, '..', 'bare', 'products/commerce/sales/orders.html'), 'utf8')).toContain(
      'This site was built without a repository URL',
    );
  });
});
