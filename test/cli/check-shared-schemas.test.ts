import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { steward } from '../helpers/cli.js';
import { fixturesDir, repoWithCase } from '../helpers/fixtures.js';

const root = join(import.meta.dirname, '..', '..');
const PROFILES = 'catalog/customer/profiles/product.yaml';
const ADDRESS = 'catalog/customer/profiles/schemas/address.avsc';
const CRM = 'catalog/crm/customers/product.yaml';
const CRM_ADDRESS = 'catalog/crm/customers/schemas/address.avsc';

interface Report {
  findings: { ruleId: string; message: string; location: { path: string; line: number } }[];
  changes: { kind: string; description: string }[];
  schemas: { subject: string; path: string; level: string; status: string }[];
  approvals: { requirement: string; parties: string[] }[];
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
}

function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** The example catalog of this repository (catalog/, rules/, .github/steward.yml), committed on main. */
function exampleRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-example-'));
  made.push(dir);
  for (const part of ['catalog', 'rules']) cpSync(join(root, part), join(dir, part), { recursive: true });
  mkdirSync(join(dir, '.github'));
  cpSync(join(root, '.github', 'steward.yml'), join(dir, '.github', 'steward.yml'));
  git(dir, 'init', '-q', '-b', 'main');
  commitAll(dir, 'base');
  return dir;
}

/** The smallest mesh with a shared type: crm/customers' Customer uses Address from address.avsc; crm/mailings reads it. */
function minimalRepo(): string {
  const dir = repoWithCase();
  cpSync(join(fixturesDir, 'shared-types', 'before'), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  commitAll(dir, 'base');
  return dir;
}

function edit(dir: string, path: string, from: string, to: string): void {
  const text = readFileSync(join(dir, path), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir, path), text.replace(from, to));
}

async function check(dir: string): Promise<{ code: number; report: Report }> {
  const result = await steward(['check', '--base', 'main', '--format', 'json', '--today', '2026-11-22'], dir);
  return { code: result.code, report: JSON.parse(result.out) as Report };
}

const findings = (r: Report) => r.findings.map((f) => [f.ruleId, f.location.path, f.location.line]);
const required = (r: Report) => r.approvals.map((a) => a.requirement);
const profileApprovals = [
  'consulted:customer/profiles:@acme/data-governance',
  'consulted:customer/profiles:@acme/privacy-office',
  'consumer:customer/segments',
  'consumer:finance/invoices',
  'consumer:logistics/fulfillment/shipments',
  'owner:customer/profiles',
];

describe('steward check on a change to a shared schema file', () => {
  it('the example catalog: city from string to int in address.avsc blocks, with consulted parties and consumers', async () => {
    const dir = exampleRepo();
    edit(dir, ADDRESS, '{ "name": "city", "type": "string"', '{ "name": "city", "type": "int"');
    const { code, report } = await check(dir);
    expect(code).toBe(1);
    expect(findings(report)).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PROFILES, 61],
      ['TYPE_MISMATCH', ADDRESS, 10],
    ]);
    expect(report.findings[1]?.message).toContain('`addresses[].address.city` changes from string to int');
    expect(report.changes.map((c) => c.description)).toEqual([
      'customer/profiles#profiles-v2: value schema catalog/customer/profiles/schemas/profile.avsc changed through ' +
        `${ADDRESS} (checked under BACKWARD_TRANSITIVE).`,
    ]);
    expect(required(report)).toEqual(profileApprovals);
  });

  it('the example catalog: a required field added to address.avsc blocks the same way', async () => {
    const dir = exampleRepo();
    const city = '{ "name": "city", "type": "string", "doc": "City or town." },';
    edit(dir, ADDRESS, city, `${city}\n    { "name": "district", "type": "string", "doc": "District." },`);
    const { code, report } = await check(dir);
    expect(code).toBe(1);
    expect(findings(report)).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PROFILES, 61],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', ADDRESS, 11],
    ]);
    expect(required(report)).toEqual(profileApprovals);
  });

  it('a minimal repository: the shared file breaks its one port', async () => {
    const dir = minimalRepo();
    edit(dir, CRM_ADDRESS, '{ "name": "city", "type": "string"', '{ "name": "city", "type": "int"');
    const { code, report } = await check(dir);
    expect(code).toBe(1);
    expect(findings(report)).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', CRM, 19],
      ['TYPE_MISMATCH', CRM_ADDRESS, 8],
    ]);
    expect(required(report)).toEqual([
      'consulted:crm/customers:@acme/privacy',
      'consumer:crm/mailings',
      'owner:crm/customers',
    ]);
    // The registry judges the referenced file's own subject too (registered before the port's).
    expect(report.schemas.map((v) => [v.subject, v.path, v.level, v.status])).toEqual([
      ['crm.customers.v1-value', 'catalog/crm/customers/schemas/customer.avsc', 'BACKWARD', 'incompatible'],
      ['com.acme.common.Address', CRM_ADDRESS, 'BACKWARD', 'incompatible'],
    ]);
  });

  it('a transitive level checks the versions from commits where only the shared file changed, each with its own text', async () => {
    const dir = minimalRepo();
    const first = git(dir, 'rev-parse', '--short=7', 'HEAD').trim();
    edit(dir, CRM, 'compatibility: BACKWARD', 'compatibility: BACKWARD_TRANSITIVE');
    commitAll(dir, 'transitive');
    const city = '{ "name": "city", "type": "string", "doc": "City or town." }';
    const country = '{ "name": "country", "type": "string", "default": "NL", "doc": "Country code." }';
    edit(dir, CRM_ADDRESS, city, `${city},\n    ${country}`);
    commitAll(dir, 'country, with a default');
    // Without its default, the field breaks only against the first commit's Address, which had no country.
    edit(dir, CRM_ADDRESS, ' "default": "NL",', '');
    const { code, report } = await check(dir);
    expect(code).toBe(1);
    expect(findings(report)).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', CRM, 19],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', CRM_ADDRESS, 9],
    ]);
    expect(report.findings[1]?.message).toContain(`the schema at commit ${first}`);
  });
});
