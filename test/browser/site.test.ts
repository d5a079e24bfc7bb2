/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The functions passed to page.evaluate run in the page, so this file sees the DOM types too.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/model.js';
import { readSearchLibrary } from '../../src/cli/commands/site.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { buildSite } from '../../src/site/build.js';
import { domain, port, product, record, tree } from '../catalog/helpers.js';
import { steward } from '../helpers/cli.js';
import { launchChromium } from './chromium.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const screenshots = join(repoRoot, 'test-results', 'screenshots');
const axePath = join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');
const ordersId = 'commerce/sales/orders';

let browser: Browser;
let site: string;
let catalog: Catalog;

beforeAll(async () => {
  browser = await launchChromium();
  site = join(mkdtempSync(join(tmpdir(), 'steward-browser-')), 'site');
  const built = await steward(['site', repoRoot, '--out', site]);
  expect(built).toMatchObject({ code: 0, err: '' });
  catalog = loadCatalog(await readDirectorySource(repoRoot)).catalog;
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const pageUrl = (path: string) => pathToFileURL(join(site, path)).href;

/** A page that fails the test on any script error or console error (a missing index file, a broken script). */
async function open(path: string, root = site): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(pathToFileURL(join(root, path)).href);
  return { page, errors };
}

const results = (page: Page) =>
  page.$$eval('#site-search-results a', (as) =>
    as.map((a) => ({
      title: a.querySelector('.result-title')?.textContent ?? '',
      href: (a as HTMLAnchorElement).href,
    })),
  );

describe('the search box, in Chromium over file://', () => {
  it('loads nothing until used, then finds a product as you type and follows it', async () => {
    const { page, errors } = await open('index.html');
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.waitForLoadState('load');
    expect(requested.filter((u) => u.includes('/search/') || u.endsWith('minisearch.js'))).toEqual([]);
    await page.getByRole('searchbox', { name: 'Search the catalog' }).pressSequentially('orde', { delay: 20 });
    await page.waitForSelector('#site-search-results a');
    expect((await results(page))[0]).toEqual({ title: 'Orders', href: pageUrl(`products/${ordersId}.html`) });
    // Only the meta file, the shard of "or" and the document chunks of the results shown: not the whole index.
    const index = requested.filter((u) => u.includes('/search/')).map((u) => u.slice(u.indexOf('/search/')));
    expect(index.filter((u) => !u.startsWith('/search/docs/')).sort()).toEqual([
      '/search/meta.js',
      '/search/terms/6f-72.js',
    ]);
    expect(readdirSync(join(site, 'search', 'terms')).length).toBeGreaterThan(100);
    await page.click('#site-search-results a >> nth=0');
    await page.waitForURL(pageUrl(`products/${ordersId}.html`));
    expect(await page.textContent('h1')).toBe('Orders');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("finds a field by its name and links to that field's row on the product's page", async () => {
    const { page, errors } = await open(`products/${ordersId}.html`);
    await page.fill('#site-search', 'orderNumber');
    await page.waitForSelector('#site-search-results a');
    const [first] = await results(page);
    expect(first?.title).toBe('orderNumber');
    expect(first?.href).toBe(
      `${pageUrl(`products/${ordersId}.html`)}#port-orders-v1-value-com.acme.commerce.sales.Order-orderNumber`,
    );
    await page.click('#site-search-results a >> nth=0');
    await page.waitForURL(first?.href ?? '');
    const row = page.locator(':target');
    expect(await row.locator('td >> nth=0').textContent()).toBe('orderNumber');
    // A field of a nested record: its row is inside a <details>, which opens.
    await page.fill('#site-search', 'sku');
    await page.waitForSelector('#site-search-results a');
    const nested = '#port-orders-v1-value-com.acme.commerce.sales.OrderLine-sku';
    expect((await results(page)).map((r) => r.href)).toContain(`${pageUrl(`products/${ordersId}.html`)}${nested}`);
    await page.click(`#site-search-results a[href$="${nested}"]`);
    await page.waitForURL(/OrderLine-sku$/);
    expect(await page.locator(':target').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves through the results with the arrow keys, and Enter follows the first result', async () => {
    const { page } = await open('index.html');
    const box = page.locator('#site-search');
    await box.fill('payments');
    await page.waitForSelector('#site-search-results a');
    await box.press('ArrowDown');
    const [first, second] = await results(page);
    expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href)).toBe(first?.href);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href)).toBe(second?.href);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    await box.press('Enter');
    await page.waitForURL(first?.href ?? '');
    expect(first?.href).toBe(pageUrl('products/finance/payments.html'));
    await page.close();
  });

  it('shows a product title with markup as text, running nothing', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>Evil';
    const { catalog: base, findings } = loadCatalog(
      tree({
        'catalog/commerce/domain.yaml': domain('commerce'),
        'catalog/commerce/orders/product.yaml': product('orders', {
          title: hostile,
          outputPorts: [port('orders-v1', 'commerce.orders.v1')],
        }),
        'catalog/commerce/orders/schemas/value.avsc': record('Order'),
      }),
    );
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const root = mkdtempSync(join(tmpdir(), 'steward-hostile-'));
    for (const [path, text] of buildSite(base, { searchLibrary: readSearchLibrary() })) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const { page } = await open('index.html', root);
    await page.fill('#site-search', 'evil');
    await page.waitForSelector('#site-search-results a');
    expect((await results(page))[0]?.title).toBe(hostile);
    expect(await page.$$('#site-search-results img, #site-search-results script')).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await page.close();
  });
});

