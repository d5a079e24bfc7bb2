import type { Catalog } from '../catalog/model.js';
import { repositoryWebUrl, type RepositoryRef } from '../site/input-port-draft.js';
import { git } from './git/run.js';
import { UsageError } from './io.js';

export interface RepositoryFlags {
  readonly repoUrl?: string;
  readonly branch?: string;
}

/**
 * Where the site's "Request access" links open a pull request: `--repo-url`, else the Actions job's repository
 * (GITHUB_SERVER_URL + GITHUB_REPOSITORY), else the `origin` remote when it is on github.com (https or ssh form);
 * undefined when none is known (the pages then show snippets and commands only, and say so). The branch is
 * `--branch`, else the applying branch: the first environment's `branch`, the settings' `applyBranch`, or `main`.
 */
export async function resolveSiteRepository(
  root: string,
  catalog: Catalog,
  env: Readonly<Record<string, string | undefined>>,
  flags: RepositoryFlags,
): Promise<RepositoryRef | undefined> {
  const branch = flags.branch ?? applyingBranch(catalog);
  if (flags.repoUrl !== undefined) {
    const url = repositoryWebUrl(flags.repoUrl);
    if (url === undefined)
      throw new UsageError(
        `--repo-url "${flags.repoUrl}" is not a repository's web address; give it as https://github.com/OWNER/REPO.`,
      );
    return { url, branch };
  }
  const fromActions = actionsRepositoryUrl(env);
  if (fromActions !== undefined) return { url: fromActions, branch };
  const origin = await git(root, ['remote', 'get-url', 'origin'], { trim: true }).catch(() => undefined);
  const url = origin === undefined ? undefined : githubRemoteUrl(origin);
  return url === undefined ? undefined : { url, branch };
}

export function actionsRepositoryUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const repository = env['GITHUB_REPOSITORY']?.trim();
  if (!repository) return undefined;
  const server = env['GITHUB_SERVER_URL']?.trim() || 'https://github.com';
  return repositoryWebUrl(`${server.replace(/\/+$/, '')}/${repository}`);
}

/** A github.com remote as its web URL: `https://github.com/o/r(.git)`, `git@github.com:o/r.git`, `ssh://…`. */
export function githubRemoteUrl(remote: string): string | undefined {
  const match =
    /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com(?::\d+)?\/)([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(
      remote.trim(),
    );
  return match ? `https://github.com/${match[1]}/${match[2]}` : undefined;
}

function applyingBranch(catalog: Catalog): string {
  const settings = catalog.settings?.manifest;
  return settings?.environments?.find((e) => e.branch !== undefined)?.branch ?? settings?.applyBranch ?? 'main';
}
