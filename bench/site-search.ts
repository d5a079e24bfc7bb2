/**
 * The site's search on the generated 10,000-product catalog: `steward site` (the real command, in-process) builds
 * the site, then headless Chromium (/usr/bin/chromium) opens it over file:// and types queries. Prints the total
 * index bytes, the index bytes each query loaded before its first result (every search/ file the page requested,
 * counted from its response body), and the time from typing to the first result rendered (median; goal ≤ 100 ms).
 * Each query runs on a fresh page, after the box was focused (which loads the library and search/meta.js, as it
 * does for a person who clicks the box and starts typing); then again typed key by key, where the shards a query
 * needs were loaded by its first letters, timed from the last key. Run: node --import tsx bench/site-search.ts [products]
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Response } from 'playwright-core';
import { runCli } from '../src/cli/program.js';
import { launchChromium } from '../test/browser/chromium.js';
import { generateCatalog } from './generate-catalog.js';

const products = Number(process.argv[2] ?? process.env['BENCH_PRODUCTS'] ?? 10_000);
const queries = [
  `product-${Math.floor(products * 0.4711)}`,
  'amount',
  'city',
  'd7s3',
  'uuid',
  'analytics',
  'events',
  'f12',
  'stat',
];
const root = mkdtempSync(join(tmpdir(), 'steward-bench-site-'));

function bytesUnder(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const sub = bytesUnder(path);
      bytes += sub.bytes;
      files += sub.files;
    } else {
      bytes += stat.size;
      files += 1;
    }
  }
  return { bytes, files };
}

/**
 * Page code, as text: tsx keeps function names by wrapping functions in a helper the page does not have, so a
 * function passed to page.evaluate from here would not run there.
 */
const timeToFirstResult = (query: string) => `new Promise((resolve) => {
  const input = document.getElementById('site-search');
  const typed = performance.now();
  // The status line is written with the results (or with "No results"), so it marks the first rendering.
  const status = document.getElementById('site-search-status');
  new MutationObserver((_, observer) => {
    if (status.textContent !== '') { observer.disconnect(); resolve(performance.now() - typed); }
  }).observe(status, { childList: true, characterData: true, subtree: true });
  input.value = ${JSON.stringify(query)};
  input.dispatchEvent(new Event('input'));
})`;

/**
 * The same, typed key by key (`delay` ms apart, as a person types): the time from the last keystroke to its results.
 * Stale results cannot land in between: the client drops the results of a query that is no longer the box's.
 */
const timeAfterLastKey = (query: string, delay: number) => `(async () => {
  const input = document.getElementById('site-search');
  const list = document.getElementById('site-search-results');
  const query = ${JSON.stringify(query)};
  for (let i = 1; i < query.length; i++) {
    input.value = query.slice(0, i);
    input.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, ${delay}));
  }
  return await new Promise((resolve) => {
    const typed = performance.now();
    new MutationObserver((_, observer) => { observer.disconnect(); resolve(performance.now() - typed); })
      .observe(list, { childList: true });
    input.value = query;
    input.dispatchEvent(new Event('input'));
  });
})()`;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

try {
  const catalog = join(root, 'catalog-root');
  const site = join(root, 'site');
  generateCatalog(catalog, products);
  const started = performance.now();
  let err = '';
  const code = await runCli(['site', catalog, '--out', site], {
    cwd: root,
    env: {},
    out: () => undefined,
    err: (s) => (err += s),
  });
  if (code !== 0) throw new Error(`steward site exited ${code}: ${err}`);
  const buildMs = performance.now() - started;
  const index = bytesUnder(join(site, 'search'));
  const library =
    statSync(join(site, 'assets', 'minisearch.js')).size + statSync(join(site, 'assets', 'search.js')).size;
  console.log(`site search on ${products} products (site built in ${(buildMs / 1000).toFixed(1)} s):`);
  console.log(`  index: ${kb(index.bytes)} in ${index.files} files; library + client script: ${kb(library)}`);

  const browser = await launchChromium();
  const times: number[] = [];
  const typedTimes: number[] = [];
  const loaded: number[] = [];
  for (const query of queries) {
    const page = await browser.newPage();
    const responses: Promise<number>[] = [];
    page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
    const count = (r: Response) => {
      if (r.url().includes('/search/')) responses.push(r.body().then((b) => b.length));
    };
    page.on('response', count);
    await page.goto(pathToFileURL(join(site, 'index.html')).href);
    await page.focus('#site-search');
    await page.waitForFunction("'MiniSearch' in window");
    await page.waitForTimeout(200);
    const ms = (await page.evaluate(timeToFirstResult(query))) as number;
    const bytes = (await Promise.all(responses)).reduce((a, b) => a + b, 0);
    const shown = await page.locator('#site-search-results a').count();
    if (shown === 0) throw new Error(`"${query}" found nothing: ${await page.textContent('#site-search-status')}`);
    console.log(
      `  "${query}": first result in ${ms.toFixed(0).padStart(4)} ms, ${kb(bytes).padStart(9)} of index loaded (${((100 * bytes) / index.bytes).toFixed(2)}% of it), ${shown} shown`,
    );
    times.push(ms);
    loaded.push(bytes);
    page.off('response', count);
    await page.reload();
    await page.focus('#site-search');
    await page.waitForFunction("'MiniSearch' in window");
    const typed = (await page.evaluate(timeAfterLastKey(query, 120))) as number;
    console.log(`      typed key by key (120 ms apart): results ${typed.toFixed(0).padStart(4)} ms after the last key`);
    typedTimes.push(typed);
    await page.close();
  }
  await browser.close();
  console.log(
    `  median: ${median(times).toFixed(0)} ms from a whole query to the first result (goal ≤ 100 ms: ${median(times) <= 100 ? 'met' : 'MISSED'}), ${kb(median(loaded))} of index loaded (max ${kb(Math.max(...loaded))})`,
  );
  console.log(
    `  median typed key by key: ${median(typedTimes).toFixed(0)} ms from the last key to its results (goal ≤ 100 ms: ${median(typedTimes) <= 100 ? 'met' : 'MISSED'})`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
