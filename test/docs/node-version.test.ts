import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { satisfies } from './node-range.js';

const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Manifest {
  name: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const pkg = JSON.parse(read('package.json')) as Manifest;
const minimum = /^>=(\d+\.\d+\.\d+)$/.exec(pkg.engines?.node ?? '')?.[1];

/**
 * Packages that declare a newer Node than they need: the whole suite, integration tests included, runs on Node 20
 * with them. Listed so that a new one fails the test, and checked so that one that no longer needs it is removed.
 */
const declaredNewerThanNeeded = new Set([
  'content-type', // 3.x declares >=22; @octokit/request uses only its parse()
  '@platformatic/dynamic-buffer', // >=22.19, @platformatic/kafka's own helper; kafka itself declares >=20.19.4
  '@platformatic/wasm-utils', // the same
]);

/** The package.json of `name` as Node resolves it from `fromDir`: the nearest node_modules up the tree. */
function resolvePackage(fromDir: string, name: string): { dir: string; manifest: Manifest } | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) {
      return {
        dir: candidate,
        manifest: JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as Manifest,
      };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every installed package the runtime needs (dependencies, and installed optional ones), transitively. */
function runtimePackages(): Map<string, Manifest> {
  const seen = new Map<string, Manifest>();
  const queue: { dir: string; manifest: Manifest }[] = [{ dir: root, manifest: pkg }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { dependencies = {}, optionalDependencies = {} } = next.manifest;
    for (const name of Object.keys({ ...dependencies, ...optionalDependencies })) {
      const found = resolvePackage(next.dir, name);
      if (!found && name in dependencies) throw new Error(`${name} (needed by ${next.manifest.name}) is not installed`);
      if (!found || seen.has(found.dir)) continue;
      seen.set(found.dir, found.manifest);
      queue.push(found);
    }
  }
  return seen;
}

describe('one Node version everywhere', () => {
  it('package.json engines is a plain minimum', () => {
    expect(pkg.engines?.node).toMatch(/^>=\d+\.\d+\.\d+$/);
  });

  it('satisfies every runtime dependency, transitively, and every direct dev dependency', () => {
    const refusing: string[] = [];
    const direct = Object.keys(pkg.devDependencies ?? {}).map((name) => resolvePackage(root, name));
    const packages = [...runtimePackages().values(), ...direct.flatMap((p) => (p ? [p.manifest] : []))];
    for (const manifest of packages) {
      const range = manifest.engines?.node;
      const ok = range === undefined || satisfies(minimum!, range);
      if (ok === declaredNewerThanNeeded.has(manifest.name)) refusing.push(`${manifest.name}: ${range ?? 'any'}`);
    }
    // Empty: every package accepts the minimum, except exactly the listed ones (which still refuse it).
    expect(refusing).toEqual([]);
    expect(packages.length).toBeGreaterThan(50);
  });

  it('is what the README and the docs say', () => {
    const files = ['README.md', ...readdirSync(join(root, 'docs')).map((f) => `docs/${f}`)];
    const said = files.flatMap((file) =>
      [...read(file).matchAll(/Node\s*(?:≥|>=)\s*(\d+(?:\.\d+)*)|Node (\d+(?:\.\d+)+)\+/g)].map((m) => [
        file,
        m[1] ?? m[2],
      ]),
    );
    expect(said.length).toBeGreaterThanOrEqual(2);
    for (const [file, version] of said) expect(version, file).toBe(minimum);
  });

  it('is the major the Action and CI run, and CI refuses an older Node', () => {
    const major = minimum!.split('.')[0];
    expect(/using:\s*node(\d+)/.exec(read('action.yml'))?.[1]).toBe(major);
    expect(read('.ci/run')).toMatch(/^node scripts\/check-node\.mjs$/m);
    const check = (version: string) =>
      spawnSync(process.execPath, [join(root, 'scripts', 'check-node.mjs'), version], { encoding: 'utf8' });
    expect(check(minimum!).status).toBe(0);
    expect(check('22.0.0').status).toBe(0);
    const older = check('20.19.3');
    expect([older.status, older.stderr]).toEqual([
      1,
      `Node 20.19.3 is older than ${minimum}, the minimum in package.json engines.node\n`,
    ]);
    expect(check('twenty').status).toBe(2);
    expect(spawnSync(process.execPath, [join(root, 'scripts', 'check-node.mjs')]).status).toBe(0);
  });
});

describe('satisfies', () => {
  it('reads the forms dependencies use', () => {
    expect(satisfies('20.19.4', '>= 20.19.4 || >= 22.18.0 || >= 24.6.0')).toBe(true);
    expect(satisfies('20.19.3', '>= 20.19.4 || >= 22.18.0')).toBe(false);
    expect(satisfies('20.19.4', '^20.18.1 || >= 22')).toBe(true);
    expect(satisfies('21.0.0', '^20.18.1 || >= 22')).toBe(false);
    expect(satisfies('20.19.4', '>=18.20.0 <20 || >=20.12.1')).toBe(true);
    expect(satisfies('20.1.0', '>=18.20.0 <20 || >=20.12.1')).toBe(false);
    expect(satisfies('20.19.4', '^12.20.0 || ^14.13.1 || >=16.0.0')).toBe(true);
    expect(satisfies('20.19.4', '>=22')).toBe(false);
    expect(satisfies('20.19.4', '20.x')).toBe(true);
    expect(satisfies('20.19.4', '~20.18')).toBe(false);
    expect(satisfies('20.19.4', '*')).toBe(true);
    expect(() => satisfies('20.19.4', '>=twenty')).toThrow('not a version: twenty');
  });
});
