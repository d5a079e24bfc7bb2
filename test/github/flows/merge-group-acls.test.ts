import { describe, expect, it } from 'vitest';
import { applyCluster } from '../../../src/apply/run.js';
import { loadCatalog } from '../../../src/catalog/load.js';
import { applyMergedCommit, type PushRef } from '../../../src/github/flows/merge.js';
import { desiredState } from '../../../src/plan/desired.js';
import { aclKey, type AclBinding } from '../../../src/plan/state.js';
import { mockCatalogReads, mockPullRequestLists, mockTeam } from '../helpers/github.js';
import {
  fakeTarget,
  MERGE,
  mockApplyComment,
  mockApplyRun,
  mockMergedCommit,
  mockNotes,
  noMergeWrites,
} from '../helpers/merge.js';
import { useStrictNock } from '../helpers/nock.js';
import { HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { baseTree, edit } from '../helpers/trees.js';
import { appState, testOctokit } from '../helpers/flow.js';

useStrictNock();

const SHIPMENTS = 'catalog/logistics/shipments/product.yaml';
const gh = testOctokit();
const push: PushRef = { owner: OWNER, repo: REPO, sha: MERGE, pusher: 'bob' };
const approval = { id: 1, user: { login: 'sam' }, state: 'APPROVED', commit_id: HEAD, submitted_at: 'T1' };
const group: AclBinding = {
  resourceType: 'group',
  resourceName: 'logistics-shipments',
  principal: 'User:svc-shipping',
  operation: 'READ',
};

describe('applyMergedCommit and consumer groups', () => {
  it('revokes the group ACL of an input port the merged pull request removed (the base catalog named it)', async () => {
    const base = await baseTree();
    const head = edit(base, SHIPMENTS, (t) => t.slice(0, t.indexOf('inputPorts:')));
    const { target, cluster } = fakeTarget();
    // The cluster as the base catalog left it.
    await applyCluster(desiredState(loadCatalog(base).catalog, { replicationFactorOverride: 1 }), {
      ...cluster,
      name: 'fake',
    });
    expect(cluster.kafka.acls.has(aclKey(group))).toBe(true);
    const writes = noMergeWrites();
    mockApplyRun(writes);
    await mockMergedCommit(head);
    await mockCatalogReads(base, head);
    mockPullRequestLists([approval]);
    mockTeam('@acme/shipping', ['sam']);
    mockNotes(writes, new Map());
    mockApplyComment(writes);
    await applyMergedCommit(gh, push, appState(target), { debug() {}, info() {}, warn() {}, error() {} });
    expect(cluster.kafka.acls.has(aclKey(group))).toBe(false);
    const note = String(writes.blobs[0]?.['content'] ?? '');
    expect(note).toContain('op: ok delete-acl acl:group:logistics-shipments:User:svc-shipping:READ\n');
    expect(note).toContain('op: ok delete-acl acl:topic:commerce.orders.v1:User:svc-shipping:READ\n');
  });
});
