import type { Operation } from './operations.js';
import type { AclBinding } from './state.js';

/** How many covered resources a revocation names before it counts the rest. */
const shown = 3;

/**
 * One plan line for a revocation. A catalog-shaped grant reads as before (`- revoke READ on topic t from User:x`);
 * any other shape says what it is and why it goes: another operation or host is not a grant the catalog makes, and a
 * wildcard or prefix names the owned resources it grants on and warns that the others it matches lose it too.
 */
export function describeRevoke(op: Extract<Operation, { kind: 'delete-acl' }>): string {
  const { acl } = op;
  const marker = op.skipped ? '!' : '-';
  const host = acl.host === undefined ? '' : ` on host ${acl.host}`;
  const line = `${marker} revoke ${acl.operation} on ${target(acl)} from ${acl.principal}${host}`;
  const why = reason(op);
  return `${line}${why ? ` (${why})` : ''}${op.skipped ? ` — ${op.skipped}` : ''}`;
}

function target(acl: AclBinding): string {
  const plural = acl.resourceType === 'topic' ? 'topics' : 'groups';
  if (acl.patternType === 'prefixed') return `${plural} prefixed "${acl.resourceName}"`;
  if (acl.resourceName === '*') return `every ${acl.resourceType} (literal *)`;
  return `${acl.resourceType} ${acl.resourceName}`;
}

function reason(op: Extract<Operation, { kind: 'delete-acl' }>): string | undefined {
  const { acl, covers } = op;
  if (covers) {
    const names = covers.slice(0, shown).join(', ');
    const more = covers.length > shown ? ` and ${covers.length - shown} more` : '';
    const kind = acl.resourceType === 'topic' ? 'topic' : 'group';
    return (
      `grants on the catalog's ${kind}(s) ${names}${more}, which the catalog does not grant; ` +
      `any other ${kind} it matches loses it too`
    );
  }
  const catalogShaped = acl.host === undefined && ['READ', 'WRITE', 'DESCRIBE'].includes(acl.operation);
  return catalogShaped ? undefined : 'not a grant the catalog makes';
}
