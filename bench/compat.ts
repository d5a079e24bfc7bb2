/**
 * Checks per second of our Avro reader/writer checker against Apache Avro Java's steady state (its checker on
 * schemas it parsed once), in one run, on two corpora of 100-field records with nested records, optional unions,
 * enums, arrays and maps, each paired with an evolved version (new optional fields, promotions, added symbols and
 * branches; a few pairs break):
 * - "realistic": most nested parts unchanged, as in real evolutions;
 * - "every part changed": every nested record, union and collection differs, so nothing can be skipped.
 * Two figures of ours, because they answer different questions:
 * - re-check: the same parsed objects checked again and again; the checker keeps what it derives from them (nodes,
 *   canonical keys) between rounds, which Java does not, so this flatters us;
 * - from text: what `steward compat` does with two files once read: both texts parsed with the CLI's parser
 *   (positions kept), checked and explained, fresh objects every time. Goal: at least 2× Java's steady state.
 * For scale, JSON.parse alone of both texts (no positions, no Avro), and the share of from-text time spent in GC.
 * From text is measured in a fresh process, as the CLI runs: in a process that has kept parsed schemas alive (as
 * the re-check rounds do), V8 learns to allocate the parser's objects straight in the old generation
 * ("pretenuring"), and every later check from text then pays for collecting them there, 2-4× slower.
 * Run: node --import tsx bench/compat.ts [pairs] [seconds]
 */
import { spawnSync } from 'node:child_process';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { AvroType } from '../src/schema/avro-model.js';
import { checkCompatibility, checkReaderWriter } from '../src/schema/compat-check.js';
import { buildOracle, runOracle } from '../test/support/avro-oracle.js';
import type { SchemaPair } from '../test/support/avro-pair-gen.js';
import { parseOne } from '../test/support/avro-verdicts.js';

type Json = unknown;
const args = process.argv.slice(2);
/** Set in the child process that measures from text: the corpus to measure. */
const fromTextOf = args[0] === '--from-text' ? args.splice(0, 2)[1] : undefined;
const pairCount = Number(args[0] ?? 40);
/** Length of each of the three timed rounds. */
const seconds = Number(args[1] ?? 2);

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

/** Best of three rounds (as the Java side reports: the machine may be shared) after a warm-up, in runs per second. */
function bestRate(runAll: () => void, runsPerCall: number): { rate: number; rounds: [number, number][] } {
  const warmUntil = performance.now() + 2000;
  while (performance.now() < warmUntil) runAll();
  let rate = 0;
  const rounds: [number, number][] = [];
  for (let round = 0; round < 3; round++) {
    let runs = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) {
      runAll();
      runs += runsPerCall;
    }
    const end = performance.now();
    rounds.push([start, end]);
    rate = Math.max(rate, runs / ((end - start) / 1000));
  }
  return { rate, rounds };
}

function benchRecheck(parsed: readonly { reader: AvroType; writer: AvroType }[]): number {
  return bestRate(() => {
    for (const p of parsed) checkReaderWriter(p.reader, p.writer);
  }, parsed.length).rate;
}

/** As `steward compat reader.avsc writer.avsc --level BACKWARD` after reading the files. */
function checkFromText(p: SchemaPair) {
  return checkCompatibility(
    { path: 'reader.avsc', text: p.reader },
    [{ path: 'writer.avsc', text: p.writer }],
    'BACKWARD',
  );
}

/** From-text checks per second, and the share of the timed rounds that GC took. */
async function benchFromText(pairs: readonly SchemaPair[]): Promise<{ rate: number; gcShare: number }> {
  const gcs: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const { rate, rounds } = bestRate(() => {
    for (const p of pairs) checkFromText(p);
  }, pairs.length);
  // GC entries are delivered once the event loop turns.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const timed = rounds.reduce((sum, [start, end]) => sum + (end - start), 0);
  const inGc = gcs
    .filter((e) => rounds.some(([start, end]) => e.startTime >= start && e.startTime < end))
    .reduce((sum, e) => sum + e.duration, 0);
  return { rate, gcShare: inGc / timed };
}

