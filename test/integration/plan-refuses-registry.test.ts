import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Admin } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { services } from './apply-services.js';

// Issue 13, point 2, against the real registry: a schema the registry would refuse under the subject's live level
// is a REGISTRY_INCOMPATIBLE finding in the plan, with our explanation, and apply attempts nothing: no topic, no
// version, no 409 from the registry. The registry's own verdict on the same schema is asked for last, so the
// finding is held to what the registry does, not only to our engine.
const fixture = join(import.meta.dirname, '..', 'fixtures', 'validate', 'base');
const env = { STEWARD_KAFKA_BROKERS: services.brokers.join(','), STEWARD_REGISTRY_URL: services.registryUrl };
// Per-run names, so the suite can run again on the same services.
const run = Date.now().toString(36);
const schemaPath = 'catalog/commerce/refunds/schemas/refund.avsc';

const idField = { name: 'id', type: 'string', doc: 'Refund id.' };
const amountField = { name: 'amount', type: 'long', doc: 'Amount, no default.' };
const channelWeb = { name: 'channel', type: 'string', default: 'web', doc: 'Channel.' };
const channel = { name: 'channel', type: 'string', doc: 'Channel, no default.' };

function schemaOf(fields: readonly object[]): string {
  return JSON.stringify({ type: 'record', name: 'Refund', namespace: 'com.acme.commerce', doc: 'A refund.', fields });
}

/** A catalog of one product, `refunds`, whose one port's topic is `topic`. */
function writeRefunds(dir: string, topic: string, compatibility: string, fields: readonly object[]): void {
  const folder = join(dir, 'catalog/commerce/refunds');
  mkdirSync(join(folder, 'schemas'), { recursive: true });
  writeFileSync(
    join(folder, 'product.yaml'),
    `apiVersion: mesh-steward/v1
kind: DataProduct
name: refunds
description: Refunds, for the registry refusal integration tests.
status: active
classification: internal
owners:
  accountable: ["@acme/refunds"]
outputPorts:
  - name: refunds-v1
    topic: ${topic}
    value: { schema: schemas/refund.avsc }
    compatibility: ${compatibility}
    partitions: 1
    replicationFactor: 1
    writer: User:svc-refunds
`,
  );
  writeFileSync(join(dir, schemaPath), schemaOf(fields));
}

