import { describe, expect, it } from 'vitest';
import { readYaml } from '../../src/catalog/read-source.js';
import { validateManifest, type ManifestKind } from '../../src/catalog/validate-manifest.js';

const head = 'apiVersion: mesh-steward/v1\nkind: DataProduct\nname: orders\ndescription: Orders.\n';
const valid = `${head}status: active\nclassification: internal\nowners:\n  accountable: ["@acme/orders"]\n`;

function check(text: string, kind: ManifestKind = 'DataProduct') {
  const read = readYaml('p.yaml', { kind: 'file', content: text });
  expect(read.findings).toEqual([]);
  return validateManifest(kind, read.value, read.document!);
}
const messages = (text: string, kind?: ManifestKind) => check(text, kind).map((f) => f.message);
const withPort = (lines: string) =>
  `${valid}outputPorts:\n  - name: v1\n    topic: a.v1\n    value: { schema: schemas/v.avsc }\n    writer: User:svc\n${lines}`;

describe('validateManifest', () => {
  it('accepts a valid manifest of each kind', () => {
    expect(check(valid)).toEqual([]);
    expect(
      check('apiVersion: mesh-steward/v1\nkind: Domain\nname: d\ndescription: D.\nowners: [x]\n', 'Domain'),
    ).toEqual([]);
    expect(check('apiVersion: mesh-steward/v1\nkind: Rules\nrules: {}\n', 'Rules')).toEqual([]);
    expect(check('apiVersion: mesh-steward/v1\nkind: Settings\n', 'Settings')).toEqual([]);
  });

  it('asks for a mapping when the file is empty, a list or a scalar', () => {
    const read = readYaml('p.yaml', { kind: 'file', content: '# empty\n' });
    expect(validateManifest('Domain', undefined, read.document!)).toEqual([
      {
        ruleId: 'MANIFEST_INVALID_VALUE',
        severity: 'error',
        message:
          'The domain manifest must be a YAML mapping of keys to values (start with `apiVersion: mesh-steward/v1` and `kind: Domain`).',
        location: { path: 'p.yaml', line: 1, column: 1 },
      },
    ]);
    expect(messages('- a\n')[0]).toMatch(/^The product manifest must be a YAML mapping/);
    expect(messages('just text\n', 'Settings')[0]).toMatch(/^The settings file must be a YAML mapping/);
  });

  it('names a missing required field, at the mapping that lacks it', () => {
    const findings = check(`${head}status: active\nclassification: internal\n`);
    expect(findings).toEqual([
      {
        ruleId: 'MANIFEST_MISSING_FIELD',
        severity: 'error',
        message: 'The product manifest is missing the required field `owners`; add it (see docs/manifest.md).',
        location: { path: 'p.yaml', line: 1, column: 1 },
      },
    ]);
    const nested = check(`${head}status: active\nclassification: internal\nowners:\n  informed: [x]\n`);
    expect(nested.map((f) => [f.message, f.location.line])).toEqual([
      ['`owners` is missing the required field `accountable`; add it (see docs/manifest.md).', 8],
    ]);
  });

  it('points an unknown key at the key, suggesting the closest allowed one or listing them', () => {
    const typo = check(`${valid}titel: Orders\n`);
    expect(typo.map((f) => [f.ruleId, f.message, f.location.line, f.location.column])).toEqual([
      ['MANIFEST_UNKNOWN_KEY', 'The product manifest has an unknown key `titel`; did you mean `title`?', 9, 1],
    ]);
    expect(messages(`${valid}sla:\n  zzzzzzzzzz: 1\n`)).toEqual([
      '`sla` has an unknown key `zzzzzzzzzz`; allowed keys are `tier`, `availability`, `freshness`, `latency`, `support`, `supportHours`.',
    ]);
  });

  it('describes each violated constraint on the value', () => {
    expect(messages(valid.replace('status: active', 'status: sleeping'))).toEqual([
      '`status` must be one of `draft`, `active`, `deprecated`, `retired`.',
    ]);
    expect(messages(valid.replace('kind: DataProduct', 'kind: Domain'))).toEqual(['`kind` must be `DataProduct`.']);
    expect(messages(valid.replace('description: Orders.', 'description: ""'))).toEqual([
      '`description` must not be empty.',
    ]);
    expect(messages(valid.replace('["@acme/orders"]', '[]'))).toEqual(['`owners.accountable` needs at least 1 entry.']);
    expect(messages(`${valid}tags: [a, b, a]\n`)).toEqual([
      '`tags` lists the same entry twice (items 2 and 0); remove the duplicate.',
    ]);
    expect(messages(`${valid}tags: [Bad]\n`)).toEqual([
      '`tags[0]` does not have the expected form: A kebab-case label, at most 64 characters.',
    ]);
    expect(messages(valid.replace('name: orders', 'name: Orders'))).toEqual([
      '`name` does not have the expected form: Lower-case kebab-case identifier, for example `order-events`.',
    ]);
  });

  it('quotes the value as written when it is out of range or not finite', () => {
    expect(messages(withPort('    partitions: 200000\n'))).toEqual([
      '`outputPorts[0].partitions` is 200000, above the maximum of 100000; write a smaller number.',
    ]);
    expect(messages(withPort('    partitions: 0\n'))).toEqual([
      '`outputPorts[0].partitions` is 0, below the minimum of 1; write a larger number.',
    ]);
    expect(messages(`${valid}sla:\n  availability: 0\n`)).toEqual([
      '`sla.availability` is 0, below the limit of 0; write a larger number.',
    ]);
    expect(messages(withPort('    partitions: .inf\n'))).toEqual([
      '`outputPorts[0].partitions` is .inf, which is not a finite number; write a whole number from 1 to 100000.',
    ]);
    expect(messages(withPort('    partitions: six\n'))).toEqual([
      '`outputPorts[0].partitions` must be a whole number.',
    ]);
  });

  it('says what is wrong with a date that is not a real one', () => {
    expect(messages(`${valid}deprecation:\n  sunset: 2026-02-30\n`)).toEqual([
      '`deprecation.sunset` has day 30, and 2026-02 has 28 days; write a real date as YYYY-MM-DD.',
    ]);
  });

  it('leaves topic config values to the Kafka checks, which report them once', () => {
    const findings = check(withPort('    configs:\n      retention.ms: [1]\n'));
    expect(findings.map((f) => f.ruleId)).toEqual(['TOPIC_CONFIG_INVALID']);
  });

  it('lists at most 21 findings of a rule, the last counting the rest', () => {
    const keys = Array.from({ length: 25 }, (_, i) => `zzzzzzzz${i}: 1\n`).join('');
    const findings = check(`${valid}${keys}`);
    expect(findings).toHaveLength(21);
    expect(findings.every((f) => f.ruleId === 'MANIFEST_UNKNOWN_KEY')).toBe(true);
    expect(findings[19]?.message).not.toContain('more problem');
    expect(findings[20]?.message).toMatch(/\(and 4 more problems of this kind after it, not listed\)\.$/);
  });

  it('caps the value checks per rule the same way, saying “1 more problem” for one', () => {
    const configs = Array.from({ length: 22 }, (_, i) => `      zzzzzzzzzzzzzzzzzzz.x${i}: 1\n`).join('');
    const findings = check(withPort(`    configs:\n${configs}`));
    expect(findings).toHaveLength(21);
    expect(findings[20]?.message).toContain('(and 1 more problem of this kind after it, not listed)');
  });

  it('checks each kind against its own schema', () => {
    expect(messages('apiVersion: mesh-steward/v1\nkind: Domain\nname: d\ndescription: D.\n', 'Domain')).toEqual([
      'The domain manifest is missing the required field `owners`; add it (see docs/manifest.md).',
    ]);
    expect(messages('apiVersion: mesh-steward/v1\nkind: Settings\nallowDeletions: "yes"\n', 'Settings')).toEqual([
      '`allowDeletions` must be true or false.',
    ]);
    expect(messages('apiVersion: mesh-steward/v2\nkind: Rules\nrules: {}\n', 'Rules')).toEqual([
      '`apiVersion` must be `mesh-steward/v1`.',
    ]);
  });
});
