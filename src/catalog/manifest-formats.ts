import { calendarDateProblem } from './validate-values.js';

/**
 * The string formats the manifest schemas use beyond JSON Schema's own. The compiled validators
 * (src/catalog/generated/manifest-validators.ts) call these by name, and tools/build-validators.ts compiles with them.
 */
export const manifestFormats = {
  date: { type: 'string', validate: (text: string): boolean => calendarDateProblem(text) === undefined },
} as const;
