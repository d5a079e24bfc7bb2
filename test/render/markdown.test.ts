import { describe, expect, it } from 'vitest';
import { details, escapeText, fitSections, limited, mention, showParty, table } from '../../src/render/markdown.js';

describe('escapeText', () => {
  it('leaves plain text alone', () => {
    expect(escapeText('Orders placed in the web shop.')).toBe('Orders placed in the web shop.');
  });

  it('turns HTML into text', () => {
    expect(escapeText('<img src=x> & more')).toBe('&lt;img src=x&gt; &amp; more');
  });

  it('escapes every Markdown character that could link, emphasise, break a table or open code', () => {
    expect(escapeText('[a](b) *c* _d_ `e` #f +g !h |i| ~j~ {k} \\l')).toBe(
      '\\[a\\]\\(b\\) \\*c\\* \\_d\\_ \\`e\\` \\#f \\+g \\!h \\|i\\| \\~j\\~ \\{k\\} \\\\l',
    );
  });

  it('notifies nobody: a zero-width space follows every @', () => {
    expect(escapeText('ask @acme/orders')).toBe('ask @&#8203;acme/orders');
  });

  it('keeps a value on its line and shows other control characters escaped', () => {
    expect(escapeText('one\r\ntwo\n\nthree')).toBe('one two three');
    expect(escapeText('a\tb\u001bc\u202ed')).toBe('a\\\\tb\\\\x1bc\\\\u202ed');
  });

  it('escapes an & before it adds entities of its own', () => {
    expect(escapeText('&lt;')).toBe('&amp;lt;');
    expect(escapeText('@')).toBe('@&#8203;');
  });
});

describe('showParty and mention', () => {
  it('shows logins and teams as code, without notifying', () => {
    expect(showParty('@acme/orders')).toBe('`@acme/orders`');
    expect(showParty('alice')).toBe('`alice`');
  });

  it('escapes anything else', () => {
    expect(showParty('not a login')).toBe('not a login');
    expect(showParty('@a/b <x>')).toBe('@&#8203;a/b &lt;x&gt;');
    expect(showParty('-alice')).toBe('-alice');
  });

  it('mentions well-formed logins and teams only, with one @', () => {
    expect(mention('alice')).toBe('@alice');
    expect(mention('@alice')).toBe('@alice');
    expect(mention('@acme/data.team_1')).toBe('@acme/data.team_1');
    expect(mention('a'.repeat(39))).toBe(`@${'a'.repeat(39)}`);
    expect(mention('a'.repeat(40))).toBeUndefined();
    expect(mention('@@alice')).toBeUndefined();
    expect(mention('alice bob')).toBeUndefined();
    expect(mention('@acme/')).toBeUndefined();
  });
});

describe('details and table', () => {
  it('wraps a body in a collapsible block, open when asked', () => {
    expect(details('Sum', 'Body')).toBe('<details><summary>Sum</summary>\n\nBody\n\n</details>');
    expect(details('Sum', 'Body', true)).toBe('<details open><summary>Sum</summary>\n\nBody\n\n</details>');
  });

  it('writes a header, a rule and a row per item', () => {
    expect(
      table(
        ['a', 'b'],
        [
          ['1', '2'],
          ['3', '4'],
        ],
      ),
    ).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |');
    expect(table(['only'], [])).toBe('| only |\n| --- |');
  });
});

describe('limited', () => {
  it('shows every item within the limit', () => {
    expect(limited([1, 2], 2, (n) => `#${n}`, 'items')).toEqual(['#1', '#2']);
  });

  it('counts what it leaves out', () => {
    expect(limited([1, 2, 3, 4], 1, (n) => `#${n}`, 'items')).toEqual(['#1', '… and 3 more items.']);
    expect(limited([1], 0, String, 'things')).toEqual(['… and 1 more things.']);
  });
});

describe('fitSections', () => {
  /** A section of `n` items of 10 characters, showing at most `limit`. */
  const section = (n: number) => ({
    render: (limit: number) => Array.from({ length: Math.min(n, limit) }, () => 'x'.repeat(9)).join('\n'),
  });
  const seen: number[] = [];
  const recording = { render: (limit: number) => (seen.push(limit), `l${limit}`) };

  it('joins whole sections with a blank line when they fit', () => {
    expect(fitSections([{ render: () => 'a' }, { render: () => 'b' }], 10, 'cut')).toBe('a\n\nb');
  });

  it('shrinks every section’s limit in steps until the whole fits', () => {
    const text = fitSections([section(300), section(300)], 60 * 10 * 2, 'cut');
    expect(text).toBe([section(300).render(50), section(300).render(50)].join('\n\n'));
    fitSections([recording], 1, 'n');
    expect(seen).toEqual([Infinity, 200, 50, 10, 3, 0]);
  });

  it('cuts the shortest form with the note as a last resort, and always fits', () => {
    const text = fitSections([{ render: () => 'y'.repeat(100) }], 30, '(cut)');
    expect(text).toBe(`${'y'.repeat(23)}\n\n(cut)`);
    expect(text.length).toBe(30);
  });

  it('takes the limit-0 form when it fits', () => {
    const shrinking = { render: (limit: number) => (limit === 0 ? 'short' : 'z'.repeat(100)) };
    expect(fitSections([shrinking], 10, 'cut')).toBe('short');
  });
});
