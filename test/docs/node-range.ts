/**
 * Just enough of npm's semver ranges to read `engines.node` fields: `||` alternatives of space-separated comparators
 * (`>=`, `>`, `<=`, `<`, `=`, `^`, `~`, bare and `x` versions). Anything else throws, so a form it does not know fails
 * the test instead of passing it.
 */
type Version = readonly [number, number, number];

function parseVersion(text: string): { version: Version; given: number } {
  const parts = text.replace(/^v/, '').split('.');
  if (parts.length > 3 || parts.some((p) => !/^(\d+|x|\*)$/i.test(p))) throw new Error(`not a version: ${text}`);
  const numbers = parts.filter((p) => /^\d+$/.test(p)).map(Number);
  return { version: [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0], given: numbers.length };
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The exclusive upper bound of `^v` / `~v` / a partial bare version, as npm computes it. */
function upper(kind: '^' | '~' | '=', { version: [major, minor, patch], given }: ReturnType<typeof parseVersion>) {
  if (kind === '^') {
    if (major > 0 || given === 1) return [major + 1, 0, 0] as const;
    if (minor > 0 || given === 2) return [0, minor + 1, 0] as const;
    return [0, 0, patch + 1] as const;
  }
  if (kind === '~') return given === 1 ? ([major + 1, 0, 0] as const) : ([major, minor + 1, 0] as const);
  if (given === 1) return [major + 1, 0, 0] as const;
  if (given === 2) return [major, minor + 1, 0] as const;
  return [major, minor, patch + 1] as const;
}

function satisfiesComparator(v: Version, comparator: string): boolean {
  const match = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(comparator);
  if (!match) throw new Error(`not a comparator: ${comparator}`);
  const operator = match[1] ?? '=';
  const bound = parseVersion(match[2] ?? '');
  if (bound.given === 0) return true;
  const c = compare(v, bound.version);
  if (operator === '>=') return c >= 0;
  if (operator === '>') return c > 0;
  if (operator === '<=') return c <= 0;
  if (operator === '<') return c < 0;
  return c >= 0 && compare(v, upper(operator as '^' | '~' | '=', bound)) < 0;
}

/** Whether `version` (e.g. `20.19.4`) satisfies the range. */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version).version;
  return range.split('||').some((alternative) => {
    const comparators = alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/);
    return comparators.filter(Boolean).every((c) => satisfiesComparator(v, c));
  });
}
