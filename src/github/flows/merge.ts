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
import { environmentTargets, targets, type EnvironmentTarget } from '../read/apply-target.js';
import { environmentsOf } from '../../catalog/environments.js';
import type { SessionTarget } from '../../apply/session.js';
import {
  deploymentDescription,
  deploymentStateOf,
  environmentCheckName,
  renderPromotionComment,
  renderUnreachableRun,
  renderWaitingRun,
  type PromotionEntry,
} from '../../render/apply-report.js';
import { createDeployment, setDeploymentStatus, succeededDeployment } from '../publish/deployments.js';
import { ensureCommitCheckRun, startCheckRunWithUrl } from '../publish/ensure.js';
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
  /** The branch pushed to: which declared environments it applies (promotion). */
  readonly branch?: string;
  /**
   * The default branch's settings (never the pushed branch's: its author could name their own branch): when they
   * declare environments, the push promotes through those whose `branch` is `branch`; otherwise the implicit
   * environment applies as before environments existed.
   */
  readonly settings?: Catalog['settings'];
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
  if (environmentsOf(push.settings).length > 0) return promoteMergedCommit(gh, push, state, log);
  return state.queue.run(`apply:${push.owner}/${push.repo}`.toLowerCase(), async () => {
    // No declared environments: the implicit one (the STEWARD_* cluster), as before environments existed.
    const target = targets(state.target, push) ? environmentTargets(state.target, undefined)[0] : undefined;
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
  target: SessionTarget,
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
    return { kind: 'not-applied', reason: redactUrls(messageOf(error)), at: state.now(), error: true };
  }
}

