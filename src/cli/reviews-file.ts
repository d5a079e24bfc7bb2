import { readFile } from 'node:fs/promises';
import type { PullRequestComment } from '../policy/comments.js';
import type { Review, ReviewState } from '../policy/evaluate-approvals.js';
import { approvedCommits, type ReviewSnapshot } from '../policy/evaluate-pull-request.js';
import { changedPaths, resolveCommit } from './git/source.js';
import { UsageError } from './io.js';

/** A `--reviews` file without the changes since each reviewed commit, which local git works out. */
export type ReviewsFile = Omit<ReviewSnapshot, 'changedSince'>;

const states: readonly ReviewState[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED'];
type Json = Record<string, unknown>;

/**
 * The snapshot `steward check --reviews FILE` judges approvals and waivers from: the file's author, reviews, teams
 * and comments (README, "steward check --reviews"), and the catalog paths changed since each approved commit up to
 * `head` (the working tree when undefined). A commit git cannot resolve is unknown, so its approvals are stale.
 */
export async function readReviewSnapshot(repo: string, head: string | undefined, file: string) {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new UsageError(`--reviews: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const parsed = parseReviewsFile(text, file);
  const entries = await Promise.all(
    approvedCommits(parsed.reviews).map(async (commit): Promise<[string, ReadonlySet<string> | undefined]> => {
      const sha = await resolveCommit(repo, commit).catch(() => '');
      if (!sha) return [commit, undefined];
      return [commit, new Set((await changedPaths(repo, sha, head)).map((c) => c.path))];
    }),
  );
  const snapshot: ReviewSnapshot = { ...parsed, changedSince: new Map(entries) };
  return snapshot;
}

/** Parses and checks a `--reviews` file; every problem is a usage error that names the field. */
export function parseReviewsFile(text: string, name: string): ReviewsFile {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--reviews: ${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fail = (message: string): never => {
    throw new UsageError(`--reviews: ${name}: ${message}`);
  };
  if (!isObject(root)) return fail('the file must hold one JSON object');
  return {
    author: string(root, 'author', 'author', fail),
    reviews: list(root, 'reviews', fail).map((r, i) => review(r, `reviews[${i}]`, fail)),
    teams: teams(root['teams'], fail),
    comments: list(root, 'comments', fail).map((c, i) => comment(c, `comments[${i}]`, fail)),
  };
}

type Fail = (message: string) => never;

function review(value: unknown, at: string, fail: Fail): Review {
  if (!isObject(value)) return fail(`${at} must be an object`);
  const state = string(value, 'state', at, fail);
  if (!(states as readonly string[]).includes(state)) fail(`${at}.state must be one of ${states.join(', ')}`);
  const submittedAt = string(value, 'submittedAt', at, fail);
  if (Number.isNaN(Date.parse(submittedAt))) fail(`${at}.submittedAt must be an ISO time`);
  return {
    reviewer: string(value, 'reviewer', at, fail),
    state: state as ReviewState,
    commit: string(value, 'commit', at, fail),
    // Reviews are ordered by this string, as GitHub's times are: one form for all.
    submittedAt: new Date(submittedAt).toISOString(),
  };
}

function comment(value: unknown, at: string, fail: Fail): PullRequestComment {
  if (!isObject(value)) return fail(`${at} must be an object`);
  return {
    author: string(value, 'author', at, fail),
    body: typeof value['body'] === 'string' ? value['body'] : fail(`${at}.body must be a string`),
    url: value['url'] === undefined ? '' : string(value, 'url', at, fail),
    edited: flag(value, 'edited', at, fail),
    bot: flag(value, 'bot', at, fail),
  };
}

function teams(value: unknown, fail: Fail): Map<string, string[]> {
  if (value === undefined) return new Map();
  if (!isObject(value)) return fail('teams must map "@org/team" to a list of logins');
  return new Map(
    Object.entries(value).map(([team, members]): [string, string[]] => {
      if (!/^@[^/\s]+\/[^/\s]+$/.test(team)) fail(`teams: "${team}" is not an @org/team`);
      if (!Array.isArray(members) || !members.every((m) => typeof m === 'string' && m !== ''))
        fail(`teams["${team}"] must be a list of logins`);
      return [team.toLowerCase(), members as string[]];
    }),
  );
}

function list(root: Json, key: string, fail: Fail): unknown[] {
  const value = root[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : fail(`${key} must be a list`);
}

function string(value: Json, key: string, at: string, fail: Fail): string {
  const v = value[key];
  return typeof v === 'string' && v.trim() !== ''
    ? v
    : fail(`${at === key ? key : `${at}.${key}`} must be a non-empty string`);
}

function flag(value: Json, key: string, at: string, fail: Fail): boolean {
  const v = value[key];
  if (v === undefined) return false;
  return typeof v === 'boolean' ? v : fail(`${at}.${key} must be true or false`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
