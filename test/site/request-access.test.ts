import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { accessApprovers } from '../../src/policy/requirements.js';
import { buildSite } from '../../src/site/build.js';
import { newFileUrl, repositoryWebUrl } from '../../src/site/input-port-draft.js';
import { mesh, port, product } from '../catalog/helpers.js';
import { brokenLinks, hrefsOf, squash } from './site-files.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const repository = { url: 'https://github.com/acme/data-mesh', branch: 'main' };

/** The "Request access" block of each port section of a page. */
function accessBlocks(page: string): string[] {
  return [...page.matchAll(/<details class="request-access">([\s\S]*?)<\/details>/g)].map((m) => m[1] as string);
}

const unescapeHref = (href: string) => href.replace(/&amp;/g, '&');

describe('Request access on the example catalog', () => {
  it("links every port that takes new readers to GitHub's new-file page with a manifest that validates", async () => {
    const tree = await readDirectorySource(repoRoot);
    const { catalog } = loadCatalog(tree);
    const files = buildSite(catalog, { repository });
    let checked = 0;
    for (const producer of catalog.products.values()) {
      const page = files.get(`products/${producer.id}.html`) as string;
      for (const block of accessBlocks(page)) {
        const link = hrefsOf(block).find((h) => h.startsWith('https://github.com/'));
        if (block.includes('NO_INPUTS_ON_DEPRECATED')) {
          expect(link).toBeUndefined();
          continue;
        }
        const url = new URL(unescapeHref(link as string));
        expect(url.origin + url.pathname).toBe('https://github.com/acme/data-mesh/new/main');
        const path = url.searchParams.get('filename') as string;
        const text = url.searchParams.get('value') as string;
        const loaded = loadCatalog(new Map(tree).set(path, { kind: 'file', content: text }));
        expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
        const id = path.replace(/^catalog\//, '').replace(/\/product\.yaml$/, '');
        const inputs = loaded.catalog.products.get(id)?.manifest.inputPorts ?? [];
        expect(inputs.map((i) => i.product)).toEqual([producer.id]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(brokenLinks(files)).toEqual([]);
  });

  it('names the approvers the pull request evaluation would require', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(repoRoot));
    const page = squash(buildSite(catalog).get('products/commerce/sales/orders.html') as string);
    const [block] = accessBlocks(page);
    for (const r of accessApprovers(catalog, 'commerce/sales/orders', 'commerce/sales/orders-consumer')) {
      expect(block).toContain(`<code>${r.id}</code>`);
      for (const party of r.parties) expect(block).toContain(`>${party}</a>`);
    }
    expect(block).toContain(
      "(the producer's Accountable party; requirement <code>producer:commerce/sales/orders</code>)",
    );
  });
});

describe('Request access', () => {
  const site = (options: Parameters<typeof buildSite>[1], extra: Record<string, string | object> = {}) =>
    buildSite(loadCatalog(mesh(extra)).catalog, options);

  it('shows the snippet and the command only, and says so, when no repository is known', () => {
    const [block] = accessBlocks(squash(site({}).get('products/commerce/orders.html') as string));
    expect(hrefsOf(block as string).filter((h) => h.startsWith('http'))).toEqual([]);
    expect(block).toContain('This site was built without a repository URL');
    expect(block).toContain('steward request-access commerce/orders#orders-v1 --for YOUR/PRODUCT');
    expect(block).toContain('inputPorts: - name: orders product: commerce/orders port: orders-v1');
  });

  it('links only to http(s) repositories, and encodes the branch and the prefilled file', () => {
    for (const url of ['javascript:alert(1)//github.com/a/b', 'file:///etc/passwd', 'https://github.com/only-owner'])
      expect(repositoryWebUrl(url)).toBeUndefined();
    expect(repositoryWebUrl('https://github.com/acme/mesh.git/')).toBe('https://github.com/acme/mesh');
    const [unsafe] = accessBlocks(
      site({ repository: { url: 'javascript:alert(1)', branch: 'main' } }).get(
        'products/commerce/orders.html',
      ) as string,
    );
    expect(unsafe).not.toContain('javascript:');
    expect(unsafe).toContain('without a repository URL');
    const hostile = accessBlocks(
      site({ repository: { url: 'https://github.com/acme/mesh', branch: '"><script>alert(1)</script>' } }).get(
        'products/commerce/orders.html',
      ) as string,
    ).join('');
    expect(hostile).not.toMatch(/<script|"><|onerror/);
    expect(hostile).toContain('/new/%22%3E%3Cscript%3Ealert(1)%3C/script%3E?filename=');
    const url = newFileUrl(
      { url: 'https://ghe.acme.example/data/mesh', branch: 'release/2027 q1' },
      'catalog/a b/product.yaml',
      'x: "<&#>"\n',
    );
    expect(url).toBe(
      'https://ghe.acme.example/data/mesh/new/release/2027%20q1?filename=catalog%2Fa+b%2Fproduct.yaml&value=x%3A+%22%3C%26%23%3E%22%0A',
    );
  });

  it('proposes a folder no product holds yet', () => {
    const files = site(
      { repository },
      {
        'catalog/commerce/orders-consumer/product.yaml': product('orders-consumer'),
      },
    );
    const [block] = accessBlocks(files.get('products/commerce/orders.html') as string);
    expect(block).toContain('filename=catalog%2Fcommerce%2Forders-consumer-2%2Fproduct.yaml');
    expect(block).toContain('name%3A+orders-consumer-2%0A');
  });

  it('refuses new readers on a deprecated port, pointing at its replacement', () => {
    const files = site(
      { repository },
      {
        'catalog/commerce/orders/product.yaml': product('orders', {
          outputPorts: [
            port('orders-v1', 'commerce.orders.v1', {
              deprecation: { sunset: '2027-01-31', replacement: 'commerce/orders#orders-v2' },
            }),
            port('orders-v2', 'commerce.orders.v2'),
          ],
        }),
      },
    );
    const [v1, v2] = accessBlocks(squash(files.get('products/commerce/orders.html') as string));
    expect(v1).toContain('<code>NO_INPUTS_ON_DEPRECATED</code>');
    expect(v1).toContain('href="orders.html#port-orders-v2"');
    expect(v1).not.toContain('github.com');
    expect(v2).toContain(
      'https://github.com/acme/data-mesh/new/main?filename=catalog%2Fcommerce%2Forders-consumer%2Fproduct.yaml',
    );
  });
});
