import type { Location } from './findings.js';

/**
 * One entry of a source tree, as any provider (filesystem, git commit, GitHub API) reports it. Providers do not
 * follow symlinks, open only regular files and do not read files above `maxFileBytes`: they report them, and the
 * loader turns them into findings, so a hostile tree can never make a provider read outside the repository or load
 * a huge blob. Entries are plain data: a provider has read every file before it hands the tree over, so loading
 * does no I/O and never fails on a read.
 */
export type SourceEntry =
  | { readonly kind: 'file'; readonly content: string | Uint8Array }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'oversize'; readonly size: number }
  /**
   * Something other than the regular file its path names: a folder called `product.yaml`, a FIFO (which would block
   * whoever opened it), a socket or a device; or a file where a folder belongs (`catalog`). Never opened.
   */
  | { readonly kind: 'not-regular'; readonly type: EntryType };

/** What a path that should have been a regular file (or, for `catalog` and `rules`, a folder) turned out to be. */
export type EntryType = 'directory' | 'file' | 'fifo' | 'socket' | 'device';

/** Repository-relative `/`-separated path → entry. The same map serves a directory, a git commit and GitHub. */
export type SourceTree = ReadonlyMap<string, SourceEntry>;

/**
 * A path that differs between two trees, as every provider reports it (git, GitHub's compare, two trees side by
 * side). A rename is a deletion plus an addition, so each side's path is listed under the tree it belongs to.
 */
export interface ChangedPath {
  readonly status: 'added' | 'modified' | 'deleted';
  readonly path: string;
}

/** Files above this size are reported, not parsed: no manifest or schema needs 1 MiB. */
export const maxFileBytes = 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; byteOffset: number };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 strictly, dropping a leading BOM. Reports the offset of the first invalid byte. */
export function decodeSource(content: string | Uint8Array): DecodeResult {
  if (typeof content === 'string') {
    return { ok: true, text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
  }
  try {
    return { ok: true, text: utf8.decode(content) };
  } catch {
    return { ok: false, byteOffset: firstInvalidUtf8(content) };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += extra + 1;
  }
  return i;
}

/** Converts UTF-16 offsets of one text into 1-based line and column; built once per file, queried in O(log n). */
export class LineIndex {
  private readonly starts: number[];

  constructor(
    readonly path: string,
    text: string,
  ) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }

  location(start: number, end?: number): Location {
    const s = this.position(start);
    if (end === undefined) return { path: this.path, ...s };
    const e = this.position(end);
    return { path: this.path, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }

  /** Line of a byte offset in undecodable content: counts newline bytes up to it. */
  static lineOfByte(bytes: Uint8Array, byteOffset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < byteOffset && i < bytes.length; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: byteOffset - lineStart + 1 };
  }
}
