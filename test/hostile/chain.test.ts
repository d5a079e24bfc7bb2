import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Located } from './avro-cases.js';
import { runBounded } from './bounded.js';
import { chainRepo, PRODUCT, SCHEMAS } from './chain-cases.js';

// Issue 11, case 6: a chain of 2,000 schema files, each using the previous one, through `steward check` and the plan.

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tuples = (findings: readonly Located[]) => findings.map(([rule, path, line]) => [rule, path, line]);

/**
 * `steward check` on a change to file 1,500 of the chain: the port and the 500 referenced files from there on
 * register new versions, and each is judged against the base (the other 1,499 are unchanged).
 */
async function checkChain(withDefault: boolean) {
  const dir = chainRepo(2000, 1500, withDefault);
  made.push(dir);
  const args = ['check', '--base', 'main', '--today', '2026-12-02', '--format', 'json'];
  const { value } = await runBounded<{ code: number; findings: Located[] }>(
    './avro-cases.ts',
    'cliFindings',
    [args, dir],
    {
      stackMb: 1,
    },
  );
  return value;
}

describe('hostile chain: steward check on 2,000 chained schema files', () => {
  it('a compatible change in the middle of the chain passes', async () => {
    const value = await checkChain(true);
    expect(value).toEqual({ code: 0, findings: [] });
  });

  it('a breaking change in the middle of the chain is located once, on its line', async () => {
    const value = await checkChain(false);
    expect(value.code).toBe(1);
    expect(tuples(value.findings)).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PRODUCT, 21],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', `${SCHEMAS}/t1500.avsc`, 11],
    ]);
  });
});

describe('hostile chain: the desired state of 2,000 and 5,000 chained schema files', () => {
  for (const length of [2000, 5000]) {
    it(`registers each of ${length.toLocaleString('en')} files as a subject after the one it references`, async () => {
      const { value } = await runBounded<{ subject: string; references: string[] }[]>(
        './chain-cases.ts',
        'desiredOfChain',
        [length],
        { stackMb: 1 },
      );
      // The port's file is the last of the chain; the other files come first, each after the one it references.
      expect(value).toHaveLength(length);
      const name = (i: number) => `h.T${String(i).padStart(4, '0')}`;
      expect(value[0]).toEqual({ subject: name(0), references: [] });
      expect(value[1]).toEqual({ subject: name(1), references: [name(0)] });
      expect(value[length - 2]).toEqual({ subject: name(length - 2), references: [name(length - 3)] });
      expect(value[length - 1]).toEqual({ subject: 'commerce.orders.v1-value', references: [name(length - 2)] });
    });
  }
});
