import { describe, expect, it } from 'vitest';
import { compareSla, durationSeconds } from '../../src/catalog/sla.js';

describe('durationSeconds', () => {
  it('reads each unit of an ISO 8601 duration', () => {
    expect(durationSeconds('PT30S')).toBe(30);
    expect(durationSeconds('PT5M')).toBe(300);
    expect(durationSeconds('PT2H')).toBe(7200);
    expect(durationSeconds('P1D')).toBe(86_400);
    expect(durationSeconds('P1W')).toBe(7 * 86_400);
    expect(durationSeconds('P1M')).toBe(30 * 86_400);
    expect(durationSeconds('P1Y')).toBe(365 * 86_400);
  });

  it('adds the parts, and reads fractional seconds', () => {
    expect(durationSeconds('P1DT1H1M1S')).toBe(86_400 + 3600 + 60 + 1);
    expect(durationSeconds('PT0.5S')).toBe(0.5);
  });

  it('is undefined for what does not parse', () => {
    for (const bad of ['', 'P', 'PT', 'P1DT', '5m', 'PT5', 'P1H', 'pt5m', 'PT-5M', 'P1.5D', 'PT5M ']) {
      expect(durationSeconds(bad)).toBeUndefined();
    }
  });
});

describe('compareSla', () => {
  it('calls a worse or withdrawn promise a downgrade, listing only what got worse', () => {
    expect(compareSla({ tier: 'gold', availability: 99.9 }, { tier: 'silver', availability: 99.99 })).toEqual({
      direction: 'downgrade',
      details: ['tier worsens'],
    });
    expect(compareSla({ freshness: 'PT5M' }, {})).toEqual({
      direction: 'downgrade',
      details: ['freshness no longer promised'],
    });
    expect(compareSla({ availability: 99 }, undefined)).toEqual({
      direction: 'downgrade',
      details: ['availability no longer promised'],
    });
  });

  it('takes longer freshness and latency as worse, shorter as better', () => {
    expect(compareSla({ freshness: 'PT5M', latency: 'PT1S' }, { freshness: 'PT1H', latency: 'PT0.5S' })).toEqual({
      direction: 'downgrade',
      details: ['freshness worsens'],
    });
    expect(compareSla({ latency: 'PT2S' }, { latency: 'PT1S' })).toEqual({
      direction: 'upgrade',
      details: ['latency improves'],
    });
  });

  it('compares durations by length, not spelling', () => {
    expect(compareSla({ freshness: 'PT60M' }, { freshness: 'PT1H' })).toEqual({ direction: 'changed', details: [] });
  });

  it('calls better or newly promised, with nothing worse, an upgrade', () => {
    expect(compareSla({ tier: 'bronze' }, { tier: 'platinum', availability: 99.5 })).toEqual({
      direction: 'upgrade',
      details: ['tier improves', 'availability now promised'],
    });
    expect(compareSla(undefined, { tier: 'gold' })).toEqual({ direction: 'upgrade', details: ['tier now promised'] });
  });

  it('lists every dimension that got worse, in order', () => {
    expect(
      compareSla(
        { tier: 'platinum', availability: 99.99, freshness: 'PT1M', latency: 'PT1S' },
        { tier: 'gold', availability: 99.9, freshness: 'PT2M', latency: 'PT2S' },
      ).details,
    ).toEqual(['tier worsens', 'availability worsens', 'freshness worsens', 'latency worsens']);
  });

  it('calls a change of support alone a plain change, naming what changed', () => {
    expect(compareSla({ tier: 'gold', support: '#a' }, { tier: 'gold', support: '#b', supportHours: '24/7' })).toEqual({
      direction: 'changed',
      details: ['support changed', 'supportHours changed'],
    });
    expect(compareSla(undefined, undefined)).toEqual({ direction: 'changed', details: [] });
  });
});
