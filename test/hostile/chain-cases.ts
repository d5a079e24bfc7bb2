import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/load.js';
import type { SourceEntry } from '../../src/core/source.js';
import { desiredState } from '../../src/plan/desired.js';
import { chainFile } from './avro-cases.js';

// Issue 11, case 6: one product whose value schema is the last of a chain of files, each using the previous one.

export const PRODUCT = 'catalog/commerce/orders/product.yaml';
export const SCHEMAS = 'catalog/commerce/orders/schemas';
const base = join(import.meta.dirname, '..', 'fixtures', 'validate', 'base');

/** The chain's files under the product's schemas folder, path → text, the port's value schema the last one. */
function chainFiles(length: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < length; i++) {
    const file = chainFile(i, 'long');
    files.set(`${SCHEMAS}/${file.path}`, file.text);
  }
  return files;
}

function productText(length: number): string {
  const last = chainFile(length - 1, 'long').path;
  return readFileSync(join(base, PRODUCT), 'utf8').replace('schemas/order.avsc', `schemas/${last}`);
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
}

/**
 * A repository (the validate base fixture, its orders product made a chain of `length` files) with the chain
 * committed on main, then file `changed` given one more field in the working tree: with a default (compatible) or
 * without (a break for BACKWARD). The caller removes the folder.
 */
export function chainRepo(length: number, changed: number, withDefault: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-chain-'));
  cpSync(base, dir, { recursive: true });
  rmSync(join(dir, SCHEMAS, 'order.avsc'));
  for (const [path, text] of chainFiles(length)) writeFileSync(join(dir, path), text);
  writeFileSync(join(dir, PRODUCT), productText(length));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const file = chainFile(changed, 'long');
  const schema = JSON.parse(file.text) as { fields: object[] };
  schema.fields.push({ name: 'extra', type: 'int', doc: 'Extra.', ...(withDefault ? { default: 0 } : {}) });
  writeFileSync(join(dir, SCHEMAS, file.path), `${JSON.stringify(schema, null, 2)}\n`);
  return dir;
}

/** The desired state of a catalog whose one product is a chain of `length` files: its subjects, in plan order. */
export function desiredOfChain(length: number): { subject: string; references: string[] }[] {
  const tree = new Map<string, SourceEntry>();
  const file = (text: string): SourceEntry => ({ kind: 'file', content: text });
  for (const path of ['.github/steward.yml', 'rules/global.yaml', 'catalog/commerce/domain.yaml'])
    tree.set(path, file(readFileSync(join(base, path), 'utf8')));
  tree.set(PRODUCT, file(productText(length)));
  for (const [path, text] of chainFiles(length)) tree.set(path, file(text));
  const desired = desiredState(loadCatalog(tree).catalog);
  return desired.subjects.map((s) => ({ subject: s.subject, references: s.references.map((r) => r.subject) }));
}
