import type { Change } from '../catalog/diff.js';

/**
 * What merging will do to Kafka and the registry, as plain text (the caller escapes it), derived from the changes
 * against the base catalog: the steps desired.ts and diff.ts turn into operations once live state is read. Shown
 * when there is no live plan (github/flows/live-plan.ts): no cluster, another repository or branch, a fork, or a cluster
 * that could not be read.
 */
export function planSteps(changes: readonly Change[]): string[] {
  return changes.flatMap((change): string[] => {
    switch (change.kind) {
      case 'output-port-added':
        return [`Create topic ${change.topic} and register its schemas (${change.productId}#${change.port}).`];
      case 'output-port-removed':
        return [`Stop managing topic ${change.topic}; nothing is deleted without an approved retirement.`];
      case 'schema-changed':
        return [
          `Register a new ${change.role} schema version for ${change.productId}#${change.port} (${change.level}).`,
        ];
      case 'compatibility-changed':
        return [`Set compatibility of ${change.productId}#${change.port} to ${change.to}.`];
      case 'topic-settings-changed':
        return [`Alter ${change.settings.join(', ')} of ${change.productId}#${change.port}.`];
      case 'input-port-added':
        return [`Grant READ on ${change.input.product}#${change.input.port} to ${change.input.principal}.`];
      case 'input-port-removed':
        return [`Revoke READ on ${change.input.product}#${change.input.port} from ${change.input.principal}.`];
      case 'status-changed':
        return change.to === 'retired'
          ? [`Retire ${change.productId}: revoke its ACLs; topics are kept until deleted by hand.`]
          : [];
      default:
        return [];
    }
  });
}
