import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffCatalogs } from '../../src/catalog/diff.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { desiredState } from '../../src/plan/desired.js';
import { diffState } from '../../src/plan/diff.js';
import type { ActualState, DesiredState } from '../../src/plan/state.js';
import { planSteps } from '../../src/plan/steps.js';
import { fixturesDir } from '../helpers/fixtures.js';
import { addOrderField, ORDERS, SHIPMENTS, type Edit } from '../helpers/scenario.js';

/** The cluster exactly as the base catalog wants it, so the planner's diff is what merging the head would change. */
function clusterAsDesired(desired: DesiredState): ActualState {
  return {
    topics: new Map(desired.topics.map((t) => [t.name, t])),
    configs: new Map(desired.topics.map((t) => [t.name, { dynamic: t.configs, defaults: {} }])),
    subjects: new Map(desired.subjects.map((s) => [s.subject, { ...s, version: 1, id: 1, references: [] }])),
    compatibility: new Map(desired.subjects.map((s) => [s.subject, s.compatibility])),
    acls: desired.acls,
  };
}

/** The preview's steps for a change to the base fixture, and the kinds of operation the real planner makes of it. */
async function previewAndPlan(edits: Edit[]) {
  const base = await readDirectorySource(join(fixturesDir, 'validate', 'base'));
  const head = new Map(base);
  for (const [path, transform] of edits) {
    const entry = head.get(path);
    const text = transform(entry?.kind === 'file' ? Buffer.from(entry.content).toString('utf8') : '');
    if (text === undefined) head.delete(path);
    else head.set(path, { kind: 'file', content: text });
  }
  const [before, after] = [loadCatalog(base).catalog, loadCatalog(head).catalog];
  const operations = diffState(desiredState(after), clusterAsDesired(desiredState(before)));
  return {
    steps: planSteps(diffCatalogs(before, after)),
    planned: [...new Set(operations.map((op) => op.kind))].sort(),
  };
}

describe('planSteps: the plan previewed from the changes when no cluster is read', () => {
  it('a schema change registers a new version, as the planner does', async () => {
    const { steps, planned } = await previewAndPlan([
      addOrderField({ name: 'note', type: ['null', 'string'], default: null }),
    ]);
    expect(steps).toEqual(['Register a new value schema version for commerce/orders#orders-v1 (BACKWARD).']);
    expect(planned).toEqual(['register-schema']);
  });

  it('a new input port grants READ, as the planner does', async () => {
    const port =
      '  - name: shipments\n    product: logistics/shipments\n    port: shipments-v1\n    principal: User:svc-orders\n    consumerGroup: commerce-orders\n';
    const { steps, planned } = await previewAndPlan([[ORDERS, (t) => `${t}inputPorts:\n${port}`]]);
    expect(steps).toEqual(['Grant READ on logistics/shipments#shipments-v1 to User:svc-orders.']);
    expect(planned).toEqual(['create-acl']);
  });

  it('a removed input port revokes READ, as the planner does', async () => {
    const { steps, planned } = await previewAndPlan([[SHIPMENTS, (t) => t.slice(0, t.indexOf('inputPorts:'))]]);
    expect(steps).toEqual(['Revoke READ on commerce/orders#orders-v1 from User:svc-shipping.']);
    expect(planned).toEqual(['delete-acl']);
  });

  it('more partitions alter the topic, as the planner does', async () => {
    const { steps, planned } = await previewAndPlan([[ORDERS, (t) => t.replace('partitions: 6', 'partitions: 12')]]);
    expect(steps).toEqual(['Alter partitions of commerce/orders#orders-v1.']);
    expect(planned).toEqual(['add-partitions']);
  });
});
