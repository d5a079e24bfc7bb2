import { describe, expect, it } from 'vitest';
import {
  details,
  escapeText,
  fitSections,
  limited,
  mention,
  showParty,
  table,
  type Section,
} from '../../src/render/markdown.js';

describe('escapeText', () => {
  it('escapes HTML, Markdown punctuation and table pipes', () => {
    expect(escapeText('<b>a & b</b>')).toBe('&lt;b&gt;a &amp; b&lt;/b&gt;');
    expect(escapeText('*x* _y_ `z` [l](u) #h |c| ~s~ !i {b} +p \\')).toBe(
      '\\*x\\* \\_y\\_ \\`z\\` \\[l\\]\\(u\\) \\#h \\|c\\| \\~s\\~ \\!i \\{b\\} \\+p \\\\',
    );
  });

  it('keeps a mention from notifying with a zero-width space after @', () => {
    expect(escapeText('cc @org/team and a@b')).toBe('cc @&#8203;org/team and a@&#8203;b');
  });

  it('turns newlines into one space and shows other control characters escaped', () => {
    // The escape's backslash is itself escaped for Markdown, so the page shows `\t` and `\x1b`.
    expect(escapeText('line one\r\n\nline two\tend\u001b[31m')).toBe('line one line two\\\\tend\\\\x1b\\[31m');
  });

  it('leaves plain text alone', () => {
    expect(escapeText('orders.v1 is fine, 3 partitions.')).toBe('orders.v1 is fine, 3 partitions.');
  });
});

describe('showParty and mention', () => {
  it('shows a well-formed login or team as a code span and mentions it', () => {
    expect(showParty('alice')).toBe('`alice`');
    expect(showParty('@org/data-team')).toBe('`@org/data-team`');
    expect(mention('alice')).toBe('@alice');
    expect(mention('@org/data-team')).toBe('@org/data-team');
  });

  it('escapes anything else and never mentions it', () => {
    for (const party of ['-bad', 'a b', 'x'.repeat(40), 'org/', '@org/team/extra', '`a`']) {
      expect(mention(party)).toBeUndefined();
      expect(showParty(party)).toBe(escapeText(party));
    }
    expect(showParty('a b @c')).toBe('a b @&#8203;c');
    expect(mention('x'.repeat(39))).toBe(`@${'x'.repeat(39)}`);
  });
});

describe('details and table', () => {
  it('renders a collapsible block with the blank lines GitHub needs, open when asked', () => {
    expect(details('Sum', 'Body')).toBe('<details><summary>Sum</summary>\n\nBody\n\n</details>');
    expect(details('Sum', 'Body', true)).toBe('<details open><summary>Sum</summary>\n\nBody\n\n</details>');
  });

  it('renders a header, a separator and one line per row', () => {
    expect(
      table(
        ['A', 'B'],
        [
          ['1', '2'],
          ['3', '4'],
        ],
      ),
    ).toBe('| A | B |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |');
    expect(table(['Only'], [])).toBe('| Only |\n| --- |');
  });
});

describe('limited', () => {
  it('keeps the first items and counts the rest', () => {
    expect(limited([1, 2, 3, 4], 2, (n) => `#${n}`, 'numbers')).toEqual(['#1', '#2', '… and 2 more numbers.']);
    expect(limited([1, 2], 2, (n) => `#${n}`, 'numbers')).toEqual(['#1', '#2']);
    expect(limited([1], 0, (n) => `#${n}`, 'numbers')).toEqual(['… and 1 more numbers.']);
  });
});

describe('fitSections', () => {
  const items = (prefix: string, n: number): Section => ({
    render: (limit) =>
      limited(
        Array.from({ length: n }, (_, i) => i),
        limit,
        (i) => `${prefix}${i}`,
        'items',
      ).join('\n'),
  });

  it('joins the full sections when they fit', () => {
    expect(fitSections([items('a', 2), items('b', 1)], 100, 'cut')).toBe('a0\na1\n\nb0');
  });

  it('shrinks every section to the largest step limit that fits', () => {
    const sections = [items('a', 20), items('b', 20)];
    const full = sections.map((s) => s.render(Infinity)).join('\n\n');
    const atTen = sections.map((s) => s.render(10)).join('\n\n');
    const atThree = sections.map((s) => s.render(3)).join('\n\n');
    expect(fitSections(sections, full.length, 'cut')).toBe(full);
    expect(fitSections(sections, atTen.length, 'cut')).toBe(atTen);
    expect(fitSections(sections, atTen.length - 1, 'cut')).toBe(atThree);
  });

  it('falls back to no items, then cuts the text with the note so it always fits', () => {
    const sections = [items('a', 20)];
    expect(fitSections(sections, '… and 20 more items.'.length, 'cut')).toBe('… and 20 more items.');
    const long: Section = { render: () => 'x'.repeat(50) };
    const cut = fitSections([long], 20, '(cut)');
    expect(cut).toBe(`${'x'.repeat(13)}\n\n(cut)`);
    expect(cut.length).toBe(20);
  });
});
