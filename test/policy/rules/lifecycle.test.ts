import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/catalog/diff.js';
import type { ProductStatus } from '../../../src/catalog/manifest-types.js';
import type { Catalog } from '../../../src/catalog/model.js';
import type { RuleDefinition } from '../../../src/policy/rule-types.js';
import {
  deprecationRequiresSunset,
  lifecycleTransition,
  noInputsOnDeprecated,
  retirementRequiresNoConsumers,
} from '../../../src/policy/rules/lifecycle.js';
import { catalog, ORDERS, product, replace, SHIPMENTS } from '../catalogs.js';

const here = { path: ORDERS, line: 5, column: 9 };
const before = { path: ORDERS, line: 5, column: 9 };
const today = '2026-11-22';

const deprecated = (deprecation: string) => ({
  [ORDERS]: replace('status: active', `status: deprecated\ndeprecation:\n${deprecation}`),
});
const sunsetIn = (date: string) => deprecated(`  sunset: "${date}"\n  replacement: logistics/shipments\n`);

function checkChange(rule: RuleDefinition, change: Change, head: Catalog, base: Catalog = head) {
  return (
    rule.checkChange?.({ change, base, head, params: rule.defaults.params, breaking: () => false, today }) ?? []
  ).map((f) => f.message);
}

const status = (from: ProductStatus, to: ProductStatus): Change => ({
  kind: 'status-changed',
  productId: 'commerce/orders',
  from,
  to,
  location: here,
  previousLocation: before,
});

describe('DEPRECATION_REQUIRES_SUNSET on a product', () => {
  const check = (c: Catalog) =>
    (
      deprecationRequiresSunset.checkProduct?.({ product: product(c, 'commerce/orders'), catalog: c, params: {} }) ?? []
    ).map((f) => [f.location.line, f.message]);

  it('passes a deprecated product with a sunset and a replacement, and an active one', async () => {
    expect(check(await catalog(sunsetIn('2027-06-01')))).toEqual([]);
    expect(check(await catalog())).toEqual([]);
  });

  it('names what a deprecated product lacks, on its status line', async () => {
    expect(check(await catalog(deprecated('  replacement: logistics/shipments\n')))).toEqual([
      [
        5,
        'Product commerce/orders is deprecated without sunset; add deprecation.sunset so consumers can plan their move.',
      ],
    ]);
    expect(check(await catalog(deprecated('  note: going away\n')))).toEqual([
      [
        5,
        'Product commerce/orders is deprecated without sunset or replacement; add deprecation.sunset and deprecation.replacement so consumers can plan their move.',
      ],
    ]);
  });

  it('checks a deprecated port on its deprecation line', async () => {
    const c = await catalog({
      [ORDERS]: replace(
        '    writer: User:svc-orders',
        '    writer: User:svc-orders\n    deprecation:\n      sunset: "2027-01-01"',
      ),
    });
    // Located at the deprecation mapping's first entry.
    expect(check(c)).toEqual([
      [
        27,
        'Port orders-v1 is deprecated without replacement; add deprecation.replacement so consumers can plan their move.',
      ],
    ]);
  });
});

describe('DEPRECATION_REQUIRES_SUNSET on a change', () => {
  it('asks for at least minNoticeDays (30 by default) between today and the sunset', async () => {
    expect(deprecationRequiresSunset.defaults.params).toEqual({ minNoticeDays: 30 });
    expect(
      checkChange(deprecationRequiresSunset, status('active', 'deprecated'), await catalog(sunsetIn('2026-12-21'))),
    ).toEqual([
      'Product commerce/orders is deprecated with sunset 2026-12-21, less than 30 days from 2026-11-22; give consumers at least 30 days.',
    ]);
    expect(
      checkChange(deprecationRequiresSunset, status('active', 'deprecated'), await catalog(sunsetIn('2026-12-22'))),
    ).toEqual([]);
  });

  it('counts a sunset in the past as too soon', async () => {
    const c = await catalog(sunsetIn('2026-01-01'));
    expect(checkChange(deprecationRequiresSunset, status('active', 'deprecated'), c)).toHaveLength(1);
  });

  it('leaves a deprecation without a sunset to the product check, and other changes alone', async () => {
    const c = await catalog(deprecated('  replacement: logistics/shipments\n'));
    expect(checkChange(deprecationRequiresSunset, status('active', 'deprecated'), c)).toEqual([]);
    const soon = await catalog(sunsetIn('2026-11-23'));
    expect(checkChange(deprecationRequiresSunset, status('deprecated', 'retired'), soon)).toEqual([]);
  });

  it('is tightened by raising minNoticeDays only', () => {
    expect(deprecationRequiresSunset.tighten?.({ minNoticeDays: 30 }, { minNoticeDays: 20 }).loosened).toEqual([
      'minNoticeDays',
    ]);
    expect(deprecationRequiresSunset.tighten?.({ minNoticeDays: 30 }, { minNoticeDays: 60 }).params).toEqual({
      minNoticeDays: 60,
    });
  });
});