describe('a product page, in Chromium', () => {
  it('shows the owners, the SLA tier, every field of the value schema and the consumers in the lineage', async () => {
    const orders = catalog.products.get(ordersId);
    if (!orders) throw new Error(`the example catalog has no ${ordersId}`);
    const { page, errors } = await open(`products/${ordersId}.html`);

    const owners = await page.locator('table.raci').innerText();
    const raci = orders.manifest.owners;
    for (const party of [...raci.accountable, ...(raci.responsible ?? []), ...(raci.consulted ?? [])])
      expect(owners).toContain(party);
    const tier = await page.locator('dl.facts dt:text-is("SLA tier") + dd').innerText();
    expect(tier).toBe(orders.manifest.sla?.tier);

    // Every field of every record of the value schema, as the .avsc writes it, has its row on the page.
    const avsc = JSON.parse(
      readFileSync(join(repoRoot, 'catalog', ordersId, 'schemas', 'order.avsc'), 'utf8'),
    ) as unknown;
    const fields = recordFields(avsc);
    expect(fields.length).toBeGreaterThan(10);
    for (const { record: name, field } of fields) {
      const row = page.locator(`[id="port-orders-v1-value-${name}-${field}"]`);
      expect(await row.locator('td >> nth=0').textContent(), `${name}.${field}`).toBe(field);
    }
    expect(await page.locator('#port-orders-v1 table.fields >> nth=0').isVisible()).toBe(true);

    // Consumers: the products whose input ports read orders, found in the lineage section by their links.
    const consumers = [...catalog.products.values()]
      .filter((p) => p.manifest.inputPorts?.some((i) => i.product === ordersId))
      .map((p) => p.id);
    expect(consumers.length).toBeGreaterThan(3);
    const lineageLinks = await lineageHrefs(page);
    for (const id of consumers) expect(lineageLinks, id).toContain(pageUrl(`products/${id}.html`));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves screenshots of the product page and its lineage for a person to look at', async () => {
    mkdirSync(screenshots, { recursive: true });
    const { page } = await open(`products/${ordersId}.html`);
    await page.setViewportSize({ width: 1280, height: 900 });
    const full = join(screenshots, 'product-orders.png');
    await page.screenshot({ path: full, fullPage: true });
    await page.screenshot({ path: join(screenshots, 'product-orders-top.png') });
    const box = await lineageBox(page);
    await page.screenshot({ path: join(screenshots, 'product-orders-lineage.png'), clip: box, fullPage: true });
    await page.fill('#site-search', 'customer');
    await page.waitForSelector('#site-search-results a');
    await page.screenshot({ path: join(screenshots, 'search-results.png') });
    for (const name of ['product-orders.png', 'product-orders-lineage.png', 'search-results.png'])
      expect(readFileSync(join(screenshots, name)).subarray(1, 4).toString()).toBe('PNG');
    expect(box.height).toBeGreaterThan(40);
    await page.close();
  });
});

