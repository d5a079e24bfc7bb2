import { maxFileBytes, type SourceEntry } from '../core/source.js';
import type { SchemaHistoryEntry } from '../schema/compat-history.js';
import { call } from './call.js';
import type { GitHub, RepoRef } from './types.js';

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
interface HistoryNode {
  readonly oid: string;
  readonly file: { readonly object: { readonly text: string | null } | null } | null;
}
type CommitNode = Record<string, FileNode | { nodes: HistoryNode[] } | null>;

/** What to read at one commit: some files, and the history of some schemas up to it. */
export interface FilesRequest {
  readonly commit: string;
  readonly files: readonly string[];
  readonly schemas: readonly string[];
}

export interface FilesAt {
  /** Entries of the files that exist at the commit (an absent file has none). */
  readonly files: Map<string, SourceEntry>;
  /** Each schema's versions up to the commit, oldest first. */
  readonly history: Map<string, SchemaHistoryEntry[]>;
}

const symlinkMode = 0o120000;
const historyDepth = 100;

/**
 * One GraphQL query for files and schema histories at any number of commits, whatever the number of files.
 * Paths travel as variables (`c<commit>f<n>`, `c<commit>h<n>`), never spliced into the query text.
 */
export async function readFilesAt(gh: GitHub, repo: RepoRef, requests: readonly FilesRequest[]): Promise<FilesAt[]> {
  if (requests.every((r) => r.files.length === 0 && r.schemas.length === 0))
    return requests.map(() => ({ files: new Map(), history: new Map() }));
  const variables: Record<string, unknown> = { owner: repo.owner, name: repo.repo };
  const params = ['$owner: String!', '$name: String!'];
  const objects = requests.map((r, c) => {
    variables[`c${c}`] = r.commit;
    params.push(`$c${c}: GitObjectID!`);
    const fields = [
      ...r.files.map((path, i) =>
        field(
          `c${c}f${i}`,
          path,
          (v) => `file(path: ${v}) { mode object { ... on Blob { text byteSize isBinary isTruncated } } }`,
        ),
      ),
      ...r.schemas.map((path, i) =>
        field(
          `c${c}h${i}`,
          path,
          (v) =>
            `history(path: ${v}, first: ${historyDepth}) { nodes { oid file(path: ${v}) { object { ... on Blob { text } } } } }`,
        ),
      ),
    ];
    return `c${c}: object(oid: $c${c}) { ... on Commit { ${fields.join(' ')} } }`;
  });
  function field(alias: string, path: string, select: (variable: string) => string): string {
    variables[alias] = path;
    params.push(`$${alias}: String!`);
    return `${alias}: ${select(`$${alias}`)}`;
  }
  const query = `query(${params.join(', ')}) { repository(owner: $owner, name: $name) { ${objects.join(' ')} } }`;
  const data = await call('read changed files', () =>
    gh.graphql<{ repository: Record<string, CommitNode | null> | null }>(query, variables),
  );
  return requests.map((r, c) => {
    const node = data.repository?.[`c${c}`] ?? {};
    return {
      files: new Map(r.files.flatMap((path, i) => entryOf(path, node[`c${c}f${i}`] as FileNode | null | undefined))),
      history: new Map(
        r.schemas.map((path, i) => [path, versionsOf(path, node[`c${c}h${i}`] as { nodes: HistoryNode[] } | null)]),
      ),
    };
  });
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

/** Oldest first, leaving out commits where the file did not exist (its deletion). */
function versionsOf(path: string, history: { nodes: HistoryNode[] } | null): SchemaHistoryEntry[] {
  const versions = (history?.nodes ?? []).flatMap((n) => {
    const text = n.file?.object?.text;
    return typeof text === 'string' ? [{ commit: n.oid, path, text }] : [];
  });
  return versions.reverse();
}
