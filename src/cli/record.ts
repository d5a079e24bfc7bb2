import { recordOutcomes } from '../audit/outcomes.js';
import { writeAuditNote } from '../audit/notes-writer.js';
import { applyStatusOf, type AuditRecord } from '../audit/record.js';
import type { RenderedOutcome } from '../render/plan.js';
import { localGitDataApi } from './git/notes.js';
import { git as runGitText } from './git/run.js';
import { UsageError } from './io.js';

const catalogPaths = ['catalog', 'rules', '.github'];

/** The commit an apply --record speaks for: HEAD, with a catalog identical to it (else the record would lie). */
export async function recordedCommit(root: string): Promise<{ sha: string; author: string }> {
  const git = (args: string[]) => runGitText(root, args, { trim: true });
  const sha = await git(['rev-parse', '--verify', 'HEAD']).catch(() => '');
  if (!sha) throw new UsageError(`--record needs a git repository with a commit: ${root} has none.`);
  const dirty = await git(['status', '--porcelain', '--', ...catalogPaths]);
  if (dirty)
    throw new UsageError(
      'The catalog has uncommitted changes; a record names a commit. Commit them, or apply without --record.\n' + dirty,
    );
  return { sha, author: await git(['log', '-1', '--format=%an <%ae>', sha]) };
}

/**
 * Writes the audit note of a CLI apply on the commit (no pull request is known here: `pr: none`). Returns the
 * line the CLI prints.
 */
export async function recordApply(
  root: string,
  commit: { sha: string; author: string },
  outcomes: readonly RenderedOutcome[],
  cluster: string,
  at: string,
): Promise<string> {
  const record: AuditRecord = {
    author: commit.author,
    mergeCommit: commit.sha,
    changes: [],
    approvals: [],
    waivers: [],
    apply: { status: applyStatusOf(outcomes.map((o) => o.status)), at, cluster },
    ...recordOutcomes(outcomes),
  };
  const moved = await writeAuditNote(localGitDataApi(root), record);
  return moved
    ? `Audit record written to refs/notes/steward on ${commit.sha.slice(0, 12)}; share it with: git push origin refs/notes/steward\n`
    : `Audit record on ${commit.sha.slice(0, 12)} already says this.\n`;
}
