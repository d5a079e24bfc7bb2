import { redactUrls } from '../apply/display-url.js';

/**
 * The audit record the bot leaves on a merge commit, as a git note under `refs/notes/steward`. The format is
 * line-oriented `key: value` so that `git log --notes=steward` shows it plainly and `grep` finds things in it;
 * the first line names the format version. Repeated keys (change, approval, waiver, op, subject, topic) list items.
 */
export interface AuditRecord {
  /** Absent for a push that no pull request merged (e.g. an administrator's direct push). */
  readonly pr?: number;
  readonly url?: string;
  readonly title?: string;
  readonly author: string;
  readonly mergedBy?: string;
  readonly mergedAt?: string;
  readonly mergeCommit: string;
  readonly baseCommit?: string;
  readonly headCommit?: string;
  /** One sentence per catalog change. */
  readonly changes: readonly string[];
  readonly approvals: readonly { requirement: string; by: string; at: string; commit: string }[];
  readonly waivers: readonly { rule: string; product: string; by: string; at: string; reason: string }[];
  readonly apply?: {
    readonly status: 'succeeded' | 'partial' | 'failed' | 'nothing-to-apply';
    readonly at: string;
    readonly cluster?: string;
  };
  /**
   * One line per declared environment the merge applied (promotion: README, "Promotion"), in promotion order:
   * `apply: <status> at <time> on environment <name> (cluster <cluster>)`. `apply` above stays the one line of
   * the implicit environment (set-ups without environments).
   */
  readonly environments?: readonly EnvironmentApply[];
  /**
   * Every planned operation and what became of it (`ok`, `failed`, `skipped` by a rule, `not-attempted`, `unknown`:
   * sent, never answered; a re-run whose plan no longer lists it settles it as `ok`).
   */
  readonly operations: readonly {
    status: OpStatus;
    kind: string;
    resource: string;
    detail?: string;
    /** The declared environment it was applied on (`op: … <resource> on <environment>`); absent: the implicit one. */
    environment?: string;
  }[];
  readonly subjects: readonly { subject: string; version: number; id: number }[];
  readonly topics: readonly string[];
}

export interface EnvironmentApply {
  readonly environment: string;
  readonly status: ApplyStatus;
  readonly at: string;
  /** The environment's clusterName, when it has one. */
  readonly cluster?: string;
}

export type OpStatus = 'ok' | 'failed' | 'skipped' | 'not-attempted' | 'unknown';

export const auditFormat = 'mesh-steward-audit: 1';

/** Values are single-line: a newline in user text (a title, a reason) would start a forged record line. */
function clean(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

export function renderAuditRecord(r: AuditRecord): string {
  const lines = [auditFormat, `pr: ${r.pr ?? 'none'}`];
  const optional: [string, string | undefined][] = [
    ['url', r.url],
    ['title', r.title],
    ['author', r.author],
    ['merged-by', r.mergedBy],
    ['merged-at', r.mergedAt],
    ['merge-commit', r.mergeCommit],
    ['base-commit', r.baseCommit],
    ['head-commit', r.headCommit],
  ];
  for (const [key, value] of optional) if (value !== undefined) lines.push(`${key}: ${clean(value)}`);
  for (const c of r.changes) lines.push(`change: ${clean(c)}`);
  for (const a of r.approvals)
    lines.push(`approval: ${clean(a.requirement)} by ${clean(a.by)} at ${a.at} on ${a.commit}`);
  for (const w of r.waivers)
    lines.push(`waiver: ${clean(w.rule)} ${clean(w.product)} by ${clean(w.by)} at ${w.at}: ${clean(w.reason)}`);
  if (r.apply)
    // A cluster is named by origins only (connect.ts); a URL that slipped in anyway loses its path, query, userinfo.
    lines.push(
      `apply: ${r.apply.status} at ${r.apply.at}${r.apply.cluster ? ` on ${redactUrls(clean(r.apply.cluster))}` : ''}`,
    );
  for (const e of r.environments ?? [])
    lines.push(
      `apply: ${e.status} at ${e.at} on environment ${clean(e.environment)}${e.cluster ? ` (cluster ${redactUrls(clean(e.cluster))})` : ''}`,
    );
  for (const o of r.operations)
    lines.push(
      `op: ${o.status} ${clean(o.kind)} ${clean(o.resource)}${o.environment ? ` on ${clean(o.environment)}` : ''}${o.detail ? `: ${clean(o.detail)}` : ''}`,
    );
  for (const s of r.subjects) lines.push(`subject: ${clean(s.subject)} version=${s.version} id=${s.id}`);
  for (const t of r.topics) lines.push(`topic: ${clean(t)}`);
  return `${lines.join('\n')}\n`;
}

/** Parses a note; undefined when it is not a Mesh Steward record (other tools may use the notes ref too). */
export function parseAuditRecord(text: string): AuditRecord | undefined {
  const lines = text.split('\n').filter((l) => l !== '');
  if (lines[0] !== auditFormat) return undefined;
  const { scalars, lists } = readNoteFields(lines.slice(1));
  const list = (key: string) => lists.get(key) ?? [];
  const applies = list('apply');
  const environments = applies.flatMap(parseEnvironmentApply);
  const apply = parseApply(applies.find((a) => !environmentApply.test(a)));
  const pr = Number(scalars.get('pr'));
  return {
    ...(Number.isInteger(pr) && pr > 0 ? { pr } : {}),
    ...optional(scalars, {
      url: 'url',
      title: 'title',
      mergedBy: 'merged-by',
      mergedAt: 'merged-at',
      baseCommit: 'base-commit',
      headCommit: 'head-commit',
    }),
    author: scalars.get('author') ?? '',
    mergeCommit: scalars.get('merge-commit') ?? '',
    changes: list('change'),
    approvals: parseItems(list('approval'), /^(\S+) by (\S+) at (\S+) on (\S+)$/, (m) => ({
      requirement: m[1] ?? '',
      by: m[2] ?? '',
      at: m[3] ?? '',
      commit: m[4] ?? '',
    })),
    waivers: parseItems(list('waiver'), /^(\S+) (\S+) by (\S+) at (\S+): (.*)$/, (m) => ({
      rule: m[1] ?? '',
      product: m[2] ?? '',
      by: m[3] ?? '',
      at: m[4] ?? '',
      reason: m[5] ?? '',
    })),
    ...(apply ? { apply } : {}),
    ...(environments.length > 0 ? { environments } : {}),
    operations: parseOperations(list('op')),
    subjects: parseSubjects(list('subject')),
    topics: list('topic'),
  };
}

/** Splits `key: value` lines into single-valued keys and the repeated keys that list items; other lines are skipped. */
function readNoteFields(lines: readonly string[]): {
  scalars: Map<string, string>;
  lists: Map<string, string[]>;
} {
  const scalars = new Map<string, string>();
  const lists = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(': ');
    if (colon === -1) continue;
    const key = line.slice(0, colon);
    const value = line.slice(colon + 2);
    if (listKeys.has(key)) lists.set(key, [...(lists.get(key) ?? []), value]);
    else scalars.set(key, value);
  }
  return { scalars, lists };
}

