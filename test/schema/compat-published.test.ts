import { describe, expect, it } from 'vitest';
import { avroEdgeCases } from '../support/avro-edge-cases.js';
import { avroPublishedCases } from '../support/avro-published-cases.js';
import { ourVerdict } from '../support/avro-verdicts.js';

// The same cases run against Java in the integration suite; here they hold our checker to Avro's verdicts.
describe("Avro's published reader/writer cases", () => {
  it.each(avroPublishedCases)('$name', (c) => {
    expect(ourVerdict(c)).toBe(c.expected);
  });
});

describe('corners of Avro resolution', () => {
  it.each(avroEdgeCases)('$name', (c) => {
    expect(ourVerdict(c)).toBe(c.expected);
  });
});
