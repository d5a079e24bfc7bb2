import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { readSearchLibraryFiles } from '../src/cli/commands/site.js';

/**
 * The Action's committed bundle: src/github/action-main.ts and every dependency in one ESM file for Node 20, so a
 * workflow run starts it with the runner's own Node, without `npm ci` or a build. `build` writes it;
 * `check` rebuilds it to a temporary file and fails when the committed one differs (CI runs it).
 */
const root = join(import.meta.dirname, '..');
export const bundlePath = join(root, 'dist-action', 'index.js');

async function bundle(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(root, 'src', 'github', 'action-main.ts')],
    outfile,
    bundle: true,
    absWorkingDir: root,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'eof',
    logLevel: 'warning',
    // The Kafka client's wasm helpers read native.wasm beside their module; the bundled build embeds it.
    alias: { '@platformatic/wasm-utils': '@platformatic/wasm-utils/bundled' },
    // Mode site copies the search library into the site; the bundle has no node_modules to read it from.
    define: { __STEWARD_SEARCH_LIBRARY__: JSON.stringify(readSearchLibraryFiles()) },
    // CommonJS dependencies inside an ES module still call require.
    banner: {
      js: "import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);",
    },
  });
}

async function check(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'steward-action-'));
  try {
    const fresh = join(dir, 'index.js');
    await bundle(fresh);
    let committed: Buffer | undefined;
    try {
      committed = readFileSync(bundlePath);
    } catch {
      committed = undefined;
    }
    if (committed?.equals(readFileSync(fresh))) return 0;
    console.error('dist-action/index.js is stale: run npm run build:action and commit the result.');
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const command = process.argv[2];
if (command === 'build') await bundle(bundlePath);
else if (command === 'check') process.exitCode = await check();
else {
  console.error('usage: build-action.ts build|check');
  process.exitCode = 2;
}
