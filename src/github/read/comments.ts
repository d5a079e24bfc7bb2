import type { PullRequestComment } from '../../policy/comments.js';

/** The fields of an issue comment the app reads. */
export interface CommentPayload {
  readonly id: number;
  readonly body?: string | null;
  readonly html_url: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly user: { readonly login: string; readonly type?: string } | null;
}

/** The engine's view of a comment; one without an author (a deleted account) is no comment of anyone's. */
export function toComment(c: CommentPayload): PullRequestComment | undefined {
  if (!c.user) return undefined;
  return {
    author: c.user.login,
    body: c.body ?? '',
    url: c.html_url,
    edited: c.created_at !== c.updated_at,
    bot: c.user.type === 'Bot',
  };
}

export function toComments(comments: readonly CommentPayload[]): PullRequestComment[] {
  return comments.flatMap((c) => toComment(c) ?? []);
}
