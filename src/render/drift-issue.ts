import type { Finding } from '../core/findings.js';
import type { Operation } from '../plan/operations.js';
import { escapeText } from './markdown.js';
import { renderPlanMarkdown } from './plan.js';

/**
 * The drift loop's texts (pure): the one issue per environment, the comment that closes it, and the adopting pull
 * request. Every text is a function of the drift alone — no timestamp, no commit — so a run that finds the same
 * drift renders the same bytes and writes nothing.
 */

/** The label the drift issues carry, so one list request finds them (GitHub creates it on first use). */
export const driftLabel = 'mesh-steward-drift';

/** Operations listed in an issue body; the rest are counted (an issue body holds at most 65,536 characters). */
const listedOperations = 200;

/** The hidden first line that makes an issue (or pull request) the one of its environment. */
export function driftMarker(environment: string): string {
  return `<!-- mesh-steward:drift environment=${encodeURIComponent(environment)} -->`;
}

export function adoptMarker(environment: string): string {
  return `<!-- mesh-steward:adopt environment=${encodeURIComponent(environment)} -->`;
}

/** The hidden line of an adopting pull request that names what it adopts. */
export function adoptFilesMarker(fingerprint: string): string {
  return `<!-- mesh-steward:adopt-files ${fingerprint} -->`;
}

export function driftIssueTitle(environment: string): string {
  return `Drift in ${environment}`;
}

/** The bot's own branch for an environment's adopting pull request; a git-safe form of the name. */
export function adoptBranch(environment: string): string {
  return `steward/adopt-${environment.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
}

/** What adopting can do for this drift. */
export type AdoptOffer =
  | { readonly kind: 'pull-request'; readonly number: number }
  /** The pull request is being opened by this run (the issue is written again with its number). */
  | { readonly kind: 'pending'; readonly branch: string }
  /** The same adoption was proposed before and its pull request closed without merging: not proposed again. */
  | { readonly kind: 'declined'; readonly number: number }
  /** Nothing the catalog could say changes these differences (a missing topic, a missing ACL), or reading failed. */
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface DriftIssueInput {
  readonly environment: string;
  /** The cluster's display name: credential-free. */
  readonly cluster: string;
  /** The branch whose head the catalog was read at. */
  readonly branch: string;
  readonly operations: readonly Operation[];
  readonly notices: readonly string[];
  readonly findings: readonly Finding[];
  /** The names (never the values) of the variables the environment is reached through. */
  readonly variables: readonly string[];
  /** The check run that applies the environment on merge (`Mesh Steward / apply (prod)`); absent: never on merge. */
  readonly applyCheck?: string;
  readonly adopt: AdoptOffer;
}

/** The issue's body: the marker, what differs (the plan that re-applying would run), and both ways out. */
export function renderDriftIssue(input: DriftIssueInput): string {
  const env = escapeText(input.environment);
  const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
  const vars = input.variables.length > 0 ? ` with ${input.variables.map(code).join(', ')} set` : '';
  return [
    driftMarker(input.environment),
    `**${input.operations.length} difference(s)** between the catalog at the head of ${code(input.branch)} and ` +
      `environment **${env}** (cluster ${code(input.cluster)}). Re-applying would run this plan:`,
    '',
    renderPlanMarkdown(input.operations, input.notices, listedOperations, input.findings).trimEnd(),
    '',
    '### Two ways out',
    '',
    `- **Re-apply** — put the cluster back as the catalog says: on a checkout of ${code(input.branch)}${vars}, ` +
      `run ${code(`steward apply --env ${input.environment}`)}` +
      (input.applyCheck === undefined
        ? '.'
        : `; or re-run the check ${code(input.applyCheck)} of the latest commit of ${code(input.branch)}.`),
    `- **Adopt** — make the catalog say what the cluster holds: ${adoptLine(input.adopt)}`,
    '',
    'Mesh Steward updates this issue on every drift run and closes it when the environment is back in sync. ' +
      'The drift run only reads the cluster: it never changes it.',
    '',
  ].join('\n');
}

function adoptLine(offer: AdoptOffer): string {
  if (offer.kind === 'pull-request')
    return `review and merge #${offer.number}; it goes through the normal checks and approvals.`;
  if (offer.kind === 'pending')
    return `a pull request from \`${offer.branch}\` is being opened; it goes through the normal checks and approvals.`;
  if (offer.kind === 'declined')
    return `declined in #${offer.number}, closed without merging; Mesh Steward proposes adopting again when the differences or the files they touch change.`;
  return `not offered: ${escapeText(offer.reason)}`;
}

