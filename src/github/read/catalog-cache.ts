import { loadCatalog, type LoadCache, type LoadResult } from '../../catalog/load.js';
import type { SchemaHistories } from '../../catalog/schema-history.js';
import { touchedFolders, touchedProducts } from '../../catalog/scope.js';
import type { SourceEntry, SourceTree } from '../../core/source.js';
import { evaluateChange, type ChangeReport } from '../../policy/evaluate-change.js';
import { downloadTree, readCatalogSources, sameEntry } from './github-source.js';
import type { GitHub, PullRequestRef, RepoRef } from '../types.js';

export interface CatalogSnapshot {
  readonly base: LoadResult;
  readonly head: LoadResult;
  /** The schema history of each touched product up to the merge base (see `CatalogSources`). */
  readonly history: SchemaHistories;
  /**
   * Products (ids) whose folder `catalog/<id>/` holds a changed path, in the head or the base catalog: the ones
   * loaded with their schemas, and the scope of the live plan.
   */
  readonly touched: ReadonlySet<string>;
}

/** Reports by snapshot: the evaluation is pure, so a review or a comment on the same commits reuses it. */
const reports = new WeakMap<CatalogSnapshot, { readonly today: string; readonly report: ChangeReport }>();

export function evaluateCatalogs(snapshot: CatalogSnapshot, today: string): ChangeReport {
  const known = reports.get(snapshot);
  if (known?.today === today) return known.report;
  const report = evaluateChange({ base: snapshot.base, head: snapshot.head, history: snapshot.history, today });
  reports.set(snapshot, { today, report });
  return report;
}

/** A bounded map that forgets the least recently used entry. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}

  get(key: string, make: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const value = make();
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value as string);
    return value;
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/**
 * Loaded catalogs by repository and commit pair. Commits are immutable, so a hit is always right: reviews,
 * comments and re-runs on the same commits read no tree and parse nothing. Concurrent events for the same
 * commits share one in-flight read; a failed read is forgotten so a re-run tries again.
 */
export class CatalogCache {
  private readonly trees: Lru<Promise<SourceTree>>;
  private readonly repos = new Lru<RepoMemory>(16);
  private readonly snapshots: Lru<Promise<CatalogSnapshot>>;

  constructor(options: { trees?: number; snapshots?: number } = {}) {
    this.trees = new Lru(options.trees ?? 8);
    this.snapshots = new Lru(options.snapshots ?? 16);
  }

  snapshot(gh: GitHub, pr: PullRequestRef): Promise<CatalogSnapshot> {
    const key = `${pr.owner}/${pr.repo}@${pr.baseSha}...${pr.headSha}`;
    const pending = this.snapshots.get(key, () => this.load(gh, pr));
    pending.catch(() => this.snapshots.delete(key));
    return pending;
  }

  /**
   * The tree of one commit, downloaded once and shared: apply on merge reads the merged commit through it, and the
   * pull requests opened on top of that commit find it here as their merge base.
   */
  tree(gh: GitHub, repo: RepoRef, sha: string): Promise<SourceTree> {
    const key = `${repo.owner}/${repo.repo}@${sha}`;
    const memory = this.memory(repo);
    const pending = this.trees.get(key, () => downloadTree(gh, repo, sha).then((tree) => intern(tree, memory.entries)));
    pending.catch(() => this.trees.delete(key));
    return pending;
  }

  private async load(gh: GitHub, pr: PullRequestRef): Promise<CatalogSnapshot> {
    const readTree = (sha: string) => this.tree(gh, pr, sha);
    const sources = await readCatalogSources(gh, pr, pr.baseSha, pr.headSha, readTree);
    // Only products the pull request touches get their schemas parsed; the rest load from their manifest.
    const folders = touchedFolders(sources.changed);
    const deep = (id: string) => folders.has(id);
    const cache = this.memory(pr).products;
    const head = loadCatalog(sources.head, { deep, cache });
    const base = loadCatalog(sources.base, { deep, cache });
    const touched = touchedProducts(folders, [head.catalog, base.catalog]);
    return { base, head, history: sources.history, touched };
  }

  private memory(repo: RepoRef): RepoMemory {
    return this.repos.get(`${repo.owner}/${repo.repo}`, () => ({ entries: new Map(), products: new Map() }));
  }
}

/**
 * What a repository's earlier evaluations leave behind: the last entry seen at each path, and the products loaded
 * from them. Files that did not change between two commits become the very same entry objects, so the loader's
 * cache reuses their products: a new pull request on a 10,000-product mesh parses only what differs.
 */
interface RepoMemory {
  readonly entries: Map<string, SourceEntry>;
  readonly products: LoadCache;
}

function intern(tree: SourceTree, seen: Map<string, SourceEntry>): SourceTree {
  const out = new Map<string, SourceEntry>();
  for (const [path, entry] of tree) {
    const previous = seen.get(path);
    if (previous && sameEntry(previous, entry)) out.set(path, previous);
    else {
      seen.set(path, entry);
      out.set(path, entry);
    }
  }
  return out;
}
