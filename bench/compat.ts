/**
 * Checks per second of our Avro reader/writer checker against Apache Avro Java's steady state, in one run, on two
 * corpora of 100-field records with nested records, optional unions, enums, arrays and maps, each paired with an
 * evolved version (new optional fields, promotions, added symbols and branches; a few pairs break):
 * - "realistic": most nested parts unchanged, as in real evolutions;
 * - "every part changed": every nested record, union and collection differs, so nothing can be skipped.
 * Run: node --import tsx bench/compat.ts [pairs] [seconds]
 */
import type { AvroType } from '../src/schema/avro-model.js';
import { checkReaderWriter } from '../src/schema/compat-check.js';
import { buildOracle, runOracle } from '../test/support/avro-oracle.js';
import type { SchemaPair } from '../test/support/avro-pair-gen.js';
import { parseOne } from '../test/support/avro-verdicts.js';

type Json = unknown;
const pairCount = Number(process.argv[2] ?? 40);
/** Length of each of the three timed rounds. */
const seconds = Number(process.argv[3] ?? 2);

/** A small deterministic PRNG so every run measures the same corpus. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function buildPair(n: number, changeAll: boolean): SchemaPair {
  const rand = prng(n + 1);
  const writerFields: Json[] = [];
  const readerFields: Json[] = [];
  for (let i = 0; i < 100; i++) {
    const [w, r] = fieldPair(`f${i}`, i, rand, changeAll);
    writerFields.push(w);
    if (r !== undefined) readerFields.push(r);
  }
  for (let i = 0; i < 5; i++) readerFields.push({ name: `added${i}`, type: ['null', 'string'], default: null });
  const record = (fields: Json[]) => ({ type: 'record', name: `Event${n}`, namespace: 'com.acme.bench', fields });
  return { reader: JSON.stringify(record(readerFields)), writer: JSON.stringify(record(writerFields)) };
}

/** One field in the writer and its evolved counterpart in the reader (undefined: dropped). */
function fieldPair(name: string, i: number, rand: () => number, changeAll: boolean): [Json, Json] {
  const roll = rand();
  // Drawn in both corpora, so that they differ only in what changes.
  const changeRoll = rand();
  const change = changeAll || changeRoll < 0.2;
  const optional = ['null', 'string'];
  if (roll < 0.3)
    return [
      { name, type: 'int' },
      { name, type: rand() < 0.5 ? 'long' : 'int' },
    ];
  if (roll < 0.45)
    return [
      { name, type: optional, default: null },
      { name, type: change ? [...optional, 'bytes'] : optional, default: null },
    ];
  if (roll < 0.55) {
    const symbols = ['A', 'B', 'C', 'D'];
    return [
      { name, type: { type: 'enum', name: `E${i}`, symbols } },
      { name, type: { type: 'enum', name: `E${i}`, symbols: change ? [...symbols, 'E'] : symbols } },
    ];
  }
  if (roll < 0.7)
    return [
      { name, type: nested(`N${i}`, 10, 'same') },
      { name, type: nested(`N${i}`, 10, rand() < 0.01 ? 'broken' : change ? 'extended' : 'same') },
    ];
  if (roll < 0.8)
    return [
      { name, type: { type: 'array', items: nested(`I${i}`, 5, 'same') } },
      { name, type: { type: 'array', items: nested(`I${i}`, 5, change ? 'extended' : 'same') } },
    ];
  if (roll < 0.9) {
    const values = ['null', 'long', 'string'];
    return [
      { name, type: { type: 'map', values } },
      { name, type: { type: 'map', values: change ? [...values, 'bytes'] : values } },
    ];
  }
  if (roll < 0.97) return [{ name, type: 'string', default: '' }, undefined];
  return [
    { name, type: 'float' },
    { name, type: rand() < 0.9 ? 'double' : 'int' },
  ];
}

/** A nested record; `extended` adds a defaulted field (compatible), `broken` a required one. */
function nested(name: string, fields: number, variant: 'same' | 'extended' | 'broken'): Json {
  const list: Json[] = Array.from({ length: fields }, (_, k) =>
    k % 3 === 2
      ? { name: `n${k}`, type: ['null', 'double'], default: null }
      : { name: `n${k}`, type: k % 3 === 0 ? 'long' : 'string' },
  );
  if (variant === 'extended') list.push({ name: 'extra', type: 'long', default: 0 });
  if (variant === 'broken') list.push({ name: 'required', type: 'string' });
  return { type: 'record', name, fields: list };
}

function benchOurs(parsed: readonly { reader: AvroType; writer: AvroType }[]): number {
  const runAll = () => {
    let compatible = 0;
    for (const p of parsed) if (checkReaderWriter(p.reader, p.writer).compatible) compatible++;
    return compatible;
  };
  const warmUntil = performance.now() + 2000;
  while (performance.now() < warmUntil) runAll();
  // Best of three rounds, as the Java side reports: the machine may be shared.
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let checks = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) {
      runAll();
      checks += parsed.length;
    }
    best = Math.max(best, checks / ((performance.now() - start) / 1000));
  }
  return best;
}

async function benchJava(pairs: readonly SchemaPair[]): Promise<number> {
  const repeats = Math.max(1, Math.round((seconds * 20_000) / pairs.length));
  const out = await runOracle(pairs, ['--bench', String(repeats)]);
  return Number(/checks_per_second=(\d+)/.exec(out.join('\n'))?.[1] ?? NaN);
}

await buildOracle();
console.log(
  `Node ${process.version}; Apache Avro Java at steady state (after a 3 s warm-up); one thread each, best of 3 rounds.`,
);
for (const changeAll of [false, true]) {
  const pairs = Array.from({ length: pairCount }, (_, n) => buildPair(n, changeAll));
  const parsed = pairs.map((p) => ({ reader: parseOne(p.reader), writer: parseOne(p.writer) }));
  const ready = parsed.filter(
    (p): p is { reader: AvroType; writer: AvroType } => p.reader !== undefined && p.writer !== undefined,
  );
  if (ready.length !== pairs.length) throw new Error('the bench corpus must parse');
  const compatible = ready.filter((p) => checkReaderWriter(p.reader, p.writer).compatible).length;
  const ours = benchOurs(ready);
  const java = await benchJava(pairs);
  console.log(
    `\ncorpus "${changeAll ? 'every part changed' : 'realistic'}": ${pairs.length} pairs of 100-field records (~500 type nodes each), ${compatible} compatible`,
  );
  console.log(`  ours: ${Math.round(ours).toLocaleString('en')} checks/s`);
  console.log(`  Java: ${Math.round(java).toLocaleString('en')} checks/s`);
  console.log(`  ratio ours/Java: ${(ours / java).toFixed(2)}`);
}
