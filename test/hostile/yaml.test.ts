import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoWithCase } from '../helpers/fixtures.js';
import { runBounded } from './bounded.js';
import type { LocatedFinding } from './yaml-cases.js';

const P = 'catalog/commerce/orders/product.yaml';
const S = '.github/steward.yml';
const R = 'rules/global.yaml';

/** A copy of the valid base repository with `edit` applied to some of its files (or new files written). */
function repoWith(files: Record<string, string | ((text: string) => string)>): string {
  const dir = repoWithCase();
  for (const [path, edit] of Object.entries(files)) {
    const file = join(dir, path);
    writeFileSync(file, typeof edit === 'string' ? edit : edit(readFileSync(file, 'utf8')));
  }
  return dir;
}

async function validate(dir: string) {
  const { value } = await runBounded<{ code: number; findings: LocatedFinding[]; err: string }>(
    './yaml-cases.ts',
    'validateRepo',
    [dir],
  );
  expect(value.err).toBe('');
  return value;
}

const port = (configs: string) => (t: string) =>
  t.replace('    writer: User:svc-orders', `    configs:\n${configs}    writer: User:svc-orders`);

const tuples = (findings: readonly LocatedFinding[]) => findings.map((f) => [f.ruleId, f.path, f.line, f.column]);

/** Every finding is an error whose message is a sentence that names the file and ends with a fix. */
function expectSentences(findings: readonly LocatedFinding[]) {
  for (const f of findings) {
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/^[A-Z`].*[.?]$/s);
  }
}

const head = [
  'apiVersion: mesh-steward/v1',
  'kind: DataProduct',
  'name: orders',
  'description: Orders placed in the web shop.',
  'status: active',
  'classification: internal',
  'owners:',
  '  accountable: ["@acme/orders"]',
  '',
].join('\n');

describe('hostile YAML: sizes that used to be quadratic', () => {
  it('reports one key repeated 2,000 times (10 KB) as 20 findings and a summary, in bounded time', async () => {
    const text = head + 'k: 1\n'.repeat(2_000);
    expect(text.length).toBeLessThan(11_000);
    const { code, findings } = await validate(repoWith({ [P]: text }));
    expect(code).toBe(1);
    const duplicates = Array.from({ length: 21 }, (_, i) => ['YAML_DUPLICATE_KEY', P, 10 + i, 1]);
    expect(tuples(findings)).toEqual([...duplicates, ['MANIFEST_UNKNOWN_KEY', P, 2008, 1]]);
    expect(findings[20]?.message).toContain('and 1978 more problems of this kind after it, not listed');
    expectSentences(findings);
  });

  it('reports 30,000 distinct unknown keys (~300 KB) as 20 findings and a summary, in bounded time', async () => {
    const text = head + Array.from({ length: 30_000 }, (_, i) => `key${i}: 1\n`).join('');
    const { code, findings } = await validate(repoWith({ [P]: text }));
    expect(code).toBe(1);
    expect(tuples(findings)).toEqual(Array.from({ length: 21 }, (_, i) => ['MANIFEST_UNKNOWN_KEY', P, 9 + i, 1]));
    expect(findings[0]?.message).toContain('unknown key `key0`');
    expect(findings[20]?.message).toContain('and 29979 more problems of this kind after it, not listed');
    expectSentences(findings);
  });
});

describe('hostile YAML: many findings of one kind stay short', () => {
  it('caps 10,000 tags and 10,000 unknown topic configs at 21 findings each', async () => {
    const tags = Array.from({ length: 10_000 }, (_, i) => `  - !t${i} x\n`).join('');
    const configs = Array.from({ length: 10_000 }, (_, i) => `      c${i}.x: 1\n`).join('');
    const dir = repoWith({ [P]: (t) => port(configs)(t).replace('sla:\n', `tags:\n${tags}sla:\n`) });
    const { findings } = await validate(dir);
    const count = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId).length;
    expect([count('YAML_UNSUPPORTED_TAG'), count('TOPIC_CONFIG_UNKNOWN')]).toEqual([21, 21]);
    expect(findings.find((f) => f.message.includes('`!t20`'))?.message).toContain(
      'and 9979 more problems of this kind after it, not listed',
    );
    expect(findings.find((f) => f.message.includes('`c20.x`'))?.message).toContain(
      'and 9979 more problems of this kind after it, not listed',
    );
    expectSentences(findings);
  });

  it('quotes a 900 KB key in 80 characters', async () => {
    const { findings } = await validate(repoWith({ [P]: `${head}${'k'.repeat(900_000)}: 1\n` }));
    expect(tuples(findings)).toEqual([['MANIFEST_UNKNOWN_KEY', P, 9, 1]]);
    expect(findings[0]?.message.length).toBeLessThan(400);
  });
});

describe('hostile YAML: tags outside the core schema', () => {
  it('reports `!!binary` on its line instead of crashing the run', async () => {
    const dir = repoWith({
      [P]: (t) => t.replace('description: Orders placed in the web shop.', 'description: !!binary aGVsbG8='),
    });
    const { code, findings } = await validate(dir);
    expect(code).toBe(1);
    expect(tuples(findings)).toEqual([['YAML_UNSUPPORTED_TAG', P, 4, 14]]);
    expect(findings[0]?.message).toBe(
      `The tag \`!!binary\` is not part of the YAML core schema that manifests use in ${P}; remove the tag and write the value as a plain string, number, list or mapping.`,
    );
  });

  it('reports every other tag outside the core schema on its own line', async () => {
    const text = [
      head.trimEnd(),
      'title: !!timestamp 2026-01-01',
      'tags: !!omap [{ a: 1 }]',
      'links: !!set { docs }',
      'quality: !raw raw',
      'sla:',
      '  support: !<tag:example.com,2026:chat> "#orders"',
      '  supportHours: !include hours.yaml',
      '',
    ].join('\n');
    const { code, findings } = await validate(repoWith({ [P]: text }));
    expect(code).toBe(1);
    expect(tuples(findings.filter((f) => f.ruleId.startsWith('YAML_')))).toEqual([
      ['YAML_UNSUPPORTED_TAG', P, 9, 8],
      ['YAML_UNSUPPORTED_TAG', P, 10, 7],
      ['YAML_UNSUPPORTED_TAG', P, 11, 8],
      ['YAML_UNSUPPORTED_TAG', P, 12, 10],
      ['YAML_UNSUPPORTED_TAG', P, 14, 12],
      ['YAML_UNSUPPORTED_TAG', P, 15, 17],
    ]);
    expectSentences(findings);
  });

  it('reads `!!str 3` (and `! 3`) as the string "3": a type error for partitions, a valid name', async () => {
    const dir = repoWith({
      [P]: (t) =>
        t
          .replace('partitions: 6', 'partitions: !!str 6')
          .replace('replicationFactor: 3', 'replicationFactor: ! 3')
          .replace('name: orders\n', 'name: !!str orders\n'),
    });
    const { code, findings } = await validate(dir);
    expect(code).toBe(1);
    expect(tuples(findings)).toEqual([
      ['MANIFEST_INVALID_VALUE', P, 23, 23],
      ['MANIFEST_INVALID_VALUE', P, 24, 26],
    ]);
    expect(findings[0]?.message).toContain('`outputPorts[0].partitions` must be a whole number');
  });

  it('reports a core tag on the wrong kind of node, or on a value it cannot type', async () => {
    const misplaced = repoWith({ [P]: (t) => t.replace('owners:\n', 'owners: !!str\n') });
    expect(tuples((await validate(misplaced)).findings)).toEqual([['YAML_TAG_MISMATCH', P, 7, 9]]);
    const untyped = repoWith({ [P]: (t) => t.replace('partitions: 6', 'partitions: !!int six') });
    expect(tuples((await validate(untyped)).findings)).toEqual([
      ['YAML_TAG_MISMATCH', P, 23, 17],
      ['MANIFEST_INVALID_VALUE', P, 23, 23],
    ]);
  });
});

