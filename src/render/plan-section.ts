import { renderPlanMarkdown } from './plan.js';
import type { Finding } from '../core/findings.js';
import type { Operation } from '../plan/operations.js';
import { escapeText, type Section } from './markdown.js';

/**
 * What merging would do to the live cluster, or why that could not be read (github/flows/live-plan.ts plans it).
 * `target` is credential-free.
 */
export type LivePlan =
  | {
      readonly target: string;
      readonly operations: readonly Operation[];
      readonly notices: readonly string[];
      /** What the cluster or the registry would refuse of the plan (nothing is applied while one is an error). */
      readonly findings?: readonly Finding[];
    }
  | { readonly target: string; readonly unavailable: string }
  /** Promotion: one plan per environment merging applies, in promotion order. */
  | { readonly environments: readonly EnvironmentLivePlan[] };

type ClusterPlan = Exclude<LivePlan, { environments: unknown }>;

/** One environment's plan, or the variables the App would need to reach it; `overrides` as `key value` lines. */
export type EnvironmentLivePlan = { readonly environment: string; readonly overrides: readonly string[] } & (
  { readonly plan: ClusterPlan } | { readonly missing: readonly string[] }
);

const previewIntro =
  '_Planned against the base catalog, as if the cluster held exactly what it describes; live cluster state refines it at apply._';

/**
 * The comment's plan section: what merging would do to the live cluster when the App could plan against it;
 * otherwise (no live plan, or it failed) the `preview` (plan/preview.ts: the same planner, with the base catalog
 * standing in for the cluster), after the reason.
 */
export function planSection(preview: readonly Operation[], live: LivePlan | undefined): Section {
  return {
    render: (limit) => {
      if (live && 'environments' in live) return environmentsBody(live.environments, preview, limit);
      if (live && 'operations' in live) return `### Plan for merge\n\n${liveBody(live, limit)}`;
      const unavailable = live
        ? `${heading(live.target)}**Live plan unavailable:** ${escapeText(live.unavailable)}`
        : '';
      const parts = [unavailable, previewBody(preview, limit)].filter((p) => p !== '');
      return parts.length === 0 ? '' : `### Plan for merge\n\n${parts.join('\n\n')}`;
    },
  };
}

/** One section per environment; the preview follows when no environment could be planned against. */
function environmentsBody(
  environments: readonly EnvironmentLivePlan[],
  preview: readonly Operation[],
  limit: number,
): string {
  const share = Math.max(1, Math.floor(limit / Math.max(1, environments.length)));
  const sections = environments.map((e) => {
    const title = `#### Environment ${escapeText(e.environment)}\n\n`;
    const overrides =
      e.overrides.length > 0
        ? `Overrides: ${e.overrides.map((o) => `\`${o.replace(/`/g, "'")}\``).join(', ')}\n\n`
        : '';
    if ('missing' in e)
      return `${title}${overrides}Not reachable from the App (set ${e.missing.map((m) => `\`${m}\``).join(', ')}): no live plan.`;
    const plan = e.plan;
    if ('unavailable' in plan)
      return `${title}${overrides}**Live plan unavailable** (${escapeText(plan.target)}): ${escapeText(plan.unavailable)}`;
    return `${title}${overrides}${liveBody(plan, share).replace(heading(plan.target), `_Cluster ${escapeText(plan.target)}._ `)}`;
  });
  const planned = environments.some((e) => 'plan' in e && 'operations' in e.plan);
  const tail = planned ? '' : previewBody(preview, limit);
  return `### Plan for merge\n\n${[...sections, tail].filter((p) => p !== '').join('\n\n')}`;
}

function heading(target: string): string {
  return `#### Plan against ${escapeText(target)}\n\n`;
}

function liveBody(live: Extract<LivePlan, { operations: unknown }>, limit: number): string {
  const intro = '_What merging would do to the live cluster, for the products this pull request touches._\n\n';
  if (live.operations.length === 0 && (live.findings ?? []).length === 0) {
    const notes = live.notices.map((n) => `> **Note:** ${n}\n\n`).join('');
    return `${heading(live.target)}${intro}${notes}✅ The cluster already matches: merging changes nothing on it.`;
  }
  return `${heading(live.target)}${intro}${renderPlanMarkdown(live.operations, live.notices, limit, live.findings).trimEnd()}`;
}

function previewBody(preview: readonly Operation[], limit: number): string {
  if (preview.length === 0) return '';
  return `${previewIntro}\n\n${renderPlanMarkdown(preview, [], limit).trimEnd()}`;
}

/** One line for the checks run: how many operations merging would apply, or why that is not known. */
export function livePlanLine(live: LivePlan | undefined): string {
  if (!live) return '';
  if ('environments' in live)
    return live.environments
      .map((e) =>
        'missing' in e
          ? `Environment ${escapeText(e.environment)} is not reachable from the App: no live plan.`
          : `${escapeText(e.environment)}: ${livePlanLine(e.plan)}`,
      )
      .join('\n');
  const where = escapeText(live.target);
  if (!('operations' in live)) return `Live plan against ${where} unavailable: ${escapeText(live.unavailable)}`;
  const skipped = live.operations.filter((op) => 'skipped' in op && op.skipped).length;
  const applied = live.operations.length - skipped;
  const more = skipped > 0 ? ` (${skipped} more would be skipped)` : '';
  return `Merging would apply ${applied} operation(s) to ${where}${more}; the comment lists them.`;
}
