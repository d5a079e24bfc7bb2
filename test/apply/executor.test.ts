import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { lockTopic } from '../../src/apply/lock.js';
import { applyCluster, planCluster } from '../../src/apply/run.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { desiredState } from '../../src/plan/desired.js';
import type { DesiredState } from '../../src/plan/state.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const exampleDesired = async (): Promise<DesiredState> =>
  desiredState(loadCatalog(await readDirectorySource(repoRoot)).catalog);

function cluster() {
  const kafka = new FakeKafkaAdmin();
  const registry = new FakeSchemaRegistry();
  return { kafka, registry, name: `fake-${Math.random()}` };
}

describe('applyCluster on the fakes', () => {
  it('says so when the apply lock could not be released, instead of leaving the next apply to wait in silence', async () => {
    const ports = cluster();
    ports.kafka.deleteTopics = async (names) => names.map((name) => ({ name, error: 'Broker went away.' }));
    const { warnings } = await applyCluster(await exampleDesired(), ports);
    expect(warnings).toEqual([expect.stringContaining(`could not be released: Broker went away.`)]);
    expect(warnings[0]).toContain('--break-lock');
    expect(ports.kafka.topics.has(lockTopic)).toBe(true);
  });

  it('reports a rollback to an older registered schema instead of registering it again and again', async () => {
    const spec = (fields: string[]) => ({
      subject: 'rollback-value',
      schema: JSON.stringify({
        type: 'record',
        name: 'R',
        fields: fields.map((name) => ({ name, type: 'string', default: '' })),
      }),
      references: [],
      compatibility: 'BACKWARD' as const,
    });
    const state = (fields: string[]): DesiredState => ({
      topics: [],
      subjects: [spec(fields)],
      acls: [],
      retired: { topics: [], subjects: [] },
      groups: [],
      allowDeletions: false,
      notices: [],
    });
    const ports = cluster();
    await applyCluster(state(['a']), ports);
    await applyCluster(state(['a', 'b']), ports);
    ports.registry.calls.length = 0;
    const rolledBack = state(['a']);
    const { operations } = await planCluster(rolledBack, ports);
    expect(operations).toEqual([
      expect.objectContaining({ kind: 'register-schema', registeredAs: 1, skipped: expect.stringMatching(/older/) }),
    ]);
    // One lookup for the one subject that differs.
    expect(ports.registry.calls.filter((c) => c.startsWith('lookup '))).toEqual(['lookup rollback-value']);
    const { outcomes } = await applyCluster(rolledBack, ports);
    expect(outcomes.map((o) => o.status)).toEqual(['not-attempted']);
    expect(ports.registry.subjects.get('rollback-value')?.map((v) => v.version)).toEqual([1, 2]);
    // Declaring the latest schema again is in sync; a new schema registers normally.
    expect((await planCluster(state(['a', 'b']), ports)).operations).toEqual([]);
    expect((await planCluster(state(['a', 'b', 'c']), ports)).operations).toEqual([
      expect.objectContaining({ kind: 'register-schema', previousVersion: 2 }),
    ]);
  });

  it('applies the example catalog from empty, then plans nothing', async () => {
    const desired = await exampleDesired();
    const ports = cluster();
    const { outcomes } = await applyCluster(desired, ports);
    expect(outcomes.filter((o) => o.status !== 'succeeded')).toEqual([]);
    expect(ports.kafka.topics.size).toBe(19);
    expect(ports.kafka.topics.has(lockTopic)).toBe(false);
    expect((await planCluster(desired, ports)).operations).toEqual([]);
  });

  it('batches: a constant number of Kafka requests for reads and for each write phase', async () => {
    const desired = await exampleDesired();
    const ports = cluster();
    await applyCluster(desired, ports);
    ports.kafka.requests = 0;
    await planCluster(desired, ports);
    // describeTopics, describeAcls, describeConfigs: whatever the number of topics.
    expect(ports.kafka.requests).toBe(3);
  });

  it('reads a level per existing subject only: new subjects share one read of the global level', async () => {
    const desired = await exampleDesired();
    const ports = cluster();
    const empty = await planCluster(desired, ports);
    const levelReads = () => ports.registry.calls.filter((c) => c.startsWith('get-level '));
    expect(levelReads()).toEqual([]);
    expect(ports.registry.calls.filter((c) => c === 'get-global-level')).toHaveLength(1);
    expect(new Set(empty.actual.compatibility.values())).toEqual(new Set(['BACKWARD']));
    await applyCluster(desired, ports);
    ports.registry.calls.length = 0;
    await planCluster(desired, ports);
    expect(levelReads()).toHaveLength(desired.subjects.length);
    expect(ports.registry.calls).not.toContain('get-global-level');
  });

  it('registers a referenced schema before its user, with the reference version', async () => {
    const ports = cluster();
    await applyCluster(await exampleDesired(), ports);
    const registers = ports.registry.calls.filter((c) => c.startsWith('register '));
    expect(registers.indexOf('register com.acme.common.Address')).toBeLessThan(
      registers.indexOf('register customer.profiles.v2-value'),
    );
    expect(ports.registry.subjects.get('customer.profiles.v2-value')?.[0]?.references).toEqual([
      { name: 'com.acme.common.Address', subject: 'com.acme.common.Address', version: 1 },
    ]);
  });

  it('a failure stops nothing independent, skips what depends on it, and a re-run converges', async () => {
    const desired = await exampleDesired();
    const ports = cluster();
    ports.registry.rejectSubjects.add('com.acme.common.Address');
    const first = await applyCluster(desired, ports);
    const of = (resource: string) => first.outcomes.find((o) => o.operation.resource === resource)?.status;
    expect(of('subject:com.acme.common.Address')).toBe('failed');
    expect(of('subject:customer.profiles.v2-value')).toBe('skipped');
    expect(of('subject:finance.invoices.v1-value')).toBe('succeeded');
    expect(of('topic:customer.profiles.v2')).toBe('succeeded');
    ports.registry.rejectSubjects.clear();
    const second = await applyCluster(desired, ports);
    expect(second.outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(second.outcomes.map((o) => o.operation.resource)).toContain('subject:customer.profiles.v2-value');
    expect((await planCluster(desired, ports)).operations).toEqual([]);
  });

  it('records the Kafka operations after an outage as failed, and still registers schemas', async () => {
    const desired = await exampleDesired();
    const ports = cluster();
    const realCreateAcls = ports.kafka.createAcls.bind(ports.kafka);
    // The lock is taken and the grants written, then the broker goes away.
    ports.kafka.createAcls = async (acls) => {
      const result = await realCreateAcls(acls);
      ports.kafka.unavailable = true;
      return result;
    };
    const { outcomes } = await applyCluster(desired, ports);
    const kinds = (status: string) => new Set(outcomes.filter((o) => o.status === status).map((o) => o.operation.kind));
    expect(kinds('failed')).toEqual(new Set(['create-topic']));
    expect(kinds('succeeded')).toEqual(new Set(['create-acl', 'register-schema', 'set-compatibility']));
  });

  it('loosens before and tightens after registering', async () => {
    const desired = await exampleDesired();
    const ports = cluster();
    await applyCluster(desired, ports);
    const subject = desired.subjects.find((s) => s.subject === 'finance.invoices.v1-value');
    if (!subject) throw new Error('fixture changed');
    const change = (compatibility: 'NONE' | 'FULL_TRANSITIVE', field: string) => ({
      ...desired,
      subjects: desired.subjects.map((s) =>
        s === subject ? { ...s, compatibility, schema: s.schema.replace('"fields":[', `"fields":[${field},`) } : s,
      ),
    });
    ports.registry.calls.length = 0;
    await applyCluster(change('NONE', '{"name":"x","type":"int"}'), ports);
    expect(ports.registry.calls.filter((c) => /^(set-level|register)/.test(c))).toEqual([
      'set-level finance.invoices.v1-value NONE',
      'register finance.invoices.v1-value',
    ]);
    ports.registry.calls.length = 0;
    await applyCluster(change('FULL_TRANSITIVE', '{"name":"y","type":"int","default":0}'), ports);
    expect(ports.registry.calls.filter((c) => /^(set-level|register)/.test(c))).toEqual([
      'register finance.invoices.v1-value',
      'set-level finance.invoices.v1-value FULL_TRANSITIVE',
    ]);
  });
});