describe('hostile values: numbers Kafka or the tool would refuse', () => {
  it('reports topic configs that Kafka refuses, each on its line with the reason', async () => {
    const dir = repoWith({
      [P]: port(
        [
          '      retention.ms: 1e400',
          '      retention.bytes: "-2"',
          '      min.insync.replicas: 0',
          '      segment.bytes: 13',
          '      cleanup.policy: delete,archive',
          '      delete.retention.ms: 9223372036854775808',
          '      max.message.bytes: "2147483648"',
          '      min.cleanable.dirty.ratio: 1.5',
          '      unclean.leader.election.enable: "yes"',
          '      compression.type: brotli',
          '      retention.msec: "1000"',
          '',
        ].join('\n'),
      ),
    });
    const { code, findings } = await validate(dir);
    expect(code).toBe(1);
    expect(tuples(findings)).toEqual([
      ['TOPIC_CONFIG_INVALID', P, 26, 21],
      ['TOPIC_CONFIG_INVALID', P, 27, 24],
      ['TOPIC_CONFIG_INVALID', P, 28, 28],
      ['TOPIC_CONFIG_INVALID', P, 29, 22],
      ['TOPIC_CONFIG_INVALID', P, 30, 23],
      ['TOPIC_CONFIG_INVALID', P, 31, 28],
      ['TOPIC_CONFIG_INVALID', P, 32, 26],
      ['TOPIC_CONFIG_INVALID', P, 33, 34],
      ['TOPIC_CONFIG_INVALID', P, 34, 39],
      ['TOPIC_CONFIG_INVALID', P, 35, 25],
      ['TOPIC_CONFIG_UNKNOWN', P, 36, 7],
    ]);
    expect(findings[0]?.message).toBe(
      'Port orders-v1 sets `retention.ms` to 1e400, which Kafka refuses: 1e400 is not a finite number; it must be a whole number of at least -1 milliseconds (-1 means no time limit).',
    );
    expect(findings[1]?.message).toContain('to "-2", which Kafka refuses');
    expect(findings[6]?.message).toContain("does not fit Kafka's int type");
    expect(findings[10]?.message).toContain('did you mean `retention.ms`?');
    expectSentences(findings);
  });

  it('accepts the configs Kafka accepts, quoted or not', async () => {
    const configs = [
      '      retention.ms: "-1"',
      '      retention.bytes: 9007199254740991',
      '      delete.retention.ms: "9223372036854775807"',
      '      cleanup.policy: "compact, delete"',
      '      min.insync.replicas: 2',
      '      min.cleanable.dirty.ratio: "0.5"',
      '      unclean.leader.election.enable: FALSE',
      '      confluent.placement.constraints: "{}"',
      '',
    ].join('\n');
    // Kafka takes all of them; keeping data forever (-1) is the mesh's own governance choice, which validate lints.
    const { findings } = await validate(repoWith({ [P]: port(configs) }));
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'RETENTION_BOUNDS',
        'Port orders-v1 keeps data forever (retention.ms -1); set a finite retention.ms or use cleanup.policy compact for state.',
      ],
    ]);
  });

  it('reports integer fields beyond their range or not finite, in products and settings', async () => {
    const dir = repoWith({
      [P]: (t) =>
        t
          .replace('partitions: 6', 'partitions: 1e400')
          .replace('replicationFactor: 3', 'replicationFactor: 9223372036854775808'),
      [S]: 'apiVersion: mesh-steward/v1\nkind: Settings\ndefaults:\n  partitions: 1e400\n  replicationFactor: -3\ncomment:\n  collapseAfter: .inf\n',
    });
    const { findings } = await validate(dir);
    expect(tuples(findings)).toEqual([
      ['MANIFEST_INVALID_VALUE', S, 4, 15],
      ['MANIFEST_INVALID_VALUE', S, 5, 22],
      ['MANIFEST_INVALID_VALUE', S, 7, 18],
      ['MANIFEST_INVALID_VALUE', P, 23, 17],
      ['MANIFEST_INVALID_VALUE', P, 24, 24],
    ]);
    expect(findings[0]?.message).toBe(
      '`defaults.partitions` is 1e400, which is not a finite number; write a whole number from 1 to 100000.',
    );
    expect(findings[4]?.message).toBe(
      '`outputPorts[0].replicationFactor` is 9223372036854775808, above the maximum of 32; write a smaller number.',
    );
    expectSentences(findings);
  });
});

