import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/catalog/model.js';
import { requiredMetadata } from '../../../src/policy/rules/metadata.js';
import { catalog, ORDERS, product, replace, SHIPMENTS } from '../catalogs.js';

function check(c: Catalog, id: string, fields?: string[]) {
  const params = fields ? { fields } : requiredMetadata.defaults.params;
  return (requiredMetadata.checkProduct?.({ product: product(c, id), catalog: c, params }) ?? []).map((f) => [
    f.location.path,
    f.location.line,
    f.message,
  ]);
}

describe('REQUIRED_METADATA', () => {
  it('asks for description, sla, classification and accountable by default', () => {
    expect(requiredMetadata.defaults.params).toEqual({
      fields: ['description', 'sla', 'classification', 'accountable'],
    });
  });

  it('passes a product that has every required field', async () => {
    expect(check(await catalog(), 'commerce/orders')).toEqual([]);
  });

  it('names each missing field with how to add it, at the top of the manifest', async () => {
    // shipments (its sla taken out here) has no sla, tags, quality or support.
    const c = await catalog({ [SHIPMENTS]: replace('sla: { tier: silver, freshness: PT15M }\n', '') });
    expect(check(c, 'logistics/shipments', ['sla', 'tags', 'quality', 'support', 'description'])).toEqual([
      [
        SHIPMENTS,
        1,
        'Product logistics/shipments has no sla; add an `sla` with at least a tier and freshness or latency.',
      ],
      [SHIPMENTS, 1, 'Product logistics/shipments has no tags; add `tags` so the product can be found.'],
      [SHIPMENTS, 1, 'Product logistics/shipments has no quality; add `quality` (authoritative, curated or raw).'],
      [
        SHIPMENTS,
        1,
        'Product logistics/shipments has no support; add `sla.support`, the channel where consumers get help.',
      ],
    ]);
  });

  it('counts a blank description as missing', async () => {
    const c = await catalog({ [ORDERS]: replace('description: Orders placed in the web shop.', 'description: "  "') });
    expect(check(c, 'commerce/orders')).toEqual([
      [
        ORDERS,
        1,
        'Product commerce/orders has no description; add a `description` that tells a consumer what one record means.',
      ],
    ]);
  });

  it('counts an empty accountable list and a missing classification as missing (manifests the loader would refuse)', async () => {
    const c = await catalog();
    const orders = product(c, 'commerce/orders');
    const manifest: Record<string, unknown> = { ...orders.manifest };
    delete manifest['classification'];
    const bare = { ...orders, manifest: { ...manifest, owners: { accountable: [] } } } as unknown as typeof orders;
    const found = requiredMetadata.checkProduct?.({
      product: bare,
      catalog: c,
      params: requiredMetadata.defaults.params,
    });
    expect(found?.map((f) => f.message)).toEqual([
      'Product commerce/orders has no classification; add a `classification`.',
      'Product commerce/orders has no accountable; name at least one party in `owners.accountable`.',
    ]);
  });

  it('leaves drafts alone', async () => {
    const c = await catalog({ [SHIPMENTS]: replace('status: active', 'status: draft') });
    expect(check(c, 'logistics/shipments', ['sla', 'tags'])).toEqual([]);
  });

  it('ignores a field name it does not know, and asks for nothing with no fields', async () => {
    const c = await catalog();
    expect(check(c, 'logistics/shipments', ['colour'])).toEqual([]);
    expect(
      requiredMetadata.checkProduct?.({ product: product(c, 'logistics/shipments'), catalog: c, params: {} }),
    ).toEqual([]);
  });

  it('is tightened by adding fields, never removing them', () => {
    expect(requiredMetadata.tighten?.({ fields: ['sla'] }, { fields: ['tags'] })).toEqual({
      params: { fields: ['sla', 'tags'] },
      loosened: [],
    });
  });
});
