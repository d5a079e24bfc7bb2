/**
 * HTML built only through the `html` tag: every interpolated string passes through `escapeHtml`, the one escaping
 * function of the site, and only fragments the tag itself made (`Html`) are inserted as they are. A catalog string
 * therefore cannot become markup, whatever page or attribute it lands in, unless someone wraps it in `Html` by hand
 * — which nothing outside this file does.
 */
export class Html {
  /** Only this file constructs fragments from raw text; everything else composes them with `html`. */
  private constructor(readonly text: string) {}

  static trusted(text: string): Html {
    return new Html(text);
  }

  toString(): string {
    return this.text;
  }
}

/** What may be interpolated: text (escaped), numbers, fragments, lists of them; `undefined`/`false` print nothing. */
export type HtmlValue = Html | string | number | boolean | undefined | null | readonly HtmlValue[];

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const special = /[&<>"']/;

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  // Most catalog text has nothing to escape: testing first skips the replace and its copy.
  return special.test(text) ? text.replace(/[&<>"']/g, (c) => entities[c] as string) : text;
}

function print(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(print).join('');
  if (value === undefined || value === null || value === false || value === true) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += print(values[i]) + (strings[i + 1] ?? '');
  return Html.trusted(out);
}

/**
 * A catalog link (runbook, repository, dashboard) as an `href`, or undefined when it is not an http(s) or mailto
 * URL: escaping keeps `javascript:` text from breaking out of the attribute, but not from running when clicked.
 */
export function externalHref(url: string): string | undefined {
  return /^(https?:\/\/|mailto:)/i.test(url.trim()) ? url.trim() : undefined;
}
