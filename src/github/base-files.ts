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

const symlinkMode = 0o120000;

/**
 * One GraphQL query for a commit's changed files and the history of its changed schemas, whatever their number.
 * Paths travel as variables, never spliced into the query text.
 */
export async function readBaseFiles(
  gh: GitHub,
  repo: RepoRef,
  commit: string,
  files: readonly string[],
  schemas: readonly string[],
  historyDepth = 100,
): Promise<{ files: Map<string, SourceEntry>; history: Map<string, SchemaHistoryEntry[]> }> {
  if (files.length === 0 && schemas.length === 0) return { files: new Map(), history: new Map() };
  const variables: Record<string, unknown> = { owner: repo.owner, name: repo.repo, commit };
  const params = ['$owner: String!', '$name: String!', '$commit: GitObjectID!'];
  const fields: string[] = [];
  files.forEach((path, i) => {
    variables[`f${i}`] = path;
    params.push(`$f${i}: String!`);
    fields.push(`f${i}: file(path: $f${i}) { mode object { ... on Blob { text byteSize isBinary isTruncated } } }`);
  });
  schemas.forEach((path, i) => {
    variables[`h${i}`] = path;
    params.push(`$h${i}: String!`);
    fields.push(
      `h${i}: history(path: $h${i}, first: ${historyDepth}) { nodes { oid file(path: $h${i}) { object { ... on Blob { text } } } } }`,
    );
  });
  const query = `query(${params.join(', ')}) { repository(owner: $owner, name: $name) { object(oid: $commit) { ... on Commit { ${fields.join(' ')} } } } }`;
  const data = await call('read files at the base', () =>
    gh.graphql<{ repository: { object: CommitNode | null } | null }>(query, variables),
  );
  const node = data.repository?.object ?? {};
  return {
    files: new Map(files.flatMap((path, i) => entryOf(path, node[`f${i}`] as FileNode | null | undefined))),
    history: new Map(
      schemas.map((path, i) => [path, versionsOf(path, node[`h${i}`] as { nodes: HistoryNode[] } | null)]),
    ),
  };
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
