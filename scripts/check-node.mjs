// Refuses a Node older than package.json's engines.node (a plain `>=X.Y.Z`), before `npm ci` would install
// dependencies that do not run on it. `node scripts/check-node.mjs [VERSION]` checks VERSION instead of this Node.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const engines =
  JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('../package.json')), 'utf8')).engines?.node ?? '';
const minimum = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(engines);
if (!minimum) {
  console.error(`package.json engines.node must be a plain ">=X.Y.Z", not ${JSON.stringify(engines)}`);
  process.exit(2);
}
const version = (process.argv[2] ?? process.versions.node).replace(/^v/, '');
const have = version.split('.').map(Number);
if (have.some((n) => !Number.isInteger(n))) {
  console.error(`not a Node version: ${version}`);
  process.exit(2);
}
const want = minimum.slice(1).map(Number);
const difference = want.map((w, i) => (have[i] ?? 0) - w).find((d) => d !== 0) ?? 0;
if (difference < 0) {
  console.error(`Node ${version} is older than ${want.join('.')}, the minimum in package.json engines.node`);
  process.exit(1);
}
