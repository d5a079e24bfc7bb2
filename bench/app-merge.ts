import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { FakeKafkaAdmin } from '../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../src/apply/fake-schema-registry.js';
import type { SourceEntry } from '../src/core/source.js';
import { createApp } from '../src/github/app.js';
import type { ApplyTarget } from '../src/github/read/apply-target.js';
import { CatalogCache } from '../src/github/read/catalog-cache.js';
import { tarball } from '../test/github/helpers/github.js';
import { pullRequestData, pushEvent } from '../test/github/helpers/payloads.js';
import { generateCatalogFiles } from './generate-catalog.js';

/**
 * Apply on merge in the App on generated meshes (BENCH_MERGE_PRODUCTS, default 1,000 and 10,000): GitHub is an
 * in-process fake (nock), the cluster the in-memory fakes, so the figures are the App's own work and its GitHub
 * calls. Two merges: the first applies everything to an empty cluster, the second finds it in sync. Prints the API
 * calls per merge (which must not grow with the mesh) and the handler's wall time.
 */
type Tree = Map<string, SourceEntry>;
const MERGE = 'd'.repeat(40);
const repo = '/repos/acme/mesh';

function meshTree(n: number): Tree {
  const files = [...generateCatalogFiles(n)].map(([p, content]): [string, SourceEntry] => [
    p,
    { kind: 'file', content },
  ]);
  return new Map(files);
}

/** Every route a merge uses; the merged pull request changed nothing GitHub needs to compare. */
async function fakeGitHub(tree: Tree): Promise<void> {
  const archive = await tarball(tree);
  const pr = pullRequestData();
  Object.assign(pr, { merged_at: '2026-11-22T11:59:00Z', merge_commit_sha: MERGE });
  const api = nock('https://api.github.com').persist();
  api
    .get(/\/contents\/\.github/)
    .query(true)
    .reply(404, { message: 'Not Found' });
  api.get(`${repo}/commits/${MERGE}/pulls`).reply(200, [pr]);
  api.get(/\/tarball\//).reply(200, archive, { 'content-type': 'application/x-gzip' });
  api
    .get(/\/compare\//)
    .query(true)
    .reply(200, { merge_base_commit: { sha: pr.base.sha }, files: [] });
  api
    .get(/\/(reviews|comments)$/)
    .query(true)
    .reply(200, []);
  api.get(/\/git\/ref\//).reply(404, { message: 'Not Found' });
  api.post(/\/git\/(blobs|trees|commits)$/).reply(201, { sha: 'e'.repeat(40) });
  api.post(/\/git\/refs$/).reply(201, {});
  api.post(/\/check-runs$/).reply(201, { id: 1 });
  api.patch(/\/check-runs\/1$/).reply(200, { id: 1 });
  api.post(/\/issues\/\d+\/comments$/).reply(201, { id: 2 });
}

async function merges(n: number): Promise<void> {
  await fakeGitHub(meshTree(n));
  const stats = { calls: 0 };
  const Octokit = ProbotOctokit.plugin((octokit) => {
    octokit.hook.before('request', () => void stats.calls++);
  }).defaults((options: Record<string, unknown>) => ({
    ...options,
    retry: { enabled: false },
    throttle: { ...(options['throttle'] as object), enabled: false },
  }));
  const kafka = new FakeKafkaAdmin();
  const registry = new FakeSchemaRegistry();
  const target: ApplyTarget = {
    repository: 'acme/mesh',
    name: 'fake',
    connect: () => ({ kafka, registry, name: 'fake' }),
  };
  const probot = new Probot({ githubToken: 't', logLevel: 'fatal', Octokit });
  await probot.load(createApp({ today: () => '2026-11-22', cache: new CatalogCache(), target }));
  for (const label of ['first merge (applies everything)', 'second merge (in sync)']) {
    stats.calls = 0;
    kafka.requests = 0;
    registry.requests = 0;
    const t0 = performance.now();
    await probot.receive({ id: label, name: 'push', payload: pushEvent(MERGE) } as never);
    const ms = Math.round(performance.now() - t0);
    console.log(
      `${String(n).padStart(6)} products, ${label}: ${stats.calls} GitHub API calls, ${kafka.requests} Kafka and ${registry.requests} registry requests, ${ms} ms`,
    );
  }
  nock.cleanAll();
}

nock.disableNetConnect();
const sizes = process.env['BENCH_MERGE_PRODUCTS'] ? [Number(process.env['BENCH_MERGE_PRODUCTS'])] : [1_000, 10_000];
for (const n of sizes) await merges(n);
