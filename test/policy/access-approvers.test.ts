import { describe, expect, it } from 'vitest';
import { accessApprovers } from '../../src/policy/requirements.js';
import { scenario, SHIPMENTS } from '../helpers/scenario.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { join } from 'node:path';
import { fixturesDir } from '../helpers/fixtures.js';

const inputPort = (name: string, principal: string) =>
  `  - name: ${name}\n    product: commerce/orders\n    port: orders-v1\n    principal: ${principal}\n    consumerGroup: ${name}-group\n`;

const approvers = (reqs: readonly { id: string; parties: readonly string[] }[]) => reqs.map((r) => [r.id, r.parties]);

async function baseCatalog() {
  return loadCatalog(await readDirectorySource(join(fixturesDir, 'validate', 'base'))).catalog;
}

describe('accessApprovers: who approves a request for access, as the pull request evaluation judges it', () => {
  it('for an existing consumer: the same requirements as the pull request that adds its input port', async () => {
    const pr = await scenario([[SHIPMENTS, (t) => `${t}${inputPort('orders-copy', 'User:svc-shipping')}`]]);
    expect(pr.changes).toEqual(['input-port-added']);
    const helper = accessApprovers(await baseCatalog(), 'commerce/orders', 'logistics/shipments');
    expect(approvers(helper)).toEqual(pr.requirements);
    expect(approvers(helper)).toContainEqual(['producer:commerce/orders', ['@acme/orders']]);
  });

  it('for a new consumer product: the same requirements as the pull request that adds it', async () => {
    const manifest = `apiVersion: mesh-steward/v1
kind: DataProduct
name: tracking
description: Where parcels are.
status: draft
classification: internal
owners:
  accountable: ["@acme/tracking"]
inputPorts:
${inputPort('orders', 'User:svc-tracking')}`;
    const pr = await scenario([['catalog/logistics/tracking/product.yaml', () => manifest]]);
    expect(pr.changes).toEqual(['product-added']);
    const helper = accessApprovers(await baseCatalog(), 'commerce/orders', 'logistics/tracking');
    expect(approvers(helper)).toEqual(pr.requirements);
    expect(approvers(helper)).toEqual([
      ['domain:logistics', ['@acme/logistics-leads']],
      ['producer:commerce/orders', ['@acme/orders']],
    ]);
  });

  it('without a consumer: the producer’s accountable party; nothing for a producer the catalog lacks', async () => {
    const catalog = await baseCatalog();
    expect(approvers(accessApprovers(catalog, 'commerce/orders'))).toEqual([
      ['producer:commerce/orders', ['@acme/orders']],
    ]);
    expect(accessApprovers(catalog, 'commerce/nothing')).toEqual([]);
  });
});
