import { maxFileBytes, type SourceEntry } from '../../core/source.js';
import type { SchemaSnapshot } from '../../catalog/schema-history.js';
import { call } from '../call.js';
import type { GitHub, RepoRef } from '../types.js';

interface BlobNode {
  readonly text: string | null;
  readonly byteSize: number;
  readonly isBinary: boolean | null;
  readonly isTruncated: boolean;
}
interface FileNode {
  readonly mode: number;
  readonly object: BlobNode | null;
}
interface HistoryFile {
  readonly mode: number;
  readonly object: { readonly text: string | null; readonly isTruncated: boolean } | null;
}
type HistoryNode = { readonly oid: string } & Record<string, HistoryFile | string | null>;
type CommitNode = Record<string, FileNode | { nodes: HistoryNode[] } | null>;

/** A folder whose history to read, and the files to read at each commit of it. */
export interface FolderHistory {
  readonly folder: string;
  readonly paths: readonly string[];
}

/** What to read at one commit: some files, and the history of some folders up to it. */
export interface FilesRequest {
  readonly commit: string;
  readonly files: readonly string[];
  readonly histories: readonly FolderHistory[];
}

export interface FilesAt {
  /** Entries of the files that exist at the commit (an absent file has none). */
  readonly files: Map<string, SourceEntry>;
  /**
   * By folder: the given files after each commit up to this one that touched the folder, oldest first (a file
   * absent at a commit, a link or a cut text is left out of that commit's snapshot).
   */
  readonly history: Map<string, SchemaSnapshot[]>;
}

const symlinkMode = 0o120000;
const historyDepth = 100;
const blobFields = 'text byteSize isBinary isTruncated';

/**
 * One GraphQL query for files and folder histories at any number of commits, whatever the number of files. Paths
 * travel as variables (`c<commit>f<n>`, `c<commit>h<n>` for a folder, `c<commit>h<n>p<k>` for its files), never
 * spliced into the query text.
 */
export async function readFilesAt(gh: GitHub, repo: RepoRef, requests: readonly FilesRequest[]): Promise<FilesAt[]> {
  if (requests.every((r) => r.files.length === 0 && r.histories.length === 0))
    return requests.map(() => ({ files: new Map(), history: new Map() }));
  const { query, variables } = buildQuery(repo, requests);
  const data = await call('read changed files', () =>
    gh.graphql<{ repository: Record<string, CommitNode | null> | null }>(query, variables),
  );
  return requests.map((r, c) => {
    const node = data.repository?.[`c${c}`] ?? {};
    return {
      files: new Map(r.files.flatMap((path, i) => entryOf(path, node[`c${c}f${i}`] as FileNode | null | undefined))),
      history: new Map(
        r.histories.map((h, i) => [h.folder, snapshotsOf(h, node[`c${c}h${i}`] as { nodes: HistoryNode[] } | null)]),
      ),
    };
  });
}

function buildQuery(repo: RepoRef, requests: readonly FilesRequest[]) {
  const variables: Record<string, unknown> = { owner: repo.owner, name: repo.repo };
  const params = ['$owner: String!', '$name: String!'];
  const field = (variable: string, path: string, select: (v: string) => string, alias = variable): string => {
    variables[variable] = path;
    params.push(`$${variable}: String!`);
    return `${alias}: ${select(`$${variable}`)}`;
  };
  const objects = requests.map((r, c) => {
    variables[`c${c}`] = r.commit;
    params.push(`$c${c}: GitObjectID!`);
    const files = r.files.map((path, i) =>
      field(`c${c}f${i}`, path, (v) => `file(path: ${v}) { mode object { ... on Blob { ${blobFields} } } }`),
    );
    const histories = r.histories.map((h, i) => {
      // Inside a history node, a file's alias is short: the node is already its folder's.
      const at = h.paths.map((path, k) =>
        field(
          `c${c}h${i}p${k}`,
          path,
          (v) => `file(path: ${v}) { mode object { ... on Blob { text isTruncated } } }`,
          `p${k}`,
        ),
      );
      const select = (v: string) => `history(path: ${v}, first: ${historyDepth}) { nodes { oid ${at.join(' ')} } }`;
      return field(`c${c}h${i}`, h.folder, select);
    });
    // `oid` keeps the selection valid when a commit has nothing else to read.
    return `c${c}: object(oid: $c${c}) { ... on Commit { oid ${[...files, ...histories].join(' ')} } }`;
  });
  const query = `query(${params.join(', ')}) { repository(owner: $owner, name: $name) { ${objects.join(' ')} } }`;
  return { query, variables };
}

function entryOf(path: string, file: FileNode | null | undefined): [string, SourceEntry][] {
  const blob = file?.object;
  if (!file || !blob) return [];
  if (file.mode === symlinkMode) return [[path, { kind: 'symlink', target: blob.text ?? '' }]];
  // GraphQL cuts the text of large blobs; a cut file is reported as too large rather than judged on a part.
  if (blob.byteSize > maxFileBytes || blob.isTruncated) return [[path, { kind: 'oversize', size: blob.byteSize }]];
  // GitHub withholds the text of binary blobs; a byte that is never valid UTF-8 makes the loader say so.
  if (blob.text === null) return [[path, { kind: 'file', content: Uint8Array.of(0xff) }]];
  return [[path, { kind: 'file', content: blob.text }]];
}

/** Oldest first; each commit's snapshot holds the requested files that exist there as plain text. */
function snapshotsOf(request: FolderHistory, history: { nodes: HistoryNode[] } | null): SchemaSnapshot[] {
  const snapshots = (history?.nodes ?? []).map((n) => {
    const files = new Map<string, string>();
    request.paths.forEach((path, k) => {
      const file = n[`p${k}`] as HistoryFile | null | undefined;
      const text = file?.object?.text;
      if (file && file.mode !== symlinkMode && typeof text === 'string' && !file.object?.isTruncated)
        files.set(path, text);
    });
    return { commit: n.oid, files };
  });
  return snapshots.reverse();
}
