import type { WaiverRequest } from '../policy/waivers.js';

/** A `/steward` command, parsed from the first line of a comment that starts with it. */
export type Command =
  | { readonly kind: 'recheck' }
  | { readonly kind: 'explain'; readonly ruleId: string }
  | { readonly kind: 'accept-breaking'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly text: string };

/** The fields of an issue comment the app reads. */
export interface CommentPayload {
  readonly id: number;
  readonly body?: string | null;
  readonly html_url: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly user: { readonly login: string; readonly type?: string } | null;
}

export function parseCommand(body: string): Command | undefined {
  const line = body.trimStart().split(/\r?\n/, 1)[0] ?? '';
  const match = /^\/steward(?:\s+(\S+))?\s*(.*)$/.exec(line.trim());
  if (!match) return undefined;
  const [, verb = '', rest = ''] = match;
  if (verb === 'recheck') return { kind: 'recheck' };
  if (verb === 'explain' && /^[A-Z][A-Z0-9_]*$/.test(rest.trim())) return { kind: 'explain', ruleId: rest.trim() };
  if (verb === 'accept-breaking') return { kind: 'accept-breaking', reason: rest.trim() };
  return { kind: 'unknown', text: line.trim() };
}

/**
 * A comment whose text changed after it was posted never counts: otherwise an old comment could be edited into
 * a waiver after the fact, with its original date. Bots' comments never count either.
 */
export function isTrustedComment(c: CommentPayload): boolean {
  return c.created_at === c.updated_at && c.user !== null && c.user.type !== 'Bot';
}

/** Every `/steward accept-breaking` request among the comments of a pull request, oldest first. */
export function waiverRequests(comments: readonly CommentPayload[]): WaiverRequest[] {
  return comments.filter(isTrustedComment).flatMap((c) => {
    const command = parseCommand(c.body ?? '');
    if (command?.kind !== 'accept-breaking' || !c.user) return [];
    return [{ by: c.user.login, reason: command.reason, source: c.html_url }];
  });
}
