import { describe, expect, it } from 'vitest';
import { checkSchemaHistory } from '../../src/schema/compat-history.js';
import { record, tuples } from '../support/compat-helpers.js';

const path = 'catalog/sales/orders/schemas/order.avsc';
const v1 = record('Order', ['{"name": "id", "type": "long"}', '{"name": "note", "type": "string"}']);
const v2 = record('Order', ['{"name": "id", "type": "long"}', '{"name": "note", "type": "string", "default": ""}']);
const candidate = record('Order', ['{"name": "id", "type": "long"}']);

describe('checkSchemaHistory', () => {
  const history = [
    {
      commit: '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      path: 'catalog/sales/orders/order.avsc',
      text: v1,
      references: [],
    },
    { commit: '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', path, text: v2, references: [] },
  ];

  it('keeps repository paths in locations and names the commit in the message', () => {
    const result = checkSchemaHistory({ path, text: candidate }, history, 'FORWARD_TRANSITIVE');
    expect(tuples(result)).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', path, 1, 3]]);
    expect(result.findings[0]?.previousLocation?.path).toBe('catalog/sales/orders/order.avsc');
    expect(result.findings[0]?.message).toContain('the schema at commit 1111111');
  });

  it('checks only the latest commit for a non-transitive level', () => {
    expect(checkSchemaHistory({ path, text: candidate }, history, 'FORWARD').status).toBe('compatible');
  });

  it("resolves each earlier version with the referenced files it carries, not with the candidate's", () => {
    const customer = 'catalog/crm/customers/schemas/customer.avsc';
    const address = 'catalog/crm/customers/schemas/address.avsc';
    const main = record('Customer', ['{"name": "id", "type": "long"}', '{"name": "home", "type": "Address"}']);
    const addressOf = (fields: string[]) => ({ path: address, text: record('Address', fields) });
    const city = (type: string) => `{"name": "city", "type": "${type}"}`;
    const old = [
      {
        commit: '3333333ccccccccccccccccccccccccccccccccc',
        path: customer,
        text: main,
        references: [addressOf([city('string')])],
      },
    ];
    const result = checkSchemaHistory(
      { path: customer, text: main, references: [addressOf([city('int')])] },
      old,
      'BACKWARD',
    );
    expect(tuples(result)).toEqual([['TYPE_MISMATCH', address, 2, 2]]);
    expect(result.findings[0]?.message).toContain('the schema at commit 3333333');
  });
});
