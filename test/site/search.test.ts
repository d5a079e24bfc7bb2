import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/model.js';
import { readSearchLibrary } from '../../src/cli/commands/site.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { buildSite } from '../../src/site/build.js';
import { searchClientScript, searchShardExpanderSource, searchTokenizerSource } from '../../src/site/search-client.js';
import { searchPaths, shardKey, tokenize, type Shard } from '../../src/site/search.js';
import { domain, port, product, record, tree } from '../catalog/helpers.js';
import { idsOf } from './site-files.js';

const library = readSearchLibrary();

interface Meta {
  kinds: { kind: string; count: number; boost: number }[];
  fields: string[];
  fieldBoosts: Record<string, number>;
  docsPerChunk: number;
  documentCount: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  shards: string[];
}

/** The client's own code that turns a shard file into a MiniSearch index. */
const expandShard = runInNewContext(`(${searchShardExpanderSource})`) as (
  meta: Meta,
  shard: Shard,
) => Parameters<typeof MiniSearch.loadJS>[0];

/** Runs one of the site's JSONP files and returns what it handed to `stewardSearch`. */
function registered(text: string | undefined): unknown[] {
  expect(text).toBeDefined();
  let args: unknown[] = [];
  const record = (...a: unknown[]) => (args = a);
  runInNewContext(text ?? '', { stewardSearch: { meta: record, shard: record, docs: record } });
  return args;
}

/**
 * What the client does (assets/search.js), over the site's files: each term against its own shard, AND across the
 * terms, the summed scores ranked. Kept beside the client's steps so a change in the index shows here first.
 */
