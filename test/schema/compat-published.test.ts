import { describe, expect, it } from 'vitest';
import { avroPublishedCases } from '../support/avro-published-cases.js';
import { ourVerdict } from '../support/avro-verdicts.js';

// The same cases run against Java in the integration suite; here they hold our checker to Avro's published verdicts.
describe("Avro's published reader/writer cases", () => {
  it.each(avroPublishedCases)('$name', (c) => {
    expect(ourVerdict(c)).toBe(c.expected);
  });
});
