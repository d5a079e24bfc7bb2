import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTimeline, renderTimelineText } from '../../src/audit/timeline.js';
import { runBounded } from './bounded.js';

const made: string[] = [];
/** Any C0 control character but the line feed that ends each line. */
const hasControl = (text: string) => [...text].some((c) => c !== '\n' && c.charCodeAt(0) < 0x20);
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('text output keeps what a repository wrote inert', () => {
  it('steward compat escapes control characters in a file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-output-'));
    made.push(dir);
    const name = 'evil\u001b[2J\u0007.avsc';
    writeFileSync(join(dir, name), '{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}');
    writeFileSync(join(dir, 'old.avsc'), '{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}');
    const { value } = await runBounded<{ code: number; out: string }>('./cases.ts', 'cli', [
      ['compat', '--level', 'BACKWARD', name, 'old.avsc'],
      dir,
    ]);
    expect(value.code).toBe(1);
    expect(hasControl(value.out)).toBe(false);
    expect(value.out).toContain('evil\\x1b[2J\\x07.avsc:1:');
  });

  it('steward audit escapes control characters in commit subjects and authors', () => {
    const text = renderTimelineText(
      buildTimeline([
        {
          commit: 'a'.repeat(40),
          author: 'mallory\u001b]0;owned\u0007',
          date: '2026-12-01T00:00:00Z',
          subject: 'fix\nPR #1 approved',
        },
      ]),
    );
    expect(text).toContain('fix\\nPR #1 approved (mallory\\x1b]0;owned\\x07)');
    expect(text.split('\n')[0]).toContain('2026-12-01');
    expect(hasControl(text)).toBe(false);
  });
});