function search(files: ReadonlyMap<string, string>, query: string): { title: string; url: string; kind: string }[] {
  const meta = registered(files.get(searchPaths.meta))[0] as Meta;
  const kindOf = (id: number) => {
    let end = 0;
    return meta.kinds.find((k) => id < (end += k.count)) ?? meta.kinds[0];
  };
  const perTerm = tokenize(query).map((term) => {
    const key = shardKey(term);
    const scores = new Map<number, number>();
    if (!meta.shards.includes(key)) return scores;
    const shard = registered(files.get(searchPaths.shard(key)))[1] as Shard;
    const index = MiniSearch.loadJS(expandShard(meta, shard), {
      fields: meta.fields,
      tokenize: (t) => [t],
      processTerm: (t) => t,
    });
    const options = { prefix: true, boost: meta.fieldBoosts, boostDocument: (id: number) => kindOf(id)?.boost ?? 1 };
    for (const r of index.search(term, options)) scores.set(r.id as number, r.score);
    return scores;
  });
  const [first, ...rest] = perTerm;
  const hits = [...(first ?? new Map<number, number>())]
    .filter(([id]) => rest.every((s) => s.has(id)))
    .map(([id, score]) => ({ id, score: score + rest.reduce((sum, s) => sum + (s.get(id) ?? 0), 0) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
  return hits.map(({ id }) => {
    const chunk = registered(files.get(searchPaths.docs(Math.floor(id / meta.docsPerChunk))))[1] as string[][];
    const [title, url] = chunk[id % meta.docsPerChunk] as [string, string];
    return { title, url, kind: kindOf(id)?.kind ?? '' };
  });
}

function catalogOf(files: Record<string, string | object>): Catalog {
  const { catalog, findings } = loadCatalog(tree(files));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return catalog;
}

const mesh = () =>
  catalogOf({
    'catalog/commerce/domain.yaml': domain('commerce'),
    'catalog/commerce/orders/product.yaml': product('orders', {
      title: 'Orders',
      description: 'Every order placed.',
      tags: ['sales'],
      outputPorts: [port('orders-v1', 'commerce.orders.v1')],
    }),
    'catalog/commerce/orders/schemas/value.avsc': record('Order', [
      { name: 'orderId', type: 'string', doc: 'The id of the order.' },
      { name: 'lines', type: { type: 'array', items: record('OrderLine', [{ name: 'sku', type: 'string' }]) } },
    ]),
    'catalog/commerce/shipping/product.yaml': product('shipping', {
      description: 'Shipments, each handed to a carrier.',
      outputPorts: [port('shipments-v1', 'commerce.shipments.v1')],
    }),
    'catalog/commerce/shipping/schemas/value.avsc': record('Shipment', [{ name: 'parcel', type: 'string' }]),
    'catalog/commerce/billing/product.yaml': product('billing', {
      description: 'Invoices for the orders.',
      outputPorts: [port('invoices-v1', 'commerce.invoices.v1')],
    }),
    'catalog/commerce/billing/schemas/value.avsc': record('Invoice', [
      { name: 'carrier', type: 'string', doc: 'Who shipped it.' },
      { name: 'total', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
    ]),
  });

describe('the search index', () => {
  it('splits words as the client does, camelCase parts included', () => {
    const client = runInNewContext(`(${searchTokenizerSource})`) as (text: string) => string[];
    for (const text of ['customerId', 'HTTPServer log', 'commerce.sales.orders-v1', 'Ünïcode_straße 42', '<script>'])
      expect([...client(text)]).toEqual(tokenize(text));
    expect(tokenize('customerId, HTTPServer')).toEqual([
      'customerid',
      'customer',
      'id',
      'httpserver',
      'http',
      'server',
    ]);
  });

  it('ranks a product named by the query first, then its port and the fields', () => {
    const files = buildSite(mesh(), { searchLibrary: library });
    const results = search(files, 'orders');
    expect(results[0]).toEqual({ title: 'Orders', url: 'products/commerce/orders.html', kind: 'product' });
    // The billing product only mentions orders in its description: below the product and its port.
    const kinds = results.map((r) => `${r.kind}:${r.title}`);
    expect(kinds.indexOf('port:orders-v1')).toBeLessThan(kinds.indexOf('product:billing'));
  });

  it("ranks a field's name above a product that only mentions the word, and links to the field's row", () => {
    const files = buildSite(mesh(), { searchLibrary: library });
    const [first, second] = search(files, 'carrier');
    expect(first).toEqual({
      title: 'carrier',
      url: 'products/commerce/billing.html#port-invoices-v1-value-com.acme.Invoice-carrier',
      kind: 'field',
    });
    expect(second).toMatchObject({ title: 'shipping', kind: 'product' });
    expect(search(files, 'sku')[0]?.url).toBe(
      'products/commerce/orders.html#port-orders-v1-value-com.acme.OrderLine-sku',
    );
    expect(search(files, 'decimal')[0]).toMatchObject({ title: 'total', kind: 'field' });
  });

  it('links every document to a page of the site and, for ports and fields, to an id on it', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(join(import.meta.dirname, '..', '..')));
    const files = buildSite(catalog, { searchLibrary: library });
    const meta = registered(files.get(searchPaths.meta))[0] as Meta;
    const total = meta.kinds.reduce((sum, k) => sum + k.count, 0);
    expect(total).toBeGreaterThan(catalog.products.size * 5);
    for (let chunk = 0; chunk * meta.docsPerChunk < total; chunk++)
      for (const [, url] of registered(files.get(searchPaths.docs(chunk)))[1] as string[][]) {
        const [path, fragment] = (url ?? '').split('#') as [string, string | undefined];
        expect(files.has(path), url).toBe(true);
        if (fragment !== undefined) expect(idsOf(files.get(path) ?? '').has(fragment), url).toBe(true);
      }
  });

  it('puts each term in the shard of its first two characters, and nothing else there', () => {
    expect(shardKey('customerid')).toBe('cu');
    expect(shardKey('x')).toBe('x');
    expect(shardKey('ünï')).toBe('ün');
    expect(searchPaths.shard('cu')).toBe('search/terms/63-75.js');
    const files = buildSite(mesh(), { searchLibrary: library });
    const meta = registered(files.get(searchPaths.meta))[0] as Meta;
    expect(meta.shards).toContain('or');
    for (const key of meta.shards) {
      const [name, shard] = registered(files.get(searchPaths.shard(key))) as [string, Shard];
      expect(name).toBe(key);
      for (const [term] of shard.terms) expect(shardKey(term)).toBe(key);
    }
    const or = registered(files.get(searchPaths.shard('or')))[1] as Shard;
    expect(or.terms.map(([term]) => term)).toEqual(expect.arrayContaining(['order', 'orders', 'orderid']));
  });

  it('keeps catalog markup as data: a <script> title is a JSON string, and the client inserts text only', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const base = mesh();
    const orders = base.products.get('commerce/orders');
    if (!orders) throw new Error('no orders product');
    const products = new Map(base.products).set(orders.id, {
      ...orders,
      manifest: { ...orders.manifest, title: hostile },
    });
    const files = buildSite({ ...base, products }, { searchLibrary: library });
    const chunk = registered(files.get(searchPaths.docs(0)))[1] as string[][];
    expect(chunk.find((d) => d[1] === 'products/commerce/orders.html')?.[0]).toBe(hostile);
    expect(searchClientScript).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(searchClientScript).toContain('.textContent = r.title');
  });

  it('is the same bytes for the same catalog', () => {
    const a = buildSite(mesh(), { searchLibrary: library });
    const b = buildSite(mesh(), { searchLibrary: library });
    expect([...a.keys()].filter((p) => p.startsWith('search/')).length).toBeGreaterThan(10);
    expect([...a]).toEqual([...b]);
  });

  it('puts a labelled search box on every page, whose one script is local; without the library, no box', () => {
    const files = buildSite(mesh(), { searchLibrary: library });
    for (const [path, text] of files) {
      if (!path.endsWith('.html')) continue;
      expect(text).toMatch(/<label for="site-search"[^>]*>Search the catalog<\/label>/);
      expect(text).toMatch(/<input\s+type="search"\s+id="site-search"/);
      const scripts = [...text.matchAll(/<script ([^>]*)>/g)].map((m) => m[1]);
      expect(scripts).toEqual([`src="${'../'.repeat(path.split('/').length - 1)}assets/search.js" defer`]);
    }
    expect(files.get(searchPaths.library)).toContain('Copyright 2022 Luca Ongaro');
    expect(files.get(searchPaths.library)).not.toContain('sourceMappingURL');
    const plain = buildSite(mesh());
    expect([...plain.keys()].some((p) => p.startsWith('search/') || p === searchPaths.client)).toBe(false);
    expect(plain.get('index.html')).not.toContain('site-search');
  });
});
