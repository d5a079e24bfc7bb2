import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every shell line of the README's `sh` blocks that starts the services. */
function servicesLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.flatMap((block) => block.split('\n')).filter((line) => line.includes('services:up'));
}

/**
 * Runs a line in bash with `npm` replaced by a stand-in: `services:up` fails as the real one does (cause on stderr,
 * nothing on stdout, exit 1) or prints the two exports; every other script only records that it ran.
 */
function runWithStandIn(line: string, upFails: boolean): string[] {
  const standIn = `
npm() {
  echo "npm $*" >&3
  case "$*" in
    "run -s services:up")
      if [ "$UP_FAILS" = 1 ]; then echo "services: port 19092 is in use (broker; choose another with STEWARD_SERVICES_BROKER_PORT)" >&2; return 1; fi
      echo "export STEWARD_KAFKA_BROKERS=127.0.0.1:19092"; echo "export STEWARD_REGISTRY_URL=http://127.0.0.1:18081";;
    "run test:integration") echo "integration against $STEWARD_KAFKA_BROKERS" >&3;;
  esac
}
npx() { echo "npx $*" >&3; }
`;
  const result = spawnSync('bash', ['-c', `${standIn}\n{ ${line}\n} 3>&1 1>/dev/null 2>/dev/null`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, UP_FAILS: upFails ? '1' : '0' },
  });
  return result.stdout.trim().split('\n');
}

describe("the README's test lines", () => {
  const lines = servicesLines(readme);

  it('are found (the quick start and the integration section)', () => {
    expect(lines.length).toBe(2);
    expect(lines[0]).toMatch(/^npm run check && /);
  });

  it.each(lines)(
    'stop before the integration tests when services:up fails, and still stop the services: %s',
    (line) => {
      const ran = runWithStandIn(line, true);
      expect(ran).not.toContain('npm run test:integration');
      expect(ran.at(-1)).toBe('npm run services:down');
      expect(ran).toContain('npm run -s services:up');
    },
  );

  it.each(lines)('run the integration tests with the exported variables when services:up succeeds: %s', (line) => {
    const ran = runWithStandIn(line, false);
    expect(ran).toContain('integration against 127.0.0.1:19092');
    expect(ran.at(-1)).toBe('npm run services:down');
  });

  it('tell the old eval "$(…)" form apart: it reaches the integration tests after a failed services:up', () => {
    const old = 'npm run check && eval "$(npm run -s services:up)" && npm run test:integration; npm run services:down';
    expect(runWithStandIn(old, true)).toContain('npm run test:integration');
  });

  it('appear nowhere in the fragile eval "$(npm run -s services:up)" form', () => {
    const docs = readdirSync(join(root, 'docs')).map((f) => join('docs', f));
    for (const file of ['README.md', '.ci/run', 'test/integration/apply-services.ts', ...docs]) {
      expect(readFileSync(join(root, file), 'utf8'), file).not.toContain('eval "$(npm run -s services:up)"');
    }
  });
});
