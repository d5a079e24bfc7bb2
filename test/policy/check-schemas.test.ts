import { describe, expect, it } from 'vitest';
import { diffCatalogs } from '../../src/catalog/diff.js';
import type { Catalog } from '../../src/catalog/model.js';
import type { SchemaHistories } from '../../src/catalog/schema-history.js';
import { checkSchemas } from '../../src/policy/check-schemas.js';
import { catalog, ORDER_SCHEMA, ORDERS, replace, type Edits } from './catalogs.js';

const MONEY = 'catalog/commerce/orders/schemas/money.avsc';
const KEY = 'catalog/commerce/orders/schemas/order-key.avsc';

const order = (fields: string) =>
  `{\n  "type": "record",\n  "name": "Order",\n  "namespace": "com.acme.commerce",\n  "doc": "An order.",\n  "fields": [\n    { "name": "id", "type": "string", "doc": "Order id." }${fields}\n  ]\n}\n`;
const money = (cents: string) =>
  `{ "type": "record", "name": "Money", "namespace": "com.acme.commerce", "doc": "Money.", "fields": [{ "name": "cents", "type": "${cents}", "doc": "Cents." }] }\n`;
const withTotal = order(',\n    { "name": "total", "type": "com.acme.commerce.Money", "doc": "Total." }');
const shared: Edits = { [ORDER_SCHEMA]: () => withTotal, [MONEY]: () => money('long') };

async function judge(baseEdits: Edits, headEdits: Edits, history?: SchemaHistories) {
  const base = await catalog(baseEdits);
  const head = await catalog({ ...baseEdits, ...headEdits });
  return run(base, head, history);
}

function run(base: Catalog, head: Catalog, history?: SchemaHistories) {
  return checkSchemas(base, head, diffCatalogs(base, head), history).map((v) => [
    v.subject,
    v.path,
    v.change.kind === 'schema-changed' ? `${v.change.port}/${v.change.role}` : v.change.kind,
    v.result.status,
  ]);
}

