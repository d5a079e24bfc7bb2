import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../../src/apply/fake-schema-registry.js';
import { applyCluster } from '../../../src/apply/run.js';
import { loadCatalog } from '../../../src/catalog/load.js';
import type { SourceEntry } from '../../../src/core/source.js';
import { planLive } from '../../../src/github/flows/live-plan.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { desiredState } from '../../../src/plan/desired.js';
import { describeOperation } from '../../../src/render/plan.js';
import { baseTree, edit } from '../helpers/trees.js';

type Tree = ReadonlyMap<string, SourceEntry>;
const SHIPMENTS = 'catalog/logistics/shipments';

/** The pull request's live plan for logistics/shipments, against a fake cluster holding the base catalog. */
async function planShipments(change: (base: Tree) => Tree): Promise<string[]> {
  const base = await baseTree();
  const ports = { kafka: new FakeKafkaAdmin(), registry: new FakeSchemaRegistry(), name: 'fake' };
  await applyCluster(desiredState(loadCatalog(base).catalog), ports);
  const target: ApplyTarget = { repository: 'Acme/Mesh', name: 'b1:9092 https://sr', connect: () => ports };
  const head = change(base);
  const snapshot = {
    base: loadCatalog(base),
    head: loadCatalog(head),
    history: new Map(),
    touched: new Set(['logistics/shipments']),
  };
  const plan = await planLive(target, snapshot);
  if (!('operations' in plan)) throw new Error(plan.unavailable);
  return plan.operations.map(describeOperation);
}

const revoked = [
  '- revoke READ on group logistics-shipments from User:svc-shipping',
  '- revoke READ on topic commerce.orders.v1 from User:svc-shipping',
];

describe('planLive and consumer groups', () => {
  it('revokes the group of an input port the pull request removes', async () => {
    const plan = await planShipments((base) =>
      edit(base, `${SHIPMENTS}/product.yaml`, (t) => t.slice(0, t.indexOf('inputPorts:'))),
    );
    expect(plan).toEqual(revoked);
  });

  it('revokes the group of a product the pull request deletes', async () => {
    const plan = await planShipments((base) => new Map([...base].filter(([path]) => !path.startsWith(SHIPMENTS))));
    expect(plan).toEqual(revoked);
  });
});
