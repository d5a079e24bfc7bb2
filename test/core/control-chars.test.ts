import { describe, expect, it } from 'vitest';
import { escapeControlChars } from '../../src/core/control-chars.js';

describe('escapeControlChars', () => {
  it('leaves ordinary text alone, including non-ASCII letters', () => {
    expect(escapeControlChars('Order v2 — café ✓')).toBe('Order v2 — café ✓');
  });

  it('names newline, carriage return and tab', () => {
    expect(escapeControlChars('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
  });

  it('writes other C0, DEL and C1 characters as \\x escapes', () => {
    expect(escapeControlChars('\u0000\u001b[31m\u007f\u0085\u009f')).toBe('\\x00\\x1b[31m\\x7f\\x85\\x9f');
  });

  it('writes line separators and bidirectional controls as \\u escapes', () => {
    expect(escapeControlChars('a\u2028b\u2029c\u202ed\u2066e\u2069')).toBe('a\\u2028b\\u2029c\\u202ed\\u2066e\\u2069');
    expect(escapeControlChars('\u202a\u200f')).toBe('\\u202a\u200f');
  });

  it('passes the characters in keep through', () => {
    expect(escapeControlChars('a\nb\tc\u001b', '\n\t')).toBe('a\nb\tc\\x1b');
  });

  it('escapes every occurrence', () => {
    expect(escapeControlChars('\n\n\n')).toBe('\\n\\n\\n');
  });
});
