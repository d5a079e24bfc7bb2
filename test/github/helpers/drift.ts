import nock from 'nock';
import { FakeKafkaAdmin } from '../../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../../src/apply/fake-schema-registry.js';
import { applyCluster } from '../../../src/apply/run.js';
import { desiredFor } from '../../../src/apply/session.js';
import { resolveEnvironment } from '../../../src/catalog/environments.js';
import { loadCatalog } from '../../../src/catalog/load.js';
import type { SourceEntry } from '../../../src/core/source.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { driftLabel } from '../../../src/render/drift-issue.js';
import { API, tarball } from './github.js';
import { mockSettings } from './merge.js';
import { OWNER, REPO } from './payloads.js';
import { baseTree } from './trees.js';

type Tree = ReadonlyMap<string, SourceEntry>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const repoPath = `/repos/${OWNER}/${REPO}`;
export const MAIN = 'a'.repeat(40);
export const ORDERS_TOPIC = 'commerce.orders.v1';
export const bot = { login: 'mesh-steward[bot]', type: 'Bot' };

export const settings = `apiVersion: mesh-steward/v1
kind: Settings
applyBranch: main
environments:
  - name: prod
    branch: main
    kafka:
      brokers: PROD_KAFKA_BROKERS
      password: PROD_KAFKA_PASSWORD
    registry:
      url: PROD_REGISTRY_URL
`;

export async function meshTree(): Promise<Map<string, SourceEntry>> {
  const tree = await baseTree();
  tree.set('.github/steward.yml', { kind: 'file', content: settings });
  return tree;
}

/** prod as an in-memory cluster that holds exactly what the catalog says. */
export async function prodCluster(tree: Tree) {
  const kafka = new FakeKafkaAdmin();
  const registry = new FakeSchemaRegistry();
  const { catalog } = loadCatalog(tree);
  const environment = resolveEnvironment(catalog.settings, 'prod');
  await applyCluster(desiredFor({ environment }, catalog), { kafka, registry, name: 'fake' });
  const target: ApplyTarget = {
    repository: `${OWNER}/${REPO}`,
    env: { PROD_KAFKA_PASSWORD: 'hunter2-secret' },
    connectEnvironment: () => ({ kafka, registry, name: 'prod-cluster:9092' }),
  };
  return { kafka, registry, target };
}

/** The settings, the applying branch's head and (unless the cache has it) its tree. */
export async function mockHead(tree: Tree, cached = false): Promise<void> {
  mockSettings(tree);
  nock(API)
    .get(new RegExp(`^${repoPath}/git/ref/heads(/|%2F)main$`))
    .reply(200, { object: { sha: MAIN } });
  if (!cached)
    nock(API)
      .get(`${repoPath}/tarball/${MAIN}`)
      .reply(200, await tarball(tree), { 'content-type': 'application/x-gzip' });
}

export function mockIssues(issues: Json[]): void {
  nock(API).get(`${repoPath}/issues`).query({ labels: driftLabel, state: 'all', per_page: 100 }).reply(200, issues);
}

export function mockPulls(pulls: Json[]): void {
  nock(API)
    .get(`${repoPath}/pulls`)
    .query({ head: `${OWNER}:steward/adopt-prod`, state: 'all', sort: 'created', direction: 'desc', per_page: 10 })
    .reply(200, pulls);
}
