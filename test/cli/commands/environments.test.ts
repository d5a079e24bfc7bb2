import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { steward } from '../../helpers/cli.js';

// Issue 14, environments: plan, apply and drift take --env NAME from .github/steward.yml.
const root = join(import.meta.dirname, '..', '..', '..');

describe('steward plan / apply / drift --env', () => {
  it.each(['plan', 'apply', 'drift'])(
    '%s: an unknown environment is a usage error listing those there are',
    async (command) => {
      const result = await steward([command, root, '--env', 'prdo']);
      expect(result.code).toBe(2);
      expect(result.err).toBe(
        'steward: No environment "prdo" in .github/steward.yml (did you mean "prod"?); it declares: local, staging, prod.\n',
      );
    },
  );

  it('a declared environment reads the variables it names: unset, the error names the variable', async () => {
    const result = await steward(['drift', root, '--env', 'local']);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      'Environment local reads its Kafka brokers from $STEWARD_LOCAL_KAFKA_BROKERS, which is not set;',
    );
  });

  it('without --env, the STEWARD_* variables are the implicit environment, as before', async () => {
    const result = await steward(['plan', root]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('pass --brokers or set STEWARD_KAFKA_BROKERS');
  });

  it.each(['plan', 'apply', 'drift'])('%s --help explains --env and the implicit environment', async (command) => {
    const { out } = await steward([command, '--help']);
    expect(out).toContain('--env <name>');
    expect(out).toContain('"replication 1 (override: environment local)"');
    expect(out).toMatch(/--replication-factor <n>\s+deprecated:/);
    expect(out).toContain('--env');
  });

  it('drift --help says exit 3 names the environment', async () => {
    const { out } = await steward(['drift', '--help']);
    expect(out).toContain('3  drift found: the output names the environment');
    expect(out).toContain('$ steward drift --env prod --format json');
  });
});
