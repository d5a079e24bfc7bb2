import type { AclBinding } from '../plan/state.js';

/**
 * Who may do what on the topics import writes, read from the cluster's ACLs, in the catalog's terms: the writer (a
 * literal ALLOW WRITE for any host), the readers (literal ALLOW READ for any host) and every other ALLOW ACL that
 * grants on the topic, which the catalog cannot declare and apply would revoke. DENY ACLs only take access away
 * and apply leaves them alone, so they are not reported.
 */
export interface TopicAccess {
  /** Principals with WRITE, sorted. */
  readonly writers: readonly string[];
  /** Principals with READ, sorted. */
  readonly readers: readonly string[];
  /** ALLOW ACLs on the topic that are neither a writer's WRITE/DESCRIBE nor a reader's READ. */
  readonly others: readonly AclBinding[];
}

export class AccessIndex {
  private readonly literal = new Map<string, AclBinding[]>();
  /** Prefixed and `*` patterns: few on any cluster, matched against each topic. */
  private readonly patterns: AclBinding[] = [];

  constructor(private readonly acls: readonly AclBinding[]) {
    for (const acl of acls) {
      if (acl.permission === 'DENY') continue;
      if (acl.patternType === 'prefixed' || acl.resourceName === '*') this.patterns.push(acl);
      else {
        const key = `${acl.resourceType}:${acl.resourceName}`;
        this.literal.set(key, [...(this.literal.get(key) ?? []), acl]);
      }
    }
  }

  topic(name: string): TopicAccess {
    const on = this.grantsOn('topic', name);
    // A wildcard principal (or ANONYMOUS, every unauthenticated client) is no product's writer or consumer.
    const plain = (acl: AclBinding) =>
      acl.patternType === undefined && acl.host === undefined && acl.resourceName !== '*' && !isWildcard(acl.principal);
    const writers = principals(on.filter((a) => plain(a) && a.operation === 'WRITE'));
    const readers = principals(on.filter((a) => plain(a) && a.operation === 'READ'));
    const others = on.filter(
      (a) =>
        !plain(a) ||
        !(
          (writers.includes(a.principal) && (a.operation === 'WRITE' || a.operation === 'DESCRIBE')) ||
          (readers.includes(a.principal) && a.operation === 'READ')
        ),
    );
    return { writers, readers, others };
  }

  /** Groups the principal may READ (literal, any host), sorted: the consumer groups it could use. */
  groupsOf(principal: string): string[] {
    const groups = this.acls.filter(
      (a) =>
        a.resourceType === 'group' &&
        a.principal === principal &&
        a.operation === 'READ' &&
        a.permission === undefined &&
        a.patternType === undefined &&
        a.host === undefined &&
        a.resourceName !== '*',
    );
    return [...new Set(groups.map((a) => a.resourceName))].sort();
  }

  /**
   * ALLOW ACLs on a group that the catalog, once it names the group, would not declare: anything but READ by one
   * of `readers`.
   */
  groupOthers(group: string, readers: ReadonlySet<string>): AclBinding[] {
    return this.grantsOn('group', group).filter(
      (a) =>
        a.patternType !== undefined ||
        a.host !== undefined ||
        a.resourceName === '*' ||
        a.operation !== 'READ' ||
        !readers.has(a.principal),
    );
  }

  private grantsOn(type: 'topic' | 'group', name: string): AclBinding[] {
    const matching = this.patterns.filter(
      (a) =>
        a.resourceType === type &&
        // A prefixed `*` is a prefix like any other, and no topic or group name starts with `*`.
        (a.resourceName === '*' ? a.patternType === undefined : name.startsWith(a.resourceName)),
    );
    return [...(this.literal.get(`${type}:${name}`) ?? []), ...matching];
  }
}

function isWildcard(principal: string): boolean {
  return principal.endsWith(':*') || principal === 'User:ANONYMOUS';
}

function principals(acls: readonly AclBinding[]): string[] {
  return [...new Set(acls.map((a) => a.principal))].sort();
}

/** An ACL as one line for a message: `ALLOW READ on prefixed topic sales. for User:x from host 10.0.0.1`. */
export function describeBinding(acl: AclBinding): string {
  const pattern = acl.patternType === 'prefixed' ? 'prefixed ' : '';
  const host = acl.host === undefined ? '' : ` from host ${acl.host}`;
  return `${acl.operation} on ${pattern}${acl.resourceType} ${acl.resourceName} for ${acl.principal}${host}`;
}
