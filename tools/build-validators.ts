import { readFileSync, writeFileSync } from 'node:fs';
import { validatorsPath, validatorsSource } from './validators-source.js';

/** `build` writes src/catalog/generated/manifest-validators.ts; `check` fails when the committed one differs. */
function check(): number {
  let committed: string | undefined;
  try {
    committed = readFileSync(validatorsPath, 'utf8');
  } catch {
    committed = undefined;
  }
  if (committed === validatorsSource()) return 0;
  console.error(
    'src/catalog/generated/manifest-validators.ts is stale: run npm run build:validators and commit the result.',
  );
  return 1;
}

const command = process.argv[2];
if (command === 'build') writeFileSync(validatorsPath, validatorsSource());
else if (command === 'check') process.exitCode = check();
else if (command !== undefined) {
  console.error('usage: build-validators.ts build|check');
  process.exitCode = 2;
}
