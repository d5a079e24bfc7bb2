import { at, type RuleDefinition, type RuleFinding } from '../rule-types.js';
import { tighteners } from '../tighten.js';

const how: Record<string, string> = {
  description: 'add a `description` that tells a consumer what one record means',
  sla: 'add an `sla` with at least a tier and freshness or latency',
  classification: 'add a `classification`',
  accountable: 'name at least one party in `owners.accountable`',
  tags: 'add `tags` so the product can be found',
  quality: 'add `quality` (authoritative, curated or raw)',
  support: 'add `sla.support`, the channel where consumers get help',
};

export const requiredMetadata: RuleDefinition = {
  id: 'REQUIRED_METADATA',
  defaults: {
    enabled: true,
    severity: 'error',
    params: { fields: ['description', 'sla', 'classification', 'accountable'] },
  },
  tighten: tighteners.union('fields'),
  checkProduct: ({ product, params }) => {
    // Drafts are work in progress: the metadata is due when the product goes active.
    if (product.manifest.status === 'draft') return [];
    const m = product.manifest;
    const present: Record<string, boolean> = {
      description: Boolean(m.description?.trim()),
      sla: m.sla !== undefined && Object.keys(m.sla).length > 0,
      classification: m.classification !== undefined,
      accountable: (m.owners.accountable ?? []).length > 0,
      tags: (m.tags ?? []).length > 0,
      quality: m.quality !== undefined,
      support: Boolean(m.sla?.support),
    };
    const findings: RuleFinding[] = [];
    for (const field of (params['fields'] as string[] | undefined) ?? []) {
      if (present[field] !== false) continue;
      findings.push(
        at(product.document.locate([]), `Product ${product.id} has no ${field}; ${how[field] ?? `add ${field}`}.`),
      );
    }
    return findings;
  },
};
