import type { SourceEntry } from '../../src/core/source.js';

/** In-memory catalogs for the catalog/ tests: manifests are written as JSON, which is YAML too. */
export type Files = Record<string, string | object>;

/** A source tree of regular files; objects are written as pretty JSON. */
export function tree(files: Files): Map<string, SourceEntry> {
  return new Map(
    Object.entries(files).map(([path, content]) => [
      path,
      { kind: 'file', content: typeof content === 'string' ? content : JSON.stringify(content, null, 2) },
    ]),
  );
}

export function domain(name: string, extra: object = {}): object {
  return {
    apiVersion: 'mesh-steward/v1',
    kind: 'Domain',
    name,
    description: `The ${name} domain.`,
    owners: ['@acme/leads'],
    ...extra,
  };
}

export function product(name: string, extra: object = {}): object {
  return {
    apiVersion: 'mesh-steward/v1',
    kind: 'DataProduct',
    name,
    description: `The ${name} product.`,
    status: 'active',
    classification: 'internal',
    owners: { accountable: ['@acme/owners'] },
    ...extra,
  };
}

export function port(name: string, topic: string, extra: object = {}): object {
  return { name, topic, value: { schema: 'schemas/value.avsc' }, writer: 'User:svc-writer', ...extra };
}

export function input(name: string, productId: string, portName: string, extra: object = {}): object {
  return {
    name,
    product: productId,
    port: portName,
    principal: 'User:svc-reader',
    consumerGroup: `${name}-group`,
    ...extra,
  };
}

export function record(name: string, fields: object[] = [{ name: 'id', type: 'string' }]): object {
  return { type: 'record', name, namespace: 'com.acme', fields };
}

/** A valid mesh of one domain (`commerce`) and one product (`commerce/orders`) with one port, plus `files`. */
export function mesh(files: Files = {}): Map<string, SourceEntry> {
  return tree({
    'catalog/commerce/domain.yaml': domain('commerce'),
    'catalog/commerce/orders/product.yaml': product('orders', {
      outputPorts: [port('orders-v1', 'commerce.orders.v1')],
    }),
    'catalog/commerce/orders/schemas/value.avsc': record('Order'),
    ...files,
  });
}
