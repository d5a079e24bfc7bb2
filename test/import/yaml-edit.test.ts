import { describe, expect, it } from 'vitest';
import { editYaml } from '../../src/import/yaml-edit.js';

const manifest = [
  '# a comment that stays',
  'name: orders # trailing comment',
  'outputPorts:',
  '  - name: orders-v1',
  '    partitions: 24',
  '    configs:',
  '      retention.ms: "-1" # forever',
  '      cleanup.policy: compact',
  '    writer: User:svc-orders',
  'tags: [a, b]',
  '',
].join('\n');

describe('editYaml', () => {
  it('replaces a scalar in place and keeps comments, quoting and order', () => {
    expect(editYaml(manifest, [{ kind: 'set', path: ['outputPorts', 0, 'partitions'], value: 48 }])).toBe(
      manifest.replace('partitions: 24', 'partitions: 48'),
    );
    expect(
      editYaml(manifest, [{ kind: 'set', path: ['outputPorts', 0, 'configs', 'retention.ms'], value: '86400000' }]),
    ).toBe(manifest.replace('"-1" # forever', '"86400000" # forever'));
  });

  it('adds a missing key below its siblings, and the missing mappings above it', () => {
    const added = editYaml(manifest, [
      { kind: 'set', path: ['outputPorts', 0, 'configs', 'segment.ms'], value: '3600000' },
    ]);
    expect(added).toBe(
      manifest.replace('cleanup.policy: compact\n', 'cleanup.policy: compact\n      segment.ms: "3600000"\n'),
    );
    const nested = editYaml(manifest, [{ kind: 'set', path: ['sla', 'tier'], value: 'gold' }]);
    expect(nested).toBe(`${manifest}sla:\n  tier: gold\n`);
  });

  it('removes an entry, and a mapping it would leave empty', () => {
    const once = editYaml(manifest, [{ kind: 'remove', path: ['outputPorts', 0, 'configs', 'retention.ms'] }]);
    expect(once).toBe(manifest.replace('      retention.ms: "-1" # forever\n', ''));
    const twice = editYaml(once, [{ kind: 'remove', path: ['outputPorts', 0, 'configs', 'cleanup.policy'] }]);
    expect(twice).toBe(once.replace('    configs:\n      cleanup.policy: compact\n', ''));
  });

  it('appends to a block sequence, creates a missing one, and rewrites a flow one', () => {
    const item = { name: 'x', port: 'p' };
    expect(editYaml(manifest, [{ kind: 'append', key: 'outputPorts', item }])).toBe(
      manifest.replace('    writer: User:svc-orders\n', '    writer: User:svc-orders\n  - name: x\n    port: p\n'),
    );
    expect(editYaml(manifest, [{ kind: 'append', key: 'inputPorts', item }])).toBe(
      `${manifest}inputPorts:\n  - name: x\n    port: p\n`,
    );
    expect(editYaml('inputPorts: []\n', [{ kind: 'append', key: 'inputPorts', item }])).toBe(
      'inputPorts:\n  - name: x\n    port: p\n',
    );
  });
});
