import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Admin, ConfigResourceTypes, ConfigSources } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformaticKafkaAdmin } from '../../src/apply/kafka-admin.js';
import type { KafkaAdmin } from '../../src/apply/ports.js';
import { applyCluster } from '../../src/apply/run.js';
import { HttpSchemaRegistry } from '../../src/apply/schema-registry.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { runCli } from '../../src/cli/program.js';
import { desiredState } from '../../src/plan/desired.js';
import { services } from './apply-services.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const env = { STEWARD_KAFKA_BROKERS: services.brokers.join(','), STEWARD_REGISTRY_URL: services.registryUrl };
// Per-run names, so the suite can run again on the same services.
const run = Date.now().toString(36);
const ledgerTopic = `finance.ledger-${run}.v1`;
const journalTopic = `finance.journal-${run}.v1`;
const unmanagedTopic = `unmanaged-${run}`;
const unmanagedSubject = `unmanaged-${run}-value`;

async function steward(args: string[], dir: string) {
  let out = '';
  let err = '';
  const code = await runCli([...args, dir], { cwd: dir, env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** Independent look at the cluster and the registry: the library's own admin client and plain HTTP. */
const look = {
  admin: new Admin({ clientId: 'steward-it-check', bootstrapBrokers: services.brokers }),
  async topics() {
    return new Set(await this.admin.listTopics());
  },
  async partitions(topic: string) {
    return (await this.admin.metadata({ topics: [topic], forceUpdate: true })).topics.get(topic)?.partitionsCount;
  },
  async topicConfigs(topic: string) {
    const [d] = await this.admin.describeConfigs({
      resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic }],
    });
    return Object.fromEntries(
      (d?.configs ?? []).filter((c) => c.configSource === ConfigSources.TOPIC_CONFIG).map((c) => [c.name, c.value]),
    );
  },
  async http(path: string) {
    const response = await fetch(`${services.registryUrl}${path}`);
    return { status: response.status, body: (await response.json()) as unknown };
  },
};

/** A product the tests rewrite: one port whose schema fields, level and partitions vary. */
function writeLedger(dir: string, o: { partitions?: number; compatibility?: string; fields: string[] }): void {
  const folder = join(dir, 'catalog/finance/ledger');
  mkdirSync(join(folder, 'schemas'), { recursive: true });
  writeFileSync(
    join(folder, 'product.yaml'),
    `apiVersion: mesh-steward/v1
kind: DataProduct
name: ledger
description: General ledger entries, for the apply integration tests.
status: active
classification: internal
owners:
  accountable: ["@acme/finance-ledger"]
outputPorts:
  - name: ledger-v1
    topic: ${ledgerTopic}
    value: { schema: schemas/entry.avsc }
    compatibility: ${o.compatibility ?? 'BACKWARD'}
    partitions: ${o.partitions ?? 2}
    replicationFactor: 3
    configs: { cleanup.policy: delete, retention.ms: "86400000" }
    writer: User:svc-ledger
`,
  );
  writeFileSync(
    join(folder, 'schemas/entry.avsc'),
    JSON.stringify({
      type: 'record',
      name: 'Entry',
      namespace: 'com.acme.finance.ledger',
      doc: 'An entry.',
      fields: o.fields.map((f) => JSON.parse(f)),
    }),
  );
}

const idField = '{"name":"id","type":"string","doc":"Id."}';
const memoField = '{"name":"memo","type":["null","string"],"default":null,"doc":"Memo."}';
const amountField = '{"name":"amount","type":"long","doc":"Amount, no default."}';
const refField = '{"name":"ref","type":"string","default":"","doc":"Reference."}';
const noteField = '{"name":"note","type":"string","default":"","doc":"A note."}';

describe('apply against the real Kafka broker and registry', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-apply-it-'));
    for (const part of ['catalog', 'rules', '.github'])
      cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
    writeLedger(dir, { fields: [idField] });
    // Unmanaged resources that the catalog does not name: apply must not touch them.
    await look.admin.createTopics({
      topics: [unmanagedTopic],
      partitions: 1,
      replicas: 1,
      configs: [{ name: 'retention.ms', value: '123456' }],
    });
    await fetch(`${services.registryUrl}/subjects/${unmanagedSubject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: '"string"' }),
    });
  });

  afterAll(async () => {
    await look.admin.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the example catalog, saying that replication is overridden', async () => {
    const result = await steward(['apply', '--replication-factor', '1'], dir);
    expect(result.err).toBe('');
    expect(result.out).toContain('note: Replication factor overridden to 1 for every topic');
    expect(result.out).toMatch(/Applied: \d+ succeeded, 0 failed, 0 skipped, 0 not attempted\./);
    expect(result.code).toBe(0);
  });

  it('left exactly what the catalog declares, seen independently', async () => {
    const topics = await look.topics();
    for (const t of ['commerce.sales.orders.v1', 'customer.profiles.v2', 'finance.invoices.v1', ledgerTopic])
      expect(topics).toContain(t);
    expect(topics).not.toContain('_mesh-steward.apply-lock');
    expect(await look.partitions('commerce.sales.orders.v1')).toBe(24);
    expect(await look.topicConfigs('customer.profiles.v2')).toEqual({
      'cleanup.policy': 'compact',
      'retention.ms': '-1',
      'delete.retention.ms': '86400000',
      'min.insync.replicas': '2',
    });
    expect((await look.http('/subjects/finance.invoices.v1-value/versions')).body).toEqual([1]);
    expect((await look.http('/config/finance.invoices.v1-value')).body).toMatchObject({
      compatibilityLevel: 'FULL_TRANSITIVE',
    });
    const profile = (await look.http('/subjects/customer.profiles.v2-value/versions/latest')).body as {
      references: unknown[];
    };
    expect(profile.references).toEqual([
      { name: 'com.acme.common.Address', subject: 'com.acme.common.Address', version: 1 },
    ]);
    const acls = await look.admin.describeAcls({
      filter: {
        resourceType: 2,
        resourceName: 'finance.invoices.v1',
        resourcePatternType: 3,
        principal: null,
        host: null,
        operation: 1,
        permissionType: 1,
      },
    });
    const granted = acls.flatMap((r) => r.acls.map((a) => `${a.principal}:${a.operation}`)).sort();
    expect(granted).toContain('User:svc-invoicing:4'); // WRITE
    expect(granted).toContain('User:svc-invoicing:8'); // DESCRIBE
  });

  it('re-applies as a no-op: the plan is empty and drift finds nothing', async () => {
    const plan = await steward(['plan', '--replication-factor', '1', '--format', 'json'], dir);
    expect(JSON.parse(plan.out).operations).toEqual([]);
    const apply = await steward(['apply', '--replication-factor', '1'], dir);
    expect(apply.out).toContain('Applied: nothing to change.');
    expect((await steward(['drift', '--replication-factor', '1'], dir)).code).toBe(0);
  });

  it('reports replication as drift (not attempted) without the override', async () => {
    const drift = await steward(['drift', '--format', 'json'], dir);
    expect(drift.code).toBe(3);
    const kinds = new Set(JSON.parse(drift.out).operations.map((o: { kind: string }) => o.kind));
    expect([...kinds]).toEqual(['change-replication']);
  });

  it('registers exactly one new version for a schema change', async () => {
    writeLedger(dir, { fields: [idField, memoField] });
    expect((await steward(['apply', '--replication-factor', '1'], dir)).code).toBe(0);
    expect((await look.http(`/subjects/${ledgerTopic}-value/versions`)).body).toEqual([1, 2]);
    expect((await steward(['apply', '--replication-factor', '1'], dir)).out).toContain('nothing to change');
    expect((await look.http(`/subjects/${ledgerTopic}-value/versions`)).body).toEqual([1, 2]);
  });

  it('loosens the level before registering a change only the looser level allows', async () => {
    // A new field without a default breaks BACKWARD: only NONE, set first, lets the registry take it.
    writeLedger(dir, { compatibility: 'NONE', fields: [idField, memoField, amountField] });
    const result = await steward(['apply', '--replication-factor', '1'], dir);
    expect(result.out).toMatch(`set compatibility of subject ${ledgerTopic}-value: BACKWARD → NONE (loosening`);
    expect(result.code).toBe(0);
    expect((await look.http(`/subjects/${ledgerTopic}-value/versions`)).body).toEqual([1, 2, 3]);
  });

  it('tightens the level only after registering', async () => {
    // Dropping amount (no default) is fine under NONE but not FULL: tightening first would make the registry refuse it.
    writeLedger(dir, { compatibility: 'FULL', fields: [idField, memoField, refField] });
    const result = await steward(['apply', '--replication-factor', '1'], dir);
    expect(result.code).toBe(0);
    expect((await look.http(`/subjects/${ledgerTopic}-value/versions`)).body).toEqual([1, 2, 3, 4]);
    expect((await look.http(`/config/${ledgerTopic}-value`)).body).toMatchObject({ compatibilityLevel: 'FULL' });
  });

  it('adds partitions', async () => {
    writeLedger(dir, { compatibility: 'FULL', partitions: 5, fields: [idField, memoField, refField] });
    expect((await steward(['apply', '--replication-factor', '1'], dir)).code).toBe(0);
    expect(await look.partitions(ledgerTopic)).toBe(5);
  });

  it('reports a rollback to an older registered schema instead of attempting it on every apply', async () => {
    // Version 3 of the subject holds exactly this schema; the registry would answer version 3 and change nothing.
    writeLedger(dir, { compatibility: 'FULL', partitions: 5, fields: [idField, memoField, amountField] });
    const plan = await steward(['plan', '--replication-factor', '1', '--format', 'json'], dir);
    expect(JSON.parse(plan.out).operations).toEqual([
      expect.objectContaining({ kind: 'register-schema', registeredAs: 3, previousVersion: 4 }),
    ]);
    const applied = await steward(['apply', '--replication-factor', '1'], dir);
    expect(applied.out).toContain(`[not-attempted] ! schema of subject ${ledgerTopic}-value not registered`);
    expect((await look.http(`/subjects/${ledgerTopic}-value/versions`)).body).toEqual([1, 2, 3, 4]);
    writeLedger(dir, { compatibility: 'FULL', partitions: 5, fields: [idField, memoField, refField] });
    expect((await steward(['plan', '--replication-factor', '1'], dir)).out).toContain('nothing to change');
  });

  it('leaves the unmanaged topic and subject untouched', async () => {
    expect(await look.topics()).toContain(unmanagedTopic);
    expect(await look.topicConfigs(unmanagedTopic)).toEqual({ 'retention.ms': '123456' });
    expect((await look.http(`/subjects/${unmanagedSubject}/versions`)).body).toEqual([1]);
  });

  it('reports a partial apply when the broker stops mid-apply, and a later apply converges', async () => {
    // A new product: grants, a topic and a subject to create.
    cpSync(join(dir, 'catalog/finance/ledger'), join(dir, 'catalog/finance/journal'), { recursive: true });
    writeFileSync(
      join(dir, 'catalog/finance/journal/product.yaml'),
      (await import('node:fs'))
        .readFileSync(join(dir, 'catalog/finance/ledger/product.yaml'), 'utf8')
        .replace('name: ledger\n', 'name: journal\n')
        .replace(`topic: ${ledgerTopic}`, `topic: ${journalTopic}`)
        .replace('User:svc-ledger', 'User:svc-journal'),
    );
    const { catalog } = loadCatalog(await readDirectorySource(dir));
    const desired = desiredState(catalog, { replicationFactorOverride: 1 });
    const real = new PlatformaticKafkaAdmin({ brokers: services.brokers });
    // The grants are written first; the broker stops right after them, before the topic is created.
    const kafka: KafkaAdmin = Object.assign(Object.create(real) as KafkaAdmin, {
      createAcls: async (acls: Parameters<KafkaAdmin['createAcls']>[0]) => {
        const result = await real.createAcls(acls);
        services.stopKafka();
        return result;
      },
    });
    const registry = new HttpSchemaRegistry({ url: services.registryUrl });
    const first = await applyCluster(desired, { kafka, registry, name: 'it' });
    await real.close();
    const status = (kind: string) =>
      first.outcomes.filter((o) => o.operation.kind === kind).map((o) => `${o.operation.resource} ${o.status}`);
    try {
      expect(status('create-acl')).toEqual([
        `acl:topic:${journalTopic}:User:svc-journal:DESCRIBE succeeded`,
        `acl:topic:${journalTopic}:User:svc-journal:WRITE succeeded`,
      ]);
      expect(status('create-topic')).toEqual([`topic:${journalTopic} failed`]);
      expect(status('register-schema')).toEqual([`subject:${journalTopic}-value succeeded`]);
    } finally {
      services.startKafka();
    }
    const again = await steward(['apply', '--replication-factor', '1', '--break-lock'], dir);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`[succeeded] + create topic ${journalTopic}`);
    expect(again.out).not.toContain('grant');
    expect(again.out).not.toContain('register schema');
    expect((await look.http(`/subjects/${journalTopic}-value/versions`)).body).toEqual([1]);
    const plan = await steward(['plan', '--replication-factor', '1', '--format', 'json'], dir);
    expect(JSON.parse(plan.out).operations).toEqual([]);
  });

  it('apply --record writes the audit note on the commit, which steward audit reads back', async () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], {
        cwd: dir,
        encoding: 'utf8',
      });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'Catalog');
    // Uncommitted catalog changes: a record would name the wrong commit, so nothing is applied.
    writeLedger(dir, { compatibility: 'FULL', partitions: 5, fields: [idField, memoField, refField, noteField] });
    const refused = await steward(['apply', '--record', '--replication-factor', '1'], dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('uncommitted changes');
    git('commit', '-q', '-am', 'Add note to ledger entries');
    const head = git('rev-parse', 'HEAD').trim();
    const applied = await steward(['apply', '--record', '--replication-factor', '1'], dir);
    expect(applied.code).toBe(0);
    expect(applied.err).toContain(`Audit record written to refs/notes/steward on ${head.slice(0, 12)}`);
    const latest = (await look.http(`/subjects/${ledgerTopic}-value/versions/latest`)).body as { id: number };
    const note = git('notes', '--ref=steward', 'show', head);
    expect(note).toContain('pr: none\nauthor: Dev <dev@example.com>\n');
    expect(note).toContain(`op: ok register-schema subject:${ledgerTopic}-value`);
    expect(note).toContain(`subject: ${ledgerTopic}-value version=5 id=${latest.id}\n`);
    const audit = await steward(['audit', '--schema', `${ledgerTopic}-value`, '--version', '5'], dir);
    expect(audit.out).toContain(`was registered by ${head.slice(0, 7)}, a push without a pull request by Dev`);
  });
});
