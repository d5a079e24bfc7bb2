import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeoutError } from '@platformatic/kafka';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { perItem } from '../../src/apply/kafka-errors.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { lockTopic } from '../../src/apply/lock.js';
import { OutcomeUnknownError } from '../../src/apply/outcome-unknown.js';
import { applyCluster, planCluster } from '../../src/apply/run.js';
import { HttpSchemaRegistry } from '../../src/apply/schema-registry.js';
import { applyStatusOf, parseAuditRecord, renderAuditRecord } from '../../src/audit/record.js';
import { mergeAuditRecords } from '../../src/audit/merge.js';
import { recordOutcomes } from '../../src/audit/outcomes.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { ExternalServiceError } from '../../src/core/errors.js';
import { applyConclusion, renderApplyRun } from '../../src/render/apply-report.js';
import { desiredState } from '../../src/plan/desired.js';
import { renderReportText, reportToJson } from '../../src/render/plan.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const example = async () => desiredState(loadCatalog(await readDirectorySource(repoRoot)).catalog);
const frozenSubject = 'commerce.sales.orders.v1-value';

/** A registry that does register `frozen` but, as a frozen registry would, never answers the request. */
function freezingRegistry(frozen: string): FakeSchemaRegistry {
  const registry = new FakeSchemaRegistry();
  const register = registry.register.bind(registry);
  registry.register = async (subject, schema, references) => {
    const answer = await register(subject, schema, references);
    if (subject === frozen)
      throw new OutcomeUnknownError(
        'registry',
        `Registry: POST /subjects/${subject}/versions was sent, then no answer within 1 s`,
      );
    return answer;
  };
  return registry;
}

describe('an operation that got no answer', () => {
  it('is reported as outcome unknown, not failed, and the next plan settles it', async () => {
    const desired = await example();
    const ports = { kafka: new FakeKafkaAdmin(), registry: freezingRegistry(frozenSubject), name: 'fake-frozen' };
    const { outcomes } = await applyCluster(desired, ports);
    const frozen = outcomes.find((o) => o.operation.resource === `subject:${frozenSubject}`);
    expect(frozen?.status).toBe('unknown');
    expect(frozen?.message).toMatch(/no answer within 1 s; it may have been done: the next plan reads live state/);
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    // Its level is kept, saying why; everything else went through.
    const level = outcomes.find(
      (o) => o.operation.resource === `subject:${frozenSubject}` && o.operation.kind === 'set-compatibility',
    );
    expect(level ? [level.status, level.message] : []).toEqual(
      level ? ['skipped', expect.stringMatching(/has an unknown outcome/)] : [],
    );

    const text = renderReportText(outcomes, []);
    expect(text).toContain(`[outcome unknown] + register schema as version 1 of new subject ${frozenSubject}`);
    expect(text).toMatch(/, 1 outcome unknown\.\n/);
    expect(text).toContain('their outcome is unknown; run `steward plan` or `steward apply` again');
    expect(text).not.toMatch(/\[failed\]/);
    expect(reportToJson(outcomes, []).operations.find((o) => o.resource === `subject:${frozenSubject}`)).toMatchObject({
      status: 'unknown',
    });
    const report = { kind: 'applied' as const, outcomes, notices: [], at: 'now' };
    expect(applyConclusion(report)).toBe('failure');
    expect(renderApplyRun(report, 'c').summary).toContain(`[outcome unknown] + register schema`);
    expect(renderApplyRun(report, 'c').summary).toContain("the re-run's plan settles it");

    // The registry had registered it: the re-run's plan has nothing to register for that subject.
    const next = await planCluster(desired, { ...ports, registry: ports.registry });
    expect(next.operations.filter((o) => o.resource === `subject:${frozenSubject}`).map((o) => o.kind)).toEqual([
      'set-compatibility',
    ]);
  });

  it('a Kafka batch that timed out leaves its items unknown', async () => {
    const desired = await example();
    const kafka = new FakeKafkaAdmin();
    const create = kafka.createTopics.bind(kafka);
    // The broker creates them but the answer never comes (the lock topic aside).
    kafka.createTopics = async (topics) =>
      (await create(topics)).map((r) =>
        r.name === lockTopic ? r : { ...r, error: 'Kafka: admin request failed: Request timed out', unknown: true },
      );
    const { outcomes } = await applyCluster(desired, {
      kafka,
      registry: new FakeSchemaRegistry(),
      name: 'fake-kafka-frozen',
    });
    const topics = outcomes.filter((o) => o.operation.kind === 'create-topic');
    expect(topics.length).toBeGreaterThan(0);
    expect(new Set(topics.map((o) => o.status))).toEqual(new Set(['unknown']));
    expect(
      (await planCluster(desired, { kafka, registry: new FakeSchemaRegistry(), name: 'x' })).operations.some(
        (o) => o.kind === 'create-topic',
      ),
    ).toBe(false);
  });
});

