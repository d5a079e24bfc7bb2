import { redactUrls } from '../apply/display-url.js';
import { applyCluster, withRegisteredVersions } from '../apply/run.js';
import { writeAuditNote } from '../audit/notes-writer.js';
import { loadCatalog } from '../catalog/load.js';
import type { Logger } from '../core/logger.js';
import type { SourceTree } from '../core/source.js';
import { desiredState } from '../plan/desired.js';
import {
  applyCheckName,
  applyCommentMarker,
  renderApplyComment,
  renderApplyRun,
  type ApplyReport,
} from '../render/apply-report.js';
import { auditRecordFor, type RecordInput } from './audit-record.js';
import type { ApplyTarget } from './apply-target.js';
import { targets } from './apply-target.js';
import { call } from './call.js';
import { ensureComment } from './ensure.js';
import { gitDataApi } from './git-notes.js';
import { findMergedPullRequest } from './merged-commit.js';
import { gatherAndEvaluate, type AppState } from './pipeline.js';
import type { CommentPayload } from './commands.js';
import { repoOf, type GitHub, type PullRequestRef, type RepoRef } from './types.js';

/** A commit that reached the applying branch, and who put it there. */
export interface PushRef extends RepoRef {
  readonly sha: string;
  readonly pusher: string;
}

const vetoNoApproval =
  'would delete (held back: the retirement did not reach this branch through a pull request whose approvals were all met)';

/**
 * Apply on merge, one at a time per repository: the catalog at the merged commit is planned against live state and
 * applied (when this repository is the App's apply target), the outcome is reported as the `Mesh Steward / apply`
 * check run on the commit and as a comment on the merged pull request, and the audit record is written as the
 * commit's note. A failure anywhere still completes the check run, saying what happened.
 */
export function applyMergedCommit(gh: GitHub, push: PushRef, state: AppState, log: Logger): Promise<void> {
  return state.queue.run(`apply:${push.owner}/${push.repo}`.toLowerCase(), async () => {
    const target = targets(state.target, push) ? state.target : undefined;
    const runId = target ? await startApplyRun(gh, push) : undefined;
    try {
      const [found, tree] = await Promise.all([
        findMergedPullRequest(gh, push, push.sha),
        state.cache.tree(gh, push, push.sha),
      ]);
      const review = found ? await gatherAndEvaluate(gh, found.ref, state, false) : undefined;
      const approved = review?.evaluation.approvals.every((a) => a.status === 'met') ?? false;
      const report = target ? await applyTree(tree, target, approved ? undefined : vetoNoApproval, state) : undefined;
      const input: RecordInput = {
        mergeCommit: push.sha,
        pusher: push.pusher,
        ...(found ? { pr: found.merged } : {}),
        ...(review ? { review } : {}),
        ...(report && target ? { apply: { report, cluster: target.name } } : {}),
      };
      const noteProblem = await writeRecord(gh, push, input, log);
      if (runId === undefined || !report || !target) return;
      await completeApplyRun(gh, push, runId, renderApplyRun(report, target.name, noteProblem ? [noteProblem] : []));
      if (found && review) await commentApply(gh, push, found.ref, review.comments, report, target);
    } catch (error) {
      log.error(`Apply of ${push.owner}/${push.repo}@${push.sha} failed`, { error: redactUrls(String(error)) });
      if (runId !== undefined)
        await completeApplyRun(gh, push, runId, {
          conclusion: 'failure',
          title: 'Apply failed',
          summary: `The apply could not finish: ${redactUrls(messageOf(error))}\n\nUse **Re-run** on this check once the cause is fixed: it plans again from live state and converges.`,
        });
      throw error;
    }
  });
}

/**
 * Loads the merged catalog whole (apply converges the entire cluster, not only the change), plans and applies it
 * under the cluster's lock. A catalog with errors or an unreachable cluster is a report, never a throw.
 */
async function applyTree(
  tree: SourceTree,
  target: ApplyTarget,
  veto: string | undefined,
  state: AppState,
): Promise<ApplyReport> {
  const { catalog, findings } = loadCatalog(tree);
  const errors = findings.filter((f) => f.severity === 'error');
  const first = errors[0];
  if (first)
    return {
      kind: 'not-applied',
      reason: `the catalog at this commit has ${errors.length} error(s), first ${first.location.path}:${first.location.line}: ${first.message} Run \`steward validate\` on it.`,
      at: state.now(),
    };
  const override = target.replicationFactorOverride;
  const desired = {
    ...desiredState(catalog, override === undefined ? {} : { replicationFactorOverride: override }),
    ...(veto ? { deletionVeto: veto } : {}),
  };
  let ports;
  try {
    ports = target.connect();
    const { outcomes, warnings } = await applyCluster(desired, ports);
    const withVersions = await withRegisteredVersions(outcomes, ports.registry);
    return { kind: 'applied', outcomes: withVersions, notices: [...desired.notices, ...warnings], at: state.now() };
  } catch (error) {
    return { kind: 'not-applied', reason: redactUrls(messageOf(error)), at: state.now() };
  } finally {
    // A failed close must not turn an apply's report into a failure: the connection is gone either way.
    await ports?.kafka.close().catch(() => undefined);
  }
}

/** The report on the merged pull request: one comment, edited by later runs. */
function commentApply(
  gh: GitHub,
  push: PushRef,
  pr: PullRequestRef,
  comments: readonly CommentPayload[],
  report: ApplyReport,
  target: ApplyTarget,
): Promise<void> {
  return ensureComment(gh, pr, comments, renderApplyComment(report, target.name, push.sha), applyCommentMarker);
}

/** Writes the note; a failure is logged and said in the check run, never allowed to hide the apply's outcome. */
async function writeRecord(gh: GitHub, repo: RepoRef, input: RecordInput, log: Logger): Promise<string | undefined> {
  try {
    await writeAuditNote(gitDataApi(gh, repo), auditRecordFor(input));
    return undefined;
  } catch (error) {
    log.error(`Could not write the audit record of ${input.mergeCommit}`, { error: String(error) });
    return `⚠️ The audit record could not be written to refs/notes/steward: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function startApplyRun(gh: GitHub, push: PushRef): Promise<number> {
  const { data } = await call('create the apply check run', () =>
    gh.request('POST /repos/{owner}/{repo}/check-runs', {
      ...repoOf(push),
      name: applyCheckName,
      head_sha: push.sha,
      status: 'in_progress',
      output: { title: 'Applying', summary: 'Planning against live state and applying the merged catalog.' },
    }),
  );
  return Number(data.id);
}

async function completeApplyRun(
  gh: GitHub,
  push: PushRef,
  id: number,
  output: { conclusion: 'success' | 'failure' | 'neutral'; title: string; summary: string },
): Promise<void> {
  await call('complete the apply check run', () =>
    gh.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      ...repoOf(push),
      check_run_id: id,
      status: 'completed',
      conclusion: output.conclusion,
      output: { title: output.title, summary: output.summary },
    }),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
