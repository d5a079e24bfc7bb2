import { describe, expect, it } from 'vitest';
import { calendarDateProblem } from '../../src/catalog/validate-values.js';

describe('calendarDateProblem', () => {
  it.each([
    ['2024-02-29', undefined],
    ['2000-02-29', undefined],
    ['2023-02-29', 'has day 29, and 2023-02 has 28 days'],
    ['2100-02-29', 'has day 29, and 2100-02 has 28 days'],
    ['2026-04-31', 'has day 31, and 2026-04 has 30 days'],
    ['2026-00-10', 'has month 00, and months run from 01 to 12'],
    ['2026-1-10', 'is not a date of the form YYYY-MM-DD'],
    ['2026-01-01T00:00:00Z', 'is not a date of the form YYYY-MM-DD'],
  ])('%s', (text, problem) => {
    expect(calendarDateProblem(text)).toBe(problem);
  });
});
