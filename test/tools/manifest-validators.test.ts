import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as compiled from '../../src/catalog/generated/manifest-validators.js';
import { validatorsPath, validatorsSource } from '../../tools/validators-source.js';

// Issue 13, point 3: the manifest validators are compiled at build time, and the committed module is current.
describe('the compiled manifest validators', () => {
  it('are what tools/build-validators.ts compiles from schemas/ today', () => {
    expect(readFileSync(validatorsPath, 'utf8')).toBe(validatorsSource());
  });

  it('validate without compiling: formats, errors with their schema, no require()', () => {
    const source = readFileSync(validatorsPath, 'utf8');
    expect(source).not.toMatch(/\brequire\(|new Ajv/);
    const validate = compiled.Domain as unknown as ((v: unknown) => boolean) & { errors?: unknown[] };
    expect(validate({ apiVersion: 'mesh-steward/v1', kind: 'Domain', name: 'commerce' })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'required', parentSchema: { type: 'object' } });
  });
});
