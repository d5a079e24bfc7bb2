import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/catalog/diff.js';
import type { Catalog } from '../../../src/catalog/model.js';
import {
  breakingChangeNeedsMajor,
  compatibilityLoosened,
  minCompatibility,
} from '../../../src/policy/rules/compatibility.js';
import { catalog, ORDERS, product, replace } from '../catalogs.js';

const here = { path: ORDERS, line: 22, column: 20 };
const before = { path: ORDERS, line: 22, column: 20 };

function checkProduct(c: Catalog, level = 'BACKWARD') {
  return (
    minCompatibility.checkProduct?.({ product: product(c, 'commerce/orders'), catalog: c, params: { level } }) ?? []
  ).map((f) => [f.location.line, f.message]);
}

function checkChange(rule: typeof compatibilityLoosened, change: Change, head: Catalog, breaking = true) {
  return rule.checkChange?.({ change, base: head, head, params: {}, breaking: () => breaking, today: '2026-11-22' });
}

describe('MIN_COMPATIBILITY', () => {
  it('passes a port at or above the minimum', async () => {
    const c = await catalog();
    expect(checkProduct(c, 'BACKWARD')).toEqual([]);
    expect(checkProduct(c, 'NONE')).toEqual([]);
  });

  it('flags a port weaker than the minimum on its compatibility line', async () => {
    expect(checkProduct(await catalog(), 'FULL')).toEqual([
      [
        22,
        'Port orders-v1 uses compatibility BACKWARD, weaker than the required FULL; set compatibility to FULL or stricter.',
      ],
    ]);
  });

  it('judges a port without a level by the settings default, then BACKWARD', async () => {
    const noLevel = { [ORDERS]: replace('    compatibility: BACKWARD\n', '') };
    expect(checkProduct(await catalog(noLevel), 'FORWARD')).toEqual([
      [16, expect.stringContaining('uses compatibility BACKWARD, weaker than the required FORWARD')],
    ]);
    const withDefault = await catalog({
      ...noLevel,
      '.github/steward.yml': (t) => `${t}defaults:\n  compatibility: FULL\n`,
    });
    expect(checkProduct(withDefault, 'FORWARD')).toEqual([]);
  });

  it('is tightened only to a level that keeps every inherited promise', () => {
    expect(minCompatibility.tighten?.({ level: 'BACKWARD' }, { level: 'FULL' })).toEqual({
      params: { level: 'FULL' },
      loosened: [],
    });
    expect(minCompatibility.tighten?.({ level: 'BACKWARD' }, { level: 'FORWARD' })).toEqual({
      params: { level: 'BACKWARD' },
      loosened: ['level'],
    });
  });
});

describe('COMPATIBILITY_LOOSENED', () => {
  const change = (loosened: boolean): Change => ({
    kind: 'compatibility-changed',
    productId: 'commerce/orders',
    port: 'orders-v1',
    from: 'FULL',
    to: 'BACKWARD',
    loosened,
    location: here,
    previousLocation: before,
  });

  it('warns by default on a loosened level, at the change and its previous location', async () => {
    expect(compatibilityLoosened.defaults.severity).toBe('warning');
    expect(checkChange(compatibilityLoosened, change(true), await catalog())).toEqual([
      {
        location: here,
        previousLocation: before,
        message:
          "Port orders-v1 of commerce/orders loosens compatibility from FULL to BACKWARD; this needs the governance team's approval, or keep FULL.",
      },
    ]);
  });

  it('says nothing on a tightened level or another kind of change', async () => {
    const c = await catalog();
    expect(checkChange(compatibilityLoosened, change(false), c)).toEqual([]);
    expect(
      checkChange(compatibilityLoosened, { kind: 'product-added', productId: 'commerce/orders', location: here }, c),
    ).toEqual([]);
  });
});

describe('BREAKING_CHANGE_NEEDS_MAJOR', () => {
  const schemaChange = (port: string): Change => ({
    kind: 'schema-changed',
    productId: 'commerce/orders',
    port,
    role: 'value',
    path: 'catalog/commerce/orders/schemas/order.avsc',
    previousPath: 'catalog/commerce/orders/schemas/order.avsc',
    level: 'BACKWARD',
    through: [],
    location: here,
  });

  it('has the registry’s id', () => {
    expect(breakingChangeNeedsMajor.id).toBe('BREAKING_CHANGE_NEEDS_MAJOR');
  });

  it('asks for the next major port when the port name carries a version', async () => {
    expect(checkChange(breakingChangeNeedsMajor, schemaChange('orders-v1'), await catalog())).toEqual([
      {
        location: here,
        message:
          'The value schema of port orders-v1 changes incompatibly under BACKWARD; add a port orders-v2 on a new topic and deprecate orders-v1.',
      },
    ]);
  });

  it('counts versions past 9 as numbers', async () => {
    const [finding] = checkChange(breakingChangeNeedsMajor, schemaChange('orders-v19'), await catalog()) ?? [];
    expect(finding?.message).toContain('add a port orders-v20 on a new topic and deprecate orders-v19');
  });

  it('asks for a new major port in general when the name has no version', async () => {
    const [finding] = checkChange(breakingChangeNeedsMajor, schemaChange('orders'), await catalog()) ?? [];
    expect(finding?.message).toBe(
      'The value schema of port orders changes incompatibly under BACKWARD; publish it on a new major port and topic.',
    );
  });

  it('says nothing on a compatible change', async () => {
    expect(checkChange(breakingChangeNeedsMajor, schemaChange('orders-v1'), await catalog(), false)).toEqual([]);
  });

  it('lets a draft product break its schema', async () => {
    const c = await catalog({ [ORDERS]: replace('status: active', 'status: draft') });
    expect(checkChange(breakingChangeNeedsMajor, schemaChange('orders-v1'), c)).toEqual([]);
  });

  it('judges only schema changes', async () => {
    const c = await catalog();
    const other: Change = { kind: 'product-removed', productId: 'commerce/orders', location: here };
    expect(checkChange(breakingChangeNeedsMajor, other, c)).toEqual([]);
  });
});
