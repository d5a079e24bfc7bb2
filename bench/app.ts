import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import type { SourceEntry } from '../src/core/source.js';
import { createApp } from '../src/github/app.js';
import { CatalogCache } from '../src/github/read/catalog-cache.js';
import { changedFiles, graphqlAnswer, tarball, text } from '../test/github/helpers/github.js';
import { pullRequestEvent, reviewEvent } from '../test/github/helpers/payloads.js';
import { generateCatalogFiles } from './generate-catalog.js';

/**
 * The GitHub App on generated meshes, against an in-process fake of the GitHub API (nock): API calls per
 * evaluation, handler wall time with the time spent waiting on HTTP taken out, cold and warm (a review on the
 * same commits), and a burst of 50 concurrent pull_request events.
 */
type Tree = Map<string, SourceEntry>;
const BASE = 'b'.repeat(40);
const sha = (i: number) => i.toString(16).padStart(40, '0');

function meshTree(n: number): Tree {
  return new Map([...generateCatalogFiles(n)].map(([p, content]) => [p, { kind: 'file', content }]));
}

function breakProduct(base: Tree, n: number, i: number): Tree {
  const k = i % n;
  const path = `catalog/d${k % 10}/d${k % 10}s${Math.floor(k / 10) % 10}/product-${k}/schemas/value.avsc`;
  const schema = JSON.parse(text(base.get(path)) ?? '{}') as { fields: object[] };
  schema.fields.push({ name: `added${i}`, type: 'string', doc: 'No default: breaking.' });
  return new Map(base).set(path, { kind: 'file', content: JSON.stringify(schema) });
}

/** Pull requests that received their summary comment, to show that no event of the burst was lost. */
const commented = new Set<string>();

/** A fake GitHub serving one base tree and any number of heads, for every route the app uses. */
async function fakeGitHub(base: Tree, heads: Map<string, Tree>): Promise<void> {
  const archive = await tarball(base);
  const compares = new Map([...heads].map(([s, tree]) => [s, changedFiles(base, tree)]));
  const api = nock('https://api.github.com').persist();
  api.get(`/repos/acme/mesh/tarball/${BASE}`).reply(200, archive, { 'content-type': 'application/x-gzip' });
  api
    .get(/\/compare\//)
    .query(true)
    .reply(200, (uri) => ({
      merge_base_commit: { sha: BASE },
      files: compares.get(uri.split('...')[1]?.split('?')[0] ?? '') ?? [],
    }));
  api.post('/graphql').reply(200, (_uri, body) => {
    const variables = (body as { variables: Record<string, string> }).variables;
    const commit = (sha: string) => (sha === BASE ? base : (heads.get(sha) ?? base));
    return { data: graphqlAnswer(base, commit(variables['c0'] ?? ''), variables) };
  });
  api
    .get(/\/(reviews|comments)$/)
    .query(true)
    .reply(200, []);
  api
    .get(/\/check-runs$/)
    .query(true)
    .reply(200, { total_count: 0, check_runs: [] });
  api.post(/\/check-runs$/).reply(201, { id: 1 });
  api.post(/\/issues\/\d+\/comments$/).reply(201, (uri) => {
    commented.add(uri);
    return { id: 2 };
  });
  api.post(/\/requested_reviewers$/).reply(201, {});
}

/** Counts calls and the wall time during which at least one call is in flight. */
function instrumented() {
  const stats = { calls: 0, inFlight: 0, since: 0, networkMs: 0 };
  const Octokit = ProbotOctokit.plugin((octokit) => {
    octokit.hook.wrap('request', async (request, options) => {
      stats.calls++;
      if (stats.inFlight++ === 0) stats.since = performance.now();
      try {
        return await request(options);
      } finally {
        if (--stats.inFlight === 0) stats.networkMs += performance.now() - stats.since;
      }
    });
  }).defaults((options: Record<string, unknown>) => ({
    ...options,
    retry: { enabled: false },
    throttle: { ...(options['throttle'] as object), enabled: false },
  }));
  return { stats, Octokit };
}

async function probotWith(Octokit: typeof ProbotOctokit): Promise<Probot> {
  const probot = new Probot({ githubToken: 't', logLevel: 'fatal', Octokit });
  await probot.load(createApp({ today: () => '2026-11-22', cache: new CatalogCache() }));
  return probot;
}

async function single(n: number): Promise<void> {
  const base = meshTree(n);
  const [first, second] = [sha(1), sha(2)];
  await fakeGitHub(
    base,
    new Map([
      [first, breakProduct(base, n, 5)],
      [second, breakProduct(base, n, 6)],
    ]),
  );
  const { stats, Octokit } = instrumented();
  const probot = await probotWith(Octokit);
  for (const [label, payload, name] of [
    ['cold (pull_request.opened)', pullRequestEvent('opened', { head: first }), 'pull_request'],
    ['warm (review on the same commits)', reviewEvent('submitted', { head: first }), 'pull_request_review'],
    [
      'new commit (synchronize; unchanged files reused)',
      pullRequestEvent('synchronize', { head: second }),
      'pull_request',
    ],
  ] as const) {
    Object.assign(stats, { calls: 0, networkMs: 0 });
    const t0 = performance.now();
    await probot.receive({ id: label, name, payload } as never);
    const wall = performance.now() - t0;
    console.log(
      `${String(n).padStart(6)} products, ${label}: ${stats.calls} API calls, handler ${Math.round(wall - stats.networkMs)} ms (wall ${Math.round(wall)} ms, HTTP ${Math.round(stats.networkMs)} ms)`,
    );
  }
  nock.cleanAll();
}

async function burst(n: number, events: number): Promise<void> {
  commented.clear();
  const base = meshTree(n);
  const heads = new Map(
    Array.from({ length: events }, (_, i) => [sha(i + 1), breakProduct(base, n, i * 7 + 1)] as const),
  );
  await fakeGitHub(base, heads);
  const { stats, Octokit } = instrumented();
  const probot = await probotWith(Octokit);
  const t0 = performance.now();
  const times = await Promise.all(
    [...heads.keys()].map(async (head, i) => {
      const start = performance.now();
      await probot.receive({
        id: String(i),
        name: 'pull_request',
        payload: pullRequestEvent('opened', { number: i + 1, head }),
      } as never);
      return performance.now() - start;
    }),
  );
  const total = performance.now() - t0;
  const summaries = [...commented].filter((uri) => /\/issues\/\d+\/comments$/.test(uri)).length;
  times.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0);
  console.log(
    `burst of ${events} concurrent pull_request events on ${n} products: ${times.length}/${events} handled, ${summaries} summary comments, p50 ${pct(50)} ms, p95 ${pct(95)} ms, total ${Math.round(total)} ms, ${stats.calls} API calls (${stats.calls / events} per event)`,
  );
  nock.cleanAll();
}

nock.disableNetConnect();
await single(10);
await single(10_000);
await burst(Number(process.env['BENCH_BURST_PRODUCTS'] ?? 1_000), 50);
