import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/catalog/diff.js';
import { computeImpact } from '../../src/policy/impact.js';
import { catalog, ORDERS, SHIPMENTS } from './catalogs.js';

const here = { path: ORDERS, line: 1, column: 1 };
const TRACKING = 'catalog/logistics/tracking/product.yaml';
const tracking = (accountable: string) => `apiVersion: mesh-steward/v1
kind: DataProduct
name: tracking
description: Where parcels are.
status: active
classification: internal
owners:
  accountable: ["${accountable}"]
inputPorts:
  - name: shipments
    product: logistics/shipments
    port: shipments-v1
    principal: User:svc-tracking
    consumerGroup: logistics-tracking
`;

const orders = { productId: 'commerce/orders', location: here };
const schema = (port = 'orders-v1', productId = 'commerce/orders'): Change => ({
  ...orders,
  productId,
  kind: 'schema-changed',
  port,
  role: 'value',
  path: 'catalog/commerce/orders/schemas/order.avsc',
  previousPath: 'catalog/commerce/orders/schemas/order.avsc',
  level: 'BACKWARD',
  through: [],
});
const shipments = {
  productId: 'logistics/shipments',
  depth: 1,
  via: 'commerce/orders',
  accountable: ['@acme/shipping'],
};

describe('computeImpact', () => {
  it('lists the direct consumers of a changed port, breaking as the caller judges', async () => {
    const c = await catalog();
    const change = schema();
    expect(computeImpact(c, c, [change], (x) => x === change)).toEqual([
      {
        productId: 'commerce/orders',
        port: 'orders-v1',
        change: 'schema-changed',
        breaking: true,
        consumers: [shipments],
      },
    ]);
    expect(computeImpact(c, c, [change], () => false)[0]?.breaking).toBe(false);
  });

  it('follows consumers of consumers, with depth and the product each reads', async () => {
    const c = await catalog({ [TRACKING]: () => tracking('@acme/tracking') });
    expect(computeImpact(c, c, [schema()], () => false)[0]?.consumers).toEqual([
      shipments,
      { productId: 'logistics/tracking', depth: 2, via: 'logistics/shipments', accountable: ['@acme/tracking'] },
    ]);
  });

  it('visits each product once, even around a cycle', async () => {
    const cycle = await catalog({
      [ORDERS]: (t) =>
        `${t}inputPorts:\n  - name: shipments\n    product: logistics/shipments\n    port: shipments-v1\n    principal: User:svc-orders\n    consumerGroup: commerce-orders\n`,
    });
    expect(computeImpact(cycle, cycle, [schema()], () => false)[0]?.consumers).toEqual([shipments]);
  });

  it('takes owners from the base, else the head, and readers from both', async () => {
    const base = await catalog({ [TRACKING]: () => tracking('@acme/old-owner') });
    const head = await catalog({ [TRACKING]: () => tracking('@acme/new-owner') });
    expect(computeImpact(base, head, [schema()], () => false)[0]?.consumers[1]?.accountable).toEqual([
      '@acme/old-owner',
    ]);
    const noTracking = await catalog();
    expect(computeImpact(noTracking, head, [schema()], () => false)[0]?.consumers[1]?.accountable).toEqual([
      '@acme/new-owner',
    ]);
    // A reader that the head drops is still reached: it read the base.
    expect(computeImpact(head, noTracking, [schema()], () => false)[0]?.consumers).toHaveLength(2);
  });

  it('reaches only the readers of the changed port, and leaves out changes nobody reads', async () => {
    const c = await catalog();
    expect(computeImpact(c, c, [schema('orders-v2')], () => true)).toEqual([]);
    const onShipments = schema('shipments-v1', 'logistics/shipments');
    expect(computeImpact(c, c, [onShipments], () => true)).toEqual([]);
  });

  it('reads product-wide changes as port *, breaking when the product goes away', async () => {
    const c = await catalog();
    const found = computeImpact(c, c, [{ ...orders, kind: 'product-removed' }], () => false);
    expect(found).toEqual([
      { productId: 'commerce/orders', port: '*', change: 'product-removed', breaking: true, consumers: [shipments] },
    ]);
  });

  it('breaks readers when a port goes away or its topic moves, not on other settings', async () => {
    const c = await catalog();
    const removed: Change = { ...orders, kind: 'output-port-removed', port: 'orders-v1', topic: 'commerce.orders.v1' };
    const topic: Change = {
      ...orders,
      kind: 'topic-settings-changed',
      port: 'orders-v1',
      settings: ['partitions', 'topic'],
    };
    const partitions: Change = {
      ...orders,
      kind: 'topic-settings-changed',
      port: 'orders-v1',
      settings: ['partitions'],
    };
    expect(computeImpact(c, c, [removed, topic, partitions], () => true).map((e) => [e.change, e.breaking])).toEqual([
      ['output-port-removed', true],
      ['topic-settings-changed', true],
      ['topic-settings-changed', false],
    ]);
  });

  it('reaches on deprecation and retirement only, breaking on retirement', async () => {
    const c = await catalog();
    const status = (to: 'deprecated' | 'retired' | 'active'): Change => ({
      ...orders,
      kind: 'status-changed',
      from: 'active',
      to,
    });
    expect(
      computeImpact(c, c, [status('deprecated'), status('retired'), status('active')], () => true).map((e) => [
        e.port,
        e.breaking,
      ]),
    ).toEqual([
      ['*', false],
      ['*', true],
    ]);
  });

  it('reaches on an SLA downgrade only', async () => {
    const c = await catalog();
    const sla = (direction: 'downgrade' | 'upgrade' | 'changed'): Change => ({
      ...orders,
      kind: 'sla-changed',
      direction,
      details: [],
    });
    const found = computeImpact(c, c, [sla('upgrade'), sla('downgrade'), sla('changed')], () => false);
    expect(found.map((e) => [e.change, e.breaking])).toEqual([['sla-changed', false]]);
  });

  it('leaves out kinds that do not reach readers, and the compatibility change follows `breaking`', async () => {
    const c = await catalog();
    const quiet: Change[] = [
      { ...orders, kind: 'product-added' },
      { ...orders, kind: 'metadata-changed', fields: ['description'] },
      { ...orders, kind: 'ownership-changed', roles: ['accountable'], transfer: true },
      { ...orders, kind: 'output-port-added', port: 'orders-v1', topic: 'commerce.orders.v1' },
      { kind: 'domain-changed', domainId: 'commerce', location: here },
    ];
    expect(computeImpact(c, c, quiet, () => true)).toEqual([]);
    const compat: Change = {
      ...orders,
      kind: 'compatibility-changed',
      port: 'orders-v1',
      from: 'FULL',
      to: 'BACKWARD',
      loosened: true,
    };
    expect(computeImpact(c, c, [compat], () => true)[0]).toMatchObject({ port: 'orders-v1', breaking: true });
    expect(computeImpact(c, c, [compat], () => false)[0]?.breaking).toBe(false);
  });

  it('finds nothing for a product without readers', async () => {
    const c = await catalog({ [SHIPMENTS]: (t) => t.slice(0, t.indexOf('inputPorts:')) });
    expect(computeImpact(c, c, [{ ...orders, kind: 'product-removed' }], () => true)).toEqual([]);
  });
});