/** Runs benchFromText on a corpus in a fresh process (see the top of this file). */
function benchFromTextAlone(corpus: Corpus): { rate: number; gcShare: number } {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, self, '--from-text', corpus, String(pairCount), String(seconds)],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`the from-text run exited ${child.status}: ${child.stderr}`);
  return JSON.parse(child.stdout) as { rate: number; gcShare: number };
}

function benchJsonParse(pairs: readonly SchemaPair[]): number {
  return bestRate(() => {
    for (const p of pairs) {
      JSON.parse(p.reader);
      JSON.parse(p.writer);
    }
  }, pairs.length).rate;
}

/** Java's steady state: checks of pairs parsed once (`--bench`), or parse + check from the texts (`--bench-text`). */
async function benchJava(pairs: readonly SchemaPair[], mode: '--bench' | '--bench-text' = '--bench'): Promise<number> {
  const repeats = Math.max(1, Math.round((seconds * (mode === '--bench' ? 20_000 : 2_000)) / pairs.length));
  const out = await runOracle(pairs, [mode, String(repeats)]);
  return Number(/checks_per_second=(\d+)/.exec(out.join('\n'))?.[1] ?? NaN);
}

const figure = (rate: number, java: number) =>
  `${Math.round(rate).toLocaleString('en').padStart(7)} checks/s  ${(rate / java).toFixed(2).padStart(5)}× Java`;

type Corpus = 'realistic' | 'every part changed';

function corpusOf(corpus: Corpus): SchemaPair[] {
  return Array.from({ length: pairCount }, (_, n) => buildPair(n, corpus === 'every part changed'));
}

async function benchCorpus(corpus: Corpus): Promise<void> {
  const pairs = corpusOf(corpus);
  const parsed = pairs.map((p) => ({ reader: parseOne(p.reader), writer: parseOne(p.writer) }));
  const ready = parsed.filter(
    (p): p is { reader: AvroType; writer: AvroType } => p.reader !== undefined && p.writer !== undefined,
  );
  if (ready.length !== pairs.length) throw new Error('the bench corpus must parse');
  const compatible = ready.filter((p) => checkReaderWriter(p.reader, p.writer).compatible).length;
  // Both figures time the same verdicts.
  if (pairs.filter((p) => checkFromText(p).status === 'compatible').length !== compatible)
    throw new Error('checks from text and re-checks disagree on the bench corpus');
  const fromText = benchFromTextAlone(corpus);
  const recheck = benchRecheck(ready);
  const jsonParse = benchJsonParse(pairs);
  const java = await benchJava(pairs);
  const javaText = await benchJava(pairs, '--bench-text');
  const goal = fromText.rate / java >= 2 ? 'met' : 'MISSED';
  console.log(
    `\ncorpus "${corpus}": ${pairs.length} pairs of 100-field records (~500 type nodes each), ${compatible} compatible`,
  );
  console.log(`  Java (parsed once):             ${Math.round(java).toLocaleString('en').padStart(7)} checks/s`);
  console.log(`  ours, re-check (parsed once):   ${figure(recheck, java)}`);
  console.log(
    `  ours, from text:                ${figure(fromText.rate, java)}  (goal ≥ 2×: ${goal}; GC ${(100 * fromText.gcShare).toFixed(0)}% of its time)`,
  );
  console.log(`  JSON.parse of both texts only:  ${figure(jsonParse, java)}`);
  console.log(
    `  Java from text (parse + check): ${Math.round(javaText).toLocaleString('en').padStart(7)} checks/s; ours from text is ${(fromText.rate / javaText).toFixed(2)}× that (like for like)`,
  );
}

if (fromTextOf !== undefined) {
  console.log(JSON.stringify(await benchFromText(corpusOf(fromTextOf as Corpus))));
} else {
  await buildOracle();
  console.log(
    `Node ${process.version}; Apache Avro Java at steady state (after a 3 s warm-up); one thread each, best of 3 rounds.`,
  );
  for (const corpus of ['realistic', 'every part changed'] as const) await benchCorpus(corpus);
}
