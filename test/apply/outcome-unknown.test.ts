import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { lockTopic } from '../../src/apply/lock.js';
import { OutcomeUnknownError } from '../../src/apply/outcome-unknown.js';
import { applyCluster, planCluster } from '../../src/apply/run.js';
import { applyStatusOf, parseAuditRecord, renderAuditRecord } from '../../src/audit/record.js';
import { mergeAuditRecords } from '../../src/audit/merge.js';
import { recordOutcomes } from '../../src/audit/outcomes.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
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
