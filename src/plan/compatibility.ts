import type { Compatibility } from '../catalog/manifest-types.js';

const directions: Record<Compatibility, readonly string[]> = {
  NONE: [],
  BACKWARD: ['backward'],
  BACKWARD_TRANSITIVE: ['backward'],
  FORWARD: ['forward'],
  FORWARD_TRANSITIVE: ['forward'],
  FULL: ['backward', 'forward'],
  FULL_TRANSITIVE: ['backward', 'forward'],
};

/**
 * True when `to` checks at least everything `from` checks (same or more directions, and transitive whenever
 * `from` is). Moving to such a level is tightening: the registry must accept the new schema under the old level
 * first. Anything else loosens (or moves sideways) and must come before the registration it permits.
 */
export function isTightening(from: Compatibility | undefined, to: Compatibility): boolean {
  if (from === undefined) return true;
  const covers = directions[from].every((d) => directions[to].includes(d));
  const transitive = !from.endsWith('_TRANSITIVE') || to.endsWith('_TRANSITIVE') || from === 'NONE';
  return covers && transitive;
}
