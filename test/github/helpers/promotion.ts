import nock from 'nock';
import { FakeKafkaAdmin } from '../../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../../src/apply/fake-schema-registry.js';
import { gitBlobSha } from '../../../src/audit/git-blob.js';
import type { Environment } from '../../../src/catalog/environments.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { API } from './github.js';
import { OWNER, REPO } from './payloads.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const repoPath = `/repos/${OWNER}/${REPO}`;

/**
 * In-memory clusters, one per declared environment, reached through `connectEnvironment`; the App's process
 * environment holds the `<NAME>_KAFKA_BROKERS` and `<NAME>_REGISTRY_URL` of each (so each is reachable).
 */
export function environmentClusters(names: readonly string[]) {
  const clusters = new Map(
    names.map((name) => [name, { kafka: new FakeKafkaAdmin(), registry: new FakeSchemaRegistry(), connects: 0 }]),
  );
  const target: ApplyTarget = {
    repository: `${OWNER}/${REPO}`,
    env: Object.fromEntries(
      names.flatMap((n) => [
        [`${n.toUpperCase()}_KAFKA_BROKERS`, `${n}-broker:9092`],
        [`${n.toUpperCase()}_REGISTRY_URL`, `http://${n}-registry:8080`],
      ]),
    ),
    connectEnvironment: (environment: Environment) => {
      const cluster = clusters.get(environment.name);
      if (!cluster) throw new Error(`no fake cluster for ${environment.name}`);
      cluster.connects++;
      return { kafka: cluster.kafka, registry: cluster.registry, name: environment.clusterName ?? environment.name };
    },
  };
  return { target, clusters };
}

export interface FakeDeployment {
  readonly id: number;
  readonly sha: string;
  readonly environment: string;
  readonly task: string;
  readonly statuses: Json[];
}

/**
 * GitHub as far as promotion uses it, with state: deployments and their statuses (listed newest first, as GitHub
 * does), check runs, the PR comment, and refs/notes/steward (a note written is read back by the next write).
 * Every request body is kept, in order, for exact assertions. Routes persist; strictness on requests that match
 * nothing is kept by the tests' `no match` listener.
 */
export class FakeGitHub {
  deployments: FakeDeployment[] = [];
  readonly deploymentCreates: Json[] = [];
  readonly statusCreates: { id: number; body: Json }[] = [];
  readonly deploymentReads: Json[] = [];
  readonly checkRunCreates: Json[] = [];
  readonly checkRunUpdates: { id: number; body: Json }[] = [];
  readonly comments: Json[] = [];
  readonly commentUpdates: Json[] = [];
  readonly notes = new Map<string, string>();
  private nextId = 900;
  private notesSha: string | undefined;

  install(): void {
    const scope = nock(API).persist();
    scope
      .get(`${repoPath}/deployments`)
      .query(true)
      .reply((uri) => {
        const query = new URL(uri, API).searchParams;
        this.deploymentReads.push(Object.fromEntries(query));
        const found = this.deployments
          .filter(
            (d) =>
              d.sha === query.get('sha') && d.environment === query.get('environment') && d.task === query.get('task'),
          )
          .reverse()
          .map((d) => ({ id: d.id, sha: d.sha, environment: d.environment, task: d.task }));
        return [200, found];
      });
    scope.get(new RegExp(`^${repoPath}/deployments/\\d+/statuses`)).reply((uri) => {
      const id = Number(/deployments\/(\d+)\/statuses/.exec(uri)?.[1]);
      const statuses = [...(this.deployments.find((d) => d.id === id)?.statuses ?? [])].reverse();
      return [200, statuses.slice(0, Number(new URL(uri, API).searchParams.get('per_page') ?? 30))];
    });
    scope.post(`${repoPath}/deployments`).reply((_uri, body) => {
      const b = body as Json;
      this.deploymentCreates.push(b);
      const id = this.nextId++;
      this.deployments.push({ id, sha: b['ref'], environment: b['environment'], task: b['task'], statuses: [] });
      return [201, { id, sha: b['ref'], environment: b['environment'] }];
    });
    scope.post(new RegExp(`^${repoPath}/deployments/\\d+/statuses$`)).reply((uri, body) => {
      const id = Number(/deployments\/(\d+)\/statuses/.exec(uri)?.[1]);
      this.statusCreates.push({ id, body: body as Json });
      this.deployments.find((d) => d.id === id)?.statuses.push(body as Json);
      return [201, { id: this.nextId++, state: (body as Json)['state'] }];
    });
    scope.post(`${repoPath}/check-runs`).reply((_uri, body) => {
      this.checkRunCreates.push(body as Json);
      const id = this.nextId++;
      return [201, { id, html_url: `https://github.com/${OWNER}/${REPO}/runs/${id}` }];
    });
    scope.patch(new RegExp(`^${repoPath}/check-runs/\\d+$`)).reply((uri, body) => {
      this.checkRunUpdates.push({ id: Number(/check-runs\/(\d+)/.exec(uri)?.[1]), body: body as Json });
      return [200, {}];
    });
    scope.post(`${repoPath}/issues/1/comments`).reply((_uri, body) => {
      this.comments.push(body as Json);
      return [201, { id: 11 }];
    });
    this.installNotes(scope);
  }

