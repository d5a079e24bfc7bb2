import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const schemasDir = join(import.meta.dirname, '..', '..', 'schemas');
const files = readdirSync(schemasDir).filter((f) => f.endsWith('.json'));

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The JSON pointers of every subschema that an editor shows on hover and that has no `description` of its own: each
 * named property (`properties`, `patternProperties`), each definition (`$defs`, `definitions`), and each `items` and
 * object `additionalProperties`, searched through all of those and through `allOf`/`anyOf`/`oneOf`/`prefixItems`.
 */
function undescribed(schema: Schema, pointer = ''): string[] {
  const missing: string[] = [];
  const visit = (child: unknown, at: string, needsDescription: boolean) => {
    if (!isSchema(child)) return;
    if (needsDescription && typeof child.description !== 'string') missing.push(at);
    missing.push(...undescribed(child, at));
  };
  for (const key of ['properties', 'patternProperties', '$defs', 'definitions']) {
    const members = schema[key];
    if (isSchema(members))
      for (const [name, child] of Object.entries(members)) visit(child, `${pointer}/${key}/${name}`, true);
  }
  for (const key of ['items', 'additionalProperties']) visit(schema[key], `${pointer}/${key}`, true);
  for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((child, i) => visit(child, `${pointer}/${key}/${i}`, false));
  }
  return missing;
}

describe('JSON Schema descriptions, for editor hovers', () => {
  it('finds every schema file', () => {
    expect(files).toEqual([
      'common.v1.schema.json',
      'domain.v1.schema.json',
      'product.v1.schema.json',
      'rules.v1.schema.json',
      'settings.v1.schema.json',
    ]);
  });

  it.each(files)('%s describes every property, definition, item and additional property', (file) => {
    const schema = JSON.parse(readFileSync(join(schemasDir, file), 'utf8')) as Schema;
    expect(typeof schema.description === 'string' || typeof schema.title === 'string').toBe(true);
    expect(undescribed(schema)).toEqual([]);
  });

  it('finds what is missing at any depth', () => {
    const schema = {
      properties: {
        a: { description: 'a', properties: { b: { type: 'string' } } },
        c: { description: 'c', type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } },
      },
      patternProperties: { '^x-': { type: 'string' } },
      $defs: { d: { allOf: [{ properties: { e: {} } }] } },
      definitions: { f: { description: 'f', additionalProperties: false } },
    };
    expect(undescribed(schema)).toEqual([
      '/properties/a/properties/b',
      '/properties/c/items',
      '/properties/c/items/additionalProperties',
      '/patternProperties/^x-',
      '/$defs/d',
      '/$defs/d/allOf/0/properties/e',
    ]);
  });
});
