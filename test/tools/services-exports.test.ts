import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentVariables, resolveEnvironment } from '../../src/catalog/environments.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { exportLines } from '../../tools/services/exports.js';

const root = join(import.meta.dirname, '..', '..');

describe('what services:up prints', () => {
  it('exports the implicit environment and exactly the variables the example `local` environment reads', async () => {
    const text = exportLines('127.0.0.1:41092', 'http://127.0.0.1:41081/apis/ccompat/v7');
    expect(text).toBe(
      [
        'export STEWARD_KAFKA_BROKERS=127.0.0.1:41092',
        'export STEWARD_REGISTRY_URL=http://127.0.0.1:41081/apis/ccompat/v7',
        'export STEWARD_LOCAL_KAFKA_BROKERS=127.0.0.1:41092',
        'export STEWARD_LOCAL_REGISTRY_URL=http://127.0.0.1:41081/apis/ccompat/v7',
        '',
      ].join('\n'),
    );
    const { catalog } = loadCatalog(await readDirectorySource(root));
    const local = resolveEnvironment(catalog.settings, 'local');
    const exported = [...text.matchAll(/^export (\w+)=/gm)].map((m) => m[1]);
    for (const variable of environmentVariables(local)) expect(exported).toContain(variable);
  });
});
