import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/plan/operations.js';
import {
  adoptBranch,
  driftMarker,
  renderAdoptPullRequest,
  renderDriftIssue,
  renderDriftSummary,
  type DriftIssueInput,
} from '../../src/render/drift-issue.js';

function topics(n: number): Operation[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: 'create-topic' as const,
    resource: `topic:t${i}`,
    topic: { name: `t${i}`, partitions: 1, replicationFactor: 1, configs: {} },
  }));
}

const input = (operations: Operation[]): DriftIssueInput => ({
  environment: 'prod',
  cluster: 'prod-eu1',
  branch: 'main',
  operations,
  notices: [],
  findings: [],
  variables: ['PROD_KAFKA_BROKERS', 'PROD_REGISTRY_URL'],
  adopt: { kind: 'pull-request', number: 7 },
});

describe('the drift issue', () => {
  it('is the same text for the same drift (no timestamp, no commit), so an unchanged drift writes nothing', () => {
    expect(renderDriftIssue(input(topics(3)))).toBe(renderDriftIssue(input(topics(3))));
    expect(renderDriftIssue(input(topics(3)))).not.toBe(renderDriftIssue(input(topics(4))));
  });

  it('lists 200 operations and counts the rest, so a large drift fits an issue body', () => {
    const body = renderDriftIssue(input(topics(250)));
    expect(body).toContain('+ create topic t199 ');
    expect(body).not.toContain('+ create topic t200 ');
    expect(body).toContain('… and 50 more operation(s).');
    expect(body.length).toBeLessThan(65_536);
  });

  it('keeps an environment name from closing its marker or leaving its branch name', () => {
    expect(driftMarker('a --> b')).toBe('<!-- mesh-steward:drift environment=a%20--%3E%20b -->');
    expect(adoptBranch('eu west/1')).toBe('steward/adopt-eu-west-1');
  });

  it('says re-apply only, without a check, for an environment no branch applies', () => {
    expect(renderDriftIssue(input(topics(1)))).toContain('run `steward apply --env prod`.');
    expect(renderDriftIssue({ ...input(topics(1)), applyCheck: 'Mesh Steward / apply (prod)' })).toContain(
      'or re-run the check `Mesh Steward / apply (prod)` of the latest commit of `main`.',
    );
  });

  it('the adopting pull request closes the issue and names its files', () => {
    const { title, body } = renderAdoptPullRequest({
      environment: 'prod',
      fingerprint: 'f1',
      issue: 42,
      paths: ['catalog/a/product.yaml'],
      findings: [],
    });
    expect(title).toBe('Adopt the live state of prod');
    expect(body).toContain('Closes #42.');
    expect(body).toContain('<!-- mesh-steward:adopt-files f1 -->');
    expect(body).toContain('- `catalog/a/product.yaml`');
  });

  it('the run summary has one line per environment', () => {
    expect(
      renderDriftSummary([
        { environment: 'staging', status: 'in-sync' },
        { environment: 'prod', status: 'drift', issue: 42, pullRequest: 43 },
        { environment: 'dev', status: 'unreachable', detail: 'not set here: DEV_KAFKA_BROKERS' },
      ]),
    ).toBe(
      [
        'Drift run (read-only: no cluster was changed):',
        '',
        '- **staging**: in sync',
        '- **prod**: drift (#42, adopt: #43)',
        '- **dev**: not reachable from here: not set here: DEV\\_KAFKA\\_BROKERS',
      ].join('\n'),
    );
  });
});
