import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Admin, ConfigResourceTypes, ConfigSources, IncrementalAlterConfigOperationTypes } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { runCli } from '../../src/cli/program.js';
import { desiredState } from '../../src/plan/desired.js';
import { services } from './apply-services.js';

// Issue 14, "Done when": from a fresh clone with the services up, the example catalog applies to the `local`
// environment with 0 failures and no override flag, the plan after it is empty, and a topic config changed out of
// band makes `steward drift --env local` exit 3 and name the environment.
const repoRoot = join(import.meta.dirname, '..', '..');
// Only what `services:up` prints for `local`: the implicit environment's variables are not given, so nothing but
// the `local` environment of .github/steward.yml can reach the cluster; no override variable either.
const env = {
  STEWARD_LOCAL_KAFKA_BROKERS: services.brokers.join(','),
  STEWARD_LOCAL_REGISTRY_URL: services.registryUrl,
};
const topic = 'commerce.sales.orders.v1';

async function steward(args: string[], dir: string) {
  let out = '';
  let err = '';
  const code = await runCli([...args, dir], { cwd: dir, env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const admin = new Admin({ clientId: 'steward-it-environments', bootstrapBrokers: services.brokers });

async function topicConfig(name: string): Promise<string | undefined> {
  const [described] = await admin.describeConfigs({
    resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configurationKeys: [name] }],
  });
  const entry = described?.configs.find((c) => c.name === name);
  return entry?.configSource === ConfigSources.TOPIC_CONFIG ? (entry.value ?? undefined) : undefined;
}

describe('the example catalog on the `local` environment of the real services', () => {
  let dir: string;
  let exampleTopics: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-env-it-'));
    for (const part of ['catalog', 'rules', '.github'])
      cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
    // Earlier suites apply the example catalog to these services too: its topics go, so that this apply creates
    // every one of them (subjects and ACLs already there are in sync).
    const { catalog } = loadCatalog(await readDirectorySource(dir));
    exampleTopics = desiredState(catalog).topics.map((t) => t.name);
    const present = new Set(await admin.listTopics());
    const existing = exampleTopics.filter((t) => present.has(t));
    if (existing.length > 0) await admin.deleteTopics({ topics: existing });
    for (let i = 0; i < 300; i++) {
      const now = new Set(await admin.listTopics());
      if (!exampleTopics.some((t) => now.has(t))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the whole catalog with 0 failures, its overrides marked, no override flag', async () => {
    const applied = await steward(['apply', '--env', 'local'], dir);
    expect(applied.err).toBe('');
    expect(applied.out.split('\n')[0]).toBe('Environment local.');
    expect(applied.out).toMatch(/\nApplied: \d+ succeeded, 0 failed, 0 skipped, 0 not attempted\.\n/);
    expect(applied.out).not.toContain('deprecated');
    expect(applied.out).not.toContain('Replication factor overridden');
    expect(applied.code).toBe(0);
    // Every topic is created with local's values, and the report says where they came from.
    expect(exampleTopics.length).toBeGreaterThan(15);
    const created = applied.out.split('\n').filter((l) => l.startsWith('[succeeded] + create topic '));
    expect(created.map((l) => l.split(' ')[4]).sort()).toEqual([...exampleTopics].sort());
    for (const line of created) {
      expect(line).toContain(', replication 1 (override: environment local); ');
      expect(line).toContain('min.insync.replicas=1 (override: environment local)');
    }
    expect(applied.out).toContain(
      `+ create topic ${topic} (24 partitions, replication 1 (override: environment local); `,
    );
    const metadata = await admin.metadata({ topics: [topic], forceUpdate: true });
    expect(metadata.topics.get(topic)?.partitionsCount).toBe(24);
    expect(await topicConfig('min.insync.replicas')).toBe('1');
  });

  it('plans nothing afterwards', async () => {
    const text = await steward(['plan', '--env', 'local'], dir);
    expect(text.code).toBe(0);
    expect(text.out).toContain('In sync: nothing to change.');
    const json = await steward(['plan', '--env', 'local', '--format', 'json'], dir);
    expect(JSON.parse(json.out)).toMatchObject({ environment: 'local', operations: [], findings: [] });
    const drift = await steward(['drift', '--env', 'local'], dir);
    expect(drift).toMatchObject({
      code: 0,
      out: 'No drift in environment local: the cluster and the registry match the catalog.\n',
    });
  });

  it('a topic config changed out of band is drift: exit 3, naming the environment', async () => {
    await admin.incrementalAlterConfigs({
      resources: [
        {
          resourceType: ConfigResourceTypes.TOPIC,
          resourceName: topic,
          configs: [
            { name: 'retention.ms', configOperation: IncrementalAlterConfigOperationTypes.SET, value: '3600000' },
          ],
        },
      ],
    });
    // The broker serves configs from metadata that trails the controller: wait until the change shows.
    for (let i = 0; i < 50 && (await topicConfig('retention.ms')) !== '3600000'; i++)
      await new Promise((r) => setTimeout(r, 200));
    const drift = await steward(['drift', '--env', 'local'], dir);
    expect(drift.code).toBe(3);
    expect(drift.out).toContain(
      'Drift in environment local: 1 difference(s) between the catalog and the cluster; `steward apply --env local` would:',
    );
    expect(drift.out).toContain(`~ alter config of topic ${topic}: set retention.ms=-1`);
    const json = await steward(['drift', '--env', 'local', '--format', 'json'], dir);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.out)).toMatchObject({ environment: 'local', drift: true, cluster: 'local' });
    // The deprecated flag still works over the environment, and says it is deprecated.
    const flagged = await steward(['plan', '--env', 'local', '--replication-factor', '1'], dir);
    expect(flagged.out).toContain(
      'note: --replication-factor and STEWARD_REPLICATION_FACTOR_OVERRIDE are deprecated and will be removed',
    );
    expect(flagged.out).toContain('note: Replication factor overridden to 1 for every topic');
    // Re-applying the environment converges.
    expect((await steward(['apply', '--env', 'local'], dir)).code).toBe(0);
    expect((await steward(['drift', '--env', 'local'], dir)).code).toBe(0);
  });
});
