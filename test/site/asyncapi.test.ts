import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/model.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { asyncApiPath, avroSchemaFormat, renderAsyncApi, renderAsyncApiText } from '../../src/site/asyncapi.js';
import { buildSite } from '../../src/site/build.js';
import { buildSiteModel } from '../../src/site/model.js';
import { input, mesh, port, product, record } from '../catalog/helpers.js';
import { brokenLinks } from './site-files.js';

const repoRoot = join(import.meta.dirname, '..', '..');
// One parser for the file: its first parse loads the AsyncAPI schemas and rulesets (about half a second).
const parser = new Parser();

async function errorsOf(text: string): Promise<string[]> {
  const { diagnostics } = await parser.parse(text);
  return diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
}

function catalogOf(extra: Record<string, string | object> = {}): Catalog {
  const { catalog, findings } = loadCatalog(mesh(extra));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return catalog;
}

const docOf = (catalog: Catalog, id: string) => {
  const model = buildSiteModel(catalog);
  return renderAsyncApi(model, model.catalog.products.get(id) as NonNullable<ReturnType<Catalog['products']['get']>>);
};

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the AsyncAPI document of a product', () => {
  it('is valid AsyncAPI 3.0.0 for every product of the example catalog, and the site writes and links it', async () => {
    const { catalog, findings } = loadCatalog(await readDirectorySource(repoRoot));
    expect(findings).toEqual([]);
    const model = buildSiteModel(catalog);
    const files = buildSite(catalog);
    for (const product of model.products) {
      const text = files.get(asyncApiPath(product.id));
      expect(text).toBe(renderAsyncApiText(model, product));
      expect({ product: product.id, errors: await errorsOf(text as string) }).toEqual({
        product: product.id,
        errors: [],
      });
      expect(files.get(`products/${product.id}.html`)).toContain(
        `href="${'../'.repeat(product.id.split('/').length)}asyncapi/${product.id}.json"`,
      );
    }
    expect(brokenLinks(files)).toEqual([]);
  });

  it('is checked for real: the parser reports a broken binding and a payload that is not Avro', async () => {
    const doc = docOf(catalogOf(), 'commerce/orders') as Doc;
    const brokenBinding = structuredClone(doc);
    brokenBinding.channels['orders-v1'].bindings.kafka.partitions = 0;
    expect((await errorsOf(JSON.stringify(brokenBinding))).join('\n')).toMatch(/partitions/);
    const notAvro = structuredClone(doc);
    notAvro.components.schemas['orders-v1-value'].schema = { type: 'record', fields: 'none' };
    expect(await errorsOf(JSON.stringify(notAvro))).not.toEqual([]);
  });

  it('has a channel per output port at its topic, with the Avro value schema and the key as the Kafka key', () => {
    const catalog = catalogOf({
      'catalog/commerce/orders/product.yaml': product('orders', {
        title: 'Orders',
        tags: ['core'],
        outputPorts: [
          port('orders-v1', 'commerce.orders.v1', {
            key: { schema: 'schemas/key.avsc' },
            partitions: 12,
            configs: { 'cleanup.policy': 'compact,delete', 'retention.ms': '-1', 'min.insync.replicas': '2' },
          }),
        ],
      }),
      'catalog/commerce/orders/schemas/key.avsc': record('OrderKey'),
    });
    const doc = docOf(catalog, 'commerce/orders') as Doc;
    expect(doc.info).toMatchObject({ title: 'Orders', tags: [{ name: 'core' }], contact: { name: '@acme/owners' } });
    const channel = doc.channels['orders-v1'];
    expect(channel.address).toBe('commerce.orders.v1');
    expect(channel.bindings.kafka).toEqual({
      topic: 'commerce.orders.v1',
      partitions: 12,
      replicas: 3,
      topicConfiguration: { 'cleanup.policy': ['compact', 'delete'], 'min.insync.replicas': '2', 'retention.ms': -1 },
      bindingVersion: '0.5.0',
    });
    const message = channel.messages['orders-v1-event'];
    expect(message.payload).toEqual({ $ref: '#/components/schemas/orders-v1-value' });
    expect(message.bindings.kafka.key).toEqual({ $ref: '#/components/schemas/orders-v1-key' });
    expect(doc.components.schemas['orders-v1-key']).toEqual({
      schemaFormat: avroSchemaFormat,
      schema: record('OrderKey'),
    });
    expect(doc.components.schemas['orders-v1-value'].schema).toEqual(record('Order'));
    expect(doc.operations['send-orders-v1']).toMatchObject({
      action: 'send',
      channel: { $ref: '#/channels/orders-v1' },
      'x-writer': 'User:svc-writer',
    });
  });

  it("receives the producer's channel for each input port, with its consumer group and the producer's document", () => {
    const catalog = catalogOf({
      'catalog/commerce/billing/product.yaml': product('billing', {
        inputPorts: [input('orders-in', 'commerce/orders', 'orders-v1', { consumerGroup: 'billing-orders' })],
      }),
    });
    const doc = docOf(catalog, 'commerce/billing') as Doc;
    expect(Object.keys(doc.channels)).toEqual(['input-orders-in']);
    expect(doc.channels['input-orders-in'].address).toBe('commerce.orders.v1');
    // The schemas are the producer's document's: the channel says where it is.
    expect(doc.components.schemas).toEqual({});
    expect(doc.channels['input-orders-in']['x-mesh-steward']).toMatchObject({
      product: 'commerce/orders',
      port: 'orders-v1',
      document: 'asyncapi/commerce/orders.json',
    });
    expect(doc.operations['receive-input-orders-in']).toMatchObject({
      action: 'receive',
      bindings: { kafka: { groupId: { type: 'string', enum: ['billing-orders'] } } },
    });
  });

  it('has a server per declared environment, its host a variable named after the settings, and none without', () => {
    expect(docOf(catalogOf(), 'commerce/orders')).not.toHaveProperty('servers');
    const catalog = catalogOf({
      '.github/steward.yml': {
        apiVersion: 'mesh-steward/v1',
        kind: 'Settings',
        environments: [
          { name: 'dev', kafka: { brokers: 'DEV_BROKERS' }, registry: { url: 'DEV_REGISTRY' } },
          {
            name: 'prod',
            description: 'Production.',
            clusterName: 'prod-eu1',
            kafka: { brokers: 'PROD_BROKERS', tls: true, saslMechanism: 'PROD_SASL' },
            registry: { url: 'PROD_REGISTRY' },
          },
        ],
      },
    });
    const servers = (docOf(catalog, 'commerce/orders') as Doc).servers;
    expect(Object.keys(servers)).toEqual(['dev', 'prod']);
    expect(servers.dev).toMatchObject({ host: '{brokers}', protocol: 'kafka', title: 'dev' });
    expect(servers.dev.variables.brokers.description).toContain('DEV_BROKERS');
    expect(servers.prod).toMatchObject({ protocol: 'kafka-secure', title: 'prod-eu1' });
    expect(servers.prod.description).toMatch(/^Production\. .*PROD_BROKERS.*PROD_REGISTRY.*PROD_SASL/);
    expect(JSON.stringify(servers)).not.toMatch(/:\/\/|:9092/);
  });

  it('marks a deprecated product and a deprecated port', () => {
    const catalog = catalogOf({
      'catalog/commerce/orders/product.yaml': product('orders', {
        status: 'deprecated',
        deprecation: { sunset: '2027-01-31', replacement: 'commerce/orders-v2' },
        outputPorts: [port('orders-v1', 'commerce.orders.v1')],
      }),
      'catalog/commerce/orders-v2/product.yaml': product('orders-v2', {
        outputPorts: [port('orders-v2', 'commerce.orders.v2', { writer: 'User:svc-orders-v2' })],
      }),
      'catalog/commerce/orders-v2/schemas/value.avsc': record('Order'),
    });
    const doc = docOf(catalog, 'commerce/orders') as Doc;
    expect(doc.info.description).toMatch(/^Deprecated, sunset 2027-01-31; use commerce\/orders-v2 instead\. /);
    expect(doc.info.tags).toContainEqual({ name: 'deprecated' });
    expect(doc.info['x-mesh-steward']).toMatchObject({ status: 'deprecated', deprecation: { sunset: '2027-01-31' } });
    expect(doc.channels['orders-v1']['x-mesh-steward']).toMatchObject({ deprecated: true });
    const active = docOf(catalog, 'commerce/orders-v2') as Doc;
    expect(active.info.tags ?? []).not.toContainEqual({ name: 'deprecated' });
    expect(active.channels['orders-v2']['x-mesh-steward']).not.toHaveProperty('deprecated');
  });
});
