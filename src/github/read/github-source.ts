import { settingsPaths, catalogRoot, rulesRoot } from '../../catalog/model.js';
import { historyProducts, productOfPath } from '../../catalog/scope.js';
import type { SchemaHistories } from '../../catalog/schema-history.js';
import { SourceError } from '../../core/errors.js';
import type { ChangedPath, SourceEntry, SourceTree } from '../../core/source.js';
import { readFilesAt, type FilesAt, type FolderHistory } from './files-at.js';
import { call } from '../call.js';
import { readTarball } from './tarball.js';
import { repoOf, type GitHub, type RepoRef } from '../types.js';

/** Both sides of a pull request, read in a constant number of calls whatever the size of the mesh. */
export interface CatalogSources {
  /** The commit the change is judged against: the merge base of the PR's base and head. */
  readonly baseSha: string;
  readonly headSha: string;
  /** The base tree with only the changed entries swapped: unchanged entries are the very same objects. */
  readonly head: SourceTree;
  readonly base: SourceTree;
  readonly changed: readonly ChangedPath[];
  /** The schema history, up to the merge base, of every product whose schemas or manifest the change touches. */
  readonly history: SchemaHistories;
}

/** GitHub's compare API lists at most this many files; beyond it the head is read as a whole tarball too. */
const compareFileLimit = 300;
/** The roots themselves too: a link (or file) named `catalog`, `rules` or `.github` is reported, never followed. */
const catalogRoots = ['catalog', 'rules', '.github'];
const isCatalogPath = (path: string) =>
  path.startsWith(catalogRoot) ||
  path.startsWith(rulesRoot) ||
  (settingsPaths as readonly string[]).includes(path) ||
  catalogRoots.includes(path);

/**
 * Reads a pull request's catalogs in three calls for 10 products or 10,000: one compare (the changed paths and the
 * merge base), one tarball of the merge base (cached, and shared by every pull request from the same commit), and
 * one GraphQL query for the head side of the changed files and the schema history of the touched products (every
 * .avsc file of the product at each commit of its folder: a port's version changes with any file it references).
 * The head tree is the base tree with only the changed entries swapped, so unchanged entries are the very same
 * objects. A compare cut at 300 files reads the head's tarball too: still constant.
 */
export async function readCatalogSources(
  gh: GitHub,
  repo: RepoRef,
  baseSha: string,
  headSha: string,
  readTree: (sha: string) => Promise<SourceTree> = (sha) => downloadTree(gh, repo, sha),
): Promise<CatalogSources> {
  const compare = await compareCommits(gh, repo, baseSha, headSha);
  const mergeBase = compare.mergeBase;
  if (!compare.complete) {
    const [base, head] = await Promise.all([readTree(mergeBase), readTree(headSha)]);
    const changed = diffTrees(base, head);
    const [read] = await readFilesAt(gh, repo, [{ commit: mergeBase, files: [], histories: histories(changed, base) }]);
    return { baseSha: mergeBase, headSha, head, base, changed, history: byProduct(read) };
  }
  const changed = compare.changed;
  const inHead = changed.filter((c) => c.status !== 'deleted').map((c) => c.path);
  // The base tree says which schema files each touched product has, so it is read before the query.
  const base = await readTree(mergeBase);
  const [atHead, atBase] = await readFilesAt(gh, repo, [
    { commit: headSha, files: inHead, histories: [] },
    { commit: mergeBase, files: [], histories: histories(changed, base) },
  ]);
  const head = swap(base, changed, atHead?.files ?? new Map());
  return { baseSha: mergeBase, headSha, head, base, changed, history: byProduct(atBase) };
}

export async function downloadTree(gh: GitHub, repo: RepoRef, sha: string): Promise<SourceTree> {
  const response = await call('download the tarball', () =>
    gh.request('GET /repos/{owner}/{repo}/tarball/{ref}', { ...repoOf(repo), ref: sha }),
  );
  // Octokit returns binary bodies (codeload's application/x-gzip) as an ArrayBuffer; anything else is not a tarball.
  const data: unknown = response.data;
  if (!(data instanceof ArrayBuffer)) throw new SourceError(`GitHub did not return a tarball for ${sha}.`);
  return readTarball(new Uint8Array(data), isCatalogPath, {
    name: `The archive of ${repo.owner}/${repo.repo} at ${sha}`,
  });
}

/** `tree` with every changed path replaced by its entry in `from`, or removed when `from` has none. */
function swap(tree: SourceTree, changed: readonly ChangedPath[], from: ReadonlyMap<string, SourceEntry>): SourceTree {
  const next = new Map(tree);
  for (const c of changed) {
    next.delete(c.path);
    const entry = from.get(c.path);
    if (entry) next.set(c.path, entry);
  }
  return next;
}

/**
 * The folder of each base product holding a changed .avsc file or manifest, with the .avsc files the product has
 * at the base: the files its ports and their references are read from at each earlier commit.
 */
function histories(changed: readonly ChangedPath[], base: SourceTree): FolderHistory[] {
  const products = historyProducts(changed, base);
  if (products.size === 0) return [];
  const folders = new Map([...products].map((id) => [`${catalogRoot}${id}`, [] as string[]]));
  for (const path of base.keys()) {
    const id = path.endsWith('.avsc') ? productOfPath(path, base) : undefined;
    if (id !== undefined) folders.get(`${catalogRoot}${id}`)?.push(path);
  }
  return [...folders].map(([folder, paths]) => ({ folder, paths }));
}

/** Folder histories by product id (`catalog/<id>` → `<id>`). */
function byProduct(read: FilesAt | undefined): SchemaHistories {
  return new Map(
    [...(read?.history ?? [])].map(([folder, snapshots]) => [folder.slice(catalogRoot.length), snapshots]),
  );
}

function diffTrees(base: SourceTree, head: SourceTree): ChangedPath[] {
  const changed: ChangedPath[] = [];
  for (const [path, entry] of head) {
    const before = base.get(path);
    if (!before) changed.push({ status: 'added', path });
    else if (!sameEntry(before, entry)) changed.push({ status: 'modified', path });
  }
  for (const path of base.keys()) if (!head.has(path)) changed.push({ status: 'deleted', path });
  return changed;
}

export function sameEntry(a: SourceEntry, b: SourceEntry): boolean {
  if (a.kind === 'file' && b.kind === 'file') return Buffer.from(a.content).equals(Buffer.from(b.content));
  return JSON.stringify(a) === JSON.stringify(b);
}

interface Comparison {
  readonly mergeBase: string;
  readonly changed: ChangedPath[];
  readonly complete: boolean;
}

/** Changed catalog paths between the merge base and `head` (a rename is a deletion plus an addition). */
async function compareCommits(gh: GitHub, repo: RepoRef, base: string, head: string): Promise<Comparison> {
  const { data } = await call('compare commits', () =>
    gh.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
      ...repoOf(repo),
      basehead: `${base}...${head}`,
      per_page: 1,
    }),
  );
  const files = data.files ?? [];
  const changed: ChangedPath[] = [];
  for (const f of files) {
    if (f.previous_filename && f.previous_filename !== f.filename)
      changed.push({ status: 'deleted', path: f.previous_filename });
    const status =
      f.status === 'added' || f.status === 'renamed' || f.status === 'copied'
        ? 'added'
        : f.status === 'removed'
          ? 'deleted'
          : 'modified';
    changed.push({ status, path: f.filename });
  }
  return {
    mergeBase: data.merge_base_commit.sha,
    changed: changed.filter((c) => isCatalogPath(c.path)),
    complete: files.length < compareFileLimit,
  };
}
