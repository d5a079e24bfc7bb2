import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AclOperations,
  AclPermissionTypes,
  Admin,
  ResourcePatternTypes,
  ResourceTypes,
  type AclOperationValue,
} from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { services } from './apply-services.js';

/**
 * The cluster misbehaving under the catalog: grants made out of band that widen access to owned topics, and a
 * registry that freezes mid-apply. Against the real broker and registry; names carry a per-run suffix.
 */
const repoRoot = join(import.meta.dirname, '..', '..');
const run = Date.now().toString(36);
const intruder = `User:hostile-${run}`;
const orders = 'commerce.sales.orders.v1';
const baseEnv = { STEWARD_KAFKA_BROKERS: services.brokers.join(','), STEWARD_REGISTRY_URL: services.registryUrl };

async function steward(args: string[], dir: string, env: Record<string, string> = baseEnv) {
  let out = '';
  let err = '';
  const code = await runCli([...args, dir], { cwd: dir, env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function copyCatalog(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const part of ['catalog', 'rules', '.github'])
    cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
  return dir;
}

const admin = new Admin({ clientId: 'steward-it-hostile', bootstrapBrokers: services.brokers });

interface RawAcl {
  readonly name: string;
  readonly pattern: 'LITERAL' | 'PREFIXED';
  readonly operation: keyof typeof AclOperations;
  readonly permission?: 'DENY';
}
const rawAcl = (a: RawAcl) => ({
  resourceType: ResourceTypes.TOPIC,
  resourceName: a.name,
  resourcePatternType: ResourcePatternTypes[a.pattern],
  principal: intruder,
  host: '*',
  operation: AclOperations[a.operation] as AclOperationValue,
  permissionType: a.permission === 'DENY' ? AclPermissionTypes.DENY : AclPermissionTypes.ALLOW,
});

/** The intruder's ACLs as the broker shows them, `<pattern>:<name>:<operation>:<permission>`. */
async function intruderAcls(): Promise<string[]> {
  const found = await admin.describeAcls({
    filter: {
      resourceType: ResourceTypes.ANY,
      resourceName: null,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: intruder,
      host: null,
      operation: AclOperations.ANY,
      permissionType: AclPermissionTypes.ANY,
    },
  });
  const label = (value: number, of: Record<string, number>) => Object.keys(of).find((k) => of[k] === value);
  return found
    .flatMap((r) =>
      r.acls.map(
        (a) =>
          `${label(r.resourcePatternType, ResourcePatternTypes)}:${r.resourceName}:${label(a.operation, AclOperations)}:${label(a.permissionType, AclPermissionTypes)}`,
      ),
    )
    .sort();
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250)))
    if (await check()) return;
  throw new Error(`timed out waiting for ${what}`);
}

afterAll(async () => {
  // Whatever happened, leave no grant of the intruder behind (other suites share the broker).
  const all: RawAcl[] = [
    { name: orders, pattern: 'LITERAL', operation: 'ANY' },
    { name: '*', pattern: 'LITERAL', operation: 'ANY' },
    { name: 'commerce.', pattern: 'PREFIXED', operation: 'ANY' },
    { name: `hostile-${run}.`, pattern: 'PREFIXED', operation: 'ANY' },
  ];
  await admin
    .deleteAcls({ filters: all.map((a) => ({ ...rawAcl(a), permissionType: AclPermissionTypes.ANY })) })
    .catch(() => undefined);
  await admin.close();
});