/** The report on the merged pull request: one comment, edited by later runs. */
function commentApply(
  gh: GitHub,
  push: PushRef,
  pr: PullRequestRef,
  comments: readonly CommentPayload[],
  report: ApplyReport,
  target: { readonly name: string },
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

/** How one environment's turn in a promotion ended; `succeeded` lets the environments that wait for it go. */
type Turn = { readonly state: 'succeeded' | 'failed' | 'waiting'; readonly entry: PromotionEntry };

/**
 * Promotion (README, "Promotion"): the push applies each environment whose `branch` is the pushed branch, in
 * promotion order, one at a time per environment (the queue key and the cluster lock are the environment's). Each
 * apply is a GitHub Deployment of the commit with its statuses, its own check run `Mesh Steward / apply (<env>)`
 * and its line in the commit's audit note. An environment with `after: X` is applied only once X succeeded for
 * the same commit. What already succeeded is read back from the commit's deployments, so a re-run (a re-delivered
 * push, or Re-run on a check) resumes where the last one stopped, even after a restart.
 */
async function promoteMergedCommit(gh: GitHub, push: PushRef, state: AppState, log: Logger): Promise<void> {
  const target = targets(state.target, push) ? state.target : undefined;
  const declared = target ? environmentTargets(target, push.settings) : [];
  const applying = declared.filter((e) => push.branch !== undefined && e.environment.branch === push.branch);
  const last = declared.at(-1)?.environment.name;
  let read: Awaited<ReturnType<typeof readMerge>>;
  try {
    read = await readMerge(gh, push, state);
  } catch (error) {
    // GitHub failed before any environment's turn: each one's run says so (Re-run resumes), and the event fails.
    return await reportThenRethrow(error, async () => {
      for (const e of applying)
        await ensureCommitCheckRun(gh, push, environmentCheckName(e.environment.name), failedOutput(error));
    });
  }
  const { found, tree, review } = read;
  const veto = review?.approved ? undefined : vetoNoApproval;
  const facts: RecordInput = {
    mergeCommit: push.sha,
    pusher: push.pusher,
    ...(found ? { pr: found.merged } : {}),
    ...(review ? { review } : {}),
  };
  const turns = new Map<string, Turn>();
  for (const environment of applying) {
    const key = `apply:${push.owner}/${push.repo}:${environment.environment.name}`.toLowerCase();
    const turn = await state.queue.run(key, () =>
      environmentTurn(gh, push, environment, {
        turns,
        production: environment.environment.name === last,
        apply: (t) => applyMerged(loadMerged(tree), t, veto, state, review?.base),
        record: (entry) => writeRecord(gh, push, { ...facts, environments: [entry] }, log),
        log,
      }),
    );
    turns.set(environment.environment.name, turn);
  }
  // Nothing applied in this run (every environment had succeeded, or waits): the note still gets the merge's facts.
  if (![...turns.values()].some((t) => t.entry.kind === 'applied')) await writeRecord(gh, push, facts, log);
  if (found && review && turns.size > 0)
    await ensureComment(
      gh,
      found.ref,
      review.comments,
      renderPromotionComment(
        [...turns.values()].map((t) => t.entry),
        push.sha,
      ),
      applyCommentMarker,
    );
}

/** The merged pull request (if any), the merged tree and the pull request's verdict at merge. */
async function readMerge(gh: GitHub, push: PushRef, state: AppState) {
  const [found, tree] = await Promise.all([
    findMergedPullRequest(gh, push, push.sha),
    state.cache.tree(gh, push, push.sha),
  ]);
  const review = found ? await reviewMerge(gh, found.ref, state) : undefined;
  return { found, tree, review };
}

interface TurnContext {
  /** The turns of the environments before this one in this run. */
  readonly turns: ReadonlyMap<string, Turn>;
  readonly production: boolean;
  readonly apply: (target: SessionTarget) => Promise<ApplyReport>;
  readonly record: (entry: {
    environment: string;
    report: ApplyReport;
    cluster?: string;
  }) => Promise<string | undefined>;
  readonly log: Logger;
}

/** One environment's turn: skipped when it succeeded already, held while what it waits for has not, else applied. */
async function environmentTurn(
  gh: GitHub,
  push: PushRef,
  target: EnvironmentTarget,
  context: TurnContext,
): Promise<Turn> {
  const { environment } = target;
  const name = environment.name;
  const cluster = target.name;
  const checkName = environmentCheckName(name);
  if ((await succeededDeployment(gh, push, name)) !== undefined)
    return { state: 'succeeded', entry: { environment: name, cluster, kind: 'already' } };
  const after = environment.after;
  if (after !== undefined) {
    const before = context.turns.get(after)?.state;
    const ready = before === 'succeeded' || (before === undefined && (await succeededDeployment(gh, push, after)));
    if (!ready) {
      const why = before === 'failed' ? 'failed' : before === 'waiting' ? 'has not been applied' : 'has not succeeded';
      await ensureCommitCheckRun(gh, push, checkName, renderWaitingRun(name, after, why));
      return { state: 'waiting', entry: { environment: name, cluster, kind: 'waiting', after } };
    }
  }
  if (!target.reachable) {
    await ensureCommitCheckRun(gh, push, checkName, renderUnreachableRun(name, target.missing));
    return { state: 'waiting', entry: { environment: name, cluster, kind: 'unreachable', missing: target.missing } };
  }
  const run = await startCheckRunWithUrl(gh, push, checkName, applyingOutput);
  let deployment: number | undefined;
  try {
    deployment = await createDeployment(
      gh,
      push,
      { name, production: context.production },
      `Mesh Steward: apply ${push.sha.slice(0, 7)} to ${name}`,
    );
    await setDeploymentStatus(gh, push, deployment, {
      state: 'in_progress',
      description: 'Planning against live state and applying the merged catalog.',
      logUrl: run.url,
    });
    const report = await context.apply(target);
    const noteProblem = await context.record({
      environment: name,
      report,
      ...(environment.clusterName ? { cluster: environment.clusterName } : {}),
    });
    const state = deploymentStateOf(report);
    await setDeploymentStatus(gh, push, deployment, {
      state,
      description: deploymentDescription(report),
      logUrl: run.url,
    });
    await completeCheckRun(
      gh,
      push,
      run.id,
      renderApplyRun(report, cluster, noteProblem ? [noteProblem] : [], checkName),
    );
    return {
      state: state === 'success' ? 'succeeded' : 'failed',
      entry: { environment: name, cluster, kind: 'applied', report },
    };
  } catch (error) {
    // GitHub failed us mid-way: the run and the deployment say so, and what waits for this environment waits.
    context.log.error(`The apply of ${push.sha} to ${name} could not finish`, { error: redactUrls(messageOf(error)) });
    await completeCheckRun(gh, push, run.id, failedOutput(error)).catch(() => undefined);
    if (deployment !== undefined)
      await setDeploymentStatus(gh, push, deployment, {
        state: 'error',
        description: `The apply could not finish: ${redactUrls(messageOf(error))}`,
        logUrl: run.url,
      }).catch(() => undefined);
    const report: ApplyReport = {
      kind: 'not-applied',
      reason: redactUrls(messageOf(error)),
      at: new Date().toISOString(),
      error: true,
    };
    return { state: 'failed', entry: { environment: name, cluster, kind: 'applied', report } };
  }
}
