import { createHash } from 'node:crypto';
import { planCluster } from '../../apply/run.js';
import { oneLine, desiredFor } from '../../apply/session.js';
import { environmentVariables } from '../../catalog/environments.js';
import { loadCatalog, type LoadResult } from '../../catalog/load.js';
import type { Catalog } from '../../catalog/model.js';
import type { Logger } from '../../core/logger.js';
import type { Finding } from '../../core/findings.js';
import { adoptLiveState } from '../../import/adopt.js';
import { liveStateOf } from '../../import/live.js';
import { overridesFor } from '../../plan/overrides.js';
import type { ActualState, DesiredState } from '../../plan/state.js';
import { applyCheckName, environmentCheckName } from '../../render/apply-report.js';
import {
  adoptBranch,
  adoptFilesMarker,
  renderAdoptPullRequest,
  renderDriftIssue,
  type AdoptOffer,
  type DriftLine,
} from '../../render/drift-issue.js';
import { environmentTargets, targets, type ApplyTarget, type EnvironmentTarget } from '../read/apply-target.js';
import type { CatalogCache } from '../read/catalog-cache.js';
import { applyBranchOf, branchTip } from '../read/merged-commit.js';
import {
  closeAdoptPullRequest,
  ensureAdoptPullRequest,
  findAdoptPullRequests,
  type AdoptPullRequest,
} from '../publish/adopt.js';
import {
  closeDriftIssue,
  ensureDriftIssue,
  findDriftIssue,
  listDriftIssues,
  type DriftIssue,
} from '../publish/issues.js';
import type { KeyedQueue } from '../serialize.js';
import type { GitHub, RepoRef } from '../types.js';

/** What the drift loop needs of the App's state (the Action builds the same for its drift mode). */
export interface DriftState {
  readonly cache: CatalogCache;
  readonly queue: KeyedQueue;
  readonly target: ApplyTarget | undefined;
}

export interface DriftRepo extends RepoRef {
  readonly defaultBranch: string;
}

/** One environment's outcome of a drift run, for the command's reply, the Action's log and tests. */
export type EnvironmentDrift = DriftLine;

export type DriftRun =
  | { readonly kind: 'ran'; readonly environments: readonly EnvironmentDrift[] }
  | { readonly kind: 'skipped'; readonly reason: string };

/** How long one environment's read may take before its run is given up (its issue is then left as it was). */
const planTimeoutMs = 120_000;

/**
 * The drift loop, one run: every environment the App can reach is compared with the catalog at the head of the
 * branch that applies it, and each keeps one issue (`Drift in <env>`) that says so — opened, updated, closed,
 * reopened — and, where the catalog can say what the cluster holds, one adopting pull request. It only reads the
 * clusters. One run at a time per repository; an environment that cannot be reached or read keeps its issue as is.
 */
export function runDriftLoop(gh: GitHub, repo: DriftRepo, state: DriftState, log: Logger): Promise<DriftRun> {
  return state.queue.run(`drift:${repo.owner}/${repo.repo}`.toLowerCase(), async () => {
    const target = state.target;
    if (!targets(target, repo))
      return {
        kind: 'skipped',
        reason: state.target
          ? `this App reaches the clusters of ${state.target.repository} only.`
          : 'no cluster is configured for this App (README, "App setup").',
      };
    const applyBranch = (await applyBranchOf(gh, repo, repo.defaultBranch, true)) ?? repo.defaultBranch;
    const loads = new BranchLoads(gh, repo, state.cache);
    const head = await loads.at(applyBranch);
    if (!head) return { kind: 'skipped', reason: `the applying branch \`${applyBranch}\` does not exist.` };
    const issues = await listDriftIssues(gh, repo);
    const environments: EnvironmentDrift[] = [];
    for (const env of environmentTargets(target, head.load.catalog.settings)) {
      const branch = env.environment.branch ?? applyBranch;
      const at = branch === applyBranch ? head : await loads.at(branch);
      environments.push(await driftOf(gh, repo, env, branch, at, issues, log));
    }
    return { kind: 'ran', environments };
  });
}

interface BranchHead {
  readonly sha: string;
  readonly load: LoadResult;
}

/** Catalogs at branch heads, each read once per run (trees are cached by commit across runs). */
class BranchLoads {
  private readonly heads = new Map<string, Promise<BranchHead | undefined>>();
  constructor(
    private readonly gh: GitHub,
    private readonly repo: RepoRef,
    private readonly cache: CatalogCache,
  ) {}
  at(branch: string): Promise<BranchHead | undefined> {
    const known = this.heads.get(branch);
    if (known) return known;
    const loading = (async () => {
      const sha = await branchTip(this.gh, this.repo, branch);
      if (!sha) return undefined;
      return { sha, load: loadCatalog(await this.cache.tree(this.gh, this.repo, sha)) };
    })();
    this.heads.set(branch, loading);
    return loading;
  }
}

