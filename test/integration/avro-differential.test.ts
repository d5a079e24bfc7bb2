import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { schemaPairArbitrary, type SchemaPair } from '../support/avro-pair-gen.js';
import { buildOracle, runOracle } from '../support/avro-oracle.js';
import { javaVerdict, ourVerdict } from '../support/avro-verdicts.js';
import { fixture } from '../support/compat-helpers.js';
import { checkCompatibility } from '../../src/schema/compat-check.js';
import { avroEdgeCases } from '../support/avro-edge-cases.js';
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

/** How many pairs use each construct, on either side. */
function constructCounts(pairs: readonly SchemaPair[]): Record<string, number> {
  const patterns: Record<string, RegExp> = {
    fieldAlias: /"name":"\w+","type":[^{]*?"aliases"|"aliases":\["\w+"\]/,
    namedAlias: /"aliases":\["[\w.]*\./,
    enumDefault: /"type":"enum","name":"\w+","symbols":\[[^\]]*\],"default"/,
    decimal: /"logicalType":"decimal"/,
    fixed: /"type":"fixed"/,
    array: /"type":"array"/,
    map: /"type":"map"/,
    namespace: /"namespace":"[\w.]+"/,
    recursion: /\["null","(?:[\w.]+\.)?R\d+"\]/,
    union: /"type":\[/,
  };
  const counts: Record<string, number> = {};
  for (const [name, re] of Object.entries(patterns))
    counts[name] = pairs.filter((p) => re.test(p.reader) || re.test(p.writer)).length;
  return counts;
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
      `differential: ${pairs.length} pairs, ${disagreements.length} disagreements; Java said ${JSON.stringify(Object.fromEntries(javaKinds))}; pairs per construct ${JSON.stringify(constructCounts(pairs))}`,
    );
    if (disagreements.length > 0) console.log(disagreements.slice(0, 5).join('\n'));
    expect(disagreements.length).toBe(0);
    expect(javaKinds.get('PARSE_ERROR') ?? 0).toBe(0);
    // The generator must keep reaching every incompatibility Avro knows, and every construct the rules look at.
    const avroTypes = [
      'READER_FIELD_MISSING_DEFAULT_VALUE',
      'TYPE_MISMATCH',
      'MISSING_UNION_BRANCH',
      'MISSING_ENUM_SYMBOLS',
      'NAME_MISMATCH',
      'FIXED_SIZE_MISMATCH',
    ];
    for (const type of avroTypes) expect(javaKinds.get(type) ?? 0, type).toBeGreaterThan(pairCount / 1000);
    for (const [construct, count] of Object.entries(constructCounts(pairs)))
      expect(count, construct).toBeGreaterThan(pairCount / 1000);
  });

  it.each([
    ["Avro's own published reader/writer cases", avroPublishedCases],
    ['hand-written corners of resolution', avroEdgeCases],
  ])('agrees on %s, and both give the expected verdict', async (label, cases) => {
    const java = await runOracle(cases);
    const wrong = cases.flatMap((c, i) => {
      const ours = ourVerdict(c);
      const theirs = javaVerdict(java[i]);
      return ours === c.expected && theirs === c.expected
        ? []
        : [`${c.name}: expected ${c.expected}, ours ${ours}, java ${java[i]}`];
    });
    console.log(`${label}: ${cases.length} run, ${wrong.length} differing`);
    expect(wrong).toEqual([]);
  });

  it("reports the same kinds of break as Java on Avro's multiple-incompatibilities example", async () => {
    const [reader, writer] = ['reader', 'writer'].map((side) => fixture(`multiple/${side}.avsc`).text);
    const [java] = await runOracle([{ reader: reader as string, writer: writer as string }]);
    const ours = checkCompatibility(fixture('multiple/reader.avsc'), [fixture('multiple/writer.avsc')], 'BACKWARD');
    expect(java).toBe(`INCOMPATIBLE ${[...new Set(ours.findings.map((f) => f.ruleId))].sort().join(',')}`);
  });
});
