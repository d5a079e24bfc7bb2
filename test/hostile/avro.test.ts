import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { repoWithCase } from '../helpers/fixtures.js';
import { chainFile, type Located } from './avro-cases.js';
import { runBounded } from './bounded.js';

// Issue 11, the Avro engine under hostile input: each case ends in located findings within 2 s and 300 MB.

const cases = './avro-cases.ts';
const PRODUCT = 'catalog/commerce/orders/product.yaml';
const SCHEMAS = 'catalog/commerce/orders/schemas';
const ORDER = `${SCHEMAS}/order.avsc`;

/** `levels` levels of a nullable array of nullable maps around `leaf`: two unions per level. */
function nestedUnions(levels: number, leaf: string): unknown {
  let t: unknown = leaf;
  for (let i = 0; i < levels; i++) t = ['null', { type: 'array', items: ['null', { type: 'map', values: t }] }];
  return t;
}

/** `levels` levels of a nullable array around `leaf`: one union per level. */
function nestedArrays(levels: number, leaf: string): unknown {
  let t: unknown = leaf;
  for (let i = 0; i < levels; i++) t = ['null', { type: 'array', items: t }];
  return t;
}

function record(fieldType: unknown): string {
  return `{\n  "type": "record",\n  "name": "R",\n  "fields": [\n    {\n      "name": "deep",\n      "type": ${JSON.stringify(fieldType)}\n    }\n  ]\n}\n`;
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir });
}

const tuples = (findings: readonly Located[]) => findings.map(([rule, path, line]) => [rule, path, line]);

describe('hostile Avro: deep nesting resolves in linear time', () => {
  it('compat on nested unions and arrays 25 levels deep (1 KB per schema) finishes with the break located', async () => {
    const dir = repoWithCase();
    writeFileSync(join(dir, 'old.avsc'), record(nestedUnions(25, 'int')));
    writeFileSync(join(dir, 'new.avsc'), record(nestedUnions(25, 'string')));
    const args = ['compat', '-l', 'FULL', '-f', 'json', 'new.avsc', 'old.avsc'];
    const { value } = await runBounded<{ code: number; findings: Located[] }>(cases, 'cliFindings', [args, dir]);
    expect(value.code).toBe(1);
    expect(tuples(value.findings)).toEqual([
      ['TYPE_MISMATCH', 'new.avsc', 7],
      ['TYPE_MISMATCH', 'new.avsc', 7],
    ]);
    expect(value.findings[0]?.[3]).toMatch(
      /^Consumers that read with the new schema .* changes from int to string.* Keep int/,
    );
  });

  it('check on a change 80 levels deep finishes with the break located', async () => {
    const dir = repoWithCase();
    const original = readFileSync(join(dir, ORDER), 'utf8');
    const withDeep = (leaf: string) => {
      const schema = JSON.parse(original) as { fields: object[] };
      schema.fields.push({ name: 'deep', type: 'DEEP', default: null });
      return `${JSON.stringify(schema, null, 2).replace('"DEEP"', JSON.stringify(nestedArrays(80, leaf)))}\n`;
    };
    writeFileSync(join(dir, ORDER), withDeep('int'));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    writeFileSync(join(dir, ORDER), withDeep('string'));
    const args = ['check', '--base', 'main', '--today', '2026-12-02', '--format', 'json'];
    const { value } = await runBounded<{ code: number; findings: Located[] }>(cases, 'cliFindings', [args, dir]);
    expect(value.code).toBe(1);
    expect(tuples(value.findings)).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PRODUCT, 21],
      ['TYPE_MISMATCH', ORDER, 24],
    ]);
  });
});

