import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { steward } from '../../helpers/cli.js';

// Issue 13, point 1: validate lints the whole catalog by every rule one catalog can answer.
const root = join(import.meta.dirname, '..', '..', '..');
const ORDERS = 'catalog/commerce/sales/orders/product.yaml';
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the example repository (catalog, rules, settings), with `edit` applied to one file. */
function exampleRepo(edits: Record<string, (text: string) => string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-lint-'));
  made.push(dir);
  for (const part of ['catalog', 'rules', '.github']) cpSync(join(root, part), join(dir, part), { recursive: true });
  for (const [path, edit] of Object.entries(edits))
    writeFileSync(join(dir, path), edit(readFileSync(join(dir, path), 'utf8')));
  return dir;
}

async function lint(dir: string, ...flags: string[]) {
  const result = await steward(['validate', dir, '--format', 'json', ...flags]);
  const findings = (
    JSON.parse(result.out) as {
      findings: { ruleId: string; severity: string; message: string; location: { path: string; line: number } }[];
    }
  ).findings;
  return { code: result.code, findings, ids: findings.map((f) => [f.ruleId, f.severity, f.location.path]) };
}

describe('steward validate lints the whole catalog', () => {
  it('reports naming, bounds and metadata on a product no change touched, as check would', async () => {
    const dir = exampleRepo({
      [ORDERS]: (t) =>
        t
          .replace('topic: commerce.sales.orders.v1', 'topic: carts')
          .replace('replicationFactor: 3', 'replicationFactor: 2')
          .replace('tags: [orders, checkout, core-entity]\n', ''),
    });
    const { code, ids } = await lint(dir, '--today', '2026-12-01');
    expect(code).toBe(1);
    expect(ids).toEqual(
      expect.arrayContaining([
        ['REQUIRED_METADATA', 'error', ORDERS],
        ['TOPIC_NAMING', 'error', ORDERS],
        ['REPLICATION_BOUNDS', 'error', ORDERS],
      ]),
    );
  });

  it('passes the example catalog today, with the one deprecated input it declares as a warning', async () => {
    const { code, ids } = await lint(exampleRepo(), '--today', '2026-12-01');
    expect(code).toBe(0);
    expect(ids).toEqual([['NO_INPUTS_ON_DEPRECATED', 'warning', 'catalog/customer/segments/product.yaml']]);
  });

  it('judges lifecycle by --today: a sunset that has passed is a warning on its line', async () => {
    const { code, findings } = await lint(exampleRepo(), '--today', '2027-07-01');
    expect(code).toBe(0);
    const sunsets = findings.filter((f) => f.ruleId === 'DEPRECATION_REQUIRES_SUNSET');
    expect(sunsets.map((f) => [f.severity, f.location.path, f.location.line])).toEqual([
      ['warning', 'catalog/commerce/sales/order-events/product.yaml', 12],
      ['warning', 'catalog/customer/profiles/product.yaml', 50],
    ]);
    expect(sunsets[0]?.message).toContain('passed its sunset 2027-06-30 (today is 2027-07-01)');
  });

  it('reports a retired product that consumers still read as an error', async () => {
    const dir = exampleRepo({
      'catalog/commerce/sales/order-events/product.yaml': (t) => t.replace('status: deprecated', 'status: retired'),
    });
    const { code, findings } = await lint(dir, '--today', '2026-12-01');
    expect(code).toBe(1);
    const retired = findings.find((f) => f.ruleId === 'RETIREMENT_REQUIRES_NO_CONSUMERS');
    expect(retired?.location).toEqual({
      path: 'catalog/commerce/sales/order-events/product.yaml',
      line: 10,
      column: 9,
    });
    expect(retired?.message).toContain('customer/segments still reads it');
  });

  it('reports a domain override that loosens an inherited rule', async () => {
    const dir = exampleRepo({
      'catalog/finance/domain.yaml': (t) => t.replace('    min: 3\n    max: 3', '    min: 1\n    max: 3'),
    });
    const { ids } = await lint(dir, '--today', '2026-12-01');
    expect(ids).toContainEqual(['RULE_LOOSENED', expect.any(String), 'catalog/finance/domain.yaml']);
  });
});

describe('steward validate where there is no catalog', () => {
  it('exits 2 in a directory without a catalog and says where it looked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-empty-'));
    made.push(dir);
    const result = await steward(['validate'], dir);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain(`No catalog found in ${dir} (not inside a git repository, and no catalog/ above it)`);
  });

  it('exits 2 in a git repository with no catalog, and in a catalog with no product', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-empty-'));
    made.push(dir);
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'steward.yml'), 'apiVersion: mesh-steward/v1\nkind: Settings\n');
    let result = await steward(['validate'], dir);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`(the git repository around ${dir})`);
    expect(result.err).toContain('.github/steward.yml is there, but there is no catalog/ folder');
    mkdirSync(join(dir, 'catalog'));
    writeFileSync(join(dir, 'catalog', 'README.md'), 'nothing yet\n');
    result = await steward(['validate'], dir);
    expect(result.code).toBe(2);
    expect(result.err).toContain('catalog/ holds no product.yaml');
  });
});

describe('steward audit of something that does not exist', () => {
  it('says so with a did-you-mean for a product id', async () => {
    const result = await steward(['audit', 'commerce/sales/order'], root);
    expect(result).toEqual({
      code: 1,
      out: '',
      err: "steward: No product commerce/sales/order (looked for catalog/commerce/sales/order/) in this repository's history or working tree; did you mean commerce/sales/orders?\n",
    });
  });

  it('says so with a did-you-mean for a path, and without one when nothing is close', async () => {
    const path = await steward(['audit', 'catalog/commerce/sales/orders/product.yml'], root);
    expect(path.code).toBe(1);
    expect(path.err).toContain('did you mean catalog/commerce/sales/orders/product.yaml?');
    const far = await steward(['audit', 'zzzz/qqqq/xxxx'], root);
    expect(far.code).toBe(1);
    expect(far.err).toMatch(/No product zzzz\/qqqq\/xxxx .*working tree\.\n$/);
  });
});
