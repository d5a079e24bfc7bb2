import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompatibility, checkReaderWriter } from '../../src/schema/compat-check.js';
import { schemaPairArbitrary } from '../support/avro-pair-gen.js';
import { parseOne } from '../support/avro-verdicts.js';

// Properties of the whole pipeline on random evolutions; agreement with Java is the integration suite's job.
describe('checkCompatibility on random schema evolutions', () => {
  it('explains every break with a located finding in each file, and its status follows the verdict', () => {
    fc.assert(
      fc.property(schemaPairArbitrary, (pair) => {
        const candidate = { path: 'new.avsc', text: pair.reader };
        const result = checkCompatibility(candidate, [{ path: 'old.avsc', text: pair.writer }], 'FULL');
        const reader = parseOne(pair.reader);
        const writer = parseOne(pair.writer);
        if (!reader || !writer) return;
        const verdict = checkReaderWriter(reader, writer).compatible && checkReaderWriter(writer, reader).compatible;
        expect(result.status).toBe(verdict ? 'compatible' : 'incompatible');
        const lines = (text: string) => text.split('\n').length;
        for (const f of result.findings) {
          expect(f.location.path).toBe('new.avsc');
          expect(f.location.line).toBeLessThanOrEqual(lines(pair.reader));
          expect(f.previousLocation?.path).toBe('old.avsc');
          expect(f.message).toMatch(/^[A-Z].*\.$/);
        }
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('finds a schema compatible with itself at every level', () => {
    fc.assert(
      fc.property(schemaPairArbitrary, (pair) => {
        const version = { path: 'a.avsc', text: pair.writer };
        expect(checkCompatibility(version, [version], 'FULL_TRANSITIVE')).toEqual({
          status: 'compatible',
          level: 'FULL_TRANSITIVE',
          findings: [],
        });
      }),
      { numRuns: 200, seed: 2 },
    );
  });
});
