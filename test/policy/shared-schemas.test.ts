import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { SchemaSnapshot } from '../../src/catalog/schema-history.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import type { SourceEntry } from '../../src/core/source.js';
import { evaluateChange } from '../../src/policy/evaluate-change.js';
import { applyWaivers } from '../../src/policy/waivers.js';
import { fixturesDir } from '../helpers/fixtures.js';

const fixtures = join(fixturesDir, 'shared-types');
const PRODUCT = 'catalog/crm/customers/product.yaml';
const CUSTOMER = 'catalog/crm/customers/schemas/customer.avsc';
const ADDRESS = 'catalog/crm/customers/schemas/address.avsc';
const breakingApprovals = [
  ['consulted:crm/customers:@acme/privacy', ['@acme/privacy']],
  ['consumer:crm/mailings', ['@acme/mailroom']],
  ['owner:crm/customers', ['@acme/crm']],
];

type Tree = Map<string, SourceEntry>;

/** The validate base fixture with the shared-types `before` folder laid over it, and `after` over that. */
async function trees(after: string): Promise<{ base: Tree; head: Tree }> {
  const base = new Map([
    ...(await readDirectorySource(join(fixturesDir, 'validate', 'base'))),
    ...(await readDirectorySource(join(fixtures, 'before'))),
  ]);
  const head = new Map([...base, ...(await readDirectorySource(join(fixtures, after)))]);
  return { base, head };
}

function judge(base: Tree, head: Tree, history?: ReadonlyMap<string, readonly SchemaSnapshot[]>) {
  const report = evaluateChange({
    base: loadCatalog(base),
    head: loadCatalog(head),
    today: '2026-11-22',
    ...(history ? { history } : {}),
  });
  return {
    report,
    findings: report.findings.map((f) => [f.ruleId, f.location.path, f.location.line]),
    requirements: report.approvals.requirements.map((r) => [r.id, r.parties]),
    verdicts: report.schemas.map((s) => [s.subject, s.path, s.result.status]),
  };
}

function text(tree: Tree, path: string): string {
  const entry = tree.get(path);
  return entry?.kind === 'file' ? Buffer.from(entry.content).toString('utf8') : '';
}

