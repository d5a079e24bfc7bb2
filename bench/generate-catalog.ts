import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes a synthetic but realistic mesh: 10 domains × 10 sub-domains, `products` products each with a key and a
 * value schema (a 20-field record with a nested record, an enum, a union and logical types) and one input port on
 * the previous product, so references and single-writer checks have real work to do.
 */
export function generateCatalog(root: string, products: number): void {
  for (const [path, text] of generateCatalogFiles(products)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** The same mesh in memory: repository path → text. */
export function generateCatalogFiles(products: number): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    'rules/global.yaml',
    'apiVersion: mesh-steward/v1\nkind: Rules\ngovernance:\n  owners: ["@acme/gov"]\nrules: {}\n',
  );
  const ids: string[] = [];
  for (let i = 0; i < products; i++) {
    const d = `d${i % 10}`;
    // Domain names are unique mesh-wide and equal their folder names, so sub-domains carry their parent's prefix.
    const s = `${d}s${Math.floor(i / 10) % 10}`;
    const name = `product-${i}`;
    const dir = `catalog/${d}/${s}/${name}`;
    if (i < 100) writeDomains(files, d, s);
    const previous = ids[i - 1];
    files.set(`${dir}/product.yaml`, manifest(name, `${d}.${s}.${name}.v1`, previous));
    files.set(
      `${dir}/schemas/key.avsc`,
      '{"type": "record", "name": "Key", "namespace": "com.acme.k' +
        i +
        '", "doc": "Key.", "fields": [{"name": "id", "type": "string", "doc": "Id."}]}\n',
    );
    files.set(`${dir}/schemas/value.avsc`, valueSchema(i));
    ids.push(`${d}/${s}/${name}`);
  }
  return files;
}

function writeDomains(files: Map<string, string>, d: string, s: string): void {
  for (const [id, name] of [
    [d, d],
    [`${d}/${s}`, s],
  ] as const) {
    const text = `apiVersion: mesh-steward/v1\nkind: Domain\nname: ${name}\ndescription: Domain ${id}.\nowners: ["@acme/${name}-leads"]\n`;
    files.set(`catalog/${id}/domain.yaml`, text);
  }
}

function manifest(name: string, topic: string, previous: string | undefined): string {
  const input = previous
    ? `inputPorts:\n  - name: upstream\n    product: ${previous}\n    port: events-v1\n    principal: User:svc-${name}\n    consumerGroup: ${name}\n`
    : '';
  return `apiVersion: mesh-steward/v1
kind: DataProduct
name: ${name}
description: Synthetic product ${name} for the load benchmark.
status: active
classification: internal
tags: [bench, synthetic]
owners:
  accountable: ["@acme/${name}"]
  responsible: ["@acme/${name}-dev"]
  consulted: ["@acme/analytics"]
  informed: ["@acme/platform"]
sla:
  tier: gold
  availability: 99.9
  freshness: PT5M
  support: "#${name}"
quality: curated
outputPorts:
  - name: events-v1
    description: Events of ${name}.
    topic: ${topic}
    key: { schema: schemas/key.avsc }
    value: { schema: schemas/value.avsc }
    compatibility: BACKWARD
    partitions: 6
    replicationFactor: 3
    configs:
      retention.ms: "604800000"
      cleanup.policy: delete
    writer: User:svc-${name}
${input}`;
}

function valueSchema(i: number): string {
  const fields = [
    { name: 'id', type: { type: 'string', logicalType: 'uuid' }, doc: 'Event id.' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'When it happened.' },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 }, doc: 'Amount.' },
    {
      name: 'status',
      type: {
        type: 'enum',
        name: 'Status',
        doc: 'Processing state.',
        symbols: ['NEW', 'DONE', 'FAILED'],
        default: 'NEW',
      },
      doc: 'Status.',
    },
    {
      name: 'address',
      type: {
        type: 'record',
        name: 'Address',
        doc: 'Address.',
        fields: [{ name: 'city', type: 'string', doc: 'City.' }],
      },
      doc: 'Where.',
    },
    ...Array.from({ length: 15 }, (_, k) => ({
      name: `f${k}`,
      type: ['null', 'string'],
      default: null,
      doc: `Field ${k}.`,
    })),
  ];
  return `${JSON.stringify({ type: 'record', name: 'Event', namespace: `com.acme.p${i}`, doc: 'An event.', fields }, null, 2)}\n`;
}
