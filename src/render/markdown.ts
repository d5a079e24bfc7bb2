import { escapeControlChars } from '../core/control-chars.js';

/**
 * Escapes text that came from a repository (descriptions, names, messages) for GitHub Markdown: no HTML, no
 * links or emphasis, no table breaks, and no mentions (a zero-width space after `@` keeps the text readable but
 * notifies nobody). Newlines become spaces so a value never leaves its table cell or list item; other control
 * characters are shown escaped (`\x1b`), never passed through.
 */
export function escapeText(text: string): string {
  return escapeControlChars(text.replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/@/g, '@&#8203;');
}

const partyPattern = /^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]{1,100})?$/;

/** A party shown without notifying it: a code span when it is a plain login or team, escaped text otherwise. */
export function showParty(party: string): string {
  return partyPattern.test(party) ? `\`${party}\`` : escapeText(party);
}

/** A party to notify: only well-formed logins and teams become mentions. */
export function mention(party: string): string | undefined {
  if (!partyPattern.test(party)) return undefined;
  return party.startsWith('@') ? party : `@${party}`;
}

/** A collapsible block; GitHub needs the blank line after `<summary>` to render Markdown inside. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** One section of a long document: its full form, and a shorter form that keeps the first `limit` items. */
export interface Section {
  readonly render: (limit: number) => string;
}

/**
 * Joins sections under `maxChars`, shrinking every section's item limit until the whole fits; as a last resort
 * the text is cut, with a note, so the result always fits.
 */
export function fitSections(sections: readonly Section[], maxChars: number, note: string): string {
  for (const limit of [Infinity, 200, 50, 10, 3]) {
    const text = sections.map((s) => s.render(limit)).join('\n\n');
    if (text.length <= maxChars) return text;
  }
  const text = sections.map((s) => s.render(0)).join('\n\n');
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - note.length - 2)}\n\n${note}`;
}

/** The first `limit` items, and a line saying how many were left out. */
export function limited<T>(items: readonly T[], limit: number, render: (item: T) => string, more: string): string[] {
  const shown = items.slice(0, limit).map(render);
  if (items.length > limit) shown.push(`… and ${items.length - limit} more ${more}.`);
  return shown;
}
