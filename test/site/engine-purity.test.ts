import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// src/site is engine (STYLE.md): it returns files as data and never touches the file system or a shell.
const dir = join(import.meta.dirname, '..', '..', 'src', 'site');

describe('src/site', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.ts')))('%s imports no I/O module and no shell', (file) => {
    const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
    const offending = imports.filter(
      (m) =>
        /^(node:)?(fs|child_process|http|https|net|tls|readline)(\/|$)/.test(m) || /\/(cli|github|apply)\//.test(m),
    );
    expect(offending).toEqual([]);
  });
});
