import { RE2JS } from 're2js';

/**
 * Regular expressions written by users (naming patterns in `rules/` and `domain.yaml`), matched in linear time.
 *
 * JavaScript's RegExp backtracks: `^([a-z]+)*$` against a 40-character name runs for minutes, and a pattern that
 * does not compile was silently replaced by one matching everything. Here patterns are RE2 syntax, compiled by
 * re2js (a pure-JavaScript port of RE2, MIT): matching time is linear in the input, backreferences and lookaround
 * are refused at compile time rather than guessed, and the size of a pattern and of its compiled program is
 * capped so a `{1000}` repeat cannot make one compile or match slow either.
 */
export type CompiledPattern =
  | { readonly ok: true; readonly source: string; readonly regex: RE2JS }
  | { readonly ok: false; readonly source: string; readonly reason: string };

/** Longer than any naming convention needs; compiling stays in milliseconds below it. */
export const maxPatternLength = 256;
/** Compiled instructions: `[a-z]{1,64}` needs 129, the default product pattern 13. */
const maxProgramSize = 2_000;

const cache = new Map<string, CompiledPattern>();
const cacheLimit = 512;

/**
 * Compiles a user's pattern, or says in a sentence fragment why it cannot be used. Memoised per process.
 * `maxLength` is for patterns the tool builds from a user's template and catalog names (already bounded).
 */
export function compilePattern(source: string, maxLength = maxPatternLength): CompiledPattern {
  const key = `${maxLength}\u0000${source}`;
  const known = cache.get(key);
  if (known) return known;
  const compiled = compileUncached(source, maxLength);
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

function compileUncached(source: string, maxLength: number): CompiledPattern {
  if (source.length > maxLength)
    return { ok: false, source, reason: `is ${source.length} characters long, more than the ${maxLength} allowed` };
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(source);
  } catch (error) {
    return { ok: false, source, reason: describeError(error) };
  }
  if (regex.matcher('').programSize() > maxProgramSize)
    return { ok: false, source, reason: 'compiles to too large a program (lower its repeat counts)' };
  return { ok: true, source, regex };
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const detail = message.replace(/^error parsing regexp: /, '');
  if (/invalid or unsupported Perl syntax: `\(\?[=!]|invalid named capture: `\(\?<[=!]/.test(message))
    return `uses lookaround (${detail}), which a linear-time engine cannot match`;
  if (/invalid escape sequence: `\\[1-9]/.test(message))
    return `uses a backreference (${detail}), which a linear-time engine cannot match`;
  return `is not a valid regular expression (${detail})`;
}

/** Whether the pattern matches anywhere in `input`, as `RegExp.prototype.test` does (anchor with `^…$`). */
export function testPattern(pattern: Extract<CompiledPattern, { ok: true }>, input: string): boolean {
  return pattern.regex.test(input);
}

/** The capture groups of a whole-input match of `input`, or undefined when it does not match. */
export function matchWhole(
  pattern: Extract<CompiledPattern, { ok: true }>,
  input: string,
): (string | undefined)[] | undefined {
  const matcher = pattern.regex.matcher(input);
  if (!matcher.matches()) return undefined;
  return Array.from({ length: matcher.groupCount() + 1 }, (_, i) => matcher.group(i) ?? undefined);
}

/** `text` as a pattern that matches exactly it. */
export function quotePattern(text: string): string {
  return RE2JS.quote(text);
}
