import { join } from 'node:path';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { referencedFiles } from '../../src/catalog/port-schemas.js';
import { resolveSchemaPath } from '../../src/catalog/load-product.js';
import type { Product } from '../../src/catalog/model.js';
import { parseJson } from '../../src/core/json-parse.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { parseAvroFiles } from '../../src/schema/avro-parse.js';
import type { AvroType } from '../../src/schema/avro-model.js';
import { validateExample } from '../../src/schema/avro-example.js';
import { generateExample, renderExampleEvent } from '../../src/site/example-event.js';
import { squash } from './site-files.js';

const repoRoot = join(import.meta.dirname, '..', '..');

function typeOf(schema: object, others: object[] = []): AvroType {
  const files = [schema, ...others].map((s, i) => ({ path: `s${i}.avsc`, root: parseJson(JSON.stringify(s)).root! }));
  const type = parseAvroFiles(files).schemas.get('s0.avsc');
  if (!type) throw new Error('schema is not valid');
  return type;
}

/** avsc's own reading of a schema file with the files it references: the independent judge of an example. */
function avscType(product: Product, path: string): avro.Type {
  const file = product.schemas.get(path)!;
  const registry = {};
  const pending = referencedFiles(file.type!, path).map((p) => JSON.parse(product.schemas.get(p)!.document.text));
  // A referenced file may itself use another: parse them in whatever order lets each resolve.
  for (let round = 0; pending.length > 0 && round < 20; round++)
    for (const schema of [...pending])
      try {
        avro.Type.forSchema(schema, { registry, wrapUnions: true });
        pending.splice(pending.indexOf(schema), 1);
      } catch {
        // retried next round, once what it uses is registered
      }
  return avro.Type.forSchema(JSON.parse(file.document.text), { registry, wrapUnions: true });
}

describe('generateExample', () => {
  it('gives every schema of the example catalog an event that avsc and our checker both read', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(repoRoot));
    let checked = 0;
    for (const product of catalog.products.values())
      for (const port of product.manifest.outputPorts ?? [])
        for (const role of ['key', 'value'] as const) {
          const ref = port[role];
          const path = ref && resolveSchemaPath(product.id, ref.schema);
          const type = path && product.schemas.get(path)?.type;
          if (!path || !type) continue;
          const { json } = generateExample(type)!;
          const avsc = avscType(product, path);
          const paths: string[] = [];
          expect(
            avsc.isValid(avsc.fromString(json), { errorHook: (p) => paths.push(p.join('.')) }),
            `${path}: ${paths.join(', ')}`,
          ).toBe(true);
          expect(validateExample(type, parseJson(json).root!), path).toBeUndefined();
          checked++;
        }
    expect(checked).toBeGreaterThan(20);
  });

  it('is deterministic and readable: the same schema gives the same bytes, timestamps at one fixed instant', () => {
    const schema = {
      type: 'record',
      name: 'Shipment',
      namespace: 'com.acme',
      fields: [
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'shippedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 } },
        { name: 'carrier', type: ['null', 'string'] },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'DONE'] } },
      ],
    };
    const first = generateExample(typeOf(schema))!;
    expect(generateExample(typeOf(schema))).toEqual(first);
    const event = JSON.parse(first.json) as Record<string, unknown>;
    expect(event).toMatchObject({ shippedAt: 1767225600000, day: 20454, status: 'NEW' });
    expect(event['carrier']).toEqual({ string: expect.stringMatching(/^carrier-[0-9a-f]{4}$/) as string });
    expect(event['id']).toMatch(/^[0-9a-f]{8}-0000-4000-8000-[0-9a-f]{12}$/);
    expect(first.readings).toEqual([
      { path: 'shippedAt', logicalType: 'timestamp-millis', reading: '2026-01-01T00:00:00.000Z' },
      { path: 'day', logicalType: 'date', reading: '2026-01-01' },
      { path: 'price', logicalType: 'decimal(6, 2)', reading: expect.stringMatching(/^\d{2}\.\d{2}$/) as string },
    ]);
    expect(first.json).toBe(JSON.stringify(event, null, 2));
  });

  it('ends a recursive type at its first repetition', () => {
    const node = {
      type: 'record',
      name: 'Node',
      namespace: 'com.acme',
      fields: [
        { name: 'label', type: 'string' },
        { name: 'next', type: ['null', 'com.acme.Node'] },
        { name: 'children', type: { type: 'array', items: 'com.acme.Node' } },
      ],
    };
    const event = JSON.parse(generateExample(typeOf(node))!.json) as Record<string, unknown>;
    expect(event).toEqual({ label: expect.any(String) as string, next: null, children: [] });
  });
});

it('gives up, saying so, on a schema whose shared types multiply past the budget', () => {
  // T0 has two fields of T1, which has two of T2, …: 2^14 leaves, written out at each use.
  const levels = 14;
  const types = Array.from({ length: levels }, (_, i) => ({
    type: 'record',
    name: `T${i}`,
    namespace: 'com.acme',
    fields:
      i === levels - 1
        ? [{ name: 'leaf', type: 'int' }]
        : [
            { name: 'a', type: `com.acme.T${i + 1}` },
            { name: 'b', type: `com.acme.T${i + 1}` },
          ],
  }));
  const type = typeOf(types[0]!, types.slice(1));
  expect(generateExample(type)).toBeUndefined();
  expect(squash(renderExampleEvent({ schema: 't.avsc' }, type, 'value').text)).toContain(
    'No example event: one would hold more than 5,000 values. Declare one with <code>value.example</code>',
  );
});

describe('renderExampleEvent', () => {
  const type = typeOf({ type: 'record', name: 'R', fields: [{ name: 'note', type: 'string' }] });

  it('labels a generated example as generated', () => {
    const text = squash(renderExampleEvent({ schema: 'r.avsc' }, type, 'value').text);
    expect(text).toContain('Example event <span class="muted">(generated from the schema, not real data)</span>');
    expect(text).toContain('&quot;note&quot;: &quot;note-');
  });

  it('names a key that is no record after its role', () => {
    const key = typeOf({ type: 'string' } as unknown as object);
    expect(squash(renderExampleEvent({ schema: 'k.avsc' }, key, 'key').text)).toMatch(/&quot;key-[0-9a-f]{4}&quot;/);
  });

  it("shows the manifest's own example as the manifest's, escaped", () => {
    const text = squash(
      renderExampleEvent({ schema: 'r.avsc', example: { note: '<script>x</script>' } }, type, 'key').text,
    );
    expect(text).toContain('Example key <span class="muted">(from the product\'s manifest)</span>');
    expect(text).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('generated');
  });
});
