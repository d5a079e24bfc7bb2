import { describe, expect, it } from 'vitest';
import { toComment, toComments, type CommentPayload } from '../../../src/github/read/comments.js';

const payload = (over: Partial<CommentPayload> = {}): CommentPayload => ({
  id: 1,
  body: '/steward explain TOPIC_NAMING',
  html_url: 'https://github.com/acme/mesh/pull/1#issuecomment-1',
  created_at: '2026-11-22T10:00:00Z',
  updated_at: '2026-11-22T10:00:00Z',
  user: { login: 'bob', type: 'User' },
  ...over,
});

describe('toComment', () => {
  it("takes the author, body and address of a person's unedited comment", () => {
    expect(toComment(payload())).toEqual({
      author: 'bob',
      body: '/steward explain TOPIC_NAMING',
      url: 'https://github.com/acme/mesh/pull/1#issuecomment-1',
      edited: false,
      bot: false,
    });
  });

  it('is edited when it was updated after it was created, and a bot only for the Bot type', () => {
    const c = toComment(payload({ updated_at: '2026-11-22T10:00:01Z', user: { login: 'ci[bot]', type: 'Bot' } }));
    expect(c?.edited).toBe(true);
    expect(c?.bot).toBe(true);
    expect(toComment(payload({ user: { login: 'org', type: 'Organization' } }))?.bot).toBe(false);
    expect(toComment(payload({ user: { login: 'old' } }))?.bot).toBe(false);
  });

  it('reads a missing or null body as empty', () => {
    expect(toComment(payload({ body: null }))?.body).toBe('');
    const withoutBody: CommentPayload = { ...payload() };
    delete (withoutBody as { body?: string | null }).body;
    expect(toComment(withoutBody)?.body).toBe('');
  });

  it('is no comment when its author is gone', () => {
    expect(toComment(payload({ user: null }))).toBeUndefined();
  });
});

describe('toComments', () => {
  it('keeps the order and drops the comments without an author', () => {
    const list = toComments([
      payload({ id: 1, body: 'a', user: { login: 'x' } }),
      payload({ id: 2, body: 'b', user: null }),
      payload({ id: 3, body: 'c', user: { login: 'y' } }),
    ]);
    expect(list.map((c) => [c.author, c.body])).toEqual([
      ['x', 'a'],
      ['y', 'c'],
    ]);
  });
});
