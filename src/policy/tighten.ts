import type { TightenResult } from './rule-types.js';

type Params = Readonly<Record<string, unknown>>;

/**
 * Builders for `RuleDefinition.tighten`, one per kind of parameter. Each keeps the stricter of the inherited value
 * and the override, and reports an override that would loosen.
 */
export const tighteners = {
  /** A lower bound: an override may raise it. */
  min: (key: string, toNumber: (v: unknown) => number | undefined = asNumber) =>
    pick(key, (inherited, override) => (toNumber(override) ?? -Infinity) >= (toNumber(inherited) ?? -Infinity)),
  /** An upper bound: an override may lower it. */
  max: (key: string, toNumber: (v: unknown) => number | undefined = asNumber) =>
    pick(key, (inherited, override) => (toNumber(override) ?? Infinity) <= (toNumber(inherited) ?? Infinity)),
  /** A permission: an override may withdraw it (true → false). */
  allow: (key: string) => pick(key, (inherited, override) => !(override === true && inherited !== true)),
  /** A list of requirements: an override adds to it, never removes. */
  union:
    (key: string) =>
    (inherited: Params, override: Params): TightenResult => {
      if (!(key in override)) return { params: inherited, loosened: [] };
      const merged = [...new Set([...asList(inherited[key]), ...asList(override[key])])];
      return { params: { ...inherited, [key]: merged }, loosened: [] };
    },
  /** A value judged by `stricterOrEqual(inherited, override)`. */
  ordered: (key: string, stricterOrEqual: (inherited: unknown, override: unknown) => boolean) =>
    pick(key, (i, o) => stricterOrEqual(i, o)),
};

function pick(key: string, allowed: (inherited: unknown, override: unknown) => boolean) {
  return (inherited: Params, override: Params): TightenResult => {
    if (!(key in override)) return { params: inherited, loosened: [] };
    if (inherited[key] === undefined || allowed(inherited[key], override[key]))
      return { params: { ...inherited, [key]: override[key] }, loosened: [] };
    return { params: inherited, loosened: [key] };
  };
}

/** Runs several tighteners in turn. */
export function tightenAll(...steps: ((inherited: Params, override: Params) => TightenResult)[]) {
  return (inherited: Params, override: Params): TightenResult => {
    let params = inherited;
    const loosened: string[] = [];
    for (const step of steps) {
      const result = step(params, override);
      params = result.params;
      loosened.push(...result.loosened);
    }
    return { params, loosened };
  };
}

function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}