describe('hostile values: rule parameters', () => {
  it('reports numeric rule parameters that are not finite or out of range', async () => {
    const dir = repoWith({
      [R]: (t) =>
        `${t}  DEPRECATION_REQUIRES_SUNSET: { minNoticeDays: 1e400 }\n  PARTITION_BOUNDS: { max: 9223372036854775808 }\n`,
    });
    const { findings } = await validate(dir);
    expect(tuples(findings)).toEqual([
      ['MANIFEST_INVALID_VALUE', R, 7, 49],
      ['MANIFEST_INVALID_VALUE', R, 8, 28],
    ]);
    expect(findings[0]?.message).toBe(
      '`rules.DEPRECATION_REQUIRES_SUNSET.minNoticeDays` is 1e400, which is not a finite number; write a whole number from 0 to 36500.',
    );
    expectSentences(findings);
  });
});

describe('hostile values: dates and branch names', () => {
  it('reports impossible dates in every date field', async () => {
    const dir = repoWith({
      [P]: (t) =>
        t
          .replace('status: active', 'status: deprecated\ndeprecation:\n  sunset: 2026-02-30')
          .replace(
            '    writer: User:svc-orders',
            '    writer: User:svc-orders\n    deprecation:\n      sunset: "2025-13-01"',
          ),
    });
    const { findings } = await validate(dir);
    expect(tuples(findings)).toEqual([
      ['MANIFEST_INVALID_VALUE', P, 7, 11],
      ['MANIFEST_INVALID_VALUE', P, 29, 15],
    ]);
    expect(findings[0]?.message).toBe(
      '`deprecation.sunset` has day 30, and 2026-02 has 28 days; write a real date as YYYY-MM-DD.',
    );
    expect(findings[1]?.message).toContain('has month 13');
  });

  it.each([
    ['"main\\nevil"', 'contains the control character U+000A'],
    ['"release candidate"', 'contains a space'],
    ['"-main"', 'starts with `-`'],
    ['"feature..x"', 'contains `..`'],
    ['"main.lock"', 'ends with `.lock`'],
    ['"refs/heads/"', 'empty path component'],
    ['"a@{1}"', 'contains `@{`'],
  ])('reports applyBranch %s, which git refuses, on its line', async (branch, reason) => {
    const dir = repoWith({ [S]: `apiVersion: mesh-steward/v1\nkind: Settings\napplyBranch: ${branch}\n` });
    const { code, findings } = await validate(dir);
    expect(code).toBe(1);
    expect(tuples(findings)).toEqual([['MANIFEST_INVALID_VALUE', S, 3, 14]]);
    expect(findings[0]?.message).toContain(reason);
    expectSentences(findings);
  });
});