  private installNotes(scope: nock.Scope): void {
    scope
      .get(new RegExp(`^${repoPath}/git/ref/notes(/|%2F)steward$`))
      .reply(() => (this.notesSha ? [200, { object: { sha: this.notesSha } }] : [404, { message: 'Not Found' }]));
    scope.get(new RegExp(`^${repoPath}/git/commits/notes-\\d+$`)).reply(200, { tree: { sha: 'tree' } });
    scope.get(new RegExp(`^${repoPath}/contents/[0-9a-f]{40}\\?ref=notes-\\d+$`)).reply((uri) => {
      const commit = /contents\/([0-9a-f]{40})/.exec(uri)?.[1] ?? '';
      const text = this.notes.get(commit);
      return text === undefined
        ? [404, { message: 'Not Found' }]
        : [200, { type: 'file', sha: gitBlobSha(text), content: Buffer.from(text).toString('base64') }];
    });
    // Blobs, trees and commits by id, so that two writers interleaving (two commits promoted at once) stay apart.
    const blobs = new Map<string, string>();
    const trees = new Map<string, { path: string; blob: string }>();
    const commits = new Map<string, string>();
    scope.post(`${repoPath}/git/blobs`).reply((_uri, body) => {
      const sha = `blob-${this.nextId++}`;
      blobs.set(sha, String((body as Json)['content']));
      return [201, { sha }];
    });
    scope.post(`${repoPath}/git/trees`).reply((_uri, body) => {
      const sha = `tree-${this.nextId++}`;
      const entry = (body as Json)['tree'][0];
      trees.set(sha, { path: String(entry['path']), blob: String(entry['sha']) });
      return [201, { sha }];
    });
    scope.post(`${repoPath}/git/commits`).reply((_uri, body) => {
      const sha = `notes-${this.nextId++}`;
      commits.set(sha, String((body as Json)['tree']));
      return [201, { sha }];
    });
    const moveRef = (body: Json): [number, Json] => {
      const commit = String(body['sha']);
      this.notesSha = commit;
      const tree = trees.get(commits.get(commit) ?? '');
      const text = tree ? blobs.get(tree.blob) : undefined;
      if (tree && text !== undefined) this.notes.set(tree.path, text);
      return [200, {}];
    };
    scope.post(`${repoPath}/git/refs`).reply((_uri, body) => moveRef(body as Json));
    scope.patch(new RegExp(`^${repoPath}/git/refs/notes(/|%2F)steward$`)).reply((_uri, body) => moveRef(body as Json));
  }

  /** A deployment of `sha` to `environment` already there, with its statuses (oldest first). */
  seedDeployment(sha: string, environment: string, states: readonly string[], task = 'deploy:mesh-steward'): number {
    const id = this.nextId++;
    this.deployments.push({ id, sha, environment, task, statuses: states.map((state) => ({ state })) });
    return id;
  }
}

/** Strict HTTP for these tests: no network, and a request that matches no route fails the test (see `unmatched`). */
export class StrictRequests {
  readonly unmatched: string[] = [];
  private readonly listener = (req: { method?: string; path?: string; href?: string }) =>
    void this.unmatched.push(`${req.method ?? ''} ${req.href ?? req.path ?? ''}`);

  start(): void {
    this.unmatched.length = 0;
    nock.disableNetConnect();
    nock.emitter.on('no match', this.listener);
  }

  stop(): void {
    nock.emitter.removeListener('no match', this.listener);
    nock.cleanAll();
    nock.enableNetConnect();
  }
}
