import { resolveSchemaPath } from '../catalog/load-product.js';
import type { EnvironmentManifest, InputPortManifest, SchemaRef } from '../catalog/manifest-types.js';
import type { Product } from '../catalog/model.js';
import type { PortView, SiteModel } from './model.js';

/**
 * A product as an AsyncAPI 3.0.0 document, for the catalogs and code generators that read AsyncAPI: one channel
 * per output port (address: its topic) with a `send` operation, one per input port (the producer's topic) with a
 * `receive` operation, each message carrying its Avro schemas as multi-format schemas, Kafka bindings with the
 * values the plan gives the topic (`PortView`), and a server per declared environment. Pure and deterministic: keys
 * come in the catalog's order, so the same catalog always gives the same bytes.
 *
 * The settings hold the NAMES of the variables with the brokers and registry, never their values: a server's host
 * is the server variable `brokers`, whose description names the variable to read it from.
 */
export type AsyncApiDocument = { readonly asyncapi: '3.0.0' } & Record<string, unknown>;

export const avroSchemaFormat = 'application/vnd.apache.avro;version=1.9.0';
const kafkaBindingVersion = '0.5.0';

/** The site path of a product's AsyncAPI document. */
export function asyncApiPath(productId: string): string {
  return `asyncapi/${productId}.json`;
}

/** Every product's document, by site path: what `buildSite` writes. */
export function* asyncApiFiles(model: SiteModel): Generator<readonly [path: string, text: string], void, undefined> {
  for (const p of model.products) yield [asyncApiPath(p.id), renderAsyncApiText(model, p)];
}

/**
 * The document as JSON: compact for the site (10,000 documents with their schemas), indented for a person
 * (`indent`); `<` as \u003c, the same JSON, so no catalog text reads as markup if a host serves it as HTML.
 */
export function renderAsyncApiText(model: SiteModel, product: Product, indent?: number): string {
  return `${JSON.stringify(renderAsyncApi(model, product), null, indent).replace(/</g, '\\u003c')}\n`;
}

export function renderAsyncApi(model: SiteModel, product: Product): AsyncApiDocument {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const ids = uniqueIds();
  for (const view of model.ports.get(product.id) ?? []) {
    const id = ids(view.manifest.name);
    channels[id] = channel(product, view, id, schemas);
    operations[`send-${id}`] = operation('send', id, {
      'x-writer': view.manifest.writer,
      ...(view.manifest.description ? { summary: view.manifest.description } : {}),
    });
  }
  for (const input of product.manifest.inputPorts ?? []) {
    const producer = model.catalog.products.get(input.product);
    const view = model.ports.get(input.product)?.find((v) => v.manifest.name === input.port);
    // The catalog checks every reference; a product loaded without its producer (a partial catalog) has no channel.
    if (!producer || !view) continue;
    const id = ids(`input-${input.name}`);
    // The producer's schemas stay in the producer's document: copied into every reader's, 10,000 documents would
    // carry each popular schema once per consumer.
    channels[id] = channel(producer, view, id, undefined);
    operations[`receive-${id}`] = operation('receive', id, receiveDetails(input));
  }
  const servers = renderServers(model.catalog.settings?.manifest.environments ?? []);
  return {
    asyncapi: '3.0.0',
    id: `urn:mesh-steward:product:${product.id.replace(/\//g, ':')}`,
    info: info(product),
    ...(Object.keys(servers).length > 0 ? { servers } : {}),
    defaultContentType: 'application/octet-stream',
    channels,
    operations,
    components: { schemas },
  };
}

function info(product: Product): Record<string, unknown> {
  const m = product.manifest;
  const deprecated = m.status === 'deprecated' || m.status === 'retired';
  const banner =
    m.status === 'deprecated'
      ? `Deprecated${m.deprecation?.sunset ? `, sunset ${m.deprecation.sunset}` : ''}${m.deprecation?.replacement ? `; use ${m.deprecation.replacement} instead` : ''}. `
      : m.status === 'retired'
        ? 'Retired: no longer published. '
        : '';
  const tags = [...(m.tags ?? []), ...(deprecated ? [m.status] : [])];
  return {
    title: m.title ?? m.name,
    // The catalog keeps no version of a product: its schemas' versions are the registry's, per subject.
    version: 'unversioned',
    description: `${banner}${m.description}`,
    contact: { name: m.owners.accountable.join(', ') },
    ...(tags.length > 0 ? { tags: tags.map((name) => ({ name })) } : {}),
    'x-mesh-steward': {
      product: product.id,
      domain: product.domainId,
      status: m.status,
      classification: m.classification,
      owners: m.owners,
      ...(m.sla ? { sla: m.sla } : {}),
      ...(m.quality ? { quality: m.quality } : {}),
      ...(m.deprecation ? { deprecation: m.deprecation } : {}),
      ...(m.links ? { links: m.links } : {}),
    },
  };
}

