import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { buildSite } from '../../src/site/build.js';
import { input, mesh, product } from '../catalog/helpers.js';

function catalogJson(extra: Record<string, string | object> = {}) {
  const { catalog, findings } = loadCatalog(mesh(extra));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  const text = buildSite(catalog).get('catalog.json') as string;
  return { text, json: JSON.parse(text) as Record<string, unknown[]> };
}

describe('catalog.json', () => {
  it('lists products with effective port values, domains, owners and one lineage edge per input port', () => {
    const { json } = catalogJson({
      'catalog/commerce/billing/product.yaml': product('billing', {
        description: 'Bills <b>orders</b>.',
        owners: { accountable: ['@acme/billing'], consulted: ['octocat'] },
        inputPorts: [input('orders-in', 'commerce/orders', 'orders-v1')],
      }),
    });
    expect(json.version).toBe('mesh-steward/catalog-json/v1');
    expect(json.lineage).toEqual([
      { from: 'commerce/orders', port: 'orders-v1', to: 'commerce/billing', inputPort: 'orders-in' },
    ]);
    const orders = (json.products as { id: string; outputPorts: unknown[] }[]).find((p) => p.id === 'commerce/orders');
    expect(orders?.outputPorts).toEqual([
      {
        name: 'orders-v1',
        description: null,
        topic: 'commerce.orders.v1',
        partitions: 6,
        replicationFactor: 3,
        configs: {},
        compatibility: 'BACKWARD',
        writer: 'User:svc-writer',
        keySchema: null,
        valueSchema: 'catalog/commerce/orders/schemas/value.avsc',
        subjects: { key: null, value: 'commerce.orders.v1-value' },
        deprecation: null,
        consumers: ['commerce/billing'],
      },
    ]);
    expect(json.domains).toEqual([
      {
        id: 'commerce',
        parent: null,
        name: 'commerce',
        title: 'commerce',
        description: 'The commerce domain.',
        owners: ['@acme/leads'],
        page: 'domains/commerce.html',
      },
    ]);
    expect(json.owners).toContainEqual({
      party: '@acme/billing',
      accountable: ['commerce/billing'],
      responsible: [],
      consulted: [],
      informed: [],
      domains: [],
      consumes: ['commerce/orders'],
      page: 'owners/teams/acme/billing.html',
    });
    expect(json.owners).toContainEqual(expect.objectContaining({ party: 'octocat', consulted: ['commerce/billing'] }));
  });

  it('writes < as \\u003c, and the same catalog always gives the same bytes', () => {
    const extra = { 'catalog/commerce/billing/product.yaml': product('billing', { description: 'x <b>y</b>' }) };
    const { text, json } = catalogJson(extra);
    expect(text).not.toContain('<');
    expect(JSON.stringify(json)).toContain('x <b>y</b>');
    expect(catalogJson(extra).text).toBe(text);
  });

  it('is compact JSON in one line, key for key what JSON.stringify writes of the document it holds', () => {
    const { text, json } = catalogJson({
      'catalog/commerce/billing/product.yaml': product('billing', {
        description: 'x <b>y</b>',
        inputPorts: [input('orders-in', 'commerce/orders', 'orders-v1')],
      }),
    });
    expect(text).toBe(`${JSON.stringify(json).replace(/</g, '\\u003c')}\n`);
    expect(Object.keys(json)).toEqual(['version', 'products', 'domains', 'owners', 'lineage']);
  });
});