describe('hostile Avro: long chains of files', () => {
  it('compat with 2,000 referenced files, each using the previous one, judges the change without overflowing', async () => {
    const dir = repoWithCase();
    const refs: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const file = chainFile(i, 'long');
      writeFileSync(join(dir, file.path), file.text);
      refs.push('-r', file.path);
    }
    const top = (extra: string) => record('h.T1999').replace(']\n}', `, { "name": "extra", "type": "${extra}" }]\n}`);
    writeFileSync(join(dir, 'old.avsc'), top('long'));
    writeFileSync(join(dir, 'new.avsc'), top('string'));
    const args = ['compat', '-l', 'BACKWARD', '-f', 'json', ...refs, 'new.avsc', 'old.avsc'];
    const { value } = await runBounded<{ code: number; findings: Located[] }>(cases, 'cliFindings', [args, dir], {
      stackMb: 1,
    });
    expect(value.code).toBe(1);
    expect(tuples(value.findings)).toEqual([['TYPE_MISMATCH', 'new.avsc', 9]]);
  });

  it('a change at the far end of 2,000 chained files is reported where resolution stops', async () => {
    const { value } = await runBounded<Located[]>(cases, 'compatOfChain', [2000, 'long', 'string'], { stackMb: 1 });
    expect(tuples(value)).toEqual([['RESOLUTION_TOO_DEEP', 't1500.avsc', 8]]);
    expect(value[0]?.[3]).toMatch(
      /^Steward cannot judge this change: the type of field `….*prev` lies more than 500 types deep.* Flatten the nesting/,
    );
  });

  it('a cycle of named types through 2,000 files is keyed and resolved without overflowing', async () => {
    const { value } = await runBounded<Located[]>(cases, 'compatOfChain', [2000, 'long', 'string', true], {
      stackMb: 1,
    });
    expect(tuples(value)).toEqual([
      ['TYPE_MISMATCH', 't0000.avsc', 16],
      ['RESOLUTION_TOO_DEEP', 't0165.avsc', 8],
    ]);
  });
});

describe('hostile Avro: wide unions', () => {
  it('compat on a union of 3,000 records finds the one that changed, looking branches up by name', async () => {
    const dir = repoWithCase();
    const union = (changed: string) =>
      lines(
        '{"type": "record", "name": "Top", "fields": [{"name": "u", "type": [',
        Array.from(
          { length: 3000 },
          (_, i) =>
            `{"type": "record", "name": "R${i}", "fields": [{"name": "x", "type": "${i === 2999 ? changed : 'long'}"}]}`,
        ).join(',\n'),
        ']}]}',
      );
    writeFileSync(join(dir, 'old.avsc'), union('long'));
    writeFileSync(join(dir, 'new.avsc'), union('string'));
    const args = ['compat', '-l', 'FULL', '-f', 'json', 'new.avsc', 'old.avsc'];
    const { value } = await runBounded<{ code: number; findings: Located[] }>(cases, 'cliFindings', [args, dir]);
    expect(tuples(value.findings)).toEqual([
      ['TYPE_MISMATCH', 'new.avsc', 3001],
      ['TYPE_MISMATCH', 'new.avsc', 3001],
    ]);
  });
});

describe('hostile Avro: unions renamed wholesale', () => {
  it('compat on a union of 10,000 fixed types all renamed reports each branch, naming unions briefly', async () => {
    const dir = repoWithCase();
    const union = (prefix: string) =>
      lines(
        '{"type": "record", "name": "Top", "fields": [{"name": "u", "type": [',
        Array.from({ length: 10_000 }, (_, i) => `{"type": "fixed", "name": "${prefix}${i}", "size": 1}`).join(',\n'),
        ']}]}',
      );
    writeFileSync(join(dir, 'old.avsc'), union('R'));
    writeFileSync(join(dir, 'new.avsc'), union('Q'));
    const args = ['compat', '-l', 'FULL', '-f', 'json', 'new.avsc', 'old.avsc'];
    type Summary = { code: number; counts: Record<string, number>; first: Located[] };
    const { value } = await runBounded<Summary>(cases, 'cliSummary', [args, dir]);
    expect(value.counts).toEqual({ MISSING_UNION_BRANCH: 20_000 });
    expect(tuples(value.first)).toEqual([
      ['MISSING_UNION_BRANCH', 'new.avsc', 1],
      ['MISSING_UNION_BRANCH', 'new.avsc', 1],
    ]);
  });
});

