import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { checkCompatibility } from '../../src/schema/compat-check.js';
import type { SchemaText } from '../../src/schema/avro-version.js';
import { cli } from './cases.js';

/** A finding as the hostile tests assert it, with the start of its message to check that it names the fix. */
export type Located = [ruleId: string, path: string, line: number, message: string];

interface JsonFinding {
  readonly ruleId: string;
  readonly message: string;
  readonly location: { readonly path: string; readonly line: number };
}

/** Runs a CLI command that prints JSON findings (`compat`, `check`) and returns its exit code and findings. */
export async function cliFindings(args: string[], cwd: string): Promise<{ code: number; findings: Located[] }> {
  const { code, out, err } = await cli(args, cwd);
  if (code === 2 || out === '') throw new Error(`exit ${code}: ${err}`);
  const report = JSON.parse(out) as { findings: JsonFinding[] };
  return { code, findings: report.findings.map((f) => [f.ruleId, f.location.path, f.location.line, f.message]) };
}

/**
 * File `i` of a chain of records, each holding the previous one; the first holds an `id` of type `leaf`. With
 * `cycle`, each record instead holds an optional next one, and the last the first: one cycle through all files.
 */
export function chainFile(i: number, leaf: string, cycle?: number): SchemaText {
  const name = (k: number) => `T${String(k).padStart(4, '0')}`;
  const id = i === 0 ? [{ name: 'id', type: leaf }] : [];
  const fields =
    cycle !== undefined
      ? [{ name: 'next', type: ['null', `h.${name((i + 1) % cycle)}`], default: null }, ...id]
      : i === 0
        ? id
        : [{ name: 'prev', type: `h.${name(i - 1)}` }];
  const schema = { type: 'record', name: name(i), namespace: 'h', fields };
  return { path: `t${String(i).padStart(4, '0')}.avsc`, text: `${JSON.stringify(schema, null, 2)}\n` };
}

/**
 * The engine on a chain of `length` files whose first file changes its leaf type: the candidate's and the previous
 * version's files differ, so resolution has to walk the whole chain.
 */
export function compatOfChain(length: number, oldLeaf: string, newLeaf: string, cycle = false): Located[] {
  const version = (leaf: string) => {
    const files = Array.from({ length }, (_, i) => chainFile(i, leaf, cycle ? length : undefined));
    return { ...(files[length - 1] as SchemaText), references: files.slice(0, -1) };
  };
  const result = checkCompatibility(version(newLeaf), [version(oldLeaf)], 'BACKWARD');
  return result.findings.map((f) => [f.ruleId, f.location.path, f.location.line, f.message]);
}

/** The catalog's findings in `dir`, counted by rule id, and the first few located. */
export async function catalogFindings(dir: string): Promise<{ counts: Record<string, number>; first: Located[] }> {
  const { findings } = loadCatalog(await readDirectorySource(dir));
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
  const first = findings.slice(0, 3).map((f): Located => [f.ruleId, f.location.path, f.location.line, f.message]);
  return { counts, first };
}

/** `cliFindings`, counted by rule id with the first few kept: for cases that end in thousands of findings. */
export async function cliSummary(
  args: string[],
  cwd: string,
): Promise<{ code: number; counts: Record<string, number>; first: Located[] }> {
  const { code, findings } = await cliFindings(args, cwd);
  const counts: Record<string, number> = {};
  for (const [ruleId] of findings) counts[ruleId] = (counts[ruleId] ?? 0) + 1;
  return { code, counts, first: findings.slice(0, 2) };
}
