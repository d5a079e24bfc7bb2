import type { Sla } from './manifest-types.js';

const tierRank: Record<NonNullable<Sla['tier']>, number> = { platinum: 4, gold: 3, silver: 2, bronze: 1 };

/**
 * Seconds in an ISO 8601 duration (years and months at their usual lengths); undefined when it does not parse. A
 * duration names at least one part, and `T` is followed by one: `P` and `PT` are not durations (the manifest
 * schema's pattern agrees).
 */
export function durationSeconds(iso: string): number | undefined {
  const m =
    /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      iso,
    );
  if (!m) return undefined;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  return (
    ((((y ?? 0) * 365 + (mo ?? 0) * 30 + (w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 60 + (mi ?? 0)) * 60 + (s ?? 0)
  );
}

/**
 * Compares two SLAs dimension by dimension. A promise made worse or withdrawn is a downgrade (consumers rely on
 * it); better and none worse is an upgrade; anything else (support channel) is a plain change.
 */
export function compareSla(
  before: Sla | undefined,
  after: Sla | undefined,
): { direction: 'downgrade' | 'upgrade' | 'changed'; details: string[] } {
  const b = before ?? {};
  const a = after ?? {};
  const worse: string[] = [];
  const better: string[] = [];
  const judge = (name: string, x: number | undefined, y: number | undefined, higherIsBetter: boolean) => {
    if (x === y) return;
    if (y === undefined) return void worse.push(`${name} no longer promised`);
    if (x === undefined) return void better.push(`${name} now promised`);
    (y > x === higherIsBetter ? better : worse).push(`${name} ${higherIsBetter === y > x ? 'improves' : 'worsens'}`);
  };
  judge('tier', b.tier && tierRank[b.tier], a.tier && tierRank[a.tier], true);
  judge('availability', b.availability, a.availability, true);
  judge(
    'freshness',
    b.freshness ? durationSeconds(b.freshness) : undefined,
    a.freshness ? durationSeconds(a.freshness) : undefined,
    false,
  );
  judge(
    'latency',
    b.latency ? durationSeconds(b.latency) : undefined,
    a.latency ? durationSeconds(a.latency) : undefined,
    false,
  );
  if (worse.length > 0) return { direction: 'downgrade', details: worse };
  if (better.length > 0) return { direction: 'upgrade', details: better };
  const other = (['support', 'supportHours'] as const).filter((k) => b[k] !== a[k]).map((k) => `${k} changed`);
  return { direction: 'changed', details: other };
}