describe('the audit record of an unknown outcome', () => {
  const base = { author: 'a', mergeCommit: 'c', changes: [], approvals: [], waivers: [], subjects: [], topics: [] };

  it('writes and reads `op: unknown`, counts as partial, and a re-run that no longer plans it settles it as ok', () => {
    const outcomes = [
      {
        operation: {
          kind: 'create-acl' as const,
          resource: 'acl:topic:t:User:w:WRITE',
          acl: { resourceType: 'topic' as const, resourceName: 't', principal: 'User:w', operation: 'WRITE' as const },
        },
        status: 'unknown' as const,
        message: 'no answer',
      },
    ];
    const record = { ...base, ...recordOutcomes(outcomes), apply: { status: applyStatusOf(['unknown']), at: 't' } };
    const text = renderAuditRecord(record);
    expect(text).toContain('apply: partial at t');
    expect(text).toContain('op: unknown create-acl acl:topic:t:User:w:WRITE: no answer');
    expect(parseAuditRecord(text)?.operations).toEqual([
      { status: 'unknown', kind: 'create-acl', resource: 'acl:topic:t:User:w:WRITE', detail: 'no answer' },
    ]);
    const rerun = { ...base, operations: [], apply: { status: 'nothing-to-apply' as const, at: 't2' } };
    const merged = mergeAuditRecords(parseAuditRecord(text)!, rerun);
    expect(merged.operations).toEqual([
      {
        status: 'ok',
        kind: 'create-acl',
        resource: 'acl:topic:t:User:w:WRITE',
        detail: 'no answer at the time; a later plan found it done',
      },
    ]);
    expect(merged.apply?.status).toBe('succeeded');
  });
});

describe('HttpSchemaRegistry with a short timeout', () => {
  let server: Server;
  let url: string;
  const held: (() => void)[] = [];

  beforeAll(async () => {
    // Reads the request, never answers (until the test ends).
    server = createServer((req, res) => {
      req.resume();
      held.push(() => res.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/apis/ccompat/v7`;
  });
  afterAll(async () => {
    for (const release of held) release();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('makes an unanswered write an OutcomeUnknownError and an unanswered read a plain failure', async () => {
    const registry = new HttpSchemaRegistry({ url, timeoutMs: 100 });
    const write = await registry.register('s-value', '"string"', []).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(OutcomeUnknownError);
    expect((write as Error).message).toBe(
      'Registry: POST /subjects/s-value/versions was sent, then no answer within 100 ms',
    );
    const read = await registry.getVersions('s-value').catch((e: unknown) => e);
    expect(read).toBeInstanceOf(ExternalServiceError);
    expect(read).not.toBeInstanceOf(OutcomeUnknownError);
    expect((read as Error).message).toMatch(/GET \/subjects\/s-value\/versions failed: no answer within 100 ms/);
  });

  it('does the same over an injected fetch', async () => {
    const registry = new HttpSchemaRegistry({ url, fetch, timeoutMs: 100 });
    await expect(registry.setCompatibility('s-value', 'FULL')).rejects.toBeInstanceOf(OutcomeUnknownError);
  });
});

describe('a Kafka admin request that timed out', () => {
  it('leaves every item of the batch unknown when it was sent, failed when the connection never opened', async () => {
    const sent = await perItem(['a', 'b'], () => Promise.reject(new TimeoutError('Request timed out')));
    expect(sent.map((r) => [r.name, r.unknown, r.error])).toEqual([
      ['a', true, expect.stringMatching(/Request timed out/)],
      ['b', true, expect.stringMatching(/Request timed out/)],
    ]);
    const never = await perItem(['a'], () => Promise.reject(new TimeoutError('Connection to b:9092 timed out.')));
    expect(never[0]?.unknown).toBeUndefined();
    expect(never[0]?.error).toMatch(/timed out/);
  });
});
