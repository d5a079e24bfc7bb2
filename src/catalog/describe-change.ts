import type { Change } from './diff.js';

/** One plain sentence per change, for CLI text, the PR comment and logs. */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'product-added':
      return `New product ${change.productId}.`;
    case 'product-removed':
      return `Product ${change.productId} is removed.`;
    case 'metadata-changed':
      return `${change.productId}: ${change.fields.join(', ')} changed.`;
    case 'sla-changed':
      return `${change.productId}: SLA ${change.direction}${change.details.length > 0 ? ` (${change.details.join(', ')})` : ''}.`;
    case 'ownership-changed':
      return `${change.productId}: ${change.roles.join(', ')} changed${change.transfer ? ' (accountability transferred)' : ''}.`;
    case 'status-changed':
      return `${change.productId}: status ${change.from} → ${change.to}.`;
    case 'output-port-added':
      return `${change.productId}: new output port ${change.port} on topic ${change.topic}.`;
    case 'output-port-removed':
      return `${change.productId}: output port ${change.port} (topic ${change.topic}) is removed.`;
    case 'topic-settings-changed':
      return `${change.productId}#${change.port}: ${change.settings.join(', ')} changed.`;
    case 'compatibility-changed':
      return `${change.productId}#${change.port}: compatibility ${change.from} → ${change.to}${change.loosened ? ' (loosened)' : ''}.`;
    case 'schema-changed':
      return `${change.productId}#${change.port}: ${change.role} schema ${change.path} changed${change.through.length > 0 ? ` through ${change.through.join(', ')}` : ''} (checked under ${change.level}).`;
    case 'input-port-added':
      return `${change.productId} requests access to ${change.input.product}#${change.input.port} as ${change.input.principal}.`;
    case 'input-port-removed':
      return `${change.productId} stops reading ${change.input.product}#${change.input.port}.`;
    case 'domain-added':
      return `New domain ${change.domainId}.`;
    case 'domain-removed':
      return `Domain ${change.domainId} is removed.`;
    case 'domain-changed':
      return `Domain ${change.domainId} changed.`;
    case 'rules-changed':
      return `Governance rules changed in ${change.path}.`;
    case 'settings-changed':
      return `Bot settings changed in ${change.path}.`;
  }
}
