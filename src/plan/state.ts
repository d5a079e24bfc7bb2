import type { Compatibility } from '../catalog/manifest-types.js';
import type { Location } from '../core/findings.js';
import type { TopicOverrides } from './overrides.js';

/**
 * The cluster and registry in the engine's terms, as the catalog wants them (desired) and as they are (actual).
 * Plain data: the ports fill the actual side, desired.ts the desired side, diff.ts compares the two.
 */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Declared topic configs, values as the broker prints them (strings). */
  readonly configs: Readonly<Record<string, string>>;
}

export interface TopicActual {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}

/** A topic's configs as the broker reports them: only what is set on the topic, and the value of everything else. */
export interface TopicConfigs {
  /** Dynamic topic configs (set on the topic itself). */
  readonly dynamic: Readonly<Record<string, string>>;
  /** Effective values of the configs that come from broker defaults. */
  readonly defaults: Readonly<Record<string, string>>;
}

/** Kafka's ACL operations. The catalog grants only READ, WRITE and DESCRIBE; the cluster may hold any of them. */
export type AclOperation =
  | 'READ'
  | 'WRITE'
  | 'DESCRIBE'
  | 'ALL'
  | 'CREATE'
  | 'DELETE'
  | 'ALTER'
  | 'DESCRIBE_CONFIGS'
  | 'ALTER_CONFIGS'
  | 'IDEMPOTENT_WRITE'
  | 'CLUSTER_ACTION'
  | 'CREATE_TOKENS'
  | 'DESCRIBE_TOKENS'
  | 'TWO_PHASE_COMMIT';

/**
 * An ACL. As the catalog grants it: ALLOW, any host, a literal resource name, READ/WRITE/DESCRIBE — the optional
 * fields absent. As the cluster holds it, any shape: the optional fields are set only when they differ from that
 * default (never `host: '*'`), so a catalog-shaped ACL read back equals the grant and has the same key.
 */
export interface AclBinding {
  readonly resourceType: 'topic' | 'group';
  /** The literal name (`*` matches every resource of the type), or the prefix of a prefixed pattern. */
  readonly resourceName: string;
  /** Set for a prefixed pattern; absent for a literal one. */
  readonly patternType?: 'prefixed';
  readonly principal: string;
  /** Set for a host-specific ACL; absent for any host. */
  readonly host?: string;
  readonly operation: AclOperation;
  /** Set for a DENY; absent for an ALLOW. */
  readonly permission?: 'DENY';
}

export interface SchemaReference {
  /** Full name of the referenced Avro type. */
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

export interface SubjectSpec {
  readonly subject: string;
  /** Schema text as registered: the .avsc file's JSON, compacted. */
  readonly schema: string;
  /** Subjects (and the type names taken from them) this schema references; versions are resolved at apply time. */
  readonly references: readonly { readonly name: string; readonly subject: string }[];
  readonly compatibility: Compatibility;
}

export interface SubjectActual {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly references: readonly SchemaReference[];
}

export interface DesiredState {
  readonly topics: readonly TopicSpec[];
  readonly subjects: readonly SubjectSpec[];
  readonly acls: readonly AclBinding[];
  /** What retired products leave behind: deleted only when settings allow it. */
  readonly retired: { readonly topics: readonly string[]; readonly subjects: readonly string[] };
  /** Consumer groups whose ACLs are read and managed: those the catalog owns (acl-scope.ts managedGroups). */
  readonly groups: readonly string[];
  /**
   * Topics whose ACLs are read and managed besides the desired and retired ones: a plan scoped to some products
   * (desired.ts `only`) also manages the grants on the topics they read from other products. The ACLs above are
   * every catalog grant on those topics, so other consumers' grants are not revoked.
   */
  readonly aclTopics?: readonly string[];
  readonly allowDeletions: boolean;
  /**
   * Why deletions are held back even where settings allow them, e.g. the push that retired a product did not come
   * through an approved pull request. Undefined when nothing vetoes them.
   */
  readonly deletionVeto?: string;
  /** Said on every plan and report, e.g. a replication-factor override. */
  readonly notices: readonly string[];
  /** Where each desired topic and subject comes from, by resource (`topic:…`, `subject:…`): for the plan's findings. */
  readonly origins?: ReadonlyMap<string, ResourceOrigin>;
  /** The environment planned for (plan/overrides.ts); absent when planned without one. */
  readonly environment?: string;
  /** By topic resource: which of its values an environment's overrides decided, for plans to say so. */
  readonly overrides?: ReadonlyMap<string, TopicOverrides>;
}

/** The catalog's words for one desired resource, so that what the cluster would refuse is reported on its line. */
export interface ResourceOrigin {
  /** A topic: its port's `topic` line. A subject: its .avsc file. */
  readonly location: Location;
  /** A topic: where its replication factor is said (the port, the settings' default), else the topic line. */
  readonly replicationFactor?: Location;
  /** A topic: the line of its `min.insync.replicas`, when the port sets it. */
  readonly minInsyncReplicas?: Location;
  /** A subject: the .avsc file as written, so a break is explained on the file's own lines. */
  readonly text?: string;
}

export interface ActualState {
  /** Only the topics the catalog names (desired or retired); absent ones are missing. */
  readonly topics: ReadonlyMap<string, TopicActual>;
  readonly configs: ReadonlyMap<string, TopicConfigs>;
  /** Latest version of each subject the catalog names; absent subjects do not exist. */
  readonly subjects: ReadonlyMap<string, SubjectActual>;
  /** Effective compatibility of each subject the catalog names (its own level, else the registry's global one). */
  readonly compatibility: ReadonlyMap<string, Compatibility>;
  /**
   * Subjects whose declared schema is already registered as an older version than the latest: subject → that
   * version. Read only for subjects whose latest differs from the catalog (so it costs one request per change).
   */
  readonly earlierVersions?: ReadonlyMap<string, number>;
  /**
   * Every ACL whose pattern matches a topic or group the catalog names: literal, the literal `*` and prefixed
   * patterns, ALLOW and DENY, any host and operation.
   */
  readonly acls: readonly AclBinding[];
}

export function aclKey(acl: AclBinding): string {
  const pattern = acl.patternType === 'prefixed' ? 'prefixed:' : '';
  const host = acl.host === undefined ? '' : `|host=${acl.host}`;
  const deny = acl.permission === 'DENY' ? '|DENY' : '';
  return `${acl.resourceType}:${pattern}${acl.resourceName}|${acl.principal}|${acl.operation}${host}${deny}`;
}
