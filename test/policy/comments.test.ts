import { describe, expect, it } from 'vitest';
import { isTrustedComment, parseCommand, waiverRequests, type PullRequestComment } from '../../src/policy/comments.js';

const comment = (body: string, extra: Partial<PullRequestComment> = {}): PullRequestComment => ({
  author: 'alice',
  body,
  url: 'https://github.com/acme/mesh/pull/1#issuecomment-1',
  edited: false,
  bot: false,
  ...extra,
});

describe('parseCommand', () => {
  it('is undefined for a comment that does not start with /steward', () => {
    expect(parseCommand('Looks good to me')).toBeUndefined();
    expect(parseCommand('please /steward recheck')).toBeUndefined();
    expect(parseCommand('')).toBeUndefined();
  });

  it('reads recheck, after leading blank lines and spaces', () => {
    expect(parseCommand('/steward recheck')).toEqual({ kind: 'recheck' });
    expect(parseCommand('\n\n   /steward recheck  ')).toEqual({ kind: 'recheck' });
  });

  it('reads explain with a rule id, trimmed', () => {
    expect(parseCommand('/steward explain  TOPIC_NAMING ')).toEqual({ kind: 'explain', ruleId: 'TOPIC_NAMING' });
    expect(parseCommand('/steward explain R2_D2')).toEqual({ kind: 'explain', ruleId: 'R2_D2' });
  });

  it('calls an explain without a well-formed rule id unknown', () => {
    expect(parseCommand('/steward explain topic_naming')).toEqual({
      kind: 'unknown',
      text: '/steward explain topic_naming',
    });
    expect(parseCommand('/steward explain')).toEqual({ kind: 'unknown', text: '/steward explain' });
    expect(parseCommand('/steward explain A B')).toEqual({ kind: 'unknown', text: '/steward explain A B' });
  });

  it('reads accept-breaking with its reason from the first line only', () => {
    expect(parseCommand('/steward accept-breaking  consumers agreed \nsecond line')).toEqual({
      kind: 'accept-breaking',
      reason: 'consumers agreed',
    });
    expect(parseCommand('/steward accept-breaking\r\nwhy')).toEqual({ kind: 'accept-breaking', reason: '' });
  });

  it('calls any other verb, or none, unknown with the first line', () => {
    expect(parseCommand('/steward merge now\nplease')).toEqual({ kind: 'unknown', text: '/steward merge now' });
    expect(parseCommand('/steward')).toEqual({ kind: 'unknown', text: '/steward' });
  });

  it('does not take a longer word that starts with /steward', () => {
    expect(parseCommand('/stewardship recheck')).toEqual({ kind: 'unknown', text: '/stewardship recheck' });
  });
});

describe('isTrustedComment', () => {
  it('trusts an unedited human comment only', () => {
    expect(isTrustedComment(comment('x'))).toBe(true);
    expect(isTrustedComment(comment('x', { edited: true }))).toBe(false);
    expect(isTrustedComment(comment('x', { bot: true }))).toBe(false);
  });
});

describe('waiverRequests', () => {
  it('lists the accept-breaking requests of trusted comments, in order', () => {
    const comments = [
      comment('/steward accept-breaking first', { author: 'alice', url: 'u1' }),
      comment('/steward recheck', { author: 'bob', url: 'u2' }),
      comment('/steward accept-breaking edited', { author: 'carol', url: 'u3', edited: true }),
      comment('/steward accept-breaking from a bot', { author: 'bot', url: 'u4', bot: true }),
      comment('I /steward accept-breaking', { author: 'dave', url: 'u5' }),
      comment('/steward accept-breaking second', { author: 'erin', url: 'u6' }),
    ];
    expect(waiverRequests(comments)).toEqual([
      { by: 'alice', reason: 'first', source: 'u1' },
      { by: 'erin', reason: 'second', source: 'u6' },
    ]);
  });

  it('is empty with no comments', () => {
    expect(waiverRequests([])).toEqual([]);
  });
});
