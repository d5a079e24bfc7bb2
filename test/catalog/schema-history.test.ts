import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import {
  compositeAt,
  compositeOf,
  sameComposite,
  subjectHistory,
  type SchemaSnapshot,
} from '../../src/catalog/schema-history.js';
import { domain, port, product, tree } from './helpers.js';

const DIR = 'catalog/commerce/orders/schemas/';
const ORDER = `${DIR}order.avsc`;
const MONEY = `${DIR}money.avsc`;
const order = (extra = '') =>
  `{"type": "record", "name": "Order", "namespace": "com.acme", "fields": [{"name": "total", "type": "com.acme.Money"}${extra}]}`;
const money = (size: number) => `{"type": "fixed", "name": "Money", "namespace": "com.acme", "size": ${size}}`;
const snap = (commit: string, files: Record<string, string>, renames?: Record<string, string>): SchemaSnapshot => ({
  commit,
  files: new Map(Object.entries(files)),
  ...(renames ? { renames: new Map(Object.entries(renames)) } : {}),
});

describe('compositeAt', () => {
  it('gives the file with the files its named types come from', () => {
    expect(compositeAt(snap('c1', { [ORDER]: order(), [MONEY]: money(8), [`${DIR}x.avsc`]: '"int"' }), ORDER)).toEqual({
      path: ORDER,
      text: order(),
      references: [{ path: MONEY, text: money(8) }],
    });
  });

  it('is undefined for a file that is not there or does not parse at that commit', () => {
    expect(compositeAt(snap('c1', { [MONEY]: money(8) }), ORDER)).toBeUndefined();
    expect(compositeAt(snap('c1', { [ORDER]: order() }), ORDER)).toBeUndefined();
    expect(compositeAt(snap('c1', { [ORDER]: '{"type": ' }), ORDER)).toBeUndefined();
  });
});

describe('sameComposite', () => {
  const a = { path: 'a', text: 't', references: [{ path: 'r', text: 'x' }] };
  it('compares path, text and every reference', () => {
    expect(sameComposite(a, { ...a, references: [{ path: 'r', text: 'x' }] })).toBe(true);
    expect(sameComposite(a, { ...a, path: 'b' })).toBe(false);
    expect(sameComposite(a, { ...a, text: 'u' })).toBe(false);
    expect(sameComposite(a, { ...a, references: [] })).toBe(false);
    expect(sameComposite(a, { ...a, references: [{ path: 'r', text: 'y' }] })).toBe(false);
    expect(sameComposite(a, { ...a, references: [{ path: 's', text: 'x' }] })).toBe(false);
  });
});

describe('subjectHistory', () => {
  it('has one version per change of the file or of a file it references, oldest first', () => {
    const history = subjectHistory(
      [
        snap('c1', { [ORDER]: order(), [MONEY]: money(8) }),
        snap('c2', { [ORDER]: order(), [MONEY]: money(8), [`${DIR}other.avsc`]: '"int"' }),
        snap('c3', { [ORDER]: order(), [MONEY]: money(16) }),
        snap('c4', { [ORDER]: order(', {"name": "n", "type": "int"}'), [MONEY]: money(16) }),
      ],
      ORDER,
    );
    expect(history.map((v) => [v.commit, v.references[0]?.text])).toEqual([
      ['c1', money(8)],
      ['c3', money(16)],
      ['c4', money(16)],
    ]);
    expect(history[2]?.text).toBe(order(', {"name": "n", "type": "int"}'));
  });

  it('leaves out commits where the file does not parse, and those before it existed', () => {
    const history = subjectHistory(
      [
        snap('c0', { [MONEY]: money(8) }),
        snap('c1', { [ORDER]: order(), [MONEY]: money(8) }),
        snap('c2', { [ORDER]: '{ broken', [MONEY]: money(8) }),
        snap('c3', { [ORDER]: order(), [MONEY]: money(8) }),
      ],
      ORDER,
    );
    expect(history.map((v) => v.commit)).toEqual(['c1']);
  });

  it('follows the file back through renames, with the path it had at each commit', () => {
    const old = `${DIR}old-order.avsc`;
    const history = subjectHistory(
      [
        snap('c1', { [old]: order(), [MONEY]: money(8) }),
        snap('c2', { [ORDER]: order(), [MONEY]: money(8) }, { [ORDER]: old }),
        snap('c3', { [ORDER]: order(', {"name": "n", "type": "int"}'), [MONEY]: money(8) }),
      ],
      ORDER,
    );
    expect(history.map((v) => [v.commit, v.path])).toEqual([
      ['c1', old],
      ['c2', ORDER],
      ['c3', ORDER],
    ]);
  });

  it('is empty without snapshots', () => {
    expect(subjectHistory([], ORDER)).toEqual([]);
  });
});

describe('compositeOf', () => {
  it('resolves a loaded product’s file as the snapshots do', () => {
    const loaded = loadCatalog(
      tree({
        'catalog/commerce/domain.yaml': domain('commerce'),
        'catalog/commerce/orders/product.yaml': product('orders', {
          outputPorts: [port('orders-v1', 'commerce.orders.v1', { value: { schema: 'schemas/order.avsc' } })],
        }),
        [ORDER]: order(),
        [MONEY]: money(8),
      }),
    );
    expect(loaded.findings).toEqual([]);
    const p = loaded.catalog.products.get('commerce/orders')!;
    const composite = compositeOf(p, ORDER);
    expect(composite).toEqual({ path: ORDER, text: order(), references: [{ path: MONEY, text: money(8) }] });
    expect(compositeOf(p, MONEY)).toEqual({ path: MONEY, text: money(8), references: [] });
    expect(compositeOf(p, `${DIR}none.avsc`)).toBeUndefined();
    expect(sameComposite(composite!, compositeAt(snap('c', { [ORDER]: order(), [MONEY]: money(8) }), ORDER)!)).toBe(
      true,
    );
  });
});
