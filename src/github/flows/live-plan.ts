import { desiredFor, oneLine, planOnCluster } from '../../apply/session.js';
import { formerGroups, formerReads } from '../../plan/acl-scope.js';
import type { LivePlan } from '../../render/plan-section.js';
import { targets, type ApplyTarget } from '../read/apply-target.js';
import type { CatalogSnapshot } from '../read/catalog-cache.js';
import type { PullRequestRef } from '../types.js';

export type { LivePlan };

/**
 * The target a pull request is planned against, if any: only for the repository allowed to change the cluster,
 * only into its applying branch (as the base catalog sets it: the head cannot redirect it; the repository's default
 * branch when it does not say), never from a fork
 * (its author controls the head and could name any topic to read its configuration), and only when the pull
 * request touches a product.
 */
export function livePlanTarget(
  target: ApplyTarget | undefined,
  pr: PullRequestRef,
  snapshot: CatalogSnapshot,
): ApplyTarget | undefined {
  if (pr.fork || !targets(target, pr)) return undefined;
  const applyBranch = snapshot.base.catalog.settings?.manifest.applyBranch ?? pr.defaultBranch;
  if (pr.baseRef !== applyBranch || snapshot.touched.size === 0) return undefined;
  return target;
}

/**
 * Plans the head catalog's touched products against the live cluster, read-only, and always disconnects. Never
 * throws: an unreachable cluster or a failed read becomes `unavailable`, since the verdict is about the catalog.
 * A product deleted by the pull request is only in the base: its own topics leave management (apply no longer
 * reads them), and its grants on topics that stay and on its consumer groups are planned for revocation (formerReads,
 * formerGroups).
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
  try {
    const aclTopics = formerReads(snapshot.base.catalog, head, only);
    const aclGroups = formerGroups(snapshot.base.catalog, head, only);
    const desired = desiredFor(target, head, { only, aclTopics, aclGroups });
    const { operations, findings } = await planOnCluster(target, desired, { timeoutMs });
    return { target: target.name, operations, notices: desired.notices, findings };
  } catch (error) {
    return { target: target.name, unavailable: oneLine(error) };
  }
}

/** A cluster that hangs rather than refuses must not hold the pull request's verdict back. */
const livePlanTimeoutMs = 30_000;
