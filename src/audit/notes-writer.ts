import { mergeAuditRecords } from './merge.js';
import { parseAuditRecord, renderAuditRecord, type AuditRecord } from './record.js';

export const notesRef = 'refs/notes/steward';

/**
 * The few Git Data API calls a note needs, in the engine's terms; the GitHub shell adapts Octokit to it. Invariant:
 * `updateRef` fails (rather than overwrites) when the ref moved since it was read.
 */
export interface GitDataApi {
  getRef(ref: string): Promise<{ sha: string } | undefined>;
  getCommitTree(commitSha: string): Promise<string>;
  /** The file at `path` in commit `commitSha` (one request, whatever the number of notes), if there is one. */
  getFile(commitSha: string, path: string): Promise<{ sha: string; text: string } | undefined>;
  createBlob(text: string): Promise<string>;
  /** A new tree: `base` with one blob at `path`. */
  createTree(base: string | undefined, path: string, blobSha: string): Promise<string>;
  createCommit(message: string, tree: string, parents: readonly string[]): Promise<string>;
  createRef(ref: string, sha: string): Promise<void>;
  updateRef(ref: string, sha: string, previous: string): Promise<void>;
  /** The blob sha git would give `text`, to tell whether a note already says exactly this. */
  hashBlob(text: string): string;
}

/**
 * Writes (or updates) the audit note of `record.mergeCommit` under refs/notes/steward. Idempotent: writing the
 * same record again changes nothing; a re-run of an apply merges its outcome into that commit's note (see
 * mergeAuditRecords), so nothing an earlier run recorded is lost, and never touches anyone's commits.
 * Returns whether the notes ref moved.
 */
export async function writeAuditNote(api: GitDataApi, record: AuditRecord, attempts = 3): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const ref = await api.getRef(notesRef);
    const [baseTree, existing] = ref
      ? await Promise.all([api.getCommitTree(ref.sha), api.getFile(ref.sha, record.mergeCommit)])
      : [undefined, undefined];
    const previous = existing ? parseAuditRecord(existing.text) : undefined;
    const text = renderAuditRecord(previous ? mergeAuditRecords(previous, record) : record);
    if (existing?.sha === api.hashBlob(text)) return false;
    const blob = await api.createBlob(text);
    const tree = await api.createTree(baseTree, record.mergeCommit, blob);
    const commit = await api.createCommit(
      record.pr
        ? `Mesh Steward audit record for PR #${record.pr}`
        : `Mesh Steward audit record for ${record.mergeCommit}`,
      tree,
      ref ? [ref.sha] : [],
    );
    try {
      if (ref) await api.updateRef(notesRef, commit, ref.sha);
      else await api.createRef(notesRef, commit);
      return true;
    } catch (error) {
      // Another writer moved the ref between our read and our update: read again and retry.
      if (attempt >= attempts) throw error;
    }
  }
}
