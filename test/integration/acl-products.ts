/** The small catalogs of the ACL integration tests: a product with one output port of one partition, replication 1. */
export function aclProduct(name: string, topic: string, writer: string, extra = '', what = 'an ACL'): string {
  return `apiVersion: mesh-steward/v1
kind: DataProduct
name: ${name}
description: Product ${name} of the ${what} integration test.
status: active
classification: internal
owners:
  accountable: ["@acme/itacl"]
outputPorts:
  - name: ${name}-v1
    topic: ${topic}
    value: { schema: schemas/${name}.avsc }
    partitions: 1
    replicationFactor: 1
    writer: ${writer}
${extra}`;
}

/** The input port by which product B reads product A's port. */
export function readsA(productA: string, principal: string, group: string): string {
  return `inputPorts:
  - name: reads-a
    product: ${productA}
    port: ${productA.slice(productA.lastIndexOf('/') + 1)}-v1
    principal: ${principal}
    consumerGroup: ${group}
`;
}
