import { describe, expect, it } from 'vitest';
import { loadCatalog, type LoadCache } from '../../src/catalog/load.js';
import type { SourceEntry } from '../../src/core/source.js';
import { domain, mesh, port, product, record, tree } from './helpers.js';

const ORDERS = 'catalog/commerce/orders/product.yaml';
const VALUE = 'catalog/commerce/orders/schemas/value.avsc';
const rules = (description: string) => ({ apiVersion: 'mesh-steward/v1', kind: 'Rules', description, rules: {} });
const settings = { apiVersion: 'mesh-steward/v1', kind: 'Settings', allowDeletions: true };
const found = (findings: readonly { ruleId: string; location: { path: string } }[]) =>
  findings.map((f) => [f.ruleId, f.location.path]);

describe('loadCatalog', () => {
  it('builds domains with their parents and products with their nearest domain', () => {
    const { catalog, findings } = loadCatalog(
      mesh({
        'catalog/commerce/sales/domain.yaml': domain('sales'),
        'catalog/commerce/sales/returns/product.yaml': product('returns'),
      }),
    );
    expect(findings).toEqual([]);
    expect([...catalog.domains.values()].map((d) => [d.id, d.parentId])).toEqual([
      ['commerce', undefined],
      ['commerce/sales', 'commerce'],
    ]);
    expect([...catalog.products.values()].map((p) => [p.id, p.domainId])).toEqual([
      ['commerce/orders', 'commerce'],
      ['commerce/sales/returns', 'commerce/sales'],
    ]);
    expect(catalog.domains.get('commerce')?.manifest.name).toBe('commerce');
  });

  it('leaves out invalid manifests, keeping the ids of broken products, and reports them', () => {
    const { catalog, findings } = loadCatalog(
      mesh({ 'catalog/retail/domain.yaml': 'name: [', [ORDERS]: product('orders', { status: 'x' }) }),
    );
    expect([...catalog.domains.keys()]).toEqual(['commerce']);
    expect(catalog.products.size).toBe(0);
    expect([...catalog.brokenProducts]).toEqual(['commerce/orders']);
    expect(found(findings)).toContainEqual(['MANIFEST_INVALID_VALUE', ORDERS]);
    expect(found(findings)).toContainEqual(['YAML_SYNTAX', 'catalog/retail/domain.yaml']);
  });

  it('reads the YAML files under rules/ in path order, dropping invalid ones', () => {
    const { catalog, findings } = loadCatalog(
      mesh({
        'rules/b.yml': rules('b'),
        'rules/a.yaml': rules('a'),
        'rules/README.md': '# not rules',
        'rules/bad.yaml': { apiVersion: 'mesh-steward/v1', kind: 'Rules' },
        'other/rules.yaml': rules('elsewhere'),
      }),
    );
    expect(catalog.rules.map((r) => [r.document.path, r.manifest.description])).toEqual([
      ['rules/a.yaml', 'a'],
      ['rules/b.yml', 'b'],
    ]);
    expect(found(findings)).toEqual([['MANIFEST_MISSING_FIELD', 'rules/bad.yaml']]);
  });

  it('reads the settings from either spelling; with both, obeys steward.yml and reports the other', () => {
    expect(loadCatalog(mesh()).catalog.settings).toBeUndefined();
    const yaml = loadCatalog(mesh({ '.github/steward.yaml': settings }));
    expect(yaml.catalog.settings?.document.path).toBe('.github/steward.yaml');
    expect(yaml.catalog.settings?.manifest.allowDeletions).toBe(true);
    const both = loadCatalog(mesh({ '.github/steward.yml': settings, '.github/steward.yaml': { kind: 'x' } }));
    expect(both.catalog.settings?.document.path).toBe('.github/steward.yml');
    expect(both.findings.filter((f) => f.ruleId === 'SETTINGS_DUPLICATE').map((f) => f.message)).toEqual([
      '.github/steward.yaml and .github/steward.yml are both present, and only .github/steward.yml is obeyed; keep the settings in one of them and delete the other.',
    ]);
    // The ignored file is validated too.
    expect(
      both.findings.some((f) => f.location.path === '.github/steward.yaml' && f.ruleId !== 'SETTINGS_DUPLICATE'),
    ).toBe(true);
  });

  it('runs the catalog-wide checks and sorts every finding by path, line and column', () => {
    const { findings } = loadCatalog(
      mesh({
        'catalog/commerce/ship/product.yaml': product('ship', {
          outputPorts: [port('v1', 'commerce.orders.v1'), port('v2', '__internal')],
        }),
        'catalog/commerce/ship/schemas/value.avsc': '"string"',
        'catalog/commerce/stray.avsc': '"string"',
      }),
    );
    expect(found(findings)).toEqual([
      ['TOPIC_MULTIPLE_WRITERS', 'catalog/commerce/ship/product.yaml'],
      ['TOPIC_RESERVED', 'catalog/commerce/ship/product.yaml'],
      ['SCHEMA_OUTSIDE_PRODUCT', 'catalog/commerce/stray.avsc'],
    ]);
    const lines = findings.slice(0, 2).map((f) => f.location.line);
    expect(lines[0]!).toBeLessThan(lines[1]!);
  });

  it('validates only the schemas of deep products', () => {
    const broken = mesh({ [VALUE]: '{"type": ' });
    expect(found(loadCatalog(broken).findings)).toEqual([['AVRO_SYNTAX', VALUE]]);
    const shallow = loadCatalog(broken, { deep: (id) => id !== 'commerce/orders' });
    expect(shallow.findings).toEqual([]);
    expect(shallow.catalog.products.has('commerce/orders')).toBe(true);
  });

  it('is pure: the same tree gives the same result', () => {
    const t = mesh({ [VALUE]: '{"type": ' });
    expect(loadCatalog(t).findings).toEqual(loadCatalog(t).findings);
  });
});

