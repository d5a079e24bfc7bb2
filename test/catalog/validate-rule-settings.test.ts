import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import type { SourceEntry } from '../../src/core/source.js';
import { fixturesDir } from '../helpers/fixtures.js';

const RULES = 'rules/global.yaml';
const DOMAIN = 'catalog/commerce/domain.yaml';

/** The base fixture with text appended to files; the findings as (ruleId, path, line). */
async function findingsWith(appended: Record<string, string>) {
  const tree = new Map<string, SourceEntry>(await readDirectorySource(join(fixturesDir, 'validate', 'base')));
  for (const [path, text] of Object.entries(appended)) {
    const entry = tree.get(path);
    const before = entry?.kind === 'file' ? Buffer.from(entry.content).toString('utf8') : '';
    tree.set(path, { kind: 'file', content: before + text });
  }
  return loadCatalog(tree).findings.map((f) => [f.ruleId, f.location.path, f.location.line]);
}

describe('bounds a domain empties by tightening', () => {
  it('reports a domain min raised above the max of rules/ on the domain line', async () => {
    const findings = await findingsWith({
      [RULES]: '  PARTITION_BOUNDS: { min: 1, max: 64 }\n',
      [DOMAIN]: 'rules:\n  PARTITION_BOUNDS:\n    min: 100\n',
    });
    expect(findings).toEqual([['RULE_BOUNDS_INVERTED', DOMAIN, 8]]);
  });

  it('reports a domain max lowered below the min of rules/', async () => {
    const findings = await findingsWith({
      [RULES]: '  RETENTION_BOUNDS: { min: P7D }\n',
      [DOMAIN]: 'rules:\n  RETENTION_BOUNDS:\n    max: P1D\n',
    });
    expect(findings).toEqual([['RULE_BOUNDS_INVERTED', DOMAIN, 8]]);
  });

  it('accepts a domain that tightens within the inherited range, or tries to loosen it', async () => {
    const findings = await findingsWith({
      [RULES]: '  REPLICATION_BOUNDS: { min: 2, max: 5 }\n',
      [DOMAIN]: 'rules:\n  REPLICATION_BOUNDS:\n    min: 3\n    max: 9\n',
    });
    expect(findings).toEqual([]);
  });
});
