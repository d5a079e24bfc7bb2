import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterName, connectCluster } from '../../src/apply/connect.js';
import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { applyCluster, planCluster } from '../../src/apply/run.js';
import { HttpSchemaRegistry } from '../../src/apply/schema-registry.js';
import { recordOutcomes } from '../../src/audit/outcomes.js';
import { parseAuditRecord, renderAuditRecord } from '../../src/audit/record.js';
import { applyTargetFromEnv } from '../../src/github/read/apply-target.js';
import { oneLine } from '../../src/apply/session.js';
import { renderApplyComment, renderApplyRun } from '../../src/render/apply-report.js';
import { livePlanLine, planSection } from '../../src/render/plan-section.js';
import {
  planToJson,
  renderPlanMarkdown,
  renderPlanText,
  renderReportText,
  reportToJson,
} from '../../src/render/plan.js';
import type { DesiredState } from '../../src/plan/state.js';

const token = 'tok3n-SECRET-42';
const password = 'pa55-w0rd';
const secrets = [token, password, 'api_key', 'tenant-7', 'svc-user'];

function expectNoSecret(...texts: string[]): void {
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

const desired: DesiredState = {
  topics: [{ name: 't.v1', partitions: 1, replicationFactor: 1, configs: {} }],
  subjects: [{ subject: 't.v1-value', schema: '"string"', references: [], compatibility: 'FULL' }],
  acls: [],
  retired: { topics: [], subjects: [] },
  groups: [],
  allowDeletions: false,
  notices: [],
};

describe('a registry URL with a token in its query and credentials in its userinfo', () => {
  const seen: string[] = [];
  let server: Server;
  let registryUrl: string;

  beforeAll(async () => {
    // A registry that echoes the URL it was called on in its errors, as some proxies and gateways do.
    server = createServer((req, res) => {
      req.resume();
      seen.push(`${req.url ?? ''} ${req.headers.authorization ?? ''}`);
      const echo = `http://${req.headers.host ?? ''}${req.url ?? ''}`;
      const [status, body] =
        req.method === 'GET' && req.url?.startsWith('/tenant-7/apis/ccompat/v7/config?')
          ? [200, { compatibilityLevel: 'BACKWARD' }]
          : req.method === 'GET'
            ? [404, { error_code: 40401, message: 'not found' }]
            : [500, { error_code: 50001, message: `upstream failed for ${echo} (key ${token})` }];
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    registryUrl = `http://svc-user:${password}@127.0.0.1:${port}/tenant-7/apis/ccompat/v7?api_key=${token}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the token and the credentials, and prints none of them anywhere', async () => {
    const env = {
      STEWARD_KAFKA_BROKERS: '127.0.0.1:1',
      STEWARD_REGISTRY_URL: registryUrl,
      STEWARD_APPLY_REPOSITORY: 'a/b',
    };
    const name = clusterName(env);
    expect(name).toBe(`127.0.0.1:1 http://127.0.0.1:${new URL(registryUrl).port}`);
    const target = applyTargetFromEnv(env);
    expect(target?.name).toBe(name);
    const connected = connectCluster(env);
    expect(connected.name).toBe(name);
    await connected.kafka.close();

    const ports = {
      kafka: new FakeKafkaAdmin(),
      registry: new HttpSchemaRegistry({ url: registryUrl }),
      name,
    };
    const plan = await planCluster(desired, ports);
    // Every request carried the token (after its own query too) and the userinfo as basic auth.
    const basic = `Basic ${Buffer.from(`svc-user:${password}`).toString('base64')}`;
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen) expect(line).toMatch(new RegExp(`[?&]api_key=${token} ${basic}$`));
    expect(seen).toContain(`/tenant-7/apis/ccompat/v7/config?api_key=${token} ${basic}`);

    const { outcomes } = await applyCluster(desired, ports);
    const failed = outcomes.filter((o) => o.status === 'failed');
    expect(failed.map((o) => o.operation.kind)).toEqual(['register-schema']);
    expect(failed[0]?.message).toMatch(/answered 500: upstream failed for http:\/\/127\.0\.0\.1:\d+ \(key \*\*\*\)/);

    const report = { kind: 'applied' as const, outcomes, notices: [], at: 'now' };
    const live = { target: name, operations: plan.operations, notices: [] };
    const record = renderAuditRecord({
      author: 'a',
      mergeCommit: 'c',
      changes: [],
      approvals: [],
      waivers: [],
      apply: { status: 'partial', at: 'now', cluster: name },
      ...recordOutcomes(outcomes),
    });
    expectNoSecret(
      name,
      renderPlanText(plan.operations, []),
      renderPlanMarkdown(plan.operations, []),
      JSON.stringify(planToJson(plan.operations, [])),
      renderReportText(outcomes, []),
      JSON.stringify(reportToJson(outcomes, [])),
      renderApplyRun(report, name).summary,
      renderApplyComment(report, name, 'c'),
      planSection([], live).render(100),
      livePlanLine(live),
      record,
    );
    expect(record).toContain(`apply: partial at now on ${name}`);
  });

  it('keeps the token out of transport errors, and a cluster recorded with a URL loses all but its origin', async () => {
    const closed = new HttpSchemaRegistry({
      url: `http://u:${password}@127.0.0.1:9/x?api_key=${token}`,
      timeoutMs: 200,
    });
    const error = await closed.getGlobalCompatibility().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectNoSecret((error as Error).message, oneLine(new Error(`GET ${registryUrl} failed`)));
    const record = renderAuditRecord({
      author: 'a',
      mergeCommit: 'c',
      changes: [],
      approvals: [],
      waivers: [],
      apply: { status: 'failed', at: 'now', cluster: `b:9092 ${registryUrl}` },
      operations: [],
      subjects: [],
      topics: [],
    });
    expectNoSecret(record);
    let invalid: unknown;
    try {
      new HttpSchemaRegistry({ url: `::not a url ${token}` });
    } catch (e) {
      invalid = e;
    }
    expect(String(invalid)).toMatch(/is not a URL/);
    expectNoSecret(String(invalid));
  });
});

describe('an audit note written before cluster names were cut to their origin', () => {
  it('is read back without the token', () => {
    const old = `mesh-steward-audit: 1\npr: 1\nauthor: a\nmerge-commit: c\napply: succeeded at now on b:9092 https://sr:8443/t/v7?api_key=${token}\n`;
    const record = parseAuditRecord(old);
    expect(record?.apply?.cluster).toBe('b:9092 https://sr:8443');
  });
});
