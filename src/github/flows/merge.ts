import { redactUrls } from '../../apply/display-url.js';
import { applyOnCluster, desiredFor } from '../../apply/session.js';
import { formerGroups } from '../../plan/acl-scope.js';
import { writeAuditNote } from '../../audit/notes-writer.js';
import { loadCatalog, type LoadResult } from '../../catalog/load.js';
import type { Catalog } from '../../catalog/model.js';
import type { Logger } from '../../core/logger.js';
import type { SourceTree } from '../../core/source.js';
import { evaluatePullRequest } from '../../policy/evaluate-pull-request.js';
import {
  applyCheckName,
  applyCommentMarker,
  renderApplyComment,
  renderApplyRun,
  type ApplyReport,
} from '../../render/apply-report.js';
import { auditRecordFor, type RecordInput } from './audit-record.js';
import type { ApplyTarget } from '../read/apply-target.js';
import { targets } from '../read/apply-target.js';
import { evaluateCatalogs } from '../read/catalog-cache.js';
import { completeCheckRun, ensureComment, startCheckRun } from '../publish/ensure.js';
import { listComments, listReviews, readReviewSnapshot } from '../read/gather.js';
import { gitDataApi } from '../publish/git-notes.js';
import { reportThenRethrow } from '../failure.js';
import { findMergedPullRequest } from '../read/merged-commit.js';
import type { AppState } from './pull-request.js';
import type { CommentPayload } from '../read/comments.js';
import type { GitHub, PullRequestRef, RepoRef } from '../types.js';

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
    const runId = target ? await startCheckRun(gh, push, applyCheckName, applyingOutput) : undefined;
    try {
      const [found, tree] = await Promise.all([
        findMergedPullRequest(gh, push, push.sha),
        state.cache.tree(gh, push, push.sha),
      ]);
      const review = found ? await reviewMerge(gh, found.ref, state) : undefined;
      const veto = review?.approved ? undefined : vetoNoApproval;
      const report = target ? await applyMerged(loadMerged(tree), target, veto, state, review?.base) : undefined;
      const input: RecordInput = {
        mergeCommit: push.sha,
        pusher: push.pusher,
        ...(found ? { pr: found.merged } : {}),
        ...(review ? { review } : {}),
        ...(report && target ? { apply: { report, cluster: target.name } } : {}),
      };
      const noteProblem = await writeRecord(gh, push, input, log);
      if (runId === undefined || !report || !target) return;
      const output = renderApplyRun(report, target.name, noteProblem ? [noteProblem] : []);
      await completeCheckRun(gh, push, runId, output);
      if (found && review) await commentApply(gh, push, found.ref, review.comments, report, target);
    } catch (error) {
      await reportThenRethrow(error, async () => {
        if (runId !== undefined) await completeCheckRun(gh, push, runId, failedOutput(error));
      });
    }
  });
}

const applyingOutput = { title: 'Applying', summary: 'Planning against live state and applying the merged catalog.' };

function failedOutput(error: unknown) {
  return {
    conclusion: 'failure' as const,
    title: 'Apply failed',
    summary: `The apply could not finish: ${redactUrls(messageOf(error))}\n\nUse **Re-run** on this check once the cause is fixed: it plans again from live state and converges.`,
  };
}

/**
 * The merged pull request's verdict, asked of the policy engine directly: its catalogs (cached by commits, so
 * usually those its own evaluations loaded), its reviews and comments. No live plan and nothing published: the
 * merge only needs whether every approval was met, and the verdict for its record.
 */
async function reviewMerge(gh: GitHub, pr: PullRequestRef, state: AppState) {
  const [catalogs, reviews, comments] = await Promise.all([
    state.cache.snapshot(gh, pr),
    listReviews(gh, pr),
    listComments(gh, pr),
  ]);
  const report = evaluateCatalogs(catalogs, state.today());
  const evaluation = evaluatePullRequest(report, await readReviewSnapshot(gh, pr, report, reviews, comments));
  const approved = evaluation.approvals.every((a) => a.status === 'met');
  // The catalog before the merge says which consumer groups the merge leaves behind (plan/acl-scope formerGroups).
  return { evaluation, reviews, comments, approved, base: catalogs.base.catalog };
}

/** Merged catalogs by tree: trees are cached by commit, so a re-run of the same commit loads nothing again. */
const mergedLoads = new WeakMap<SourceTree, LoadResult>();

/** The merged catalog, whole (apply converges the entire cluster, not only the change), loaded once per commit. */
function loadMerged(tree: SourceTree): LoadResult {
  const known = mergedLoads.get(tree);
  if (known) return known;
  const loaded = loadCatalog(tree);
  mergedLoads.set(tree, loaded);
  return loaded;
}

/**
 * Plans and applies the merged catalog in one cluster session, under the cluster's lock. A catalog with errors or
 * an unreachable cluster is a report, never a throw.
 */
async function applyMerged(
  { catalog, findings }: LoadResult,
  target: ApplyTarget,
  veto: string | undefined,
  state: AppState,
  base?: Catalog,
): Promise<ApplyReport> {
  const errors = findings.filter((f) => f.severity === 'error');
  const first = errors[0];
  if (first)
    return {
      kind: 'not-applied',
      reason: `the catalog at this commit has ${errors.length} error(s), first ${first.location.path}:${first.location.line}: ${first.message} Run \`steward validate\` on it.`,
      at: state.now(),
    };
  const former = base ? { aclGroups: formerGroups(base, catalog) } : {};
  const desired = { ...desiredFor(target, catalog, former), ...(veto ? { deletionVeto: veto } : {}) };
  try {
    const { outcomes, warnings, findings } = await applyOnCluster(target, desired, { registeredVersions: true });
    const refused = findings.filter((f) => f.severity === 'error');
    const firstRefused = refused[0];
    if (firstRefused)
      return {
        kind: 'not-applied',
        reason: `the plan holds ${refused.length} finding(s) the cluster or the registry would refuse, so no operation was attempted; first ${firstRefused.location.path}:${firstRefused.location.line}: ${firstRefused.ruleId} ${firstRefused.message} Run \`steward plan\` against this cluster for all of them.`,
        at: state.now(),
      };
    return { kind: 'applied', outcomes, notices: [...desired.notices, ...warnings], at: state.now() };
  } catch (error) {
    return { kind: 'not-applied', reason: redactUrls(messageOf(error)), at: state.now() };
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
