import { describe, expect, it } from 'vitest';
import { decodeSource, LineIndex, maxFileBytes } from '../../src/core/source.js';

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeSource', () => {
  it('decodes UTF-8 and drops a leading BOM, from bytes or a string', () => {
    expect(decodeSource(utf8('\ufeffhé'))).toEqual({ ok: true, text: 'hé' });
    expect(decodeSource(utf8('a\ufeff'))).toEqual({ ok: true, text: 'a\ufeff' });
    expect(decodeSource('\ufeffx')).toEqual({ ok: true, text: 'x' });
    expect(decodeSource('x\ufeff')).toEqual({ ok: true, text: 'x\ufeff' });
    expect(decodeSource('')).toEqual({ ok: true, text: '' });
  });

  it.each([
    ['a stray continuation byte', bytes(0x61, 0x80), 1],
    ['an overlong lead byte', bytes(0x61, 0x62, 0xc0, 0x80), 2],
    ['a truncated sequence', bytes(0x61, 0xe2, 0x82), 1],
    ['a lead byte followed by ASCII', bytes(0xc3, 0x41), 0],
    ['a lead byte above U+10FFFF', bytes(0x61, 0xf5, 0x80, 0x80, 0x80), 1],
    ['an invalid byte after a valid 4-byte sequence', bytes(0xf0, 0x9f, 0x98, 0x80, 0xff), 4],
  ])('reports the offset of %s', (_, content, byteOffset) => {
    expect(decodeSource(content)).toEqual({ ok: false, byteOffset });
  });

  it('bounds files at 1 MiB', () => {
    expect(maxFileBytes).toBe(1_048_576);
  });
});

describe('LineIndex', () => {
  const lines = new LineIndex('a.yaml', 'ab\ncd\n\nef');

  it('gives 1-based lines and columns', () => {
    expect(lines.position(0)).toEqual({ line: 1, column: 1 });
    expect(lines.position(2)).toEqual({ line: 1, column: 3 });
    expect(lines.position(3)).toEqual({ line: 2, column: 1 });
    expect(lines.position(6)).toEqual({ line: 3, column: 1 });
    expect(lines.position(8)).toEqual({ line: 4, column: 2 });
    expect(lines.position(100)).toEqual({ line: 4, column: 94 });
  });

  it('makes locations with or without an end', () => {
    expect(lines.location(4)).toEqual({ path: 'a.yaml', line: 2, column: 2 });
    expect(lines.location(1, 8)).toEqual({ path: 'a.yaml', line: 1, column: 2, endLine: 4, endColumn: 2 });
  });

  it('counts lines of many thousand lines correctly', () => {
    const big = new LineIndex('b', 'x\n'.repeat(5000));
    expect(big.position(2 * 4321 + 1)).toEqual({ line: 4322, column: 2 });
  });

  it('finds the line of a byte offset in undecodable content', () => {
    const content = bytes(0x61, 0x0a, 0x62, 0x63, 0x0a, 0xff);
    expect(LineIndex.lineOfByte(content, 5)).toEqual({ line: 3, column: 1 });
    expect(LineIndex.lineOfByte(content, 3)).toEqual({ line: 2, column: 2 });
    expect(LineIndex.lineOfByte(content, 0)).toEqual({ line: 1, column: 1 });
    expect(LineIndex.lineOfByte(content, 50)).toEqual({ line: 3, column: 46 });
  });
});