describe('over-broad grants made out of band on catalog topics', () => {
  let dir: string;
  const overBroad: RawAcl[] = [
    { name: orders, pattern: 'LITERAL', operation: 'ALL' },
    { name: orders, pattern: 'LITERAL', operation: 'ALTER' },
    { name: '*', pattern: 'LITERAL', operation: 'READ' },
    { name: 'commerce.', pattern: 'PREFIXED', operation: 'READ' },
  ];
  // Left alone: a DENY only narrows access; a prefix that matches no catalog topic is not the catalog's business.
  const untouched: RawAcl[] = [
    { name: orders, pattern: 'LITERAL', operation: 'WRITE', permission: 'DENY' },
    { name: `hostile-${run}.`, pattern: 'PREFIXED', operation: 'READ' },
  ];
  const label = (a: RawAcl) => `${a.pattern}:${a.name}:${a.operation}:${a.permission ?? 'ALLOW'}`;

  beforeAll(async () => {
    dir = copyCatalog('steward-hostile-acl-');
    expect((await steward(['apply', '--replication-factor', '1'], dir)).code).toBe(0);
    await admin.createAcls({ creations: [...overBroad, ...untouched].map(rawAcl) });
    const all = [...overBroad, ...untouched].map(label).sort();
    await eventually(async () => JSON.stringify(await intruderAcls()) === JSON.stringify(all), 'the ACLs');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('drift reports each of them, and only them', async () => {
    const drift = await steward(['drift', '--replication-factor', '1', '--format', 'json'], dir);
    expect(drift.code).toBe(3);
    const ops = JSON.parse(drift.out).operations as { kind: string; resource: string; acl?: { principal: string } }[];
    const mine = ops.filter((o) => o.acl?.principal === intruder);
    expect(mine.map((o) => [o.kind, o.resource]).sort()).toEqual(
      [
        ['delete-acl', `acl:topic:${orders}:${intruder}:ALL`],
        ['delete-acl', `acl:topic:${orders}:${intruder}:ALTER`],
        ['delete-acl', `acl:topic:*:${intruder}:READ`],
        ['delete-acl', `acl:topic-prefixed:commerce.:${intruder}:READ`],
      ].sort(),
    );
    const text = await steward(['drift', '--replication-factor', '1'], dir);
    expect(text.out).toContain(
      `- revoke READ on topics prefixed "commerce." from ${intruder} (grants on the catalog's topic(s) commerce.`,
    );
    expect(text.out).toContain(
      `- revoke READ on every topic (literal *) from ${intruder} (grants on the catalog's topic(s)`,
    );
    expect(text.out).toContain(`- revoke ALL on topic ${orders} from ${intruder} (not a grant the catalog makes)`);
  });

  it('apply revokes exactly those on owned topics, and the next plan is empty', async () => {
    const applied = await steward(['apply', '--replication-factor', '1'], dir);
    expect(applied.code).toBe(0);
    expect(applied.out.match(new RegExp(`\\[succeeded\\] - revoke \\w+ on .* from ${intruder}`, 'g'))).toHaveLength(4);
    expect(await intruderAcls()).toEqual(untouched.map(label).sort());
    const plan = await steward(['plan', '--replication-factor', '1', '--format', 'json'], dir);
    expect(JSON.parse(plan.out).operations).toEqual([]);
  });
});

/**
 * An HTTP proxy in front of the real registry. A request `freeze` picks is forwarded and completed by the registry,
 * but its answer is withheld from the client, as a registry that froze after doing the work would.
 */
function freezingProxy(target: URL, freeze: (req: IncomingMessage) => boolean) {
  const completed: string[] = [];
  const server: Server = createServer((req, res) => {
    const withheld = freeze(req);
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (withheld) {
          answer.resume();
          answer.on('end', () => completed.push(`${req.method ?? ''} ${req.url ?? ''}`));
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return {
    completed,
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`;
    },
    async stop(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a registry that freezes mid-apply', () => {
  const product = `frozen-${run}`;
  const topic = `finance.${product}.v1`;
  const subject = `${topic}-value`;
  let dir: string;

  beforeAll(() => {
    dir = copyCatalog('steward-hostile-freeze-');
    const folder = join(dir, 'catalog/finance', product);
    mkdirSync(join(folder, 'schemas'), { recursive: true });
    writeFileSync(
      join(folder, 'product.yaml'),
      `apiVersion: mesh-steward/v1
kind: DataProduct
name: ${product}
description: A product whose registration the registry completes but never answers.
status: active
classification: internal
owners:
  accountable: ["@acme/finance-ledger"]
outputPorts:
  - name: frozen-v1
    topic: ${topic}
    value: { schema: schemas/event.avsc }
    partitions: 1
    writer: User:svc-frozen
`,
    );
    writeFileSync(
      join(folder, 'schemas/event.avsc'),
      JSON.stringify({
        type: 'record',
        name: 'Event',
        namespace: 'com.acme.finance.frozen',
        doc: 'An event.',
        fields: [{ name: 'id', type: 'string', doc: 'Id.' }],
      }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the unanswered registration as outcome unknown, and the re-run plan finds it done', async () => {
    const registration = `/subjects/${encodeURIComponent(subject)}/versions`;
    const proxy = freezingProxy(
      new URL(services.registryUrl),
      (req) => req.method === 'POST' && (req.url ?? '').endsWith(registration),
    );
    const proxied = await proxy.start();
    try {
      const env = { ...baseEnv, STEWARD_REGISTRY_URL: proxied, STEWARD_REGISTRY_TIMEOUT_MS: '1500' };
      const applied = await steward(['apply', '--replication-factor', '1'], dir, env);
      const line = applied.out.split('\n').find((l) => l.includes(`subject ${subject}`) && l.includes('register'));
      expect(line).toMatch(/^\[outcome unknown\] \+ register schema as version 1 of new subject /);
      expect(line).toContain('was sent, then no answer within 1.5 s; it may have been done');
      expect(applied.out).not.toMatch(/^\[failed\]/m);
      expect(applied.out).toMatch(/, 1 outcome unknown\.$/m);
      expect(applied.code).toBe(1);
      // The registry did complete it.
      await eventually(async () => proxy.completed.length === 1, 'the registry to answer the proxy');
    } finally {
      await proxy.stop();
    }
    const versions = await fetch(`${services.registryUrl}${registration}`);
    expect(await versions.json()).toEqual([1]);
    const plan = await steward(['plan', '--replication-factor', '1', '--format', 'json'], dir);
    const operations = JSON.parse(plan.out).operations as { resource: string }[];
    expect(operations.filter((o) => o.resource === `subject:${subject}`)).toEqual([]);
    expect(operations).toEqual([]);
  });
});

describe('a registry URL that carries a token and credentials', () => {
  it('is used, and the token appears in no output', async () => {
    const dir = copyCatalog('steward-hostile-secret-');
    try {
      const token = `tok3n-${run}`;
      const url = new URL(services.registryUrl);
      url.username = 'svc-user';
      url.password = `pw-${run}`;
      url.search = `?api_key=${token}`;
      const env = { ...baseEnv, STEWARD_REGISTRY_URL: url.toString() };
      for (const args of [['plan'], ['drift'], ['apply'], ['apply', '--format', 'json']]) {
        const result = await steward([...args, '--replication-factor', '1'], dir, env);
        expect(result.code).toBe(0);
        for (const secret of [token, `pw-${run}`, 'svc-user', 'apis/ccompat']) {
          expect(result.out).not.toContain(secret);
          expect(result.err).not.toContain(secret);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
