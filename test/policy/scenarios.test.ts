import { describe, expect, it } from 'vitest';
import { addOrderField, ORDER_SCHEMA, ORDERS, scenario, SHIPMENTS } from '../helpers/scenario.js';

const owners = ['owner:commerce/orders', ['@acme/orders']];

describe('pull-request scenarios: base/head pairs with their findings and approval requirements', () => {
  it('an additive schema change with a default is compatible and needs only the owner', async () => {
    const s = await scenario([addOrderField({ name: 'channel', type: 'string', default: 'web', doc: 'Channel.' })]);
    expect(s.changes).toEqual(['schema-changed']);
    expect(s.report.schemas.map((v) => v.result.status)).toEqual(['compatible']);
    expect(s.findings).toEqual([]);
    expect(s.requirements).toEqual([owners]);
    expect(s.report.blocking).toBe(false);
  });

  it('a field added without a default breaks BACKWARD: explained on its line, consumers and consulted must approve', async () => {
    const s = await scenario([addOrderField({ name: 'channel', type: 'string', doc: 'Channel.' })]);
    expect(s.findings).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', ORDERS, 21],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', ORDER_SCHEMA, 9],
    ]);
    expect(s.requirements).toEqual([
      ['consulted:commerce/orders:@acme/finance-data', ['@acme/finance-data']],
      ['consumer:logistics/shipments', ['@acme/shipping']],
      owners,
    ]);
    expect(s.report.impact).toMatchObject([
      {
        productId: 'commerce/orders',
        port: 'orders-v1',
        breaking: true,
        consumers: [{ productId: 'logistics/shipments', depth: 1 }],
      },
    ]);
  });

  it('a field removed without a default is compatible on a BACKWARD port (new readers ignore it)', async () => {
    const s = await scenario([[ORDER_SCHEMA, (t) => t.replace(/,\n\s*\{ "name": "total".*\n/, '\n')]]);
    expect(s.report.schemas.map((v) => v.result.status)).toEqual(['compatible']);
    expect(s.findings).toEqual([]);
  });

  it('the same removal breaks a FULL port, because old readers need the field', async () => {
    const full: [string, (t: string) => string] = [
      ORDERS,
      (t) => t.replace('compatibility: BACKWARD', 'compatibility: FULL'),
    ];
    const s = await scenario([[ORDER_SCHEMA, (t) => t.replace(/,\n\s*\{ "name": "total".*\n/, '\n')]], [full]);
    expect(s.findings.map((f) => f[0])).toEqual(['BREAKING_CHANGE_NEEDS_MAJOR', 'READER_FIELD_MISSING_DEFAULT_VALUE']);
  });

  it('loosening compatibility warns and needs the governance team', async () => {
    const transitive: [string, (t: string) => string] = [
      ORDERS,
      (t) => t.replace('compatibility: BACKWARD', 'compatibility: BACKWARD_TRANSITIVE'),
    ];
    const s = await scenario(
      [[ORDERS, (t) => t.replace('compatibility: BACKWARD_TRANSITIVE', 'compatibility: BACKWARD')]],
      [transitive],
    );
    expect(s.findings).toEqual([['COMPATIBILITY_LOOSENED', ORDERS, 22]]);
    expect(s.report.findings[0]?.severity).toBe('warning');
    expect(s.requirements).toEqual([['governance', ['@acme/data-governance']], owners]);
  });

  it('setting compatibility to NONE is forbidden by the minimum level', async () => {
    const s = await scenario([[ORDERS, (t) => t.replace('compatibility: BACKWARD', 'compatibility: NONE')]]);
    expect(s.findings).toEqual([
      ['MIN_COMPATIBILITY', ORDERS, 22],
      ['COMPATIBILITY_LOOSENED', ORDERS, 22],
    ]);
  });

  it('a PR that adds its author as accountable still needs the base owners (a transfer: consulted too)', async () => {
    const s = await scenario([[ORDERS, (t) => t.replace('accountable: ["@acme/orders"]', 'accountable: ["mallory"]')]]);
    expect(s.changes).toEqual(['ownership-changed']);
    expect(s.requirements).toEqual([['consulted:commerce/orders:@acme/finance-data', ['@acme/finance-data']], owners]);
  });

  it('an access request needs the producer’s accountable party', async () => {
    const input =
      '  - name: orders-copy\n    product: commerce/orders\n    port: orders-v1\n    principal: User:svc-shipping\n    consumerGroup: logistics-copy\n';
    const s = await scenario([[SHIPMENTS, (t) => `${t}${input}`]]);
    expect(s.changes).toEqual(['input-port-added']);
    expect(s.requirements).toEqual([
      ['owner:logistics/shipments', ['@acme/shipping']],
      ['producer:commerce/orders', ['@acme/orders']],
    ]);
  });

  it('retiring a product that still has consumers is refused; consumers and consulted must approve', async () => {
    const deprecated = (t: string) =>
      t.replace(
        'status: active',
        'status: deprecated\ndeprecation:\n  sunset: "2027-01-31"\n  replacement: logistics/shipments',
      );
    const s = await scenario(
      [[ORDERS, (t) => t.replace('status: deprecated', 'status: retired')]],
      [[ORDERS, deprecated]],
    );
    expect(s.findings).toEqual([['RETIREMENT_REQUIRES_NO_CONSUMERS', ORDERS, 5]]);
    expect(s.requirements.map((r) => r[0])).toEqual([
      'consulted:commerce/orders:@acme/finance-data',
      'consumer:logistics/shipments',
      'owner:commerce/orders',
    ]);
  });

  it('retiring a product nobody reads passes', async () => {
    const deprecated = (t: string) =>
      t.replace(
        'status: active',
        'status: deprecated\ndeprecation:\n  sunset: "2027-01-31"\n  replacement: commerce/orders',
      );
    const s = await scenario(
      [['catalog/logistics/shipments/product.yaml', (t) => t.replace('status: deprecated', 'status: retired')]],
      [[SHIPMENTS, deprecated]],
    );
    expect(s.changes).toEqual(['status-changed']);
    expect(s.findings).toEqual([]);
    expect(s.requirements).toEqual([['owner:logistics/shipments', ['@acme/shipping']]]);
  });

  it('a domain override that tries to loosen a global rule is refused and needs governance', async () => {
    const loosen = (t: string) => `${t}rules:\n  MIN_COMPATIBILITY:\n    level: NONE\n    severity: warning\n`;
    const s = await scenario([['catalog/commerce/domain.yaml', loosen]]);
    expect(s.findings).toEqual([
      ['RULE_LOOSENED', 'catalog/commerce/domain.yaml', 8],
      ['RULE_LOOSENED', 'catalog/commerce/domain.yaml', 9],
    ]);
    expect(s.requirements).toEqual([['governance', ['@acme/data-governance']]]);
  });

  it('a domain override that tightens a rule is accepted and applies to its products', async () => {
    const tighten = (t: string) => `${t}rules:\n  REPLICATION_BOUNDS:\n    min: 5\n`;
    const s = await scenario([
      ['catalog/commerce/domain.yaml', tighten],
      [ORDERS, (t) => t.replace('description: Orders placed', 'description: All orders placed')],
    ]);
    expect(s.findings).toEqual([]);
    const after = await scenario(
      [[ORDERS, (t) => t.replace('replicationFactor: 3', 'replicationFactor: 4')]],
      [['catalog/commerce/domain.yaml', tighten]],
    );
    expect(after.findings).toEqual([['REPLICATION_BOUNDS', ORDERS, 24]]);
  });

  it('a cross-domain change needs the owners of every product it touches', async () => {
    const s = await scenario([
      [ORDERS, (t) => t.replace('description: Orders placed', 'description: All orders placed')],
      [SHIPMENTS, (t) => t.replace('description: Parcels', 'description: All parcels')],
    ]);
    expect(s.changes).toEqual(['metadata-changed', 'metadata-changed']);
    expect(s.requirements).toEqual([owners, ['owner:logistics/shipments', ['@acme/shipping']]]);
  });

  it('a new product needs its domain owners from the base', async () => {
    const product = (t: string) =>
      t
        .replace('name: shipments', 'name: returns')
        .replace('logistics.shipments.v1', 'logistics.returns.v1')
        .replace('shipments-v1', 'returns-v1')
        .replace('consumerGroup: logistics-shipments', 'consumerGroup: logistics-returns');
    const s = await scenario([
      ['catalog/logistics/returns/product.yaml', () => product(SHIPMENTS_TEXT)],
      [
        'catalog/logistics/returns/schemas/shipment.avsc',
        () =>
          '{"type": "record", "name": "Return", "doc": "A return.", "fields": [{"name": "id", "type": "string", "doc": "Id."}]}',
      ],
    ]);
    expect(s.changes).toEqual(['product-added']);
    // The new product lacks an SLA: required metadata applies to what a PR adds.
    expect(s.findings).toEqual([['REQUIRED_METADATA', 'catalog/logistics/returns/product.yaml', 1]]);
    expect(s.requirements).toEqual([['domain:logistics', ['@acme/logistics-leads']]]);
  });

  it('a new product that reads another product needs the producer’s accountable party too', async () => {
    const reader = `${SHIPMENTS_TEXT.replace('name: shipments', 'name: tracking').replace(/outputPorts:[\s\S]*$/, '')}inputPorts:
  - name: orders
    product: commerce/orders
    port: orders-v1
    principal: User:svc-tracking
    consumerGroup: logistics-tracking
`;
    const s = await scenario([['catalog/logistics/tracking/product.yaml', () => reader]]);
    expect(s.changes).toEqual(['product-added']);
    expect(s.requirements).toEqual([
      ['domain:logistics', ['@acme/logistics-leads']],
      ['producer:commerce/orders', ['@acme/orders']],
    ]);
  });

  it('a new input on a deprecated product is refused', async () => {
    const input =
      '  - name: orders-copy\n    product: commerce/orders\n    port: orders-v1\n    principal: User:svc-shipping\n    consumerGroup: logistics-copy\n';
    const deprecated = (t: string) =>
      t.replace(
        'status: active',
        'status: deprecated\ndeprecation:\n  sunset: "2027-01-31"\n  replacement: logistics/shipments',
      );
    const s = await scenario([[SHIPMENTS, (t) => `${t}${input}`]], [[ORDERS, deprecated]]);
    expect(s.findings).toEqual([['NO_INPUTS_ON_DEPRECATED', SHIPMENTS, 21]]);
  });

  it('skipping a lifecycle step and deprecating without sunset are refused', async () => {
    const s = await scenario([[ORDERS, (t) => t.replace('status: active', 'status: retired')]]);
    expect(s.findings.map((f) => f[0]).sort()).toEqual(['LIFECYCLE_TRANSITION', 'RETIREMENT_REQUIRES_NO_CONSUMERS']);
    const d = await scenario([[ORDERS, (t) => t.replace('status: active', 'status: deprecated')]]);
    expect(d.findings).toEqual([['DEPRECATION_REQUIRES_SUNSET', ORDERS, 5]]);
  });

  it('breaking validation in a product the PR does not touch is reported (a removed port still read)', async () => {
    const s = await scenario([
      [
        ORDERS,
        (t) => t.replace('name: orders-v1', 'name: orders-v2').replace('commerce.orders.v1', 'commerce.orders.v2'),
      ],
    ]);
    expect(s.findings).toEqual(
      [
        ['RETIREMENT_REQUIRES_NO_CONSUMERS', ORDERS, 16],
        ['INPUT_PORT_UNRESOLVED', SHIPMENTS, 18],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
  });
});

const SHIPMENTS_TEXT = `apiVersion: mesh-steward/v1
kind: DataProduct
name: shipments
description: Parcels on their way.
status: active
classification: internal
owners:
  accountable: ["@acme/shipping"]
outputPorts:
  - name: shipments-v1
    topic: logistics.shipments.v1
    value:
      schema: schemas/shipment.avsc
    writer: User:svc-shipping
`;
