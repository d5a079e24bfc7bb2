import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { actionsRepositoryUrl, githubRemoteUrl, resolveSiteRepository } from '../../src/cli/site-repository.js';
import { mesh } from '../catalog/helpers.js';

const settings = (extra: object) => ({
  '.github/steward.yml': { apiVersion: 'mesh-steward/v1', kind: 'Settings', ...extra },
});

function gitRepo(origin?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-remote-'));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  if (origin) execFileSync('git', ['remote', 'add', 'origin', origin], { cwd: dir });
  return dir;
}

describe("the repository the site's Request access links open", () => {
  it('reads github.com remotes in https and ssh forms, and nothing else', () => {
    for (const remote of [
      'https://github.com/acme/data-mesh.git',
      'https://github.com/acme/data-mesh',
      'https://x-access-token@github.com/acme/data-mesh.git',
      'git@github.com:acme/data-mesh.git',
      'ssh://git@github.com/acme/data-mesh.git',
    ])
      expect(githubRemoteUrl(remote)).toBe('https://github.com/acme/data-mesh');
    expect(githubRemoteUrl('https://gitlab.com/acme/data-mesh.git')).toBeUndefined();
    expect(githubRemoteUrl('/srv/git/mesh.git')).toBeUndefined();
  });

  it('takes the Actions job repository on its server', () => {
    expect(actionsRepositoryUrl({ GITHUB_REPOSITORY: 'acme/mesh' })).toBe('https://github.com/acme/mesh');
    expect(
      actionsRepositoryUrl({ GITHUB_SERVER_URL: 'https://ghe.acme.example/', GITHUB_REPOSITORY: 'data/mesh' }),
    ).toBe('https://ghe.acme.example/data/mesh');
    expect(actionsRepositoryUrl({})).toBeUndefined();
  });

  it('prefers --repo-url, then Actions, then origin; the branch is the applying one unless --branch says', async () => {
    const applying = loadCatalog(
      mesh(
        settings({
          applyBranch: 'trunk',
          environments: [{ name: 'prod', branch: 'release', kafka: { brokers: 'B' }, registry: { url: 'R' } }],
        }),
      ),
    ).catalog;
    const plain = loadCatalog(mesh()).catalog;
    const withOrigin = gitRepo('git@github.com:acme/from-origin.git');
    expect(await resolveSiteRepository(withOrigin, applying, {}, {})).toEqual({
      url: 'https://github.com/acme/from-origin',
      branch: 'release',
    });
    expect(await resolveSiteRepository(withOrigin, plain, { GITHUB_REPOSITORY: 'acme/job' }, {})).toEqual({
      url: 'https://github.com/acme/job',
      branch: 'main',
    });
    expect(
      await resolveSiteRepository(
        withOrigin,
        plain,
        { GITHUB_REPOSITORY: 'acme/job' },
        {
          repoUrl: 'https://ghe.acme.example/data/mesh',
          branch: 'dev',
        },
      ),
    ).toEqual({ url: 'https://ghe.acme.example/data/mesh', branch: 'dev' });
    const trunk = loadCatalog(mesh(settings({ applyBranch: 'trunk' }))).catalog;
    expect((await resolveSiteRepository(withOrigin, trunk, {}, {}))?.branch).toBe('trunk');
    expect(await resolveSiteRepository(gitRepo(), plain, {}, {})).toBeUndefined();
    await expect(resolveSiteRepository(gitRepo(), plain, {}, { repoUrl: 'javascript:alert(1)' })).rejects.toThrow(
      /--repo-url "javascript:alert\(1\)" is not a repository's web address/,
    );
  });
});