/** Items that do not match their line's shape are dropped rather than failing the whole record. */
function parseItems<T>(values: readonly string[], re: RegExp, build: (m: RegExpExecArray) => T): T[] {
  return values.flatMap((v) => {
    const m = re.exec(v);
    return m ? [build(m)] : [];
  });
}

function parseApply(value: string | undefined): AuditRecord['apply'] {
  const m = /^(\S+) at (\S+)(?: on (.+))?$/.exec(value ?? '');
  if (!m) return undefined;
  return {
    status: m[1] as ApplyStatus,
    at: m[2] ?? '',
    // A note written before cluster names were cut to origins may hold a registry URL's token: never shown.
    ...(m[3] ? { cluster: redactUrls(m[3]) } : {}),
  };
}

const environmentApply = /^(\S+) at (\S+) on environment (\S+)(?: \(cluster (.+)\))?$/;

function parseEnvironmentApply(value: string): EnvironmentApply[] {
  const m = environmentApply.exec(value);
  if (!m) return [];
  return [
    {
      status: m[1] as ApplyStatus,
      at: m[2] ?? '',
      environment: m[3] ?? '',
      ...(m[4] ? { cluster: redactUrls(m[4]) } : {}),
    },
  ];
}

function parseOperations(values: readonly string[]): AuditRecord['operations'] {
  return parseItems(
    values,
    /^(ok|failed|skipped|not-attempted|unknown) (\S+) (\S+)(?: on (\S+))?(?:: (.*))?$/,
    (m) => ({
      status: m[1] as OpStatus,
      kind: m[2] ?? '',
      resource: m[3] ?? '',
      ...(m[4] ? { environment: m[4] } : {}),
      ...(m[5] ? { detail: m[5] } : {}),
    }),
  );
}

function parseSubjects(values: readonly string[]): AuditRecord['subjects'] {
  return parseItems(values, /^(\S+) version=(\d+) id=(\d+)$/, (m) => ({
    subject: m[1] ?? '',
    version: Number(m[2]),
    id: Number(m[3]),
  }));
}

export type ApplyStatus = NonNullable<AuditRecord['apply']>['status'];

/**
 * An apply's status from its operations' outcomes: succeeded when all did; failed when something failed (or was
 * skipped because what it depends on failed) and nothing succeeded or may have (unknown); partial otherwise,
 * including operations a rule held back (not attempted) and operations whose outcome is unknown.
 */
export function applyStatusOf(
  statuses: readonly ('succeeded' | 'failed' | 'skipped' | 'not-attempted' | 'unknown')[],
): ApplyStatus {
  if (statuses.length === 0) return 'nothing-to-apply';
  const ok = statuses.filter((s) => s === 'succeeded').length;
  if (ok === statuses.length) return 'succeeded';
  const broken = statuses.some((s) => s === 'failed' || s === 'skipped');
  const maybe = statuses.some((s) => s === 'unknown');
  return broken && ok === 0 && !maybe ? 'failed' : 'partial';
}

const listKeys = new Set(['change', 'approval', 'waiver', 'apply', 'op', 'subject', 'topic']);

function optional(scalars: ReadonlyMap<string, string>, keys: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(keys)) {
    const value = scalars.get(key);
    if (value !== undefined) out[field] = value;
  }
  return out;
}
