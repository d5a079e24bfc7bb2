import type { WaiverRequest } from './waivers.js';

/** A comment on a pull request, as the engine needs it: who wrote it, what it says, and whether it can be trusted. */
export interface PullRequestComment {
  readonly author: string;
  readonly body: string;
  /** Where it was made, for the record (a comment URL). */
  readonly url: string;
  /** Its text changed after it was posted. */
  readonly edited: boolean;
  /** Written by a bot. */
  readonly bot: boolean;
}

/** A `/steward` command, parsed from the first line of a comment that starts with it. */
export type Command =
  | { readonly kind: 'recheck' }
  | { readonly kind: 'explain'; readonly ruleId: string }
  | { readonly kind: 'accept-breaking'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly text: string };

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
 * An edited comment never counts: otherwise an old comment could be edited into a waiver after the fact, with its
 * original date. Bots' comments never count either.
 */
export function isTrustedComment(c: PullRequestComment): boolean {
  return !c.edited && !c.bot;
}

/** Every `/steward accept-breaking` request among the trusted comments of a pull request, in their order. */
export function waiverRequests(comments: readonly PullRequestComment[]): WaiverRequest[] {
  return comments.filter(isTrustedComment).flatMap((c) => {
    const command = parseCommand(c.body);
    return command?.kind === 'accept-breaking' ? [{ by: c.author, reason: command.reason, source: c.url }] : [];
  });
}
