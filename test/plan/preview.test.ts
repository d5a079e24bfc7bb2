import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { applyCluster, planCluster } from '../../src/apply/run.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { touchedFolders, touchedProducts } from '../../src/catalog/scope.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import type { SourceEntry } from '../../src/core/source.js';
import { formerGroups, formerReads } from '../../src/plan/acl-scope.js';
import { desiredState } from '../../src/plan/desired.js';
import { asActual, previewPlan } from '../../src/plan/preview.js';
import { describeOperation } from '../../src/render/plan.js';
import { fixturesDir } from '../helpers/fixtures.js';
import { addOrderField, ORDERS, SHIPMENTS, type Edit } from '../helpers/scenario.js';

const NEW_PRODUCT = 'catalog/commerce/carts/product.yaml';
const NEW_SCHEMA = 'catalog/commerce/carts/schemas/cart.avsc';
const cartManifest = `apiVersion: mesh-steward/v1
kind: DataProduct
name: carts
description: Carts in the web shop.
status: active
classification: internal
owners:
  accountable: ["@acme/orders"]
outputPorts:
  - name: carts-v1
    topic: commerce.carts.v1
    value:
      schema: schemas/cart.avsc
    writer: User:svc-carts
`;
const cartSchema = '{"type":"record","name":"Cart","namespace":"acme.carts","fields":[{"name":"id","type":"string"}]}';
const ordersInput =
  '  - name: shipments\n    product: logistics/shipments\n    port: shipments-v1\n    principal: User:svc-orders\n    consumerGroup: commerce-orders\n';

