import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const modeline = /^# yaml-language-server: \$schema=(\S+)\s*$/m;

/** The schema each kind of manifest is validated by, from the file's name and place. */
function schemaFor(path: string): string | undefined {
  if (path === '.github/steward.yml') return 'schemas/settings.v1.schema.json';
  if (path.startsWith('rules/') && /\.ya?ml$/.test(path)) return 'schemas/rules.v1.schema.json';
  if (path.startsWith('catalog/') && path.endsWith('/product.yaml')) return 'schemas/product.v1.schema.json';
  if (path.startsWith('catalog/') && path.endsWith('/domain.yaml')) return 'schemas/domain.v1.schema.json';
  return undefined;
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f));
}

const manifests = ['.github/steward.yml', ...filesUnder('rules'), ...filesUnder('catalog')].filter(schemaFor);

/** Where a modeline's path leads, from the manifest's folder, as a repository path. */
const target = (manifest: string, path: string) => relative(root, resolve(root, dirname(manifest), path));

describe('editor modelines', () => {
  it('cover the example catalog, rules and settings', () => {
    expect(manifests.filter((m) => m.endsWith('product.yaml')).length).toBeGreaterThan(10);
    expect(manifests.filter((m) => m.endsWith('domain.yaml')).length).toBeGreaterThan(5);
  });

  it.each(manifests)('%s names the schema of its kind, at a path that exists', (manifest) => {
    const line = modeline.exec(readFileSync(join(root, manifest), 'utf8'));
    expect(line, `${manifest} has no modeline`).not.toBeNull();
    const path = line![1]!;
    expect(target(manifest, path)).toBe(schemaFor(manifest));
    expect(existsSync(join(root, target(manifest, path)))).toBe(true);
  });

  it('are shown right in every example the docs give', () => {
    const examples = ['README.md', 'docs/manifest.md'].flatMap((file) =>
      [
        ...readFileSync(join(root, file), 'utf8').matchAll(
          /`([\w./-]+\.ya?ml)`[^`\n]*`((?:\.\.\/)+schemas\/[\w.-]+)`/g,
        ),
      ].map((m) => ({ file, manifest: m[1]!, path: m[2]! })),
    );
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const { file, manifest, path } of examples) {
      expect(target(manifest, path), `${file}: ${manifest}`).toBe(schemaFor(manifest));
    }
  });

  it('would catch a path one level off', () => {
    const manifest = 'catalog/commerce/sales/orders/product.yaml';
    expect(target(manifest, '../../../schemas/product.v1.schema.json')).not.toBe(schemaFor(manifest));
  });
});
