import { posix } from 'node:path';

/** Every href of an HTML page, as written. */
export function hrefsOf(page: string): string[] {
  return [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1] as string);
}

/** Every id attribute of an HTML page. */
export function idsOf(page: string): Set<string> {
  return new Set([...page.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] as string));
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e] as string);

/**
 * The internal links of a site that do not resolve: `from → href` for each whose file is not in the site, or whose
 * `#fragment` names no id on the target page. External (http, https, mailto) links are not followed.
 */
export function brokenLinks(files: ReadonlyMap<string, string>): string[] {
  const broken: string[] = [];
  for (const [path, text] of files) {
    if (!path.endsWith('.html')) continue;
    for (const raw of hrefsOf(text)) {
      const href = unescape(raw);
      if (/^(https?:|mailto:)/.test(href)) continue;
      const [file, fragment] = href.split('#') as [string, string | undefined];
      const target = file === '' ? path : posix.normalize(posix.join(posix.dirname(path), file));
      const page = files.get(target);
      if (page === undefined || (fragment !== undefined && !idsOf(page).has(fragment)))
        broken.push(`${path} → ${href}`);
    }
  }
  return broken;
}

/** A page with the whitespace between tags removed and other runs of it made one space, for exact assertions. */
export function squash(page: string): string {
  return page.replace(/>\s+</g, '><').replace(/\s+/g, ' ');
}
