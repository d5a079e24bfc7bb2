import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it, vi } from 'vitest';
import { runAction, runDriftAction } from '../../src/github/action.js';
import { API } from './helpers/github.js';
import { meshTree, mockHead, mockIssues, mockPulls, ORDERS_TOPIC, prodCluster, repoPath } from './helpers/drift.js';
import { useStrictNock } from './helpers/nock.js';
import { OWNER, REPO } from './helpers/payloads.js';

useStrictNock();

const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options['throttle'] as object), enabled: false },
}));

function jobFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'steward-drift-'));
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  return { summary, output };
}

const job = (files: { summary: string; output: string }) => ({
  INPUT_MODE: 'drift',
  GITHUB_TOKEN: 'ghs_job',
  GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
  GITHUB_STEP_SUMMARY: files.summary,
  GITHUB_OUTPUT: files.output,
});

function mockRepository(): void {
  nock(API).get(repoPath).reply(200, { name: REPO, default_branch: 'main' });
}

describe('the Action in mode drift', () => {
  it('keeps the drift issue of each environment, and says so in the job summary and outputs', async () => {
    const tree = await meshTree();
    const { kafka, target } = await prodCluster(tree);
    kafka.topics.delete(ORDERS_TOPIC);
    const files = jobFiles();
    const opened: Record<string, unknown>[] = [];
    mockRepository();
    await mockHead(tree);
    mockIssues([]);
    mockPulls([]);
    nock(API)
      .post(`${repoPath}/issues`)
      .reply(201, (_uri, body) => (opened.push(body as Record<string, unknown>), { number: 42 }));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);

    const run = await runDriftAction(job(files), Octokit, target);

    log.mockRestore();
    expect(run).toEqual({ kind: 'ran', environments: [{ environment: 'prod', status: 'drift', issue: 42 }] });
    expect(opened[0]?.['title']).toBe('Drift in prod');
    expect(readFileSync(files.summary, 'utf8')).toContain('- **prod**: drift (#42)');
    expect(readFileSync(files.output, 'utf8')).toBe('drift=true\n');
  });

  it('runs from the job environment alone (no event), and fails the job when an environment cannot be read', async () => {
    const tree = await meshTree();
    const files = jobFiles();
    mockRepository();
    await mockHead(tree);
    mockIssues([]);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // The job has prod's variables, but nothing listens there: the connection fails, the issue is left alone.
    const env = { ...job(files), PROD_KAFKA_BROKERS: '127.0.0.1:1', PROD_REGISTRY_URL: 'http://127.0.0.1:1' };

    await expect(runAction(env, Octokit)).rejects.toThrow(/could not compare prod/);

    log.mockRestore();
    expect(readFileSync(files.summary, 'utf8')).toContain('- **prod**: not compared');
    expect(readFileSync(files.output, 'utf8')).toBe('drift=false\n');
  }, 60_000);

  it('says to set mode drift when a schedule event reaches the events mode, instead of doing nothing', async () => {
    const env = { GITHUB_TOKEN: 't', GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: '/nonexistent' };
    await expect(runAction(env, Octokit)).rejects.toThrow(/set the mode input to drift/);
  });

  it('refuses a mode it does not know', async () => {
    await expect(runAction({ INPUT_MODE: 'dirft' }, Octokit)).rejects.toThrow(
      /use events \(the default\), drift or site/,
    );
  });
});
