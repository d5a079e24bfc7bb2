import { gitBlobSha } from '../../audit/git-blob.js';
import type { GitDataApi } from '../../audit/notes-writer.js';
import { git as runText } from './run.js';

/**
 * The audit writer's port on a local repository, with git's plumbing: the same blob → tree → commit → ref steps
 * the App takes through the Git Data API. `update-ref` with the old value is a compare-and-swap, so a concurrent
 * writer makes the update fail and the writer retry, as on GitHub.
 */
export function localGitDataApi(repoDir: string): GitDataApi {
  // Trimmed unless `raw`: blob text must come back byte for byte.
  const git = (args: readonly string[], input?: string, raw = false) =>
    runText(repoDir, args, { ...(input === undefined ? {} : { input }), trim: !raw });
  return {
    async getRef(ref) {
      const sha = await git(['rev-parse', '--verify', '-q', ref]).catch(() => '');
      return sha ? { sha } : undefined;
    },
    getCommitTree: (sha) => git(['rev-parse', `${sha}^{tree}`]),
    async getFile(commitSha, path) {
      const sha = await git(['rev-parse', '--verify', '-q', `${commitSha}:${path}`]).catch(() => '');
      if (!sha) return undefined;
      return { sha, text: await git(['cat-file', 'blob', sha], undefined, true) };
    },
    createBlob: (text) => git(['hash-object', '-w', '--stdin'], text),
    async createTree(base, path, blobSha) {
      const entries = base ? (await git(['ls-tree', '-z', base], undefined, true)).split('\0').filter(Boolean) : [];
      const kept = entries.filter((e) => e.slice(e.indexOf('\t') + 1) !== path);
      const listing = [...kept, `100644 blob ${blobSha}\t${path}`].map((e) => `${e}\0`).join('');
      return git(['mktree', '-z'], listing);
    },
    createCommit: (message, tree, parents) =>
      git(['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-m', message]),
    async createRef(ref, sha) {
      // The empty old value makes git refuse if the ref appeared meanwhile.
      await git(['update-ref', ref, sha, '']);
    },
    async updateRef(ref, sha, previous) {
      await git(['update-ref', ref, sha, previous]);
    },
    hashBlob: gitBlobSha,
  };
}
