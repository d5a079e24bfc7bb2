import { catalogRoot } from '../catalog/model.js';
import { hasErrors, type Finding } from '../core/findings.js';
import { breakingChangeRuleId } from '../rules/registry.js';
import { isParty } from './evaluate-approvals.js';
import type { ChangeReport } from './evaluate-change.js';
import { requirementId } from './requirements.js';

/** A request to accept a product's breaking change, as someone wrote it (e.g. `/steward accept-breaking …`). */
export interface WaiverRequest {
  readonly by: string;
  readonly reason: string;
  /** Where it was made (a comment URL), for the record. */
  readonly source: string;
}

export interface AcceptedBreak {
  readonly productId: string;
  readonly by: string;
  readonly reason: string;
  readonly source: string;
}

export interface WaiverContext {
  readonly author: string;
  readonly teams: ReadonlyMap<string, readonly string[]>;
}

export interface WaivedReport {
  readonly report: ChangeReport;
  readonly accepted: readonly AcceptedBreak[];
  /** Requests that did not count, and why (shown so nobody believes a waiver took effect when it did not). */
  readonly ignored: readonly { readonly request: WaiverRequest; readonly why: string }[];
}

/**
 * Applies audited waivers to a change report. A request counts for every product whose breaking change blocks
 * and whose Accountable party (from the base, as the approval requirement names it) the requester is; the PR
 * author never counts. A waived product's break and its explanations become notices that carry the reason; its
 * approval requirements stand unchanged.
 */
export function applyWaivers(
  report: ChangeReport,
  requests: readonly WaiverRequest[],
  ctx: WaiverContext,
): WaivedReport {
  const broken = [...new Set(report.findings.filter(isBlockingBreak).map((f) => productOf(f, report)))].flatMap((id) =>
    id ? [id] : [],
  );
  const accepted: AcceptedBreak[] = [];
  const ignored: { request: WaiverRequest; why: string }[] = [];
  for (const request of requests) {
    const why = refusal(request, broken, report, ctx);
    if (why) {
      ignored.push({ request, why });
      continue;
    }
    for (const productId of broken.filter((id) => accountable(report, id, request.by, ctx)))
      if (!accepted.some((a) => a.productId === productId)) accepted.push({ productId, ...request });
  }
  if (accepted.length === 0) return { report, accepted, ignored };
  const findings = report.findings.map((f) => waive(f, report, accepted));
  return { report: { ...report, findings, blocking: hasErrors(findings) }, accepted, ignored };
}

function refusal(request: WaiverRequest, broken: readonly string[], report: ChangeReport, ctx: WaiverContext) {
  if (request.by.toLowerCase() === ctx.author.toLowerCase())
    return 'the author of a pull request cannot waive its breaking changes';
  if (request.reason.trim() === '') return 'a waiver needs a reason';
  if (broken.length === 0) return 'no breaking change is blocking';
  if (!broken.some((id) => accountable(report, id, request.by, ctx)))
    return `${request.by} is not Accountable for ${broken.join(', ')}`;
  return undefined;
}

function accountable(report: ChangeReport, productId: string, login: string, ctx: WaiverContext): boolean {
  const owners =
    report.approvals.requirements.find((r) => r.id === requirementId({ kind: 'owner', productId }))?.parties ?? [];
  return isParty(login, owners, ctx.teams);
}

function isBlockingBreak(f: Finding): boolean {
  return f.ruleId === breakingChangeRuleId && f.severity === 'error';
}

/** The product a finding belongs to: the longest changed product whose folder holds the file. */
function productOf(f: Finding, report: ChangeReport): string | undefined {
  const ids = report.changes.flatMap((c) => ('productId' in c ? [c.productId] : []));
  return ids.filter((id) => f.location.path.startsWith(`${catalogRoot}${id}/`)).sort((a, b) => b.length - a.length)[0];
}

function waive(f: Finding, report: ChangeReport, accepted: readonly AcceptedBreak[]): Finding {
  if (f.severity !== 'error') return f;
  const waiver = accepted.find((a) => a.productId === productOf(f, report));
  if (!waiver || !(f.ruleId === breakingChangeRuleId || isSchemaExplanation(f, report))) return f;
  return { ...f, severity: 'notice', message: `${f.message} Accepted by ${waiver.by}: ${waiver.reason}` };
}

function isSchemaExplanation(f: Finding, report: ChangeReport): boolean {
  // A break in a shared file is explained on that file, not on the port's own schema file.
  return report.schemas.some((s) =>
    s.result.findings.some((r) => r.ruleId === f.ruleId && r.location.path === f.location.path),
  );
}
