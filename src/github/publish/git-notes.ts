import { gitBlobSha } from '../../audit/git-blob.js';
import type { GitDataApi } from '../../audit/notes-writer.js';
import { call, statusOf } from '../call.js';
import { repoOf, type GitHub, type RepoRef } from '../types.js';

/**
 * The Git Data API behind the audit writer's port: blobs, trees and commits under refs/notes/steward, never a
 * branch. The ref update is not forced, so GitHub refuses it (422) when another writer moved the ref since it was
 * read (the new commit no longer descends from it), and the writer reads again.
 */
export function gitDataApi(gh: GitHub, repo: RepoRef): GitDataApi {
  const where = repoOf(repo);
  return { ...notesReads(gh, where), ...notesWrites(gh, where), hashBlob: gitBlobSha };
}

/** The REST ref endpoints take a ref without its `refs/` prefix. */
const short = (ref: string) => ref.replace(/^refs\//, '');

/** A missing ref or note file reads as undefined: the writer then starts the notes history or the note. */
function notesReads(gh: GitHub, where: RepoRef): Pick<GitDataApi, 'getRef' | 'getCommitTree' | 'getFile'> {
  return {
    async getRef(ref) {
      try {
        const { data } = await call(`read ${ref}`, () =>
          gh.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...where, ref: short(ref) }),
        );
        return { sha: data.object.sha };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async getCommitTree(commitSha) {
      const { data } = await call('read the notes commit', () =>
        gh.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...where, commit_sha: commitSha }),
      );
      return data.tree.sha;
    },
    async getFile(commitSha, path) {
      // The contents API answers for one path: the cost does not grow with the number of notes, as a tree listing's
      // would.
      try {
        const { data } = await call('read the audit record', () =>
          gh.request('GET /repos/{owner}/{repo}/contents/{path}', { ...where, path, ref: commitSha }),
        );
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
        return { sha: data.sha, text: Buffer.from(data.content, 'base64').toString('utf8') };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
  };
}

function notesWrites(
  gh: GitHub,
  where: RepoRef,
): Pick<GitDataApi, 'createBlob' | 'createTree' | 'createCommit' | 'createRef' | 'updateRef'> {
  return {
    async createBlob(text) {
      const { data } = await call('write the audit record', () =>
        gh.request('POST /repos/{owner}/{repo}/git/blobs', { ...where, content: text, encoding: 'utf-8' }),
      );
      return data.sha;
    },
    async createTree(base, path, blobSha) {
      const { data } = await call('write the notes tree', () =>
        gh.request('POST /repos/{owner}/{repo}/git/trees', {
          ...where,
          ...(base ? { base_tree: base } : {}),
          tree: [{ path, mode: '100644', type: 'blob', sha: blobSha }],
        }),
      );
      return data.sha;
    },
    async createCommit(message, tree, parents) {
      const { data } = await call('write the notes commit', () =>
        gh.request('POST /repos/{owner}/{repo}/git/commits', { ...where, message, tree, parents: [...parents] }),
      );
      return data.sha;
    },
    async createRef(ref, sha) {
      await call(`create ${ref}`, () => gh.request('POST /repos/{owner}/{repo}/git/refs', { ...where, ref, sha }));
    },
    async updateRef(ref, sha) {
      await call(`update ${ref}`, () =>
        gh.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { ...where, ref: short(ref), sha, force: false }),
      );
    },
  };
}