describe('hostile Avro: wide enums', () => {
  it('compat on an enum of 100,000 symbols (a 0.9 MB file) finds the dropped symbol', async () => {
    const dir = repoWithCase();
    const symbols = (count: number) => Array.from({ length: count }, (_, i) => `S${i}`);
    const enumOf = (count: number) =>
      lines('{"type": "enum", "name": "E",', `"symbols": ${JSON.stringify(symbols(count))}}`);
    writeFileSync(join(dir, 'old.avsc'), enumOf(100_000));
    writeFileSync(join(dir, 'new.avsc'), enumOf(99_999));
    const args = ['compat', '-l', 'BACKWARD', '-f', 'json', 'new.avsc', 'old.avsc'];
    const { value } = await runBounded<{ code: number; findings: Located[] }>(cases, 'cliFindings', [args, dir]);
    expect(tuples(value.findings)).toEqual([['MISSING_ENUM_SYMBOLS', 'new.avsc', 1]]);
    expect(value.findings[0]?.[3]).toContain('no longer has the symbols S99999');
  });
});

describe('hostile Avro: many unknown names', () => {
  it('reports 4,000 unknown type names in 2,000 files without a did-you-mean for each', async () => {
    const dir = repoWithCase();
    rmSync(join(dir, ORDER));
    for (let i = 0; i < 2000; i++) {
      const fields = [
        { name: 'a', type: `com.acme.things.Missing${i}` },
        { name: 'b', type: `Other${i}` },
      ];
      const schema = { type: 'record', name: `Rec${i}`, namespace: 'com.acme.things', fields };
      writeFileSync(join(dir, SCHEMAS, `f${String(i).padStart(4, '0')}.avsc`), JSON.stringify(schema, null, 2));
    }
    const product = readFileSync(join(dir, PRODUCT), 'utf8').replace('schemas/order.avsc', 'schemas/f0000.avsc');
    writeFileSync(join(dir, PRODUCT), product);
    const { value } = await runBounded<{ counts: Record<string, number>; first: Located[] }>(cases, 'catalogFindings', [
      dir,
    ]);
    expect(value.counts).toEqual({ AVRO_UNKNOWN_TYPE: 4000, UNUSED_SCHEMA_FILE: 1999 });
    expect(value.first[0]).toEqual([
      'AVRO_UNKNOWN_TYPE',
      `${SCHEMAS}/f0000.avsc`,
      8,
      'Unknown type "com.acme.things.Missing0"; did you mean "com.acme.things.Rec0"? Define a named type before its first use, in this file or another .avsc file of this product.',
    ]);
  });
});

async function findingsOf(dir: string) {
  return loadCatalog(await readDirectorySource(dir)).findings.map((f) => [f.ruleId, f.location.path, f.location.line]);
}

/** A repository whose orders port reads `files` (the first is the port's value schema). */
function productWith(files: Record<string, string>): string {
  const dir = repoWithCase();
  rmSync(join(dir, ORDER));
  const [first] = Object.keys(files);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, SCHEMAS, name), text);
  const product = readFileSync(join(dir, PRODUCT), 'utf8').replace('schemas/order.avsc', `schemas/${first}`);
  writeFileSync(join(dir, PRODUCT), product);
  return dir;
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('hostile Avro: valid schemas are not refused', () => {
  it('accepts ["null", "h.Z"] when Z is defined in a later file, and judges its default once Z is known', async () => {
    const dir = productWith({
      'a.avsc': lines(
        '{"type": "record", "name": "A", "namespace": "h", "fields": [',
        '  {"name": "z", "type": ["null", "h.Z"], "default": null},',
        '  {"name": "y", "type": "h.Z", "default": {"n": 1}}',
        ']}',
      ),
      'z.avsc': lines('{"type": "record", "name": "Z", "namespace": "h", "fields": [{"name": "n", "type": "long"}]}'),
    });
    expect(await findingsOf(dir)).toEqual([]);
  });

  it('accepts the largest and smallest long and int defaults', async () => {
    const dir = productWith({
      'a.avsc': lines(
        '{"type": "record", "name": "A", "fields": [',
        '  {"name": "a", "type": "long", "default": 9223372036854775807},',
        '  {"name": "b", "type": "long", "default": -9223372036854775808},',
        '  {"name": "c", "type": "int", "default": 2147483647},',
        '  {"name": "d", "type": "int", "default": -2147483648}',
        ']}',
      ),
    });
    expect(await findingsOf(dir)).toEqual([]);
  });
});