/** The base fixture and a copy with `edits` (undefined text deletes), loaded, with the products the edits touch. */
async function change(edits: Edit[]) {
  const base = await readDirectorySource(join(fixturesDir, 'validate', 'base'));
  const head = new Map<string, SourceEntry>(base);
  for (const [path, transform] of edits) {
    const entry = head.get(path);
    const text = transform(entry?.kind === 'file' ? Buffer.from(entry.content).toString('utf8') : '');
    if (text === undefined) head.delete(path);
    else head.set(path, { kind: 'file', content: text });
  }
  const [before, after] = [loadCatalog(base), loadCatalog(head)];
  expect(after.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const folders = touchedFolders(edits.map(([path]) => ({ status: 'modified' as const, path })));
  const only = touchedProducts(folders, [before.catalog, after.catalog]);
  return { before: before.catalog, after: after.catalog, only };
}

/** The preview's lines, and the real planner's lines against fakes that hold the whole base catalog, applied. */
async function previewAndLive(edits: Edit[]) {
  const { before, after, only } = await change(edits);
  const ports = { kafka: new FakeKafkaAdmin(), registry: new FakeSchemaRegistry(), name: 'fake' };
  const applied = await applyCluster(desiredState(before), ports);
  expect(applied.outcomes.filter((o) => o.status !== 'succeeded')).toEqual([]);
  const former = { aclTopics: formerReads(before, after, only), aclGroups: formerGroups(before, after, only) };
  const desired = desiredState(after, { only, ...former });
  const live = (await planCluster(desired, ports)).operations;
  return { preview: previewPlan(before, after, only).map(describeOperation), live: live.map(describeOperation) };
}

describe('previewPlan: the real planner, with the base catalog standing in for the cluster', () => {
  it('a schema change registers a new version, as the plan against the applied base does', async () => {
    const { preview, live } = await previewAndLive([
      addOrderField({ name: 'note', type: ['null', 'string'], default: null }),
    ]);
    expect(preview).toEqual(['+ register schema as version 2 of subject commerce.orders.v1-value']);
    expect(preview).toEqual(live);
  });

  it("a new input port grants the consumer's READ and group, and leaves the topic's other grants alone", async () => {
    const { preview, live } = await previewAndLive([[ORDERS, (t) => `${t}inputPorts:\n${ordersInput}`]]);
    // Not the writer's grants on the topic, nor its other consumers': the base side reads that topic's ACLs too.
    expect(preview).toEqual([
      '+ grant READ on group commerce-orders to User:svc-orders',
      '+ grant READ on topic logistics.shipments.v1 to User:svc-orders',
    ]);
    expect(preview).toEqual(live);
  });

  it('a removed input port revokes its grants, as the plan against the applied base does', async () => {
    const { preview, live } = await previewAndLive([[SHIPMENTS, (t) => t.slice(0, t.indexOf('inputPorts:'))]]);
    expect(preview).toEqual([
      '- revoke READ on group logistics-shipments from User:svc-shipping',
      '- revoke READ on topic commerce.orders.v1 from User:svc-shipping',
    ]);
    expect(preview).toEqual(live);
  });

  it('a deleted consumer loses its grants on the topic it read and on its group; its own topic leaves management', async () => {
    const { preview, live } = await previewAndLive([
      [SHIPMENTS, () => undefined],
      ['catalog/logistics/shipments/schemas/shipment.avsc', () => undefined],
    ]);
    expect(preview).toEqual([
      '- revoke READ on group logistics-shipments from User:svc-shipping',
      '- revoke READ on topic commerce.orders.v1 from User:svc-shipping',
    ]);
    expect(preview).toEqual(live);
  });

  it('more partitions add partitions', async () => {
    const { preview, live } = await previewAndLive([[ORDERS, (t) => t.replace('partitions: 6', 'partitions: 12')]]);
    expect(preview).toEqual(['~ add partitions to topic commerce.orders.v1: 6 → 12']);
    expect(preview).toEqual(live);
  });

  it('a new product creates its topic, grants its writer and registers its schema, in apply order', async () => {
    const { preview, live } = await previewAndLive([
      [NEW_PRODUCT, () => cartManifest],
      [NEW_SCHEMA, () => cartSchema],
    ]);
    const created = [
      '+ grant DESCRIBE on topic commerce.carts.v1 to User:svc-carts',
      '+ grant WRITE on topic commerce.carts.v1 to User:svc-carts',
      '+ create topic commerce.carts.v1 (6 partitions, replication 3)',
      '+ register schema as version 1 of new subject commerce.carts.v1-value',
    ];
    // Without a registry to read, the new subject's level is set: the live plan leaves it when the registry's
    // global level already is the one declared (the fakes' is BACKWARD).
    const setLevel =
      '~ set compatibility of subject commerce.carts.v1-value: registry default → BACKWARD (after registering)';
    expect(preview).toEqual([...created, setLevel]);
    expect(live).toEqual(created);
  });

  it('a retirement holds its deletions back where settings do not allow them', async () => {
    const { preview, live } = await previewAndLive([
      [SHIPMENTS, (t) => t.replace('status: active', 'status: retired')],
    ]);
    const held = 'would delete (not allowed by settings: allowDeletions is false in .github/steward.yml)';
    expect(preview).toEqual([
      '- revoke READ on group logistics-shipments from User:svc-shipping',
      '- revoke READ on topic commerce.orders.v1 from User:svc-shipping',
      `! revoke DESCRIBE on topic logistics.shipments.v1 from User:svc-shipping — ${held}`,
      `! revoke WRITE on topic logistics.shipments.v1 from User:svc-shipping — ${held}`,
      `! subject logistics.shipments.v1-value of a retired product ${held}`,
      `! topic logistics.shipments.v1 of a retired product ${held}`,
    ]);
    expect(preview).toEqual(live);
  });

  it('an unchanged catalog previews nothing', async () => {
    const { before, only } = await change([[ORDERS, (t) => t]]);
    expect(previewPlan(before, before, only)).toEqual([]);
  });
});

describe('asActual', () => {
  it('holds each desired subject as its first registered version, references included', () => {
    const actual = asActual({
      topics: [],
      subjects: [
        {
          subject: 's',
          schema: '"string"',
          references: [{ name: 'a.B', subject: 'b' }],
          compatibility: 'FULL',
        },
      ],
      acls: [],
      retired: { topics: [], subjects: [] },
      groups: [],
      allowDeletions: false,
      notices: [],
    });
    expect(actual.subjects.get('s')).toMatchObject({
      version: 1,
      references: [{ name: 'a.B', subject: 'b', version: 1 }],
    });
    expect(actual.compatibility.get('s')).toBe('FULL');
  });
});
