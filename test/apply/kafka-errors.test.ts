import { describe, expect, it } from 'vitest';
import { TimeoutError } from '@platformatic/kafka';
import { perItem } from '../../src/apply/kafka-errors.js';

describe('a Kafka admin request that timed out', () => {
  it('leaves every item of the batch unknown when it was sent, failed when the connection never opened', async () => {
    const sent = await perItem(['a', 'b'], () => Promise.reject(new TimeoutError('Request timed out')));
    expect(sent.map((r) => [r.name, r.unknown, r.error])).toEqual([
      ['a', true, expect.stringMatching(/Request timed out/)],
      ['b', true, expect.stringMatching(/Request timed out/)],
    ]);
    const never = await perItem(['a'], () => Promise.reject(new TimeoutError('Connection to b:9092 timed out.')));
    expect(never[0]?.unknown).toBeUndefined();
    expect(never[0]?.error).toMatch(/timed out/);
  });
});