describe('RETIREMENT_REQUIRES_NO_CONSUMERS', () => {
  const removed: Change = { kind: 'product-removed', productId: 'commerce/orders', location: here };
  const portRemoved = (port: string): Change => ({
    kind: 'output-port-removed',
    productId: 'commerce/orders',
    port,
    topic: 'commerce.orders.v1',
    location: here,
  });

  it('blocks retiring or removing a product that is still read', async () => {
    const c = await catalog();
    const message =
      'Product commerce/orders is retired while logistics/shipments still reads it; those consumers must move to the replacement and drop their input ports first.';
    expect(checkChange(retirementRequiresNoConsumers, status('deprecated', 'retired'), c)).toEqual([message]);
    expect(checkChange(retirementRequiresNoConsumers, removed, c)).toEqual([message]);
  });

  it('blocks removing a port that is still read, and not another port', async () => {
    const c = await catalog();
    expect(checkChange(retirementRequiresNoConsumers, portRemoved('orders-v1'), c)).toEqual([
      'Port orders-v1 of commerce/orders is retired while logistics/shipments still reads it; those consumers must move to the replacement and drop their input ports first.',
    ]);
    expect(checkChange(retirementRequiresNoConsumers, portRemoved('orders-v2'), c)).toEqual([]);
  });

  it('says "read" for several consumers, sorted', async () => {
    const audit = `apiVersion: mesh-steward/v1
kind: DataProduct
name: audit
description: Audit.
status: active
classification: internal
owners:
  accountable: ["@acme/audit"]
inputPorts:
  - name: orders
    product: commerce/orders
    port: orders-v1
    principal: User:svc-audit
    consumerGroup: commerce-audit
`;
    const c = await catalog({ 'catalog/commerce/audit/product.yaml': () => audit });
    expect(checkChange(retirementRequiresNoConsumers, removed, c)).toEqual([
      'Product commerce/orders is retired while commerce/audit, logistics/shipments still read it; those consumers must move to the replacement and drop their input ports first.',
    ]);
  });

  it('passes when nobody reads it any more, and ignores other changes', async () => {
    const c = await catalog({ [SHIPMENTS]: (t) => t.slice(0, t.indexOf('inputPorts:')) });
    expect(checkChange(retirementRequiresNoConsumers, removed, c)).toEqual([]);
    expect(checkChange(retirementRequiresNoConsumers, status('active', 'deprecated'), await catalog())).toEqual([]);
  });
});

