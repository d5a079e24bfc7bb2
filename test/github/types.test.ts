import { describe, expect, it } from 'vitest';
import { pullRequestRef, repoOf, type PullRequestPayload } from '../../src/github/types.js';

const repo = { owner: 'acme', repo: 'mesh' };

function payload(overrides: Partial<PullRequestPayload> = {}): PullRequestPayload {
  return {
    number: 7,
    user: { login: 'alice' },
    base: { sha: 'b'.repeat(40), ref: 'release', repo: { full_name: 'acme/mesh', default_branch: 'main' } },
    head: { sha: 'c'.repeat(40), repo: { full_name: 'acme/mesh' } },
    ...overrides,
  };
}

describe('pullRequestRef', () => {
  it('takes every field of a same-repository pull request', () => {
    const pr = payload({
      draft: true,
      requested_reviewers: [{ login: 'bob' }, { login: 'carol' }],
      requested_teams: [{ slug: 'owners' }],
    });
    expect(pullRequestRef(repo, pr)).toEqual({
      owner: 'acme',
      repo: 'mesh',
      number: 7,
      baseSha: 'b'.repeat(40),
      baseRef: 'release',
      defaultBranch: 'main',
      headSha: 'c'.repeat(40),
      author: 'alice',
      fork: false,
      draft: true,
      requestedUsers: ['bob', 'carol'],
      requestedTeams: ['owners'],
    });
  });

  it('is a fork when the head lives in another repository, or in one since deleted', () => {
    expect(pullRequestRef(repo, payload({ head: { sha: 'c', repo: { full_name: 'mallory/mesh' } } })).fork).toBe(true);
    expect(pullRequestRef(repo, payload({ head: { sha: 'c', repo: null } })).fork).toBe(true);
  });

  it('reads a missing author as empty, a missing draft flag as not a draft and missing lists as none', () => {
    const ref = pullRequestRef(repo, payload({ user: null, requested_reviewers: null }));
    expect(ref.author).toBe('');
    expect(ref.draft).toBe(false);
    expect(ref.requestedUsers).toEqual([]);
    expect(ref.requestedTeams).toEqual([]);
  });

  it('skips requested entries that are null, lack the field or carry a non-string', () => {
    const ref = pullRequestRef(
      repo,
      payload({
        requested_reviewers: [null, {}, { login: 42 }, { slug: 'x' }, { login: 'dave' }],
        requested_teams: [null, { name: 'Owners' }, { slug: 'owners' }, { slug: ['no'] }],
      }),
    );
    expect(ref.requestedUsers).toEqual(['dave']);
    expect(ref.requestedTeams).toEqual(['owners']);
  });
});

describe('repoOf', () => {
  it('keeps only the owner and the name of a richer reference', () => {
    const rich = { ...repo, number: 1, sha: 'abc', pusher: 'bob' };
    expect(repoOf(rich)).toEqual({ owner: 'acme', repo: 'mesh' });
  });
});