describe('checkSchemas', () => {
  it('judges nothing when no schema changes', async () => {
    expect(await judge({}, { [ORDERS]: replace('partitions: 6', 'partitions: 12') })).toEqual([]);
  });

  it('judges a changed port schema under the port’s <topic>-<role> subject', async () => {
    const added = order(',\n    { "name": "note", "type": "string", "default": "", "doc": "Note." }');
    expect(await judge({}, { [ORDER_SCHEMA]: () => added })).toEqual([
      ['commerce.orders.v1-value', ORDER_SCHEMA, 'orders-v1/value', 'compatible'],
    ]);
    const required = order(',\n    { "name": "note", "type": "string", "doc": "Note." }');
    expect(await judge({}, { [ORDER_SCHEMA]: () => required })).toEqual([
      ['commerce.orders.v1-value', ORDER_SCHEMA, 'orders-v1/value', 'incompatible'],
    ]);
  });

  it('judges the key subject for a key change, at the port’s level', async () => {
    const base = await catalog({ [ORDERS]: replace('compatibility: BACKWARD', 'compatibility: FORWARD') });
    const head = await catalog({
      [ORDERS]: replace('compatibility: BACKWARD', 'compatibility: FORWARD'),
      [KEY]: () => '"long"',
    });
    const [verdict] = checkSchemas(base, head, diffCatalogs(base, head), undefined);
    expect([verdict?.subject, verdict?.path, verdict?.result.status, verdict?.result.level]).toEqual([
      'commerce.orders.v1-key',
      KEY,
      'incompatible',
      'FORWARD',
    ]);
  });

  it('gives no verdict when the head schema does not parse (its validation findings say why)', async () => {
    expect(await judge({}, { [ORDER_SCHEMA]: () => '{ "type": "record", "name": "Order", ' })).toEqual([]);
  });

  it('judges a changed referenced file under its own subject too, once', async () => {
    expect(await judge(shared, { [MONEY]: () => money('string') })).toEqual([
      ['commerce.orders.v1-value', ORDER_SCHEMA, 'orders-v1/value', 'incompatible'],
      ['com.acme.commerce.Money', MONEY, 'orders-v1/value', 'incompatible'],
    ]);
  });

  it('registers no new version of a referenced file that did not change', async () => {
    const plusNote = withTotal.replace(
      '"doc": "Total." }',
      '"doc": "Total." },\n    { "name": "note", "type": "string", "default": "", "doc": "Note." }',
    );
    expect(await judge(shared, { [ORDER_SCHEMA]: () => plusNote })).toEqual([
      ['commerce.orders.v1-value', ORDER_SCHEMA, 'orders-v1/value', 'compatible'],
    ]);
  });

  it('gives a referenced file no subject of its own before the base registered it', async () => {
    const head = { ...shared, [MONEY]: () => money('long') };
    expect(await judge({}, head)).toEqual([
      ['commerce.orders.v1-value', ORDER_SCHEMA, 'orders-v1/value', 'incompatible'],
    ]);
  });

  it('gives a file no subject of its own while no base port referenced it, even when it was there', async () => {
    const unused: Edits = { [MONEY]: () => money('long') };
    expect(await judge(unused, { [ORDER_SCHEMA]: () => withTotal, [MONEY]: () => money('string') })).toEqual([
      ['commerce.orders.v1-value', ORDER_SCHEMA, 'orders-v1/value', 'incompatible'],
    ]);
  });

  it('judges a transitive level against every version of the history, and a plain one against the base', async () => {
    const transitive = (level: string): Edits => ({
      [ORDERS]: replace('compatibility: BACKWARD', `compatibility: ${level}`),
    });
    const old = order(',\n    { "name": "channel", "type": "string", "doc": "Channel." }');
    const now = order('');
    const readded = order(',\n    { "name": "channel", "type": "int", "default": 0, "doc": "Channel." }');
    const history: SchemaHistories = new Map([
      [
        'commerce/orders',
        [
          {
            commit: 'a1b2c3d4e5',
            files: new Map([
              [ORDER_SCHEMA, old],
              [KEY, '"string"'],
            ]),
          },
        ],
      ],
    ]);
    const base = { ...transitive('BACKWARD_TRANSITIVE'), [ORDER_SCHEMA]: () => now };
    expect((await judge(base, { [ORDER_SCHEMA]: () => readded }, history)).map((v) => v[3])).toEqual(['incompatible']);
    expect((await judge(base, { [ORDER_SCHEMA]: () => readded })).map((v) => v[3])).toEqual(['compatible']);
    const plain = { [ORDER_SCHEMA]: () => now };
    expect((await judge(plain, { [ORDER_SCHEMA]: () => readded }, history)).map((v) => v[3])).toEqual(['compatible']);
  });

  it('names a history version by its short commit in the explanation', async () => {
    const old = order(',\n    { "name": "channel", "type": "string", "doc": "Channel." }');
    const history: SchemaHistories = new Map([
      ['commerce/orders', [{ commit: 'a1b2c3d4e5', files: new Map([[ORDER_SCHEMA, old]]) }]],
    ]);
    const base = await catalog({
      [ORDERS]: replace('compatibility: BACKWARD', 'compatibility: BACKWARD_TRANSITIVE'),
      [ORDER_SCHEMA]: () => order(''),
    });
    const head = await catalog({
      [ORDERS]: replace('compatibility: BACKWARD', 'compatibility: BACKWARD_TRANSITIVE'),
      [ORDER_SCHEMA]: () => order(',\n    { "name": "channel", "type": "int", "default": 0, "doc": "Channel." }'),
    });
    const [verdict] = checkSchemas(base, head, diffCatalogs(base, head), history);
    expect(verdict?.result.findings.map((f) => f.message).join('\n')).toContain('commit a1b2c3d');
  });

  it('skips a schema change whose port or product the head or base lacks', async () => {
    const base = await catalog();
    const head = await catalog({ [ORDER_SCHEMA]: () => order('') });
    const [change] = diffCatalogs(base, head);
    expect(change?.kind).toBe('schema-changed');
    if (change?.kind !== 'schema-changed') return;
    expect(checkSchemas(base, head, [{ ...change, port: 'orders-v9' }], undefined)).toEqual([]);
    expect(checkSchemas(base, head, [{ ...change, productId: 'commerce/nothing' }], undefined)).toEqual([]);
    expect(checkSchemas(base, head, [change], undefined)).toHaveLength(1);
  });
});
