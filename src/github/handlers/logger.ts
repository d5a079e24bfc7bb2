import type { Logger as Pino } from 'probot';
import type { Logger } from '../../core/logger.js';

/** Probot's pino logger behind the engine's logger interface (pino takes the fields first). */
export function logger(log: Pino): Logger {
  return {
    debug: (message, fields) => log.debug(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
}
