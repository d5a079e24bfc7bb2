import type { Compatibility } from '../catalog/manifest-types.js';
import type { TopicOverrides } from './overrides.js';
import type { AclBinding, TopicSpec } from './state.js';

/**
 * One change the plan makes, in the engine's terms. `resource` names what it touches (`topic:…`, `subject:…`,
 * `acl:…`). An operation with `skipped` is reported and never attempted: a replication change, a shrink, or a
 * deletion that settings do not allow. A topic operation's `overrides` says which of the values it sets came from an
 * environment's overrides rather than the catalog (plan/overrides.ts).
 */
export type Operation =
  | {
      readonly kind: 'create-topic';
      readonly resource: string;
      readonly topic: TopicSpec;
      readonly overrides?: TopicOverrides;
    }
  | {
      readonly kind: 'add-partitions';
      readonly resource: string;
      readonly from: number;
      readonly to: number;
      readonly overrides?: TopicOverrides;
    }
  | {
      readonly kind: 'alter-config';
      readonly resource: string;
      readonly set: Readonly<Record<string, string>>;
      readonly remove: readonly string[];
      readonly overrides?: TopicOverrides;
    }
  | {
      readonly kind: 'set-compatibility';
      readonly resource: string;
      readonly from: Compatibility | undefined;
      readonly to: Compatibility;
      /** Loosening goes before the subject's registration, tightening after it. */
      readonly timing: 'before-register' | 'after-register';
    }
  | {
      readonly kind: 'register-schema';
      readonly resource: string;
      readonly schema: string;
      readonly references: readonly { readonly name: string; readonly subject: string }[];
      /** Latest version before this registration; undefined for a new subject. */
      readonly previousVersion: number | undefined;
      /**
       * The version of the subject that already holds exactly this schema, older than the latest: a rollback the
       * registry cannot perform (registering answers that old version and changes nothing), so never attempted.
       */
      readonly registeredAs?: number;
      readonly skipped?: string;
    }
  | { readonly kind: 'create-acl'; readonly resource: string; readonly acl: AclBinding }
  | {
      readonly kind: 'delete-acl';
      readonly resource: string;
      readonly acl: AclBinding;
      /**
       * For a pattern that is not one resource's literal name (the literal `*`, a prefix): the catalog's resources
       * it grants on, sorted, which is why it is revoked. It also grants on resources the catalog does not own,
       * which lose it too.
       */
      readonly covers?: readonly string[];
      readonly skipped?: string;
    }
  | { readonly kind: 'delete-subject'; readonly resource: string; readonly skipped?: string }
  | { readonly kind: 'delete-topic'; readonly resource: string; readonly skipped?: string }
  | {
      readonly kind: 'change-replication' | 'shrink-partitions';
      readonly resource: string;
      readonly from: number;
      readonly to: number;
      readonly skipped: string;
      readonly overrides?: TopicOverrides;
    };

export type OperationKind = Operation['kind'];

export function topicResource(name: string): string {
  return `topic:${name}`;
}
export function subjectResource(name: string): string {
  return `subject:${name}`;
}
/**
 * `acl:topic:<name>:<principal>:<operation>` for a catalog-shaped grant; other shapes say theirs, e.g.
 * `acl:topic-prefixed:commerce.:User:x:READ`, `…:READ@10.0.0.1`, `…:READ:DENY`.
 */
export function aclResource(acl: AclBinding): string {
  const type = acl.patternType === 'prefixed' ? `${acl.resourceType}-prefixed` : acl.resourceType;
  const host = acl.host === undefined ? '' : `@${acl.host}`;
  const deny = acl.permission === 'DENY' ? ':DENY' : '';
  return `acl:${type}:${acl.resourceName}:${acl.principal}:${acl.operation}${host}${deny}`;
}
/** The name inside a `topic:…` or `subject:…` resource. */
export function resourceName(resource: string): string {
  return resource.slice(resource.indexOf(':') + 1);
}

export function isSkipped(op: Operation): boolean {
  return 'skipped' in op && op.skipped !== undefined;
}