describe('hostile Avro: what the registry refuses is a finding on its line', () => {
  it('refuses int and long defaults out of range or not integers, as Avro does', async () => {
    const dir = productWith({
      'a.avsc': lines(
        '{"type": "record", "name": "A", "fields": [',
        '  {"name": "a", "type": "long", "default": 9223372036854775808},',
        '  {"name": "b", "type": "long", "default": 1.0},',
        '  {"name": "c", "type": "int", "default": 2147483648},',
        '  {"name": "d", "type": ["int", "null"], "default": 1e3},',
        '  {"name": "e", "type": {"type": "array", "items": "int"}, "default": [1, -2147483649]}',
        ']}',
      ),
    });
    const a = `${SCHEMAS}/a.avsc`;
    const findings = loadCatalog(await readDirectorySource(dir)).findings;
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.line])).toEqual([
      ['AVRO_INVALID_DEFAULT', a, 2],
      ['AVRO_INVALID_DEFAULT', a, 3],
      ['AVRO_INVALID_DEFAULT', a, 4],
      ['AVRO_INVALID_DEFAULT', a, 5],
      ['AVRO_INVALID_DEFAULT', a, 6],
    ]);
    expect(findings[0]?.message).toBe(
      'The default of field "a" in record "A" is invalid: 9223372036854775808 is out of the range of an long (-9223372036854775808 to 9223372036854775807).',
    );
    expect(findings[1]?.message).toContain('1.0 is not an long: write an integer without a fraction or exponent');
    expect(findings[4]?.location.column).toBe(75);
  });

  it('refuses bytes and fixed defaults that are not bytes, and fixed defaults of the wrong length', async () => {
    const dir = productWith({
      'a.avsc': lines(
        '{"type": "record", "name": "A", "fields": [',
        '  {"name": "a", "type": {"type": "fixed", "name": "F", "size": 4}, "default": "ab"},',
        '  {"name": "b", "type": "bytes", "default": "\\u0100"},',
        '  {"name": "c", "type": "F", "default": "\\u00ff\\u0000ab"}',
        ']}',
      ),
    });
    const a = `${SCHEMAS}/a.avsc`;
    const findings = loadCatalog(await readDirectorySource(dir)).findings;
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.line])).toEqual([
      ['AVRO_INVALID_DEFAULT', a, 2],
      ['AVRO_INVALID_DEFAULT', a, 3],
    ]);
    expect(findings[0]?.message).toContain('"ab" has 2 bytes, but fixed F has 4: write exactly 4 code points 0 to 255');
  });

  it.each([
    ['a record named int in a namespace', '{"type": "record", "name": "int", "namespace": "h", "fields": []}', 1],
    [
      'an enum named string in its record namespace',
      lines(
        '{"type": "record", "name": "A", "namespace": "h", "fields": [',
        '  {"name": "e", "type": {"type": "enum", "name": "string", "symbols": ["X"]}}',
        ']}',
      ),
      2,
    ],
    ['a fixed named h.null', '{"type": "fixed", "name": "h.null", "size": 2}', 1],
  ])('refuses %s', async (_, text, line) => {
    const dir = productWith({ 'a.avsc': text });
    const findings = loadCatalog(await readDirectorySource(dir)).findings;
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.line])).toEqual([
      ['AVRO_INVALID', `${SCHEMAS}/a.avsc`, line],
    ]);
    expect(findings[0]?.message).toMatch(/is a primitive type name, which Avro forbids .* choose another name\.$/);
  });
});
