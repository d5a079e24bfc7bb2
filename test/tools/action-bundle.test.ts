import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 13, point 4: the Action runs from its committed bundle, without npm ci, and the bundle is never stale.
const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist-action', 'index.js');

describe('the bundled Action', () => {
  it('action.yml runs the committed bundle on node20, with no setup step', () => {
    const yml = readFileSync(join(root, 'action.yml'), 'utf8');
    expect(yml).toMatch(/\n {2}using: node20\n {2}main: dist-action\/index\.js\n/);
    const steps = yml.replace(/#.*$/gm, '');
    expect(steps).not.toMatch(/setup-node|npm ci|composite/);
  });

  it('starts alone, with no node_modules beside it, and fails readably without a token', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-bundle-'));
    try {
      copyFileSync(bundle, join(dir, 'index.js'));
      const started = Date.now();
      const run = spawnSync(process.execPath, ['index.js'], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe(
        '::error title=Mesh Steward::GITHUB_TOKEN (or the token input), GITHUB_EVENT_NAME and GITHUB_EVENT_PATH must be set.\n',
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the catalog site in mode site, search library included, with no node_modules beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-bundle-site-'));
    try {
      copyFileSync(bundle, join(dir, 'index.js'));
      const workspace = join(dir, 'workspace');
      for (const path of ['catalog', 'rules', '.github'])
        cpSync(join(root, path), join(workspace, path), { recursive: true });
      const run = spawnSync(process.execPath, ['index.js'], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', INPUT_MODE: 'site', GITHUB_WORKSPACE: workspace },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const library = readFileSync(join(workspace, 'site', 'assets', 'minisearch.js'), 'utf8');
      expect(library).toContain('MiniSearch');
      expect(readFileSync(join(workspace, 'site', 'index.html'), 'utf8')).toContain('type="search"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what npm run build:action makes of the sources today', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'tools/build-action.ts', 'check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).toBe('');
  });
});
