import type { AuditRecord } from '../audit/record.js';
import type { Compatibility } from '../catalog/manifest-types.js';
import { resolveSchemaPath } from '../catalog/load-product.js';
import type { Product } from '../catalog/model.js';
import { compositeOf, sameComposite, subjectHistory, type SchemaSnapshot } from '../catalog/schema-history.js';
import { parseSchemaVersion, type SchemaVersion } from '../schema/avro-version.js';
import { checkSchemaHistory } from '../schema/compat-history.js';
import { externalHref, html, type Html } from './html.js';
import { diffFields, isEmptyDiff, type FieldDiff, type FieldShape } from './field-diff.js';
import type { PortView } from './model.js';

/** A commit as the site names it. `date` is the author date, ISO 8601 as git prints it (`%aI`). */
export interface CommitInfo {
  readonly commit: string;
  readonly author: string;
  readonly date: string;
}

/**
 * What a shell read from git for the site, as plain data: the commits that changed schemas, each product's
 * snapshots (oldest first, as `subjectHistory` reads them) and the audit records by the commit they annotate.
 * `unavailable` says why there is none (not a git repository, `--no-history`), and the pages say it too.
 */
export type SiteHistory =
  | {
      readonly kind: 'git';
      readonly commits: ReadonlyMap<string, CommitInfo>;
      readonly snapshots: ReadonlyMap<string, readonly SchemaSnapshot[]>;
      readonly records: ReadonlyMap<string, AuditRecord>;
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface Verdict {
  readonly status: 'compatible' | 'incompatible' | 'invalid';
  readonly level: Compatibility;
  /** Our engine's explanations: every break (errors) and every caution (warnings), as `steward check` gives them. */
  readonly messages: readonly { readonly severity: string; readonly text: string }[];
}

/** One version of a subject, 1-based in commit order; the working tree's own is the last when it is not committed. */
export interface SchemaVersionRow {
  readonly version: number;
  /** Absent for the working tree's uncommitted version. */
  readonly commit?: CommitInfo;
  readonly pr?: { readonly number: number; readonly url?: string };
  /** The registry's version and id, when the audit record of this commit says it registered the subject. */
  readonly registry?: { readonly version: number; readonly id: number };
  /** Against the version before; absent for the first. */
  readonly diff?: FieldDiff;
  readonly verdict?: Verdict;
}

/**
 * The versions of the subject whose schema file is `path` (in `product`), oldest first: one per commit that changed
 * the file or a file it references, then the working tree's when it differs from the last commit. Each is judged
 * against the versions before it at `level`, as the registry (and `steward check`) would have judged it.
 */
export function schemaVersionRows(
  history: Extract<SiteHistory, { kind: 'git' }>,
  product: Product,
  path: string,
  subject: string,
  level: Compatibility,
): SchemaVersionRow[] {
  const entries: (SchemaVersion & { commit?: string })[] = subjectHistory(
    history.snapshots.get(product.id) ?? [],
    path,
  ).map((e) => ({ ...e, label: `commit ${e.commit.slice(0, 7)}` }));
  const current = compositeOf(product, path);
  const last = entries[entries.length - 1];
  if (
    current &&
    (!last || !sameComposite(current, { path: last.path, text: last.text, references: last.references ?? [] }))
  )
    entries.push({ ...current, label: 'the working tree' });
  return entries.map((entry, i) => {
    const record = entry.commit === undefined ? undefined : history.records.get(entry.commit);
    const registered = record?.subjects.find((s) => s.subject === subject);
    const commit = entry.commit === undefined ? undefined : history.commits.get(entry.commit);
    return {
      version: i + 1,
      ...(commit ? { commit } : {}),
      ...(record?.pr ? { pr: { number: record.pr, ...(record.url ? { url: record.url } : {}) } } : {}),
      ...(registered ? { registry: { version: registered.version, id: registered.id } } : {}),
      ...(i > 0 ? judged(entry, entries.slice(0, i), level) : {}),
    };
  });
}

function judged(
  candidate: SchemaVersion,
  earlier: readonly (SchemaVersion & { commit?: string })[],
  level: Compatibility,
) {
  const before = parseSchemaVersion(earlier[earlier.length - 1] as SchemaVersion);
  const after = parseSchemaVersion(candidate);
  const result = checkSchemaHistory(
    candidate,
    earlier.map((e) => ({ commit: e.commit ?? 'working', path: e.path, text: e.text, references: e.references ?? [] })),
    level,
  );
  return {
    ...(before.ok && after.ok ? { diff: diffFields(before.type, after.type) } : {}),
    verdict: {
      status: result.status,
      level,
      messages: result.findings.map((f) => ({ severity: f.severity, text: f.message })),
    },
  };
}

/**
 * The history section of one schema of a port (subject `<topic>-<role>`), judged at the port's effective level;
 * nothing when the site was built without history, a sentence when it could not be read.
 */
export function renderPortSchemaHistory(
  product: Product,
  view: PortView,
  role: 'key' | 'value',
  history: SiteHistory | undefined,
): Html {
  const path = view.manifest[role] && resolveSchemaPath(product.id, view.manifest[role].schema);
  if (!history || !path) return html``;
  if (history.kind === 'unavailable') return renderHistoryUnavailable(history.reason);
  const subject = `${view.manifest.topic}-${role}`;
  const rows = schemaVersionRows(history, product, path, subject, view.compatibility ?? 'BACKWARD');
  return renderSchemaHistory(rows, subject);
}

/** The version table of one schema, newest first, each row with its field diff and our verdict. */
export function renderSchemaHistory(rows: readonly SchemaVersionRow[], subject: string): Html {
  if (rows.length === 0) return html`<p class="muted">No committed version of this schema yet.</p>`;
  const body = [...rows].reverse().map(renderRow);
  return html`<details class="history">
    <summary>
      Version history of <code>${subject}</code> (${rows.length} version${rows.length === 1 ? '' : 's'})
    </summary>
    <table class="history">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Commit</th>
          <th scope="col">Date</th>
          <th scope="col">Author</th>
          <th scope="col">Pull request</th>
          <th scope="col">Registry</th>
          <th scope="col">Change and verdict</th>
        </tr>
      </thead>
      <tbody>
        ${body}
      </tbody>
    </table>
  </details>`;
}

/** Says why a page has no history, so a missing section is never mistaken for a schema that never changed. */
export function renderHistoryUnavailable(reason: string): Html {
  return html`<p class="muted history-unavailable">No version history: ${reason}.</p>`;
}

function renderRow(row: SchemaVersionRow): Html {
  const c = row.commit;
  const prHref = row.pr?.url === undefined ? undefined : externalHref(row.pr.url);
  const pr = row.pr ? (prHref ? html`<a href="${prHref}">#${row.pr.number}</a>` : html`#${row.pr.number}`) : dash;
  return html`<tr>
    <td>v${row.version}</td>
    <td>
      ${c ? html`<code title="${c.commit}">${c.commit.slice(0, 7)}</code>` : html`<span class="muted">working tree, not committed</span>`}
    </td>
    <td>${c ? html`<time datetime="${c.date}">${c.date.slice(0, 10)}</time>` : dash}</td>
    <td>${c ? c.author : dash}</td>
    <td>${pr}</td>
    <td>${row.registry ? html`version ${row.registry.version}, id ${row.registry.id}` : dash}</td>
    <td>${renderChange(row)}</td>
  </tr>`;
}

const dash = html`<span class="muted">—</span>`;

function renderChange(row: SchemaVersionRow): Html {
  const v = row.verdict;
  if (!v) return html`First version`;
  const label =
    v.status === 'compatible'
      ? html`<span class="verdict compatible">Compatible</span>`
      : v.status === 'incompatible'
        ? html`<span class="verdict incompatible">Incompatible</span>`
        : html`<span class="verdict invalid">Not judged: a version does not parse</span>`;
  return html`<details>
    <summary>${label} (${v.level})${row.diff ? html`: ${summarise(row.diff)}` : ''}</summary>
    ${row.diff ? renderDiff(row.diff) : ''}
    ${
      v.messages.length > 0
        ? html`<ul class="verdict-messages">
            ${v.messages.map((m) => html`<li>${m.severity === 'error' ? 'Breaking: ' : 'Note: '}${m.text}</li>`)}
          </ul>`
        : html`<p>Our check finds nothing that breaks ${v.level} against the versions before.</p>`
    }
  </details>`;
}

function summarise(diff: FieldDiff): string {
  if (isEmptyDiff(diff)) return 'no field changed';
  const parts = [
    [diff.added.length, 'added'],
    [diff.removed.length, 'removed'],
    [diff.changed.length, 'changed'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ');
}

function renderDiff(diff: FieldDiff): Html {
  if (isEmptyDiff(diff)) return html`<p>No field changed (docs, names of types or other properties may have).</p>`;
  return html`<ul class="field-diff">
    ${diff.added.map((f) => html`<li class="added">Added <code>${f.path}</code>: ${shape(f)}</li>`)}
    ${diff.removed.map((f) => html`<li class="removed">Removed <code>${f.path}</code>: ${shape(f)}</li>`)}
    ${diff.changed.map(
      (c) => html`<li class="changed">Changed <code>${c.path}</code>: ${shape(c.before)} → ${shape(c.after)}</li>`,
    )}
  </ul>`;
}

function shape(f: FieldShape): Html {
  const type = html`<code>${f.type}</code>`;
  return f.default === undefined ? html`${type}, no default` : html`${type}, default <code>${f.default}</code>`;
}
