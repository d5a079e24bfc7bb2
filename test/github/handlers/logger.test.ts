import type { Logger as Pino } from 'probot';
import { describe, expect, it, vi } from 'vitest';
import { logger } from '../../../src/github/handlers/logger.js';

function pino() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

describe('logger', () => {
  it('passes each level to pino with the fields first and the message second', () => {
    const log = pino();
    const l = logger(log as unknown as Pino);
    l.debug('d', { a: 1 });
    l.info('i', { b: 2 });
    l.warn('w', { c: 3 });
    l.error('e', { d: 4 });
    expect(log.debug.mock.calls).toEqual([[{ a: 1 }, 'd']]);
    expect(log.info.mock.calls).toEqual([[{ b: 2 }, 'i']]);
    expect(log.warn.mock.calls).toEqual([[{ c: 3 }, 'w']]);
    expect(log.error.mock.calls).toEqual([[{ d: 4 }, 'e']]);
  });

  it('gives pino empty fields when there are none', () => {
    const log = pino();
    const l = logger(log as unknown as Pino);
    l.debug('d');
    l.info('i');
    l.warn('w');
    l.error('e');
    expect([log.debug, log.info, log.warn, log.error].map((f) => f.mock.calls)).toEqual([
      [[{}, 'd']],
      [[{}, 'i']],
      [[{}, 'w']],
      [[{}, 'e']],
    ]);
  });
});
