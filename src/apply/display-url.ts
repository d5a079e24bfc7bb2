/**
 * What of a URL may be printed or recorded: its scheme, host and port. A registry URL can carry a token in its
 * query (`?api_key=…`), credentials in its userinfo, or a tenant in its path; none of that reaches a cluster name,
 * a log line, an error message, a report or an audit note.
 */
export function urlOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? `${parsed.protocol}//` : `${parsed.protocol}//${parsed.host}`;
  } catch {
    // Not a URL: keep what looks like scheme://host[:port], drop userinfo and everything after the authority.
    const match = /^([a-z][\w+.-]*:\/\/)?(?:[^/?#@\s]*@)?([^/?#\s]*)/i.exec(url.trim());
    return `${match?.[1] ?? ''}${match?.[2] ?? ''}`;
  }
}

/** A bootstrap broker as printed: `host:port`, without any scheme, userinfo or path someone put around it. */
export function brokerOrigin(broker: string): string {
  return broker
    .trim()
    .replace(/^[a-z][\w+.-]*:\/\//i, '')
    .replace(/^[^/?#@]*@/, '')
    .replace(/[/?#].*$/, '');
}

/** Every URL inside a text (an error message, say) reduced to its origin. */
export function redactUrls(text: string): string {
  return text.replace(/\b[a-z][\w+.-]*:\/\/[^\s'"`<>()[\]]+/gi, (url) => urlOrigin(url));
}