async function driftOf(
  gh: GitHub,
  repo: RepoRef,
  env: EnvironmentTarget,
  branch: string,
  head: BranchHead | undefined,
  issues: readonly DriftIssue[],
  log: Logger,
): Promise<EnvironmentDrift> {
  const name = env.environment.name;
  const existing = findDriftIssue(issues, name);
  const kept = existing && existing.state === 'open' ? { issue: existing.number } : {};
  if (!env.reachable)
    return { environment: name, status: 'unreachable', detail: `not set here: ${env.missing.join(', ')}`, ...kept };
  if (!head) return { environment: name, status: 'failed', detail: `branch \`${branch}\` does not exist`, ...kept };
  const errors = head.load.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0)
    return {
      environment: name,
      status: 'failed',
      detail: `the catalog at the head of \`${branch}\` has ${errors.length} error(s); run \`steward validate\``,
      ...kept,
    };
  const catalog = head.load.catalog;
  const desired = desiredFor(env, catalog);
  let plan: Awaited<ReturnType<typeof readPlan>>;
  try {
    plan = await readPlan(env, desired);
  } catch (error) {
    log.warn(`Drift: could not read environment ${name}`, { error: oneLine(error) });
    return { environment: name, status: 'failed', detail: oneLine(error), ...kept };
  }
  const { open: pr, declined } = await findAdoptPullRequests(gh, repo, name);
  if (plan.operations.length === 0) {
    await closeDriftIssue(gh, repo, existing, name, branch);
    await closeAdoptPullRequest(gh, repo, pr, name, `environment ${name} is back in sync with the catalog.`);
    return { environment: name, status: 'in-sync' };
  }
  const adopt = adoptFiles(env, catalog, plan.actual, repo);
  const render = (offer: AdoptOffer) =>
    renderDriftIssue({
      environment: name,
      cluster: plan.cluster,
      branch,
      operations: plan.operations,
      notices: desired.notices,
      findings: plan.findings,
      variables: env.environment.implicit ? [] : environmentVariables(env.environment),
      ...applyCheckOf(env),
      adopt: offer,
    });
  if ('reason' in adopt) {
    const issue = await ensureDriftIssue(
      gh,
      repo,
      existing,
      name,
      render({ kind: 'unavailable', reason: adopt.reason }),
    );
    await closeAdoptPullRequest(gh, repo, pr, name, adopt.reason);
    return { environment: name, status: 'drift', issue: issue.number };
  }
  const fingerprint = adoptFingerprint(adopt.files);
  if (!pr && declined && declined.body.includes(adoptFilesMarker(fingerprint))) {
    const issue = await ensureDriftIssue(
      gh,
      repo,
      existing,
      name,
      render({ kind: 'declined', number: declined.number }),
    );
    return { environment: name, status: 'drift', issue: issue.number };
  }
  const offer: AdoptOffer = pr
    ? { kind: 'pull-request', number: pr.number }
    : { kind: 'pending', branch: adoptBranch(name) };
  let issue = await ensureDriftIssue(gh, repo, existing, name, render(offer));
  const opened = await openAdoption(gh, repo, pr, { name, branch, sha: head.sha }, adopt, issue.number, fingerprint);
  if (!pr)
    issue = await ensureDriftIssue(gh, repo, issue, name, render({ kind: 'pull-request', number: opened.number }));
  return { environment: name, status: 'drift', issue: issue.number, pullRequest: opened.number };
}

/** The check run that applies the environment on merge, when one does (README, "Promotion"). */
function applyCheckOf(env: EnvironmentTarget): { applyCheck?: string } {
  if (env.environment.implicit) return { applyCheck: applyCheckName };
  return env.environment.branch === undefined ? {} : { applyCheck: environmentCheckName(env.environment.name) };
}

function openAdoption(
  gh: GitHub,
  repo: RepoRef,
  pr: AdoptPullRequest | undefined,
  at: { readonly name: string; readonly branch: string; readonly sha: string },
  adopt: { files: ReadonlyMap<string, string>; findings: readonly Finding[] },
  issue: number,
  fingerprint: string,
): Promise<AdoptPullRequest> {
  const paths = [...adopt.files.keys()].sort();
  const text = renderAdoptPullRequest({ environment: at.name, fingerprint, issue, paths, findings: adopt.findings });
  const change = { environment: at.name, base: at.branch, baseSha: at.sha, files: adopt.files, ...text };
  return ensureAdoptPullRequest(gh, repo, pr, change);
}

/** Names what an adoption writes: its paths and their new text, in path order. */
function adoptFingerprint(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort()) hash.update(`${path}\0${files.get(path) ?? ''}\0`);
  return hash.digest('hex').slice(0, 32);
}

/**
 * Connect → read the actual state and plan → disconnect: read-only, as `steward drift` does. The plan is kept with
 * what was read, so adopting needs no second read. A cluster that hangs fails the read after `planTimeoutMs`.
 */
async function readPlan(env: EnvironmentTarget, desired: DesiredState) {
  const ports = env.connect();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the cluster did not answer within ${planTimeoutMs / 1000} s`)),
      planTimeoutMs,
    );
  });
  try {
    return { cluster: ports.name, ...(await Promise.race([planCluster(desired, ports), timeout])) };
  } finally {
    clearTimeout(timer);
    await ports.kafka.close().catch(() => undefined);
  }
}

/**
 * The catalog files that would make it say what the environment holds, from the import code (adoptLiveState) over
 * what the plan read: the values of what the catalog owns, the environment's overrides left as written. Pure.
 */
function adoptFiles(
  env: EnvironmentTarget,
  catalog: Catalog,
  actual: ActualState,
  repo: RepoRef,
): { files: ReadonlyMap<string, string>; findings: readonly Finding[] } | { reason: string } {
  const { files, findings } = adoptLiveState(catalog, liveStateOf(actual), {
    // The plan read only what the catalog owns, so nothing new is imported and no new product needs an owner; the
    // repository's owner stands in for the required field.
    owner: repo.owner,
    source: `environment ${env.environment.name}`,
    overrides: (product) => overridesFor(env.environment, product),
    ...(env.replicationFactorOverride === undefined
      ? {}
      : { replicationFactorOverride: env.replicationFactorOverride }),
  });
  if (files.size === 0)
    return {
      reason:
        'the catalog already says what the cluster holds for every value it can adopt; these differences (a ' +
        'resource missing from the cluster, an ACL) can only be re-applied, or removed from the catalog by hand.',
    };
  return { files, findings };
}
