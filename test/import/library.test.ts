import { describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';

describe('the library', () => {
  it('exports import and adopt for other tools (the drift loop writes live values with adoptLiveState)', () => {
    expect(typeof library.importLiveState).toBe('function');
    expect(typeof library.adoptLiveState).toBe('function');
    expect(typeof library.readLiveState).toBe('function');
    expect(library.editYaml('a: 1\n', [{ kind: 'set', path: ['a'], value: 2 }])).toBe('a: 2\n');
  });
});
