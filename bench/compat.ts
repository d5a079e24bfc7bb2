/**
 * Checks per second of our Avro reader/writer checker against Apache Avro Java's steady state, on one corpus of
 * realistic evolutions: 100-field records with nested records, optional unions, enums, arrays and maps, each
 * paired with an evolved version (new optional fields, promotions, added symbols; some pairs break).
 * Run: node --import tsx bench/compat.ts [pairs] [seconds]
 */
import { checkReaderWriter } from '../src/schema/compat-check.js';
import { buildOracle, runOracle } from '../test/support/avro-oracle.js';
import { parseOne } from '../test/support/avro-verdicts.js';

type Json = unknown;
const pairCount = Number(process.argv[2] ?? 40);
const seconds = Number(process.argv[3] ?? 3);

/** A small deterministic PRNG so every run measures the same corpus. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function buildPair(n: number): { writer: Json; reader: Json } {
  const rand = prng(n + 1);
  const writerFields: Json[] = [];
  const readerFields: Json[] = [];
  for (let i = 0; i < 100; i++) {
    const [w, r] = fieldPair(`f${i}`, i, rand);
    writerFields.push(w);
    if (r !== undefined) readerFields.push(r);
  }
  for (let i = 0; i < 5; i++) readerFields.push({ name: `added${i}`, type: ['null', 'string'], default: null });
  const record = (fields: Json[]) => ({ type: 'record', name: `Event${n}`, namespace: 'com.acme.bench', fields });
  return { writer: record(writerFields), reader: record(readerFields) };
}

/** One field in the writer and its evolved counterpart in the reader (undefined: dropped). */
function fieldPair(name: string, i: number, rand: () => number): [Json, Json] {
  const roll = rand();
  if (roll < 0.3)
    return [
      { name, type: 'int' },
      { name, type: rand() < 0.5 ? 'long' : 'int' },
    ];
  if (roll < 0.45)
    return [
      { name, type: ['null', 'string'], default: null },
      { name, type: ['null', 'string'], default: null },
    ];
  if (roll < 0.55) {
    const symbols = ['A', 'B', 'C', 'D'];
    return [
      { name, type: { type: 'enum', name: `E${i}`, symbols } },
      { name, type: { type: 'enum', name: `E${i}`, symbols: [...symbols, 'E'] } },
    ];
  }
  if (roll < 0.7)
    return [
      { name, type: nested(`N${i}`, 10) },
      { name, type: nested(`N${i}`, 10, rand() < 0.01) },
    ];
  if (roll < 0.8)
    return [
      { name, type: { type: 'array', items: nested(`I${i}`, 5) } },
      { name, type: { type: 'array', items: nested(`I${i}`, 5) } },
    ];
  if (roll < 0.9)
    return [
      { name, type: { type: 'map', values: ['null', 'long', 'string'] } },
      { name, type: { type: 'map', values: ['null', 'long', 'string', 'bytes'] } },
    ];
  if (roll < 0.97) return [{ name, type: 'string', default: '' }, undefined];
  return [
    { name, type: 'float' },
    { name, type: rand() < 0.9 ? 'double' : 'int' },
  ];
}

function nested(name: string, fields: number, breakIt = false): Json {
  const list: Json[] = Array.from({ length: fields }, (_, k) => ({
    name: `n${k}`,
    type: k % 3 === 0 ? 'long' : k % 3 === 1 ? 'string' : ['null', 'double'],
    ...(k % 3 === 2 ? { default: null } : {}),
  }));
  if (breakIt) list.push({ name: 'required', type: 'string' });
  return { type: 'record', name, fields: list };
}

function benchOurs(
  parsed: { reader: NonNullable<ReturnType<typeof parseOne>>; writer: NonNullable<ReturnType<typeof parseOne>> }[],
) {
  let sink = 0;
  const runAll = () => {
    for (const p of parsed) if (checkReaderWriter(p.reader, p.writer).compatible) sink++;
  };
  const warmUntil = performance.now() + 2000;
  while (performance.now() < warmUntil) runAll();
  let checks = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    runAll();
    checks += parsed.length;
  }
  return { perSecond: checks / ((performance.now() - start) / 1000), compatible: sink };
}

const pairs = Array.from({ length: pairCount }, (_, n) => buildPair(n)).map((p) => ({
  reader: JSON.stringify(p.reader),
  writer: JSON.stringify(p.writer),
}));
if (process.env['DUMP_CORPUS'])
  (await import('node:fs')).writeFileSync(process.env['DUMP_CORPUS'], JSON.stringify(pairs));
const parsed = pairs.map((p) => ({ reader: parseOne(p.reader), writer: parseOne(p.writer) }));
if (parsed.some((p) => !p.reader || !p.writer)) throw new Error('the bench corpus must parse');
const ours = benchOurs(parsed as Parameters<typeof benchOurs>[0]);
const compatibleCount = parsed.filter((p) => checkReaderWriter(p.reader!, p.writer!).compatible).length;
console.log(
  `corpus: ${pairs.length} reader/writer pairs of 100-field records (nested records, unions, enums, arrays, maps); ${compatibleCount} compatible`,
);
console.log(`ours (Node ${process.version}): ${Math.round(ours.perSecond).toLocaleString('en')} checks/s`);

await buildOracle();
const java = await runOracle(pairs, ['--bench', String(Math.max(1, Math.round((seconds * 20_000) / pairs.length)))]);
const javaPerSecond = Number(/checks_per_second=(\d+)/.exec(java.join('\n'))?.[1] ?? NaN);
console.log(
  `Apache Avro Java (steady state, after 3 s warm-up): ${Math.round(javaPerSecond).toLocaleString('en')} checks/s`,
);
console.log(`ratio ours/JVM: ${(ours.perSecond / javaPerSecond).toFixed(2)}`);
