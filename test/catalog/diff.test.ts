import { describe, expect, it } from 'vitest';
import { diffCatalogs, type Change } from '../../src/catalog/diff.js';
import { loadCatalog } from '../../src/catalog/load.js';
import type { SourceEntry } from '../../src/core/source.js';
import { domain, mesh, port, product, tree, type Files } from './helpers.js';

const ORDERS = 'catalog/commerce/orders/product.yaml';
const catalogOf = (t: ReadonlyMap<string, SourceEntry>) => loadCatalog(t).catalog;
const orders = (extra: object) =>
  product('orders', { outputPorts: [port('orders-v1', 'commerce.orders.v1')], ...extra });

/** The changes from the base mesh (with `baseFiles`) to the mesh with `headFiles`. */
function diff(headFiles: Files, baseFiles: Files = {}): Change[] {
  const [base, head] = [mesh(baseFiles), mesh({ ...baseFiles, ...headFiles })].map((t) => loadCatalog(t));
  // Both sides must load cleanly, or a change would hide behind a broken manifest.
  expect([...base!.findings, ...head!.findings].filter((f) => f.severity === 'error')).toEqual([]);
  return diffCatalogs(base!.catalog, head!.catalog);
}
const kinds = (changes: readonly Change[]) => changes.map((c) => c.kind);

describe('diffCatalogs', () => {
  it('finds nothing between a catalog and itself, or two loads of the same files', () => {
    const catalog = catalogOf(mesh());
    expect(diffCatalogs(catalog, catalog)).toEqual([]);
    expect(diffCatalogs(catalog, catalogOf(mesh()))).toEqual([]);
  });

  it('reports added and removed products at their manifests', () => {
    const extra = { 'catalog/commerce/carts/product.yaml': product('carts') };
    const added = diff(extra);
    expect(added).toMatchObject([{ kind: 'product-added', productId: 'commerce/carts' }]);
    expect(added[0]?.location.path).toBe('catalog/commerce/carts/product.yaml');
    const removed = diffCatalogs(catalogOf(mesh(extra)), catalogOf(mesh()));
    expect(removed).toMatchObject([{ kind: 'product-removed', productId: 'commerce/carts' }]);
  });

  it('does not call a product removed when its head manifest is broken', () => {
    const head = catalogOf(mesh({ [ORDERS]: 'name: [' }));
    expect(head.brokenProducts.has('commerce/orders')).toBe(true);
    expect(kinds(diffCatalogs(catalogOf(mesh()), head))).toEqual([]);
  });

  it('lists the metadata fields that changed, located at the first', () => {
    const changes = diff({ [ORDERS]: orders({ description: 'New words.', tags: ['x'], classification: 'public' }) });
    expect(changes).toMatchObject([
      { kind: 'metadata-changed', productId: 'commerce/orders', fields: ['description', 'classification', 'tags'] },
    ]);
    expect(changes[0]?.previousLocation?.path).toBe(ORDERS);
  });

  it('reports a status change with both statuses', () => {
    expect(diff({ [ORDERS]: orders({ status: 'deprecated' }) })).toMatchObject([
      { kind: 'status-changed', from: 'active', to: 'deprecated' },
    ]);
  });

  it('judges an SLA change', () => {
    expect(
      diff({ [ORDERS]: orders({ sla: { tier: 'silver' } }) }, { [ORDERS]: orders({ sla: { tier: 'gold' } }) }),
    ).toMatchObject([{ kind: 'sla-changed', direction: 'downgrade', details: ['tier worsens'] }]);
  });

  it('reports owner roles whose set changed, ignoring order and case; accountable is a transfer', () => {
    const base = { [ORDERS]: orders({ owners: { accountable: ['@acme/A', '@acme/b'], informed: ['x'] } }) };
    expect(
      diff({ [ORDERS]: orders({ owners: { accountable: ['@acme/B', '@acme/a'], informed: ['x'] } }) }, base),
    ).toEqual([]);
    expect(
      diff({ [ORDERS]: orders({ owners: { accountable: ['@acme/a', '@acme/b'], informed: ['y'] } }) }, base),
    ).toMatchObject([{ kind: 'ownership-changed', roles: ['informed'], transfer: false }]);
    expect(
      diff({ [ORDERS]: orders({ owners: { accountable: ['@acme/c'], consulted: ['z'], informed: ['x'] } }) }, base),
    ).toMatchObject([{ kind: 'ownership-changed', roles: ['accountable', 'consulted'], transfer: true }]);
  });

  it('sees a product changed when only one of its schema files changed', () => {
    const schema = 'catalog/commerce/orders/schemas/value.avsc';
    const changes = diff({
      [schema]: { type: 'record', name: 'Order', namespace: 'com.acme', fields: [{ name: 'n', type: 'int' }] },
    });
    expect(kinds(changes)).toEqual(['schema-changed']);
  });

  it('reports domains added, changed and removed', () => {
    const base = { 'catalog/logistics/domain.yaml': domain('logistics') };
    const head = catalogOf(
      tree({
        'catalog/commerce/domain.yaml': domain('commerce', { description: 'Changed.' }),
        'catalog/retail/domain.yaml': domain('retail'),
      }),
    );
    const changes = diffCatalogs(catalogOf(mesh(base)), head);
    expect(changes.filter((c) => c.kind.startsWith('domain-'))).toMatchObject([
      { kind: 'domain-changed', domainId: 'commerce' },
      { kind: 'domain-added', domainId: 'retail' },
      { kind: 'domain-removed', domainId: 'logistics' },
    ]);
  });

  it('reports rules files added, changed or removed, and a settings change', () => {
    const rules = (description: string) => ({ apiVersion: 'mesh-steward/v1', kind: 'Rules', description, rules: {} });
    const settings = (partitions: number) => ({
      apiVersion: 'mesh-steward/v1',
      kind: 'Settings',
      defaults: { partitions },
    });
    const base = { 'rules/a.yaml': rules('a'), 'rules/b.yaml': rules('b'), '.github/steward.yml': settings(3) };
    const changes = diffCatalogs(
      catalogOf(mesh(base)),
      catalogOf(mesh({ 'rules/a.yaml': rules('a2'), 'rules/c.yaml': rules('c'), '.github/steward.yml': settings(6) })),
    );
    expect(changes.map((c) => [c.kind, 'path' in c ? c.path : ''])).toEqual([
      ['rules-changed', 'rules/a.yaml'],
      ['rules-changed', 'rules/b.yaml'],
      ['rules-changed', 'rules/c.yaml'],
      ['settings-changed', '.github/steward.yml'],
    ]);
    const dropped = diffCatalogs(catalogOf(mesh(base)), catalogOf(mesh({ ...base, '.github/steward.yml': '' })));
    expect(kinds(dropped)).toContain('settings-changed');
  });

  it('orders product changes, then removals, then domains, then governance files', () => {
    const changes = diffCatalogs(
      catalogOf(mesh({ 'catalog/commerce/old/product.yaml': product('old') })),
      catalogOf(
        mesh({
          'catalog/commerce/new/product.yaml': product('new'),
          'catalog/retail/domain.yaml': domain('retail'),
          'rules/r.yaml': { apiVersion: 'mesh-steward/v1', kind: 'Rules', rules: {} },
        }),
      ),
    );
    expect(kinds(changes)).toEqual(['product-added', 'product-removed', 'domain-added', 'rules-changed']);
  });
});