async function steward(args: string[], dir: string) {
  let out = '';
  let err = '';
  const code = await runCli([...args, dir], { cwd: dir, env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** The registry over plain HTTP, as another team would write to it (out of band of the catalog). */
const registry = {
  async call(method: string, path: string, body?: object) {
    const response = await fetch(`${services.registryUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  },
  setLevel(subject: string, compatibility: string) {
    return this.call('PUT', `/config/${subject}`, { compatibility });
  },
  register(subject: string, fields: readonly object[]) {
    return this.call('POST', `/subjects/${subject}/versions`, { schema: schemaOf(fields) });
  },
  async versions(subject: string) {
    return (await this.call('GET', `/subjects/${subject}/versions`)).body;
  },
};

describe('a plan the real registry would refuse is not applied', () => {
  const admin = new Admin({ clientId: 'steward-it-refusals', bootstrapBrokers: services.brokers });
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-refusals-it-'));
    for (const part of ['.github', 'rules', 'catalog/commerce/domain.yaml'])
      cpSync(join(fixture, part), join(dir, part), { recursive: true });
  });

  afterAll(async () => {
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A subject that exists only in the registry (its topic does not exist), at `level`, holding `history`. */
  async function registerOutOfBand(topic: string, level: string, history: readonly (readonly object[])[]) {
    const subject = `${topic}-value`;
    for (const fields of history) expect((await registry.register(subject, fields)).status).toBe(200);
    expect((await registry.setLevel(subject, level)).status).toBe(200);
    expect(await registry.versions(subject)).toEqual(history.map((_, i) => i + 1));
    return subject;
  }

  /** The plan and the apply of the catalog as it stands; apply must attempt nothing and change nothing. */
  async function planAndApply(topic: string, subject: string) {
    const planned = await steward(['plan', '--format', 'json'], dir);
    const plan = JSON.parse(planned.out) as {
      operations: { kind: string; resource: string }[];
      findings: { ruleId: string; severity: string; message: string; location: { path: string; line: number } }[];
    };
    const versionsBefore = await registry.versions(subject);
    const applied = await steward(['apply'], dir);
    expect(applied.out).toContain(
      'The cluster or the registry would refuse this plan: nothing is applied until these are fixed.\n' +
        `Applied: nothing (0 operations attempted of ${plan.operations.length} planned).\n`,
    );
    // Not the registry's raw refusal, nor any outcome: nothing reached it.
    expect(applied.out).not.toMatch(/answered 409|\[(succeeded|failed)\]/);
    expect([planned.code, applied.code]).toEqual([1, 1]);
    expect(await registry.versions(subject)).toEqual(versionsBefore);
    expect(await admin.listTopics()).not.toContain(topic);
    return { plan, applied };
  }

  it('a new field without a default under BACKWARD: the plan explains the break, apply attempts nothing', async () => {
    const topic = `commerce.refunds-${run}.v1`;
    const subject = await registerOutOfBand(topic, 'BACKWARD', [[idField]]);
    writeRefunds(dir, topic, 'BACKWARD', [idField, amountField]);
    const { plan, applied } = await planAndApply(topic, subject);
    expect(plan.operations.map((o) => `${o.kind} ${o.resource}`)).toContain(`register-schema subject:${subject}`);
    expect(plan.findings.map((f) => [f.ruleId, f.severity, f.location.path, f.location.line])).toEqual([
      ['REGISTRY_INCOMPATIBLE', 'error', schemaPath, 1],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'error', schemaPath, 1],
    ]);
    expect(plan.findings[0]?.message).toBe(
      `The registry would refuse this schema for ${subject}: it breaks version 1 under the subject's BACKWARD level, so apply would stop at a 409. Nothing is applied until it is fixed; each break is explained below.`,
    );
    expect(plan.findings[1]?.message).toContain(
      'cannot decode records written with the schema at registered version 1, because field `amount` is not in the schema at registered version 1 and has no default.',
    );
    expect(applied.out).toContain(`error REGISTRY_INCOMPATIBLE The registry would refuse this schema for ${subject}`);
    // The registry agrees: offered the same schema directly, it refuses it, and still holds version 1 only.
    expect((await registry.register(subject, [idField, amountField])).status).toBe(409);
    expect(await registry.versions(subject)).toEqual([1]);
  });

  it('under BACKWARD_TRANSITIVE a schema that reads the latest version but not the first is refused too', async () => {
    const topic = `commerce.refunds-transitive-${run}.v1`;
    // Version 2 gave channel a default; the candidate takes it away, so it cannot read version 1's records.
    const subject = await registerOutOfBand(topic, 'BACKWARD_TRANSITIVE', [[idField], [idField, channelWeb]]);
    writeRefunds(dir, topic, 'BACKWARD_TRANSITIVE', [idField, channel]);
    const { plan } = await planAndApply(topic, subject);
    expect(plan.findings.map((f) => [f.ruleId, f.severity, f.location.path])).toEqual([
      ['REGISTRY_INCOMPATIBLE', 'error', schemaPath],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'error', schemaPath],
    ]);
    expect(plan.findings[0]?.message).toContain(
      "it breaks version 1 under the subject's BACKWARD_TRANSITIVE level (which checks every registered version, 1 to 2),",
    );
    expect(plan.findings[1]?.message).toContain('the schema at registered version 1');
    expect((await registry.register(subject, [idField, channel])).status).toBe(409);
    expect(await registry.versions(subject)).toEqual([1, 2]);
    // Under BACKWARD the registry compares the latest version only: the same schema is planned and registered.
    expect((await registry.setLevel(subject, 'BACKWARD')).status).toBe(200);
    writeRefunds(dir, topic, 'BACKWARD', [idField, channel]);
    const planned = await steward(['plan', '--format', 'json'], dir);
    expect([planned.code, (JSON.parse(planned.out) as { findings: unknown[] }).findings]).toEqual([0, []]);
    const applied = await steward(['apply'], dir);
    expect(applied.out).toMatch(/Applied: \d+ succeeded, 0 failed, 0 skipped, 0 not attempted\./);
    expect(await registry.versions(subject)).toEqual([1, 2, 3]);
  });
});