/** The comment that closes the issue. */
export function renderInSyncComment(environment: string, branch: string): string {
  return `Environment **${escapeText(environment)}** is back in sync with the catalog at the head of \`${branch}\`: closing. Mesh Steward reopens this issue if it drifts again.`;
}

/** The comment that closes an adopting pull request that has nothing left to adopt. */
export function renderAdoptClosedComment(environment: string, reason: string): string {
  return `Closing: ${escapeText(reason)} Mesh Steward opens a new pull request if **${escapeText(environment)}** drifts again in a way the catalog can adopt.`;
}

export interface AdoptInput {
  readonly environment: string;
  /** Names the adopted files' content (adoptFingerprint): a declined pull request is not proposed again. */
  readonly fingerprint: string;
  readonly issue: number;
  /** Paths of the files the pull request changes, in order. */
  readonly paths: readonly string[];
  /** What the import could not infer (a writer it could not tell, a schema it could not read). */
  readonly findings: readonly Finding[];
}

export function renderAdoptPullRequest(input: AdoptInput): { title: string; body: string } {
  const env = escapeText(input.environment);
  const findings = input.findings.map(
    (f) => `- **${f.severity} ${f.ruleId}** \`${f.location.path}:${f.location.line}\`: ${escapeText(f.message)}`,
  );
  const body = [
    adoptMarker(input.environment),
    adoptFilesMarker(input.fingerprint),
    `Changes the catalog to match what environment **${env}** holds now: the drift reported in #${input.issue}. ` +
      `Closes #${input.issue}.`,
    '',
    `Changed files (${input.paths.length}):`,
    ...input.paths.map((p) => `- \`${p}\``),
    ...(findings.length > 0 ? ['', 'What the live state could not tell:', ...findings] : []),
    '',
    `It goes through the normal checks and approvals. Once merged, the catalog holds these values for every ` +
      `environment it applies to, not only ${env} (whose own overrides stay as written).`,
    '',
    `Mesh Steward owns the branch of this pull request and rewrites it on each drift run while ${env} drifts.`,
    '',
  ].join('\n');
  return { title: `Adopt the live state of ${input.environment}`, body };
}

/** One environment's line in a drift run's summary. */
export interface DriftLine {
  readonly environment: string;
  readonly status: 'drift' | 'in-sync' | 'unreachable' | 'failed';
  readonly issue?: number;
  readonly pullRequest?: number;
  readonly detail?: string;
}

/** The reply to `/steward drift` (and the Action's log): one line per environment. */
export function renderDriftSummary(lines: readonly DriftLine[] | { readonly skipped: string }): string {
  if (!Array.isArray(lines))
    return `Mesh Steward did not compare any environment: ${(lines as { skipped: string }).skipped}`;
  if (lines.length === 0)
    return 'Mesh Steward found no environment to compare: `.github/steward.yml` declares none and no cluster is configured.';
  const line = (l: DriftLine) => {
    const env = `**${escapeText(l.environment)}**`;
    const issue =
      l.issue === undefined ? '' : ` (#${l.issue}${l.pullRequest === undefined ? '' : `, adopt: #${l.pullRequest}`})`;
    if (l.status === 'drift') return `- ${env}: drift${issue}`;
    if (l.status === 'in-sync') return `- ${env}: in sync`;
    const why = l.detail === undefined ? '' : `: ${escapeText(l.detail)}`;
    return `- ${env}: ${l.status === 'unreachable' ? 'not reachable from here' : 'not compared'}${why}${issue}`;
  };
  return ['Drift run (read-only: no cluster was changed):', '', ...(lines as readonly DriftLine[]).map(line)].join(
    '\n',
  );
}
