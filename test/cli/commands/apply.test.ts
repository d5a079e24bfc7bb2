import { describe, expect, it } from 'vitest';
import { repoWithCase } from '../../helpers/fixtures.js';
import { steward } from '../../helpers/cli.js';

describe('steward plan / apply / drift without a cluster', () => {
  it('refuses to act on a catalog with errors', async () => {
    const result = await steward([
      'apply',
      repoWithCase('schema-missing'),
      '--brokers',
      '127.0.0.1:1',
      '--registry',
      'http://127.0.0.1:1',
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('SCHEMA_FILE_MISSING');
    expect(result.err).toContain('nothing was planned or applied');
  });

  it.each(['plan', 'apply', 'drift'])('%s needs a cluster: usage error without brokers', async (command) => {
    const result = await steward([command, repoWithCase()]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('pass --brokers or set STEWARD_KAFKA_BROKERS');
  });

  it('rejects a replication override that is not a positive integer', async () => {
    const result = await steward(['plan', repoWithCase(), '--replication-factor', 'zero']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('not a positive integer');
  });
});
