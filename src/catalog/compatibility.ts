import type { Compatibility } from './manifest-types.js';

/** What each level promises: B = new readers read old data, F = old readers read new data; T = against all versions. */
const guarantees: Record<Compatibility, readonly string[]> = {
  NONE: [],
  BACKWARD: ['B'],
  BACKWARD_TRANSITIVE: ['B', 'BT'],
  FORWARD: ['F'],
  FORWARD_TRANSITIVE: ['F', 'FT'],
  FULL: ['B', 'F'],
  FULL_TRANSITIVE: ['B', 'F', 'BT', 'FT'],
};

/** True when `to` drops a promise that `from` made (BACKWARD → FORWARD loosens, as does FULL → BACKWARD). */
export function isLoosening(from: Compatibility, to: Compatibility): boolean {
  return guarantees[from].some((g) => !guarantees[to].includes(g));
}

/** True when `level` keeps every promise of `minimum`. */
export function satisfiesLevel(level: Compatibility, minimum: Compatibility): boolean {
  return !isLoosening(minimum, level);
}

/** The level a port uses: its own, else the settings default, else the registry's usual BACKWARD. */
export function effectiveCompatibility(
  own: Compatibility | undefined,
  fallback: Compatibility | undefined,
): Compatibility {
  return own ?? fallback ?? 'BACKWARD';
}
