import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { branchNameProblem } from '../../src/catalog/branch-name.js';

describe('branchNameProblem agrees with `git check-ref-format --branch`', () => {
  const names = [
    'main',
    'release/2026.1',
    'a@b',
    'é',
    '{x}',
    '#x',
    'refs/heads/main',
    'HEAD',
    '-x',
    'a b',
    'a\tb',
    'main\nevil',
    'a\u007fb',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    '[a',
    'a\\b',
    'a..b',
    'x@{y',
    '@{',
    '.x',
    'x/.y',
    'a/',
    '/a',
    'a//b',
    'a.',
    'foo.lock',
    'a.lock/b',
  ];
  it.each(names)('%j', (name) => {
    const git = spawnSync('git', ['check-ref-format', '--branch', name], { encoding: 'utf8' });
    expect(git.error).toBeUndefined();
    expect(branchNameProblem(name) === undefined).toBe(git.status === 0);
  });

  it('also refuses `@`, which git reads as HEAD', () => {
    expect(branchNameProblem('@')).toBe('is `@`, which git reserves');
  });
});
