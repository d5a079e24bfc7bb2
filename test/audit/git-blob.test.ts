import { describe, expect, it } from 'vitest';
import { gitBlobSha } from '../../src/audit/git-blob.js';

describe('gitBlobSha', () => {
  it('gives the ids `git hash-object` gives', () => {
    expect(gitBlobSha('')).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    expect(gitBlobSha('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('counts the header length in UTF-8 bytes, not characters', () => {
    expect(gitBlobSha('h\u00e9llo\n')).toBe('5fb50d3c93474f139362304b663fe44e9d17a26e');
  });
});
