import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeKafkaAdmin } from '../../../src/apply/fake-kafka-admin.js';
import { lockTopic } from '../../../src/apply/lock.js';
import { loadCatalog } from '../../../src/catalog/load.js';
import type { SourceEntry } from '../../../src/core/source.js';
import { applyMergedCommit, type PushRef } from '../../../src/github/flows/merge.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { KeyedQueue } from '../../../src/github/serialize.js';
import { API, mockCatalogReads, mockPullRequestLists, mockTeam, tarball } from '../helpers/github.js';
import { MERGE, mockMergedCommit, NOW } from '../helpers/merge.js';
import { environmentClusters, FakeGitHub, StrictRequests } from '../helpers/promotion.js';
import { comment, HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { baseTree, breakOrders, edit } from '../helpers/trees.js';
import { appState, recorder, testOctokit } from '../helpers/flow.js';

type Tree = ReadonlyMap<string, SourceEntry>;
const gh = testOctokit();
const TOPIC = 'commerce.orders.v1';
const task = 'deploy:mesh-steward';

/** staging then prod on main (prod waits for staging); local is never applied on merge. */
function environmentsYaml(prodBranch = 'main'): string {
  return `environments:
  - name: local
    kafka:
      brokers: LOCAL_KAFKA_BROKERS
    registry:
      url: LOCAL_REGISTRY_URL
  - name: staging
    branch: main
    clusterName: staging-eu1
    kafka:
      brokers: STAGING_KAFKA_BROKERS
    registry:
      url: STAGING_REGISTRY_URL
    overrides:
      replicationFactor: 1
  - name: prod
    branch: ${prodBranch}
    after: staging
    kafka:
      brokers: PROD_KAFKA_BROKERS
    registry:
      url: PROD_REGISTRY_URL
`;
}

async function promotedTree(prodBranch = 'main'): Promise<Tree> {
  return edit(await baseTree(), '.github/steward.yml', (t) => `${t}${environmentsYaml(prodBranch)}`);
}

function pushOf(tree: Tree, branch = 'main'): PushRef {
  const { catalog, findings } = loadCatalog(tree);
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return { owner: OWNER, repo: REPO, sha: MERGE, pusher: 'bob', branch, settings: catalog.settings };
}

const requests = new StrictRequests();
let github: FakeGitHub;
beforeEach(() => {
  requests.start();
  github = new FakeGitHub();
  github.install();
});
afterEach(() => {
  requests.stop();
  expect(requests.unmatched, 'unmatched requests').toEqual([]);
});

const runUrl = (id: number) => `https://github.com/${OWNER}/${REPO}/runs/${id}`;

describe('promotion on merge', () => {
  it('applies staging then prod, each a deployment with its statuses, its own check run and its audit line', async () => {
    const tree = await promotedTree();
    await mockMergedCommit(tree, null);
    const { target, clusters } = environmentClusters(['local', 'staging', 'prod']);
    const keys: string[] = [];
    const queue = { run: (key: string, work: () => Promise<unknown>) => (keys.push(key), work()) } as KeyedQueue;
    await applyMergedCommit(gh, pushOf(tree), appState(target, queue), recorder().log);

    // One apply at a time per environment: the queue key is the environment's.
    expect(keys).toEqual([`apply:${OWNER}/${REPO}:staging`, `apply:${OWNER}/${REPO}:prod`]);
    expect(clusters.get('local')?.connects).toBe(0);
    // The environment's override applies on staging only.
    expect(clusters.get('staging')?.kafka.topics.get(TOPIC)?.replicationFactor).toBe(1);
    expect(clusters.get('prod')?.kafka.topics.get(TOPIC)?.replicationFactor).toBe(3);

    expect(github.deploymentReads).toEqual([
      { sha: MERGE, environment: 'staging', task, per_page: '100' },
      { sha: MERGE, environment: 'prod', task, per_page: '100' },
    ]);
    expect(github.deploymentCreates).toEqual([
      {
        ref: MERGE,
        task,
        environment: 'staging',
        auto_merge: false,
        required_contexts: [],
        description: 'Mesh Steward: apply ddddddd to staging',
        transient_environment: false,
        production_environment: false,
      },
      {
        ref: MERGE,
        task,
        environment: 'prod',
        auto_merge: false,
        required_contexts: [],
        description: 'Mesh Steward: apply ddddddd to prod',
        transient_environment: false,
        production_environment: true,
      },
    ]);
    const [staging, prod] = github.deployments;
    const [stagingRun, prodRun] = github.checkRunCreates;
    expect([stagingRun?.['name'], prodRun?.['name']]).toEqual([
      'Mesh Steward / apply (staging)',
      'Mesh Steward / apply (prod)',
    ]);
    expect(stagingRun).toMatchObject({ head_sha: MERGE, status: 'in_progress' });
    const runIds = github.checkRunUpdates.map((u) => u.id);
    expect(github.checkRunUpdates.map((u) => [u.body['status'], u.body['conclusion']])).toEqual([
      ['completed', 'success'],
      ['completed', 'success'],
    ]);
    const summary = String(github.checkRunUpdates[0]?.body['output']?.['title']);
    expect(summary).toMatch(/succeeded/);
    expect(github.statusCreates).toEqual([
      {
        id: staging?.id,
        body: {
          state: 'in_progress',
          description: 'Planning against live state and applying the merged catalog.',
          log_url: runUrl(runIds[0] ?? 0),
        },
      },
      {
        id: staging?.id,
        body: { state: 'success', description: summary, log_url: runUrl(runIds[0] ?? 0), auto_inactive: true },
      },
      {
        id: prod?.id,
        body: {
          state: 'in_progress',
          description: 'Planning against live state and applying the merged catalog.',
          log_url: runUrl(runIds[1] ?? 0),
        },
      },
      {
        id: prod?.id,
        body: expect.objectContaining({ state: 'success', log_url: runUrl(runIds[1] ?? 0), auto_inactive: true }),
      },
    ]);
    // Staging finished (its last status) before prod's deployment existed.
    expect((staging?.id ?? 0) < (prod?.id ?? 0)).toBe(true);

    const note = github.notes.get(MERGE) ?? '';
    expect(note).toContain(`apply: succeeded at ${NOW} on environment staging (cluster staging-eu1)\n`);
    expect(note).toContain(`apply: succeeded at ${NOW} on environment prod\n`);
    expect(note).toContain(`op: ok create-topic topic:${TOPIC} on staging\n`);
    expect(note).toContain(`op: ok create-topic topic:${TOPIC} on prod\n`);
    expect(note.indexOf('on environment staging')).toBeLessThan(note.indexOf('on environment prod'));
  });

  it('does not apply prod while staging fails: no deployment, a neutral run saying it waits', async () => {
    const tree = await promotedTree();
    await mockMergedCommit(tree, null);
    const { target, clusters } = environmentClusters(['staging', 'prod']);
    const stagingKafka = clusters.get('staging')?.kafka;
    if (stagingKafka) {
      // The broker refuses the catalog's topics (the apply lock is a topic too, and is taken).
      const create = stagingKafka.createTopics.bind(stagingKafka);
      stagingKafka.createTopics = async (topics) =>
        topics[0]?.name === lockTopic
          ? create(topics)
          : topics.map((t) => ({ name: t.name, error: 'POLICY_VIOLATION: topic creation refused' }));
    }
    await applyMergedCommit(gh, pushOf(tree), appState(target), recorder().log);

    expect(clusters.get('prod')?.connects).toBe(0);
    expect(github.deploymentCreates.map((d) => d['environment'])).toEqual(['staging']);
    expect(github.statusCreates.map((s) => s.body['state'])).toEqual(['in_progress', 'failure']);
    expect(github.checkRunUpdates.map((u) => u.body['conclusion'])).toEqual(['failure']);
    expect(github.checkRunCreates[1]).toMatchObject({
      name: 'Mesh Steward / apply (prod)',
      head_sha: MERGE,
      status: 'completed',
      conclusion: 'neutral',
      output: { title: 'Not applied: waits for staging' },
    });
    expect(String(github.checkRunCreates[1]?.['output']?.['summary'])).toContain('and staging failed');
    const note = github.notes.get(MERGE) ?? '';
    expect(note).toContain(`apply: partial at ${NOW} on environment staging (cluster staging-eu1)\n`);
    expect(note).toContain(
      `op: failed create-topic topic:${TOPIC} on staging: POLICY_VIOLATION: topic creation refused\n`,
    );
    expect(note).not.toContain('on environment prod');
  });

  it('says error, not failure, when the cluster cannot be reached, and prod still waits', async () => {
    const tree = await promotedTree();
    await mockMergedCommit(tree, null);
    const { target, clusters } = environmentClusters(['staging', 'prod']);
    const stagingKafka = clusters.get('staging')?.kafka;
    if (stagingKafka) stagingKafka.unavailable = true;
    await applyMergedCommit(gh, pushOf(tree), appState(target), recorder().log);
    expect(github.statusCreates.map((s) => s.body['state'])).toEqual(['in_progress', 'error']);
    expect(String(github.statusCreates[1]?.body['description'])).toMatch(/^Not applied: .*unreachable/);
    expect(String(github.statusCreates[1]?.body['description']).length).toBeLessThanOrEqual(140);
    expect(clusters.get('prod')?.connects).toBe(0);
  });

  it('resumes on a re-delivery: a succeeded staging is read, not re-created or re-applied; prod is applied', async () => {
    const tree = await promotedTree();
    await mockMergedCommit(tree, null);
    const { target, clusters } = environmentClusters(['staging', 'prod']);
    const earlier = github.seedDeployment(MERGE, 'staging', ['in_progress', 'success']);
    github.seedDeployment(MERGE, 'prod', ['in_progress', 'failure']);
    // Another tool's deployment of the same commit is not ours.
    github.seedDeployment(MERGE, 'prod', ['success'], 'deploy');
    github.notes.set(
      MERGE,
      `mesh-steward-audit: 1\npr: none\nauthor: bob\nmerged-by: bob\nmerge-commit: ${MERGE}\napply: succeeded at T0 on environment staging (cluster staging-eu1)\nop: ok create-topic topic:${TOPIC} on staging\n`,
    );
    // The notes ref exists already.
    (github as unknown as { notesSha: string }).notesSha = 'notes-0';
    await applyMergedCommit(gh, pushOf(tree), appState(target), recorder().log);

    expect(clusters.get('staging')?.connects).toBe(0);
    expect(clusters.get('prod')?.kafka.topics.has(TOPIC)).toBe(true);
    expect(github.deploymentCreates.map((d) => d['environment'])).toEqual(['prod']);
    expect(github.statusCreates.every((s) => s.id !== earlier)).toBe(true);
    expect(github.checkRunCreates.map((c) => c['name'])).toEqual(['Mesh Steward / apply (prod)']);
    const note = github.notes.get(MERGE) ?? '';
    expect(note).toContain('apply: succeeded at T0 on environment staging (cluster staging-eu1)\n');
    expect(note).toContain(`apply: succeeded at ${NOW} on environment prod\n`);
    expect(note).toContain(`op: ok create-topic topic:${TOPIC} on staging\n`);
    expect(note).toContain(`op: ok create-topic topic:${TOPIC} on prod\n`);
  });

  it('a delivery after every environment succeeded applies, deploys and publishes nothing', async () => {
    const tree = await promotedTree();
    await mockMergedCommit(tree, null);
    const { target, clusters } = environmentClusters(['staging', 'prod']);
    const app = appState(target);
    await applyMergedCommit(gh, pushOf(tree), app, recorder().log);
    const before = { deployments: github.deploymentCreates.length, runs: github.checkRunCreates.length };
    const note = github.notes.get(MERGE);
    await mockMergedCommit(tree, null, true);
    await applyMergedCommit(gh, pushOf(tree), app, recorder().log);
    expect(before).toEqual({ deployments: 2, runs: 2 });
    expect(github.deploymentCreates).toHaveLength(2);
    expect(github.checkRunCreates).toHaveLength(2);
    expect(clusters.get('staging')?.connects).toBe(1);
    expect(clusters.get('prod')?.connects).toBe(1);
    expect(github.notes.get(MERGE)).toBe(note);
  });

  it('applies an environment of another branch once what it waits for succeeded for the same commit', async () => {
    const tree = await promotedTree('release');
    const { target, clusters } = environmentClusters(['staging', 'prod']);
    const app = appState(target);
    // The release branch applies prod only; staging has no deployment of this commit yet: prod waits.
    await mockMergedCommit(tree, null);
    await applyMergedCommit(gh, pushOf(tree, 'release'), app, recorder().log);
    expect(clusters.get('staging')?.connects).toBe(0);
    expect(clusters.get('prod')?.connects).toBe(0);
    expect(github.checkRunCreates).toEqual([
      expect.objectContaining({ name: 'Mesh Steward / apply (prod)', conclusion: 'neutral' }),
    ]);
    expect(github.deploymentReads.map((r) => r['environment'])).toEqual(['prod', 'staging']);

    github.seedDeployment(MERGE, 'staging', ['in_progress', 'success']);
    await mockMergedCommit(tree, null, true);
    await applyMergedCommit(gh, pushOf(tree, 'release'), app, recorder().log);
    expect(clusters.get('staging')?.connects).toBe(0);
    expect(clusters.get('prod')?.kafka.topics.has(TOPIC)).toBe(true);
    expect(github.deploymentCreates.map((d) => d['environment'])).toEqual(['prod']);
  });

  it('one apply at a time per environment, not per repository: a merge applies staging while the one before applies prod', async () => {
    const tree = await promotedTree();
    const SECOND = 'e'.repeat(40);
    for (const sha of [MERGE, SECOND])
      nock(API)
        .get(`/repos/${OWNER}/${REPO}/commits/${sha}/pulls`)
        .reply(200, [])
        .get(`/repos/${OWNER}/${REPO}/tarball/${sha}`)
        .reply(200, await tarball(tree), { 'content-type': 'application/x-gzip' });
    const fakes = environmentClusters(['staging', 'prod']);
    const open = fakes.target.connectEnvironment;
    if (!open) throw new Error('no connection');
    const events: string[] = [];
    let secondStaging: () => void = () => undefined;
    const stagingStarted = new Promise<void>((resolve) => (secondStaging = resolve));
    let stagingConnects = 0;
    let second: Promise<void> | undefined;
    const app = appState({
      ...fakes.target,
      connectEnvironment: (environment) => {
        const ports = open(environment);
        events.push(`connect ${environment.name}`);
        if (environment.name === 'staging' && ++stagingConnects === 2) secondStaging();
        if (environment.name === 'prod' && second === undefined) {
          // While the first merge applies prod, the second merge arrives; prod goes on once its staging started.
          second = applyMergedCommit(gh, { ...pushOf(tree), sha: SECOND }, app, recorder().log);
          const kafka = ports.kafka as FakeKafkaAdmin;
          const describe = kafka.describeCluster.bind(kafka);
          kafka.describeCluster = async () => {
            await stagingStarted;
            kafka.describeCluster = describe;
            events.push('first prod goes on');
            return describe();
          };
        }
        return ports;
      },
    });
    await applyMergedCommit(gh, pushOf(tree), app, recorder().log);
    await second;
    // With one queue per repository the second staging would wait for the first prod, which waits for it: never done.
    expect(events).toEqual([
      'connect staging',
      'connect prod',
      'connect staging',
      'first prod goes on',
      'connect prod',
    ]);
    expect(github.notes.get(MERGE)).toContain('on environment prod');
    expect(github.notes.get(SECOND)).toContain('on environment prod');
  });

  it('when GitHub fails before any apply, each environment’s run says so and nothing is applied', async () => {
    const tree = await promotedTree();
    nock(API).get(`/repos/${OWNER}/${REPO}/commits/${MERGE}/pulls`).reply(200, []);
    nock(API).get(`/repos/${OWNER}/${REPO}/tarball/${MERGE}`).reply(500, { message: 'boom' });
    const { target, clusters } = environmentClusters(['staging', 'prod']);
    await expect(applyMergedCommit(gh, pushOf(tree), appState(target), recorder().log)).rejects.toThrow(/tarball/);
    expect(
      github.checkRunCreates.map((c) => [c['name'], c['status'], c['conclusion'], c['output']?.['title']]),
    ).toEqual([
      ['Mesh Steward / apply (staging)', 'completed', 'failure', 'Apply failed'],
      ['Mesh Steward / apply (prod)', 'completed', 'failure', 'Apply failed'],
    ]);
    expect(github.deploymentCreates).toEqual([]);
    expect(clusters.get('staging')?.connects).toBe(0);
  });

  it('names an environment the App cannot reach, by the variables it needs, and applies nothing there', async () => {
    const tree = await promotedTree();
    await mockMergedCommit(tree, null);
    const target: ApplyTarget = { repository: `${OWNER}/${REPO}`, env: { STAGING_KAFKA_BROKERS: 'b:9092' } };
    await applyMergedCommit(gh, pushOf(tree), appState(target), recorder().log);
    expect(github.deploymentCreates).toEqual([]);
    expect(github.checkRunCreates).toEqual([
      expect.objectContaining({
        name: 'Mesh Steward / apply (staging)',
        conclusion: 'neutral',
        output: expect.objectContaining({ title: 'Not applied: not reachable from the App' }),
      }),
      expect.objectContaining({ name: 'Mesh Steward / apply (prod)', conclusion: 'neutral' }),
    ]);
    expect(String(github.checkRunCreates[0]?.['output']?.['summary'])).toContain(
      'not reachable from the App (set `STAGING_REGISTRY_URL`)',
    );
    expect(String(github.checkRunCreates[0]?.['output']?.['summary'])).not.toContain('b:9092');
  });

  it('comments on the merged pull request with one section per environment', async () => {
    const base = await promotedTree();
    const head = breakOrders(base);
    await mockMergedCommit(head);
    await mockCatalogReads(base, head);
    const approval = { id: 1, user: { login: 'olivia' }, state: 'APPROVED', commit_id: HEAD, submitted_at: 'T1' };
    const waiver = comment(7, '/steward accept-breaking No consumer reads channel yet', 'olivia');
    mockPullRequestLists([approval], [waiver]);
    mockTeam('@acme/orders', ['olivia']);
    mockTeam('@acme/finance-data', ['fiona']);
    mockTeam('@acme/shipping', []);
    const { target, clusters } = environmentClusters(['staging', 'prod']);
    const prodKafka = clusters.get('prod')?.kafka;
    if (prodKafka) prodKafka.brokers = 1;
    await applyMergedCommit(gh, pushOf(head), appState(target), recorder().log);
    const body = String(github.comments[0]?.['body']);
    expect(body).toMatch(/^<!-- mesh-steward:apply -->\n## Mesh Steward — apply\n/);
    expect(body).toContain(`Merge commit ${MERGE}, promoted in order: staging → prod`);
    expect(body).toMatch(/### staging\n\n✅ Applied\n\nCluster: `staging-eu1`/);
    expect(body).toMatch(/### prod\n\n❌ Apply failed\n\nCluster: `prod`/);
    expect(body).toContain('**Re-run** on the `Mesh Steward / apply (prod)` check');
    expect(github.notes.get(MERGE)).toContain('pr: 1\n');
  });
});
