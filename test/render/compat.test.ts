import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import { renderCompatJson, renderCompatText } from '../../src/render/compat.js';
import { findingsToJson, renderFindingsText } from '../../src/render/findings.js';
import type { CompatibilityResult } from '../../src/schema/compat-check.js';

const finding: Finding = {
  ruleId: 'READER_FIELD_MISSING_DEFAULT_VALUE',
  severity: 'error',
  message: 'Field "id"\nwas removed.',
  location: { path: 'new.avsc', line: 3, column: 5, endLine: 3, endColumn: 9 },
  previousLocation: { path: 'old.avsc', line: 4, column: 5 },
};
const result = { status: 'incompatible', level: 'BACKWARD', findings: [finding] } as unknown as CompatibilityResult;

describe('steward compat renders findings as every command does', () => {
  it('prints the same finding lines as validate and check, then the verdict', () => {
    const shared = renderFindingsText([finding]).split('\n')[0];
    expect(renderCompatText(result)).toBe(`${shared}\nincompatible (BACKWARD)\n`);
    expect(shared).toBe(
      'new.avsc:3:5: error READER_FIELD_MISSING_DEFAULT_VALUE Field "id"\\nwas removed. (previously old.avsc:4:5)',
    );
  });

  it('gives findings in the shared JSON shape, end positions left out', () => {
    const json = JSON.parse(renderCompatJson(result)) as { compatible: boolean; findings: unknown[] };
    expect(json.compatible).toBe(false);
    expect(json.findings).toEqual(findingsToJson([finding]));
    expect(json.findings[0]).toEqual({
      ruleId: 'READER_FIELD_MISSING_DEFAULT_VALUE',
      severity: 'error',
      message: 'Field "id"\nwas removed.',
      location: { path: 'new.avsc', line: 3, column: 5 },
      previousLocation: { path: 'old.avsc', line: 4, column: 5 },
    });
  });
});
