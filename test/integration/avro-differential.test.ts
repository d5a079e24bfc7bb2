import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { schemaPairArbitrary, type SchemaPair } from '../support/avro-pair-gen.js';
import { buildOracle, runOracle } from '../support/avro-oracle.js';
import { javaVerdict, ourVerdict } from '../support/avro-verdicts.js';
import { avroPublishedCases } from '../support/avro-published-cases.js';

const pairCount = Number(process.env['DIFF_PAIRS'] ?? 10_000);

beforeAll(buildOracle);

/** Compares our verdicts with Java's for every pair and summarises what differs. */
function compare(pairs: readonly SchemaPair[], java: readonly string[]) {
  const disagreements: string[] = [];
  const javaKinds = new Map<string, number>();
  pairs.forEach((pair, i) => {
    const line = java[i];
    const kind = line?.split(' ')[0] ?? 'MISSING';
    javaKinds.set(kind, (javaKinds.get(kind) ?? 0) + 1);
    const types = kind === 'INCOMPATIBLE' ? (line?.split(' ')[1]?.split(',') ?? []) : [];
    for (const type of types) javaKinds.set(type, (javaKinds.get(type) ?? 0) + 1);
    const ours = ourVerdict(pair);
    if (ours !== javaVerdict(line))
      disagreements.push(`ours ${ours}, java ${line}\n  reader ${pair.reader}\n  writer ${pair.writer}`);
  });
  return { disagreements, javaKinds };
}

describe('differential: our checker against Apache Avro Java SchemaCompatibility', () => {
  it(`agrees on ${pairCount} generated reader/writer pairs`, async () => {
    const pairs = fc.sample(schemaPairArbitrary, {
      numRuns: pairCount,
      seed: Number(process.env['DIFF_SEED'] ?? 20240601),
    });
    const java = await runOracle(pairs);
    expect(java).toHaveLength(pairs.length);
    const { disagreements, javaKinds } = compare(pairs, java);
    console.log(
      `differential: ${pairs.length} pairs, ${disagreements.length} disagreements; Java said ${JSON.stringify(Object.fromEntries(javaKinds))}`,
    );
    if (disagreements.length > 0) console.log(disagreements.slice(0, 5).join('\n'));
    expect(disagreements.length).toBe(0);
    expect(javaKinds.get('PARSE_ERROR') ?? 0).toBe(0);
  });

  it("agrees on Avro's own published reader/writer cases, and both match the published verdict", async () => {
    const pairs = avroPublishedCases.map((c) => ({ reader: c.reader, writer: c.writer }));
    const java = await runOracle(pairs);
    const wrong = avroPublishedCases.flatMap((c, i) => {
      const ours = ourVerdict(pairs[i] as SchemaPair);
      const theirs = javaVerdict(java[i]);
      return ours === c.expected && theirs === c.expected
        ? []
        : [`${c.name}: expected ${c.expected}, ours ${ours}, java ${java[i]}`];
    });
    console.log(`published cases: ${avroPublishedCases.length} run, ${wrong.length} differing`);
    expect(wrong).toEqual([]);
  });
});