/** A port's channel; `schemas` undefined: a port of another product, whose schemas its own document holds. */
function channel(owner: Product, view: PortView, id: string, schemas: Record<string, unknown> | undefined): unknown {
  const port = view.manifest;
  const value = schemas && schemaComponent(owner, port.value, `${id}-value`, schemas);
  const key = schemas && port.key ? schemaComponent(owner, port.key, `${id}-key`, schemas) : undefined;
  const deprecation = port.deprecation ?? (owner.manifest.status === 'deprecated' ? owner.manifest.deprecation : {});
  return {
    address: port.topic,
    title: `${owner.id}#${port.name}`,
    ...(port.description ? { description: port.description } : {}),
    messages: {
      [messageId(id)]: {
        name: port.name,
        title: `${owner.id}#${port.name}`,
        ...(value ? { payload: value } : {}),
        bindings: {
          kafka: {
            ...(key ? { key } : {}),
            // Confluent's wire format: a magic byte and the registry's schema id before the Avro bytes.
            schemaIdLocation: 'payload',
            schemaLookupStrategy: 'TopicNameStrategy',
            bindingVersion: kafkaBindingVersion,
          },
        },
      },
    },
    bindings: { kafka: channelBinding(view) },
    'x-mesh-steward': {
      product: owner.id,
      port: port.name,
      ...(schemas ? {} : { document: asyncApiPath(owner.id) }),
      writer: port.writer,
      ...(view.compatibility ? { compatibility: view.compatibility } : {}),
      consumers: view.consumers,
      ...(port.deprecation || owner.manifest.status === 'deprecated' ? { deprecated: true, deprecation } : {}),
      ...(view.retired ? { retired: true } : {}),
    },
  };
}

const messageId = (channelId: string) => `${channelId}-event`;

/** A `$ref` to the schema in components, or undefined when the file is missing or not JSON (its findings say so). */
function schemaComponent(
  owner: Product,
  ref: SchemaRef,
  name: string,
  schemas: Record<string, unknown>,
): { $ref: string } | undefined {
  const path = resolveSchemaPath(owner.id, ref.schema);
  const text = path === undefined ? undefined : owner.schemas.get(path)?.document.text;
  if (text === undefined) return undefined;
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    return undefined;
  }
  schemas[name] = { schemaFormat: avroSchemaFormat, schema };
  return { $ref: `#/components/schemas/${name}` };
}

/** Configs the Kafka binding types (integers, the cleanup policy as a list) in its types; the others as strings. */
const integerConfigs = new Set(['retention.ms', 'retention.bytes', 'delete.retention.ms', 'max.message.bytes']);

function channelBinding(view: PortView): Record<string, unknown> {
  const topicConfiguration = Object.fromEntries(
    Object.entries(view.configs).map(([name, value]): [string, unknown] => {
      if (name === 'cleanup.policy') return [name, value.split(',').map((p) => p.trim())];
      if (integerConfigs.has(name) && /^-?\d+$/.test(value)) return [name, Number(value)];
      return [name, value];
    }),
  );
  return {
    topic: view.manifest.topic,
    ...(view.partitions === undefined ? {} : { partitions: view.partitions }),
    ...(view.replicationFactor === undefined ? {} : { replicas: view.replicationFactor }),
    ...(Object.keys(topicConfiguration).length > 0 ? { topicConfiguration } : {}),
    bindingVersion: kafkaBindingVersion,
  };
}

function operation(action: 'send' | 'receive', channelId: string, details: Record<string, unknown>): unknown {
  return {
    action,
    channel: { $ref: `#/channels/${channelId}` },
    messages: [{ $ref: `#/channels/${channelId}/messages/${messageId(channelId)}` }],
    ...details,
  };
}

function receiveDetails(input: InputPortManifest): Record<string, unknown> {
  return {
    ...(input.description ? { summary: input.description } : {}),
    bindings: {
      kafka: { groupId: { type: 'string', enum: [input.consumerGroup] }, bindingVersion: kafkaBindingVersion },
    },
    'x-principal': input.principal,
    'x-input-port': input.name,
  };
}

/**
 * One server per declared environment, in promotion order. Its host is the variable `brokers`: the settings name
 * the variable that holds the bootstrap servers, never the servers themselves.
 */
function renderServers(environments: readonly EnvironmentManifest[]): Record<string, unknown> {
  return Object.fromEntries(
    environments.map((env) => {
      const registry = `the Schema Registry at the URL in the variable ${env.registry.url}`;
      const sasl = env.kafka.saslMechanism ? ` SASL mechanism in ${env.kafka.saslMechanism}.` : '';
      const description = `${env.description ? `${env.description} ` : ''}Bootstrap servers: the value of the variable ${env.kafka.brokers}; schemas in ${registry}.${sasl}`;
      return [
        env.name,
        {
          host: '{brokers}',
          protocol: env.kafka.tls === true ? 'kafka-secure' : 'kafka',
          title: env.clusterName ?? env.name,
          description,
          variables: {
            brokers: { description: `The bootstrap servers of ${env.name}: the value of ${env.kafka.brokers}.` },
          },
          'x-mesh-steward': {
            environment: env.name,
            variables: { ...env.kafka, registry: env.registry },
            ...(env.branch ? { branch: env.branch } : {}),
          },
        },
      ];
    }),
  );
}

/** Channel ids from port names, made unique (an output port may be named like another channel's id). */
function uniqueIds(): (wanted: string) => string {
  const taken = new Set<string>();
  return (wanted) => {
    let id = wanted;
    for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
    taken.add(id);
    return id;
  };
}
