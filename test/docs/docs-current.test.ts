import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const docs = ['README.md', 'catalog/README.md', ...readdirSync(join(root, 'docs')).map((f) => `docs/${f}`)];

describe('the docs describe what exists', () => {
  it.each(docs)('%s promises nothing for later', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const stale = text
      .split('\n')
      .map((line, i) => ({ line: i + 1, text: line }))
      .filter(({ text }) =>
        /later milestone|not yet (implemented|supported|available)|\bTODO\b|coming soon|planned for|in a future/i.test(
          text,
        ),
      );
    expect(stale).toEqual([]);
  });
});
