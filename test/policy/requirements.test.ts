import { describe, expect, it } from 'vitest';
import { requirementId } from '../../src/policy/requirements.js';

describe('requirement ids', () => {
  it('writes each kind of key as docs/governance.md names the requirement', () => {
    expect(requirementId({ kind: 'governance' })).toBe('governance');
    expect(requirementId({ kind: 'domain', domainId: 'commerce' })).toBe('domain:commerce');
    expect(requirementId({ kind: 'owner', productId: 'commerce/orders' })).toBe('owner:commerce/orders');
    expect(requirementId({ kind: 'producer', productId: 'commerce/orders' })).toBe('producer:commerce/orders');
    expect(requirementId({ kind: 'consumer', productId: 'logistics/shipments' })).toBe('consumer:logistics/shipments');
    expect(requirementId({ kind: 'consulted', productId: 'commerce/orders', party: '@acme/legal' })).toBe(
      'consulted:commerce/orders:@acme/legal',
    );
  });
});
