/**
 * C0 and C1 control characters, DEL, and the Unicode line separators and bidirectional overrides: what would let a
 * name or message from a repository move the cursor, recolour or clear a terminal, split one finding into two
 * lines, or display differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Shows every control character as a visible escape (`\n`, `\t`, `\x1b`, `\u202e`), so text from a repository
 * stays on its line and reaches a terminal or log inert. Characters in `keep` pass through.
 */
export function escapeControlChars(text: string, keep = ''): string {
  return text.replace(control, (c) => {
    if (keep.includes(c)) return c;
    const code = c.charCodeAt(0);
    return named[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
  });
}
