import { join, posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/model.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { desiredState } from '../../src/plan/desired.js';
import { buildSiteModel } from '../../src/site/model.js';
import { relativeHref } from '../../src/site/paths.js';
import { mesh, port, product, record } from '../catalog/helpers.js';

const repoRoot = join(import.meta.dirname, '..', '..');

/** Every live port's values as the site shows them, next to the values `desiredState` plans for its topic. */
function siteAndPlan(catalog: Catalog) {
  const desired = desiredState(catalog);
  const topics = new Map(desired.topics.map((t) => [t.name, t]));
  const subjects = new Map(desired.subjects.map((s) => [s.subject, s]));
  const model = buildSiteModel(catalog);
  const pairs = [...model.ports.values()].flat().flatMap((view) => {
    if (view.retired) return [];
    const topic = topics.get(view.manifest.topic);
    const subject = subjects.get(`${view.manifest.topic}-value`);
    const shown = {
      partitions: view.partitions,
      replicationFactor: view.replicationFactor,
      configs: view.configs,
      compatibility: view.compatibility,
    };
    const planned = {
      partitions: topic?.partitions,
      replicationFactor: topic?.replicationFactor,
      configs: topic?.configs,
      compatibility: subject?.compatibility,
    };
    return [{ topic: view.manifest.topic, shown, planned }];
  });
  return { pairs, planned: desired.topics.length };
}

describe("the site's port values", () => {
  it('are the values desiredState plans, for every port of the example catalog', async () => {
    const { catalog, findings } = loadCatalog(await readDirectorySource(repoRoot));
    expect(findings).toEqual([]);
    const { pairs, planned } = siteAndPlan(catalog);
    expect(pairs.length).toBe(planned);
    expect(pairs.length).toBeGreaterThan(10);
    for (const { shown, planned } of pairs) expect(shown).toEqual(planned);
  });

  it("are the plan's with the settings' defaults, and with what a port leaves out or sets itself", () => {
    const { catalog } = loadCatalog(
      mesh({
        '.github/steward.yml': {
          apiVersion: 'mesh-steward/v1',
          kind: 'Settings',
          defaults: { partitions: 12, replicationFactor: 2, compatibility: 'FULL' },
        },
        'catalog/commerce/billing/product.yaml': product('billing', {
          owners: { accountable: ['@acme/billing'] },
          outputPorts: [
            port('billing-v1', 'commerce.billing.v1', {
              partitions: 3,
              compatibility: 'NONE',
              configs: { 'retention.ms': 1000, 'cleanup.policy': 'compact' },
            }),
          ],
        }),
        'catalog/commerce/billing/schemas/value.avsc': record('Bill'),
      }),
    );
    const { pairs } = siteAndPlan(catalog);
    expect(pairs.map((p) => p.topic).sort()).toEqual(['commerce.billing.v1', 'commerce.orders.v1']);
    for (const { shown, planned } of pairs) expect(shown).toEqual(planned);
    expect(pairs.find((p) => p.topic === 'commerce.orders.v1')?.shown).toMatchObject({
      partitions: 12,
      replicationFactor: 2,
      compatibility: 'FULL',
    });
    expect(pairs.find((p) => p.topic === 'commerce.billing.v1')?.shown).toEqual({
      partitions: 3,
      replicationFactor: 2,
      configs: { 'cleanup.policy': 'compact', 'retention.ms': '1000' },
      compatibility: 'NONE',
    });
  });
});

describe('relativeHref', () => {
  const segment = fc.stringMatching(/^[a-z0-9@][a-z0-9.-]{0,3}$/);
  const sitePath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `${parts.join('/')}.html`);

  it('is posix.relative from the page’s folder, for any two site paths', () => {
    fc.assert(
      fc.property(sitePath, sitePath, (from, to) => {
        expect(relativeHref(from, to)).toBe(posix.relative(posix.dirname(from), to));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the fragment, and takes the general way for paths with empty, . or .. segments', () => {
    expect(relativeHref('products/a/b.html', 'products/a/c.html#port-x')).toBe('c.html#port-x');
    expect(relativeHref('products/a/b.html', 'index.html#owners')).toBe('../../index.html#owners');
    expect(relativeHref('products/ab/b.html', 'products/a/c.html')).toBe('../a/c.html');
    expect(relativeHref('a/./b.html', 'a/c.html')).toBe('c.html');
    expect(relativeHref('a/b/../c.html', 'd.html')).toBe('../d.html');
  });
});
