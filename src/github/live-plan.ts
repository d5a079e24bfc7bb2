import { redactUrls } from '../apply/display-url.js';
import { planCluster, type ClusterPorts } from '../apply/run.js';
import { formerReads } from '../plan/acl-scope.js';
import { desiredState } from '../plan/desired.js';
import type { LivePlan } from '../render/plan-section.js';
import { targets, type ApplyTarget } from './apply-target.js';
import type { CatalogSnapshot } from './catalog-cache.js';
import type { PullRequestRef } from './types.js';

export type { LivePlan };

/** The branch whose pushes apply when .github/steward.yml does not say (docs/manifest.md). */
const defaultApplyBranch = 'main';

/**
 * The target a pull request is planned against, if any: only for the repository allowed to change the cluster,
 * only into its applying branch (as the base catalog sets it: the head cannot redirect it), never from a fork
 * (its author controls the head and could name any topic to read its configuration), and only when the pull
 * request touches a product.
 */
export function livePlanTarget(
  target: ApplyTarget | undefined,
  pr: PullRequestRef,
  snapshot: CatalogSnapshot,
): ApplyTarget | undefined {
  if (pr.fork || !targets(target, pr)) return undefined;
  const applyBranch = snapshot.base.catalog.settings?.manifest.applyBranch ?? defaultApplyBranch;
  if (pr.baseRef !== applyBranch || snapshot.touched.size === 0) return undefined;
  return target;
}

/**
 * Plans the head catalog's touched products against the live cluster, read-only, and always disconnects. Never
 * throws: an unreachable cluster or a failed read becomes `unavailable`, since the verdict is about the catalog.
 * A product deleted by the pull request is only in the base: its own topics leave management (apply no longer
 * reads them), and its grants on topics that stay are planned for revocation (formerReads).
 */
export async function planLive(
  target: ApplyTarget,
  snapshot: CatalogSnapshot,
  timeoutMs = livePlanTimeoutMs,
): Promise<LivePlan> {
  const head = snapshot.head.catalog;
  const only = snapshot.touched;
  // Apply refuses a catalog with errors, so a plan of one would promise what merging will not do.
  const errors = snapshot.head.findings.filter((f) => f.severity === 'error').length;
  if (errors > 0)
    return { target: target.name, unavailable: `the head catalog has ${errors} error(s); fix them to see the plan` };
  let ports: ClusterPorts | undefined;
  try {
    const desired = desiredState(head, {
      only,
      aclTopics: formerReads(snapshot.base.catalog, head, only),
      ...(target.replicationFactorOverride === undefined
        ? {}
        : { replicationFactorOverride: target.replicationFactorOverride }),
    });
    ports = target.connect();
    const { operations } = await withTimeout(planCluster(desired, ports), timeoutMs);
    return { target: target.name, operations, notices: desired.notices };
  } catch (error) {
    return { target: target.name, unavailable: oneLine(error) };
  } finally {
    // A failed close must not turn a plan into a failure; the connection is gone either way.
    await ports?.kafka.close().catch(() => undefined);
  }
}

/** A cluster that hangs rather than refuses must not hold the pull request's verdict back. */
const livePlanTimeoutMs = 30_000;

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the cluster did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error's first line, short, with every URL a client library may have put in it cut to its origin. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? 'unknown error').trim();
  const clean = redactUrls(line).replace(/\/\/[^/@\s]*@/g, '//');
  return clean.length > 300 ? `${clean.slice(0, 299)}…` : clean;
}