describe('loadCatalog with a cache', () => {
  it('reuses a product whose entries are the very same objects, and reloads one whose entry changed', () => {
    const cache: LoadCache = new Map();
    const base = mesh({ 'catalog/commerce/carts/product.yaml': product('carts') });
    const first = loadCatalog(base, { cache });
    expect([...cache.keys()]).toEqual(['commerce/carts', 'commerce/orders']);
    const head = new Map<string, SourceEntry>(base);
    head.set(VALUE, tree({ [VALUE]: record('Order', [{ name: 'n', type: 'int' }]) }).get(VALUE)!);
    const second = loadCatalog(head, { cache });
    expect(second.catalog.products.get('commerce/carts')).toBe(first.catalog.products.get('commerce/carts'));
    expect(second.catalog.products.get('commerce/orders')).not.toBe(first.catalog.products.get('commerce/orders'));
    // An equal copy of an entry is not the same entry: identity is what the cache trusts.
    const copied = new Map(base);
    copied.set(ORDERS, { ...base.get(ORDERS)! });
    expect(loadCatalog(copied, { cache }).catalog.products.get('commerce/orders')).not.toBe(
      second.catalog.products.get('commerce/orders'),
    );
  });

  it('reloads a product when its depth or domain changes', () => {
    const cache: LoadCache = new Map();
    const t = mesh();
    const deep = loadCatalog(t, { cache }).catalog.products.get('commerce/orders');
    const shallow = loadCatalog(t, { cache, deep: () => false }).catalog.products.get('commerce/orders');
    expect(shallow).not.toBe(deep);
    expect(loadCatalog(t, { cache, deep: () => false }).catalog.products.get('commerce/orders')).toBe(shallow);
    // The same product entry under a folder that becomes a domain of its own.
    const nestedTree = tree({
      'catalog/a/domain.yaml': domain('a'),
      'catalog/a/b/p/product.yaml': product('p'),
    });
    const before = loadCatalog(nestedTree, { cache }).catalog.products.get('a/b/p');
    expect(before?.domainId).toBe('a');
    const withDomain = new Map([...nestedTree, ...tree({ 'catalog/a/b/domain.yaml': domain('b') })]);
    const after = loadCatalog(withDomain, { cache }).catalog.products.get('a/b/p');
    expect(after?.domainId).toBe('a/b');
  });
});