describe('NO_INPUTS_ON_DEPRECATED', () => {
  const input = (port = 'orders-v1'): Change => ({
    kind: 'input-port-added',
    productId: 'logistics/shipments',
    input: {
      name: 'orders',
      product: 'commerce/orders',
      port,
      principal: 'User:svc-shipping',
      consumerGroup: 'logistics-shipments',
    },
    location: { path: SHIPMENTS, line: 16, column: 5 },
  });

  it('passes an input on an active product and port', async () => {
    expect(checkChange(noInputsOnDeprecated, input(), await catalog())).toEqual([]);
  });

  it('refuses an input on a deprecated product, pointing at its replacement', async () => {
    expect(checkChange(noInputsOnDeprecated, input(), await catalog(sunsetIn('2027-06-01')))).toEqual([
      'logistics/shipments adds an input on commerce/orders#orders-v1, which is deprecated; read logistics/shipments instead.',
    ]);
  });

  it('refuses an input on a retired product, judged by the base when the head no longer has it', async () => {
    const retired = await catalog({ [ORDERS]: replace('status: active', 'status: retired') });
    const gone = await catalog({ [ORDERS]: () => undefined });
    expect(checkChange(noInputsOnDeprecated, input(), gone, retired)).toEqual([
      'logistics/shipments adds an input on commerce/orders#orders-v1, which is retired; read its replacement instead.',
    ]);
    expect(checkChange(noInputsOnDeprecated, input(), gone, gone)).toEqual([]);
  });

  it('refuses an input on a deprecated port of an active product, with the port’s replacement', async () => {
    const c = await catalog({
      [ORDERS]: replace(
        '    writer: User:svc-orders',
        '    writer: User:svc-orders\n    deprecation:\n      sunset: "2027-01-01"\n      replacement: commerce/orders#orders-v2',
      ),
    });
    expect(checkChange(noInputsOnDeprecated, input(), c)).toEqual([
      'logistics/shipments adds an input on commerce/orders#orders-v1, which is deprecated; read commerce/orders#orders-v2 instead.',
    ]);
    expect(checkChange(noInputsOnDeprecated, input('orders-v9'), c)).toEqual([]);
  });

  it('judges only added inputs', async () => {
    const removedInput = { ...input(), kind: 'input-port-removed' } as Change;
    expect(checkChange(noInputsOnDeprecated, removedInput, await catalog(sunsetIn('2027-06-01')))).toEqual([]);
  });
});

describe('LIFECYCLE_TRANSITION', () => {
  const added: Change = { kind: 'product-added', productId: 'commerce/orders', location: here };

  it('lets a new product start as draft or active only', async () => {
    expect(checkChange(lifecycleTransition, added, await catalog())).toEqual([]);
    expect(
      checkChange(lifecycleTransition, added, await catalog({ [ORDERS]: replace('status: active', 'status: draft') })),
    ).toEqual([]);
    expect(checkChange(lifecycleTransition, added, await catalog(sunsetIn('2027-06-01')))).toEqual([
      'New product commerce/orders starts as deprecated; a product starts as draft or active.',
    ]);
    expect(checkChange(lifecycleTransition, added, await catalog({ [ORDERS]: () => undefined }))).toEqual([]);
  });

  it.each([
    ['draft', 'active'],
    ['active', 'deprecated'],
    ['deprecated', 'retired'],
    ['deprecated', 'active'],
  ] as const)('allows %s → %s', async (from, to) => {
    expect(checkChange(lifecycleTransition, status(from, to), await catalog())).toEqual([]);
  });

  it('names the allowed next steps for a skipped one', async () => {
    const c = await catalog();
    expect(checkChange(lifecycleTransition, status('draft', 'deprecated'), c)).toEqual([
      'Product commerce/orders moves from draft to deprecated, skipping the lifecycle; go to active first.',
    ]);
    expect(checkChange(lifecycleTransition, status('active', 'retired'), c)).toEqual([
      'Product commerce/orders moves from active to retired, skipping the lifecycle; go to deprecated first.',
    ]);
    expect(checkChange(lifecycleTransition, status('deprecated', 'draft'), c)).toEqual([
      'Product commerce/orders moves from deprecated to draft, skipping the lifecycle; go to retired or active first.',
    ]);
  });

  it('keeps a retired product retired, with the previous location', async () => {
    const found = lifecycleTransition.checkChange?.({
      change: status('retired', 'active'),
      base: await catalog(),
      head: await catalog(),
      params: {},
      breaking: () => false,
      today,
    });
    expect(found).toEqual([
      {
        location: here,
        previousLocation: before,
        message:
          'Product commerce/orders moves from retired to active, skipping the lifecycle; a retired product stays retired; publish a new product instead.',
      },
    ]);
  });
});
