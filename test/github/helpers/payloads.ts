import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/** Real example payloads from GitHub's docs, adapted to one repository (acme/mesh) and pull request. */
export const OWNER = 'acme';
export const REPO = 'mesh';
export const BASE = 'b'.repeat(40);
export const HEAD = 'c'.repeat(40);
export const AUTHOR = 'alice';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function example(name: string, action: string | undefined): Json {
  const found = examples.find((w) => w.name === name)?.examples.find((e) => (e as Json)['action'] === action);
  if (!found) throw new Error(`no ${name}.${action ?? ''} example`);
  return structuredClone(found) as Json;
}

function repository(payload: Json): void {
  payload['repository'].name = REPO;
  payload['repository'].full_name = `${OWNER}/${REPO}`;
  payload['repository'].owner.login = OWNER;
  payload['installation'] = { id: 1, node_id: 'I' };
}

export interface PrOptions {
  readonly number?: number;
  readonly author?: string;
  readonly head?: string;
  readonly fork?: boolean;
  readonly draft?: boolean;
}

function pullRequest(pr: Json, options: PrOptions): Json {
  pr.number = options.number ?? 1;
  pr.user.login = options.author ?? AUTHOR;
  pr.base.sha = BASE;
  pr.base.repo.full_name = `${OWNER}/${REPO}`;
  pr.head.sha = options.head ?? HEAD;
  pr.head.repo.full_name = options.fork ? `mallory/${REPO}` : `${OWNER}/${REPO}`;
  pr.draft = options.draft ?? false;
  pr.requested_reviewers = [];
  pr.requested_teams = [];
  return pr;
}

export function pullRequestEvent(action: string, options: PrOptions = {}): Json {
  const payload = example('pull_request', action);
  repository(payload);
  payload['number'] = options.number ?? 1;
  pullRequest(payload['pull_request'], options);
  return payload;
}

export function reviewEvent(action: 'submitted' | 'dismissed', options: PrOptions = {}): Json {
  const payload = example('pull_request_review', action);
  repository(payload);
  pullRequest(payload['pull_request'], options);
  return payload;
}

/** The REST form of the pull request, as `GET /pulls/{n}` returns it. */
export function pullRequestData(options: PrOptions = {}): Json {
  return pullRequestEvent('opened', options)['pull_request'];
}

export function commentEvent(action: 'created' | 'edited', body: string, by: string, edited = false): Json {
  const payload = example('issue_comment', action);
  repository(payload);
  payload['issue'].number = 1;
  payload['issue'].pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/1` };
  payload['comment'] = comment(7, body, by, edited);
  return payload;
}

export function comment(id: number, body: string, by: string, edited = false, type = 'User'): Json {
  return {
    id,
    body,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/1#issuecomment-${id}`,
    created_at: '2026-11-22T10:00:00Z',
    updated_at: edited ? '2026-11-22T11:00:00Z' : '2026-11-22T10:00:00Z',
    user: { login: by, type },
  };
}

export function checkRunEvent(name: string, pullRequests: number[], externalId = ''): Json {
  const payload = example('check_run', 'rerequested');
  repository(payload);
  payload['check_run'].name = name;
  payload['check_run'].external_id = externalId;
  payload['check_run'].pull_requests = pullRequests.map((number) => ({ number }));
  return payload;
}

export function checkSuiteEvent(pullRequests: number[]): Json {
  const payload = example('check_suite', 'rerequested');
  repository(payload);
  payload['check_suite'].pull_requests = pullRequests.map((number) => ({ number }));
  return payload;
}

export function mergeGroupEvent(): Json {
  const payload = example('merge_group', 'checks_requested');
  repository(payload);
  payload['merge_group'].base_sha = BASE;
  payload['merge_group'].head_sha = HEAD;
  return payload;
}

/** A push of `after` to `branch` by `sender`: what merging a pull request sends. */
export function pushEvent(after: string, branch = 'main', sender = 'bob'): Json {
  const payload = example('push', undefined);
  repository(payload);
  payload['ref'] = `refs/heads/${branch}`;
  payload['before'] = BASE;
  payload['after'] = after;
  payload['created'] = false;
  payload['deleted'] = false;
  payload['repository'].default_branch = 'main';
  payload['sender'].login = sender;
  return payload;
}
