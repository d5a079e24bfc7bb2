import { describe, expect, it } from 'vitest';
import { parseReviewsFile } from '../../src/cli/reviews-file.js';

const parse = (value: unknown) => parseReviewsFile(JSON.stringify(value), 'reviews.json');

describe('parseReviewsFile', () => {
  it('needs only the author; lists default to empty and teams are keyed in lower case', () => {
    expect(parse({ author: 'alice' })).toEqual({ author: 'alice', reviews: [], teams: new Map(), comments: [] });
    const file = parse({
      author: 'alice',
      teams: { '@Acme/Orders': ['olivia'] },
      reviews: [{ reviewer: 'olivia', state: 'APPROVED', commit: 'HEAD', submittedAt: '2026-11-22T10:00:00+01:00' }],
      comments: [{ author: 'olivia', body: '' }],
    });
    expect(file.teams).toEqual(new Map([['@acme/orders', ['olivia']]]));
    // One form of time for all reviews, since they are ordered by it.
    expect(file.reviews[0]?.submittedAt).toBe('2026-11-22T09:00:00.000Z');
    expect(file.comments).toEqual([{ author: 'olivia', body: '', url: '', edited: false, bot: false }]);
  });

  it.each([
    ['[]', 'the file must hold one JSON object'],
    ['{}', 'author must be a non-empty string'],
    ['{"author":"a","reviews":{}}', 'reviews must be a list'],
    [
      '{"author":"a","reviews":[{"reviewer":"b","state":"APPROVED","commit":"c","submittedAt":"soon"}]}',
      'reviews[0].submittedAt must be an ISO time',
    ],
    ['{"author":"a","teams":{"orders":["b"]}}', 'teams: "orders" is not an @org/team'],
    ['{"author":"a","teams":{"@acme/orders":"b"}}', 'teams["@acme/orders"] must be a list of logins'],
    ['{"author":"a","comments":[{"author":"b","body":"x","edited":"no"}]}', 'comments[0].edited must be true or false'],
    ['not json', 'reviews.json is not JSON'],
  ])('refuses %s', (text, message) => {
    expect(() => parseReviewsFile(text, 'reviews.json')).toThrow(message);
  });
});
