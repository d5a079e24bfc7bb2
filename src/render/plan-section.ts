import type { Change } from '../catalog/diff.js';
import { renderPlanMarkdown } from './plan.js';
import type { Operation } from '../plan/operations.js';
import { details, escapeText, limited, type Section } from './markdown.js';
import { planSteps } from '../plan/steps.js';

/**
 * What merging would do to the live cluster, or why that could not be read (github/flows/live-plan.ts plans it).
 * `target` is credential-free.
 */
export type LivePlan =
  | { readonly target: string; readonly operations: readonly Operation[]; readonly notices: readonly string[] }
  | { readonly target: string; readonly unavailable: string };

const changeDerived = 'Computed against the base catalog; live cluster state refines it at apply.';

/**
 * The comment's plan section: what merging would do to the live cluster when the App could plan against it;
 * otherwise (no live plan, or it failed) the steps derived from the catalog changes, after the reason.
 */
export function planSection(changes: readonly Change[], live: LivePlan | undefined): Section {
  const steps = planSteps(changes).map(escapeText);
  return {
    render: (limit) => {
      if (live && 'operations' in live) return `### Plan for merge\n\n${liveBody(live, limit)}`;
      const unavailable = live
        ? `${heading(live.target)}**Live plan unavailable:** ${escapeText(live.unavailable)}`
        : '';
      const parts = [unavailable, stepsBody(steps, limit)].filter((p) => p !== '');
      return parts.length === 0 ? '' : `### Plan for merge\n\n${parts.join('\n\n')}`;
    },
  };
}

function heading(target: string): string {
  return `#### Plan against ${escapeText(target)}\n\n`;
}

function liveBody(live: Extract<LivePlan, { operations: unknown }>, limit: number): string {
  const intro = '_What merging would do to the live cluster, for the products this pull request touches._\n\n';
  if (live.operations.length === 0) {
    const notes = live.notices.map((n) => `> **Note:** ${n}\n\n`).join('');
    return `${heading(live.target)}${intro}${notes}✅ The cluster already matches: merging changes nothing on it.`;
  }
  return `${heading(live.target)}${intro}${renderPlanMarkdown(live.operations, live.notices, limit).trimEnd()}`;
}

function stepsBody(steps: readonly string[], limit: number): string {
  if (steps.length === 0) return '';
  const body = [`_${changeDerived}_`, '', ...limited(steps, limit, (i) => `- ${i}`, 'steps')].join('\n');
  return steps.length > 10 ? details(`${steps.length} steps`, body) : body;
}

/** One line for the checks run: how many operations merging would apply, or why that is not known. */
export function livePlanLine(live: LivePlan | undefined): string {
  if (!live) return '';
  const where = escapeText(live.target);
  if (!('operations' in live)) return `Live plan against ${where} unavailable: ${escapeText(live.unavailable)}`;
  const skipped = live.operations.filter((op) => 'skipped' in op && op.skipped).length;
  const applied = live.operations.length - skipped;
  const more = skipped > 0 ? ` (${skipped} more would be skipped)` : '';
  return `Merging would apply ${applied} operation(s) to ${where}${more}; the comment lists them.`;
}
