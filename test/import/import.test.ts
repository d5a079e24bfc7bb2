import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { importLiveState } from '../../src/import/import.js';
import type { LiveState } from '../../src/import/live.js';
import { exampleCopy, grant, record, repoRoot, subject } from './fixtures.js';

async function exampleCatalog() {
  return loadCatalog(await readDirectorySource(repoRoot)).catalog;
}

const options = { owner: '@acme/platform', source: 'environment local' };
const tuples = (findings: readonly { ruleId: string; location: { path: string; line: number } }[]) =>
  findings.map((f) => [f.ruleId, f.location.path, f.location.line]);

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('importLiveState', () => {
  it('writes a product per topic group with its schemas, writer, level and non-default configs', async () => {
    const live: LiveState = {
      topics: [
        { name: 'crm.leads.v1', partitions: 3, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } },
        { name: 'crm.leads.v2', partitions: 6, replicationFactor: 3, configs: { 'retention.ms': '172800000' } },
        { name: '__consumer_offsets', partitions: 50, replicationFactor: 3, configs: {} },
        { name: 'connect-offsets', partitions: 25, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } },
        { name: 'kafkasql-journal', partitions: 1, replicationFactor: 3, configs: {} },
        // The catalog owns this one already: never imported.
        { name: 'commerce.sales.orders.v1', partitions: 24, replicationFactor: 3, configs: {} },
      ],
      acls: [
        grant('crm.leads.v1', 'User:svc-leads', 'WRITE'),
        grant('crm.leads.v1', 'User:svc-leads', 'DESCRIBE'),
        grant('crm.leads.v2', 'User:svc-leads', 'WRITE'),
      ],
      subjects: new Map([
        ['crm.leads.v1-key', subject('crm.leads.v1-key', ['"string"'], 'FULL')],
        ['crm.leads.v1-value', subject('crm.leads.v1-value', [record('Lead', ['id'])], 'FULL')],
        ['crm.leads.v2-value', subject('crm.leads.v2-value', [record('Lead', ['id']), record('Lead', ['id'])])],
      ]),
    };
    const result = importLiveState(await exampleCatalog(), live, options);
    expect([...result.files.keys()].sort()).toEqual([
      'catalog/crm/domain.yaml',
      'catalog/crm/leads/product.yaml',
      'catalog/crm/leads/schemas/leads-v1-key.avsc',
      'catalog/crm/leads/schemas/leads-v1-value.avsc',
      'catalog/crm/leads/schemas/leads-v2-value.avsc',
    ]);
    expect(result.files.get('catalog/crm/leads/product.yaml')).toBe(
      [
        '# yaml-language-server: $schema=../../../schemas/product.v1.schema.json',
        'apiVersion: mesh-steward/v1',
        'kind: DataProduct',
        'name: leads',
        'description: "Imported by steward import from environment local (crm.leads.v1, crm.leads.v2). Say what one record means and who it is for."',
        'status: draft',
        'classification: internal',
        'owners:',
        '  accountable: ["@acme/platform"]',
        'outputPorts:',
        '  - name: leads-v1',
        '    topic: crm.leads.v1',
        '    key:',
        '      schema: schemas/leads-v1-key.avsc',
        '    value:',
        '      schema: schemas/leads-v1-value.avsc',
        '    compatibility: FULL',
        '    partitions: 3',
        '    replicationFactor: 3',
        '    configs:',
        '      cleanup.policy: compact',
        '    writer: User:svc-leads',
        '  - name: leads-v2',
        '    topic: crm.leads.v2',
        '    value:',
        '      schema: schemas/leads-v2-value.avsc',
        '    compatibility: BACKWARD',
        '    partitions: 6',
        '    replicationFactor: 3',
        '    configs:',
        '      retention.ms: "172800000"',
        '    writer: User:svc-leads',
        '',
      ].join('\n'),
    );
    expect(result.files.get('catalog/crm/domain.yaml')).toContain('owners: ["@acme/platform"]');
    expect(JSON.parse(result.files.get('catalog/crm/leads/schemas/leads-v1-value.avsc') ?? '')).toEqual(
      JSON.parse(record('Lead', ['id'])),
    );
    expect(tuples(result.findings)).toEqual([['IMPORT_DRAFT', 'catalog/crm/leads/product.yaml', 6]]);
    expect(result.topics).toEqual(['crm.leads.v1', 'crm.leads.v2']);
  });

  it('reports each thing it could not infer on the line written for it', async () => {
    const live: LiveState = {
      topics: [
        { name: 'crm.leads.v1', partitions: 3, replicationFactor: 3, configs: {} },
        { name: 'crm.calls.v1', partitions: 3, replicationFactor: 3, configs: {} },
        { name: 'Legacy_Events', partitions: 1, replicationFactor: 3, configs: {} },
      ],
      acls: [
        grant('crm.leads.v1', 'User:svc-leads', 'WRITE'),
        grant('crm.leads.v1', 'User:svc-other', 'WRITE'),
        grant('crm.leads.v1', 'User:nobody', 'READ'),
        grant('crm.', 'User:ops', 'ALL', { patternType: 'prefixed' }),
        // Everyone may write the legacy topic: no writer import could name.
        grant('Legacy_Events', 'User:*', 'WRITE'),
        // svc-calls writes calls and reads leads, with no group of its own: an input port without a group.
        grant('crm.calls.v1', 'User:svc-calls', 'WRITE'),
        grant('crm.leads.v1', 'User:svc-calls', 'READ'),
      ],
      subjects: new Map([
        ['crm.leads.v1-key', subject('crm.leads.v1-key', ['"string"'], 'FULL')],
        [
          'crm.leads.v1-value',
          subject('crm.leads.v1-value', [record('Lead', ['id', 'name']), record('Lead', ['id'])], 'BACKWARD', [
            { name: 'com.acme.leads.Address', subject: 'address-value', version: 1 },
          ]),
        ],
        ['address-value', subject('address-value', [record('Address', ['city'])])],
        // Version 2 adds a field without a default: BACKWARD refuses it today.
        ['crm.calls.v1-value', subject('crm.calls.v1-value', [record('Call', ['id']), record('Call', ['id', 'to'])])],
        ['orphan-value', subject('orphan-value', ['"string"'])],
      ]),
    };
    const result = importLiveState(await exampleCatalog(), live, options);
    const leads = 'catalog/crm/leads/product.yaml';
    const calls = 'catalog/crm/calls/product.yaml';
    const legacy = 'catalog/imported/legacy-events/product.yaml';
    expect(tuples(result.findings)).toEqual([
      ['IMPORT_SUBJECT_WITHOUT_TOPIC', 'catalog', 1],
      ['IMPORT_DRAFT', calls, 6],
      ['IMPORT_ACL_UNMANAGED', calls, 12],
      ['IMPORT_CONSUMER_GROUP_UNKNOWN', calls, 20],
      ['IMPORT_HISTORY_INCOMPATIBLE', 'catalog/crm/calls/schemas/calls-v1-value.avsc', 1],
      ['IMPORT_DRAFT', leads, 6],
      ['IMPORT_ACL_UNMANAGED', leads, 12],
      ['IMPORT_CONSUMER_UNMATCHED', leads, 12],
      ['IMPORT_SEVERAL_WRITERS', leads, 20],
      ['IMPORT_LEVEL_MISMATCH', 'catalog/crm/leads/schemas/leads-v1-key.avsc', 1],
      ['IMPORT_REFERENCE_UNSUPPORTED', 'catalog/crm/leads/schemas/leads-v1-value.avsc', 1],
      ['IMPORT_DRAFT', legacy, 6],
      ['IMPORT_WRITER_UNKNOWN', legacy, 11],
      ['IMPORT_SCHEMA_MISSING', legacy, 12],
      ['IMPORT_ACL_UNMANAGED', legacy, 12],
      ['IMPORT_TOPIC_NAME', legacy, 12],
    ]);
    const text = result.files.get(leads) ?? '';
    expect(text).toContain('writer: User:svc-leads');
    expect(result.files.get(legacy)).not.toContain('writer:');
    expect(result.files.get(calls)).toContain('principal: User:svc-calls');
    expect(result.files.has('catalog/crm/leads/schemas/address.avsc')).toBe(true);
    const message = (id: string) => result.findings.find((f) => f.ruleId === id)?.message;
    expect(message('IMPORT_SEVERAL_WRITERS')).toBe(
      'Topic crm.leads.v1 has 2 writers (User:svc-leads, User:svc-other); port leads-v1 names User:svc-leads, and apply would revoke WRITE from the others. Keep the one principal that owns the data and move the other producers to topics of their own.',
    );
    expect(message('IMPORT_CONSUMER_UNMATCHED')).toContain('User:nobody may READ topic crm.leads.v1');
    expect(message('IMPORT_ACL_UNMANAGED')).toContain('ALL on prefixed topic crm. for User:ops');
  });

  it('adds input ports to catalog products the reading principal is known by, keeping the manifest as written', async () => {
    const live: LiveState = {
      topics: [{ name: 'crm.leads.v1', partitions: 3, replicationFactor: 3, configs: {} }],
      acls: [
        grant('crm.leads.v1', 'User:svc-leads', 'WRITE'),
        grant('crm.leads.v1', 'User:svc-orders', 'READ'),
        grant('orders.leads', 'User:svc-orders', 'READ', { resourceType: 'group' }),
      ],
      subjects: new Map([['crm.leads.v1-value', subject('crm.leads.v1-value', [record('Lead', ['id'])])]]),
    };
    const catalog = await exampleCatalog();
    const result = importLiveState(catalog, live, options);
    const path = 'catalog/commerce/sales/orders/product.yaml';
    const before = catalog.products.get('commerce/sales/orders')?.document.text ?? '';
    expect(result.files.get(path)).toBe(
      `${before}inputPorts:\n  - name: leads-v1\n    product: crm/leads\n    port: leads-v1\n    principal: User:svc-orders\n    consumerGroup: orders.leads\n`,
    );
    expect(result.products).toEqual(['commerce/sales/orders', 'crm/leads']);
  });

  it("leaves out what the environment's overrides give the topic anyway", async () => {
    const live: LiveState = {
      topics: [
        {
          name: 'crm.leads.v1',
          partitions: 3,
          replicationFactor: 1,
          configs: { 'min.insync.replicas': '1', 'cleanup.policy': 'compact' },
        },
      ],
      acls: [grant('crm.leads.v1', 'User:svc-leads', 'WRITE')],
      subjects: new Map([['crm.leads.v1-value', subject('crm.leads.v1-value', [record('Lead', ['id'])])]]),
    };
    const seen: string[] = [];
    const result = importLiveState(await exampleCatalog(), live, {
      ...options,
      overrides: (product) => {
        seen.push(`${product.id} in ${product.domainId}`);
        return { replicationFactor: { value: 1 }, topicConfigs: new Map([['min.insync.replicas', { value: '1' }]]) };
      },
    });
    const text = result.files.get('catalog/crm/leads/product.yaml') ?? '';
    expect(text).not.toContain('replicationFactor');
    expect(text).not.toContain('min.insync.replicas');
    expect(text).toContain('cleanup.policy: compact');
    expect(seen).toEqual(['crm/leads in crm']);
  });

  it('limits topics and orphan subjects to the prefix, and marks personal data restricted', async () => {
    const pii = JSON.stringify({
      type: 'record',
      name: 'Person',
      fields: [{ name: 'email', type: 'string', doc: 'E-mail.', pii: true }],
    });
    const live: LiveState = {
      topics: [
        { name: 'crm.people.v1', partitions: 1, replicationFactor: 3, configs: {} },
        { name: 'ops.audit.v1', partitions: 1, replicationFactor: 3, configs: {} },
      ],
      acls: [grant('crm.people.v1', 'User:svc-people', 'WRITE')],
      subjects: new Map([
        ['crm.people.v1-value', subject('crm.people.v1-value', [pii])],
        ['ops.orphan-value', subject('ops.orphan-value', ['"string"'])],
      ]),
    };
    const result = importLiveState(await exampleCatalog(), live, { ...options, prefix: 'crm.' });
    expect(result.topics).toEqual(['crm.people.v1']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['IMPORT_DRAFT']);
    expect(result.files.get('catalog/crm/people/product.yaml')).toContain('classification: restricted');
  });

  it('writes files that validate, next to the example catalog', async () => {
    dir = exampleCopy();
    const live: LiveState = {
      topics: [{ name: 'crm.leads.v1', partitions: 3, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } }],
      acls: [grant('crm.leads.v1', 'User:svc-leads', 'WRITE'), grant('crm.leads.v1', 'User:svc-leads', 'DESCRIBE')],
      subjects: new Map([['crm.leads.v1-value', subject('crm.leads.v1-value', [record('Lead', ['id'])])]]),
    };
    const result = importLiveState(await exampleCatalog(), live, options);
    const tree = new Map(await readDirectorySource(repoRoot));
    for (const [path, text] of result.files) tree.set(path, { kind: 'file', content: text });
    const { findings } = loadCatalog(tree);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('importLiveState placement', () => {
  it('never writes a product into a domain folder or a domain into a product folder', async () => {
    const catalog = await exampleCatalog();
    const topic = (name: string) => ({ name, partitions: 1, replicationFactor: 3, configs: {} });
    const live: LiveState = {
      topics: [topic('commerce.sales.v1'), topic('commerce.sales.orders.audit.v1')],
      acls: [grant('commerce.sales.v1', 'User:x', 'WRITE'), grant('commerce.sales.orders.audit.v1', 'User:y', 'WRITE')],
      subjects: new Map([
        ['commerce.sales.v1-value', subject('commerce.sales.v1-value', ['"string"'])],
        ['commerce.sales.orders.audit.v1-value', subject('commerce.sales.orders.audit.v1-value', ['"string"'])],
      ]),
    };
    const result = importLiveState(catalog, live, options);
    expect(result.products).toEqual(['commerce/sales/sales', 'imported/commerce-sales-orders/audit']);
    expect(result.findings.filter((f) => f.ruleId === 'IMPORT_TOPIC_NAME')).toHaveLength(2);
    const tree = new Map(await readDirectorySource(repoRoot));
    for (const [path, text] of result.files) tree.set(path, { kind: 'file', content: text });
    expect(loadCatalog(tree).findings.filter((f) => f.ruleId === 'PRODUCT_NESTED')).toEqual([]);
  });
});