describe('a change to a referenced schema file is judged as a change to every subject that uses it', () => {
  it('a type change in the shared file breaks the port: explained on its line, consulted and consumers must approve', async () => {
    const { base, head } = await trees('after-city-int');
    const s = judge(base, head);
    expect(s.findings).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PRODUCT, 19],
      ['TYPE_MISMATCH', ADDRESS, 8],
    ]);
    expect(s.report.findings.map((f) => f.severity)).toEqual(['error', 'error']);
    expect(s.requirements).toEqual(breakingApprovals);
    expect(s.report.impact).toMatchObject([
      { productId: 'crm/customers', port: 'customers-v1', breaking: true, consumers: [{ productId: 'crm/mailings' }] },
    ]);
    expect(s.report.blocking).toBe(true);
    expect(s.report.changes).toMatchObject([{ kind: 'schema-changed', path: CUSTOMER, through: [ADDRESS] }]);
  });

  it("re-checks the referenced file's own subject, as the registry registers it before the port's", async () => {
    const { base, head } = await trees('after-city-int');
    expect(judge(base, head).verdicts).toEqual([
      ['crm.customers.v1-value', CUSTOMER, 'incompatible'],
      ['com.acme.common.Address', ADDRESS, 'incompatible'],
    ]);
  });

  it('a required field added to the shared file breaks BACKWARD the same way', async () => {
    const { base, head } = await trees('after-required-field');
    const s = judge(base, head);
    expect(s.findings).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PRODUCT, 19],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', ADDRESS, 9],
    ]);
    expect(s.requirements).toEqual(breakingApprovals);
  });

  /**
   * A BACKWARD_TRANSITIVE port: commit 1 has Address without `country`, commit 2 (only address.avsc changed) adds
   * it with a default, and the head drops the default, which breaks only against commit 1's Address.
   */
  async function droppedDefault(between: string[] = []) {
    const transitive = (t: Tree) =>
      new Map(t).set(PRODUCT, {
        kind: 'file',
        content: text(t, PRODUCT).replace('compatibility: BACKWARD', 'compatibility: BACKWARD_TRANSITIVE'),
      });
    const { base: before, head: required } = await trees('after-required-field');
    const country = '"name": "country", "type": "string",';
    const withDefault = text(required, ADDRESS).replace(country, `${country} "default": "NL",`);
    const snapshot = (commit: string, address: string): SchemaSnapshot => ({
      commit,
      files: new Map([
        [ADDRESS, address],
        [CUSTOMER, text(before, CUSTOMER)],
      ]),
    });
    const versions = [text(before, ADDRESS), ...between, withDefault];
    const history = new Map([['crm/customers', versions.map((v, i) => snapshot(String(i + 1).repeat(40), v))]]);
    const base = transitive(new Map(before).set(ADDRESS, { kind: 'file', content: withDefault }));
    return { base, head: transitive(required), history };
  }

  it('resolves each earlier version with the shared file as it was at that commit', async () => {
    const { base, head, history } = await droppedDefault();
    const s = judge(base, head, history);
    expect(s.findings).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PRODUCT, 19],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', ADDRESS, 9],
    ]);
    expect(s.report.findings[1]?.message).toContain('the schema at commit 1111111');
    expect(s.requirements).toEqual(breakingApprovals);
    // Without the history, the base (which has the default) is the only version, and the change is compatible.
    expect(judge(base, head).findings).toEqual([]);
  });

  it('leaves out an earlier commit where the shared file did not parse, and still judges the others', async () => {
    const { base, head, history } = await droppedDefault(['{ "type": "record", "name": "Address", "fields": [']);
    const s = judge(base, head, history);
    expect(s.verdicts.map((v) => v[2])).toEqual(['incompatible', 'incompatible']);
    expect(s.findings).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PRODUCT, 19],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', ADDRESS, 9],
    ]);
  });

  it('a compatible change to the shared file needs only the owner', async () => {
    const { base } = await trees('after-city-int');
    const head = new Map(base).set(ADDRESS, {
      kind: 'file',
      content: text(base, ADDRESS).replace(
        '"doc": "City or town." }',
        '"doc": "City or town." },\n    { "name": "region", "type": ["null", "string"], "default": null, "doc": "Region." }',
      ),
    });
    const s = judge(base, head);
    expect(s.findings).toEqual([]);
    expect(s.verdicts.map((v) => v[2])).toEqual(['compatible', 'compatible']);
    expect(s.requirements).toEqual([['owner:crm/customers', ['@acme/crm']]]);
  });

  it("an Accountable party's waiver also covers the explanation in the shared file", async () => {
    const { base, head } = await trees('after-city-int');
    const { report } = judge(base, head);
    const request = { by: 'carol', reason: 'Consumers migrate first.', source: 'https://x/1' };
    const teams = new Map([['@acme/crm', ['carol']]]);
    const waived = applyWaivers(report, [request], { author: 'alice', teams });
    expect(waived.report.findings.map((f) => [f.ruleId, f.location.path, f.severity])).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PRODUCT, 'notice'],
      ['TYPE_MISMATCH', ADDRESS, 'notice'],
    ]);
    expect(waived.report.blocking).toBe(false);
  });

  it('explains a break met by both subjects once, and keeps two breaks at one place apart', async () => {
    const { base: plain } = await trees('after-city-int');
    const city = (type: string) => `{ "name": "city", "type": ${type}, "doc": "City or town." }`;
    const setCity = (t: Tree, type: string) =>
      new Map(t).set(ADDRESS, { kind: 'file', content: text(plain, ADDRESS).replace(city('"string"'), city(type)) });
    const s = judge(setCity(plain, '["null", "string", "long"]'), setCity(plain, '"null"'));
    expect(s.verdicts.map((v) => v[2])).toEqual(['incompatible', 'incompatible']);
    const breaks = s.report.schemas.map((v) => v.result.findings.map((f) => [f.ruleId, f.location.line]));
    expect(breaks).toEqual([
      [
        ['TYPE_MISMATCH', 8],
        ['TYPE_MISMATCH', 8],
      ],
      [
        ['TYPE_MISMATCH', 8],
        ['TYPE_MISMATCH', 8],
      ],
    ]);
    expect(s.findings).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PRODUCT, 19],
      ['TYPE_MISMATCH', ADDRESS, 8],
      ['TYPE_MISMATCH', ADDRESS, 8],
    ]);
    expect(s.report.findings[1]?.message).toContain('`home.city`');
  });

  it('a change two references deep re-checks every subject on the way: the port, Address and Country', async () => {
    const { base: plain } = await trees('after-city-int');
    const COUNTRY = 'catalog/crm/customers/schemas/country.avsc';
    const country = (type: string) =>
      `{"type": "record", "name": "Country", "namespace": "com.acme.common", "doc": "A country.", "fields": [\n` +
      `  {"name": "code", "type": "${type}", "doc": "ISO code."}\n]}\n`;
    const city = '{ "name": "city", "type": "string", "doc": "City or town." }';
    const withCountry = text(plain, ADDRESS).replace(
      city,
      `${city},\n    { "name": "country", "type": "Country", "doc": "Country (country.avsc)." }`,
    );
    const base = new Map(plain)
      .set(ADDRESS, { kind: 'file', content: withCountry })
      .set(COUNTRY, { kind: 'file', content: country('string') });
    const head = new Map(base).set(COUNTRY, { kind: 'file', content: country('int') });
    const s = judge(base, head);
    expect(s.verdicts).toEqual([
      ['crm.customers.v1-value', CUSTOMER, 'incompatible'],
      ['com.acme.common.Address', ADDRESS, 'incompatible'],
      ['com.acme.common.Country', COUNTRY, 'incompatible'],
    ]);
    expect(s.findings).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', PRODUCT, 19],
      ['TYPE_MISMATCH', COUNTRY, 2],
    ]);
    expect(s.report.changes).toMatchObject([{ through: [COUNTRY] }]);
    expect(s.requirements).toEqual(breakingApprovals);
  });
});