describe('the whole site, in Chromium', () => {
  it('resolves every internal link and every script and stylesheet of every page, crawled from index.html', async () => {
    const page = await browser.newPage();
    const seen = new Set<string>();
    const queue = [pageUrl('index.html')];
    const broken: string[] = [];
    while (queue.length > 0) {
      const url = queue.shift() as string;
      seen.add(url);
      await page.goto(url);
      // SVG links too (the lineage drawings): their `href` is no string, so every target is read as written and
      // resolved against the page.
      const targets = await page.$$eval('a[href], link[href], script[src], img[src]', (els) =>
        els.map((e) => new URL(e.getAttribute('href') ?? e.getAttribute('src') ?? '', document.baseURI).href),
      );
      for (const target of targets.filter((t) => t.startsWith('file:'))) {
        const [file, fragment] = target.split('#') as [string, string | undefined];
        if (!existsSync(fileURLToPath(file))) broken.push(`${url} → ${target}`);
        else if (file.endsWith('.html') && !seen.has(file) && !queue.includes(file)) queue.push(file);
        if (fragment !== undefined && existsSync(fileURLToPath(file)))
          if (!readFileSync(fileURLToPath(file), 'utf8').includes(`id="${decodeURIComponent(fragment)}"`))
            broken.push(`${url} → ${target} (no such id)`);
      }
    }
    expect(broken).toEqual([]);
    expect(seen.size).toBeGreaterThan(catalog.products.size + catalog.domains.size);
    await page.close();
  }, 60_000);

  it.each([
    ['the index', 'index.html'],
    ['a product page', `products/${ordersId}.html`],
    ['a domain page', 'domains/commerce/sales.html'],
    ['an owner page', 'owners/teams/acme/sales-orders.html'],
  ])('has no serious or critical axe-core violation on %s, with search results open too', async (_, path) => {
    const { page } = await open(path);
    await page.addScriptTag({ path: axePath });
    const closed = await seriousViolations(page);
    await page.fill('#site-search', 'order');
    await page.waitForSelector('#site-search-results a');
    expect({ closed, open: await seriousViolations(page) }).toEqual({ closed: [], open: [] });
    // A reader whose system is dark gets the dark scheme (colour-scheme: light dark): it must read as well.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: () => Promise<unknown> } }).axe.run(),
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every (record full name, field name) of an Avro schema written as JSON, nested records included. */
function recordFields(schema: unknown, namespace = ''): { record: string; field: string }[] {
  if (Array.isArray(schema)) return schema.flatMap((s) => recordFields(s, namespace));
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as { type?: unknown; name?: string; namespace?: string; fields?: unknown[]; items?: unknown };
  const ns = s.namespace ?? namespace;
  if (s.type === 'record' && s.name !== undefined) {
    const full = s.name.includes('.') ? s.name : ns === '' ? s.name : `${ns}.${s.name}`;
    const own = (s.fields ?? []) as { name: string; type: unknown }[];
    return [...own.map((f) => ({ record: full, field: f.name })), ...own.flatMap((f) => recordFields(f.type, ns))];
  }
  return [
    ...recordFields(s.type, ns),
    ...recordFields(s.items, ns),
    ...recordFields((s as { values?: unknown }).values, ns),
  ];
}

/**
 * The lineage section's links, resolved: everything from the "Lineage" heading to the next heading of its level
 * (or its own <section>), HTML and SVG links alike, so the test holds however the lineage is drawn.
 */
function lineageHrefs(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent?.trim() === 'Lineage');
    if (!heading) return [];
    const region: Element[] = [];
    for (let e = heading.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling) region.push(e);
    if (region.length === 0 && heading.parentElement) region.push(heading.parentElement);
    return region.flatMap((e) =>
      [...e.querySelectorAll('a')].map((a) => {
        const raw = a.getAttribute('href') ?? a.getAttribute('xlink:href') ?? '';
        return new URL(raw, location.href).href;
      }),
    );
  });
}

/** The page area of the lineage section: from its heading to the next heading of its level. */
function lineageBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate(() => {
    const headings = [...document.querySelectorAll('h2')];
    const at = headings.findIndex((h) => h.textContent?.trim() === 'Lineage');
    const top = (headings[at] as Element).getBoundingClientRect().top + window.scrollY;
    const next = headings[at + 1];
    const bottom = next ? next.getBoundingClientRect().top + window.scrollY : document.body.scrollHeight;
    return { x: 0, y: top - 8, width: document.documentElement.clientWidth, height: bottom - top };
  });
}
