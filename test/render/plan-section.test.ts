import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/plan/operations.js';
import { livePlanLine, planSection, type LivePlan } from '../../src/render/plan-section.js';

const create: Operation = {
  kind: 'create-topic',
  resource: 'topic:orders.v1',
  topic: { name: 'orders.v1', partitions: 6, replicationFactor: 3, configs: {} },
};
const held: Operation = { kind: 'delete-topic', resource: 'topic:old.v1', skipped: 'is kept: deletions are off' };
const createLine = '+ create topic orders.v1 (6 partitions, replication 3)';
const previewIntro =
  '_Planned against the base catalog, as if the cluster held exactly what it describes; live cluster state refines it at apply._';
const liveIntro = '_What merging would do to the live cluster, for the products this pull request touches._';

describe('planSection', () => {
  it('shows the live plan under its target when there is one, not the preview', () => {
    const live: LivePlan = { target: 'prod', operations: [create], notices: ['n'] };
    expect(planSection([held], live).render(Infinity)).toBe(
      `### Plan for merge\n\n#### Plan against prod\n\n${liveIntro}\n\n> **Note:** n\n\n**Plan:** 1 operation(s), in apply order. 1 to create, 0 to change, 0 to grant, 0 to revoke, 0 to delete, 0 held back.\n\n\`\`\`diff\n${createLine}\n\`\`\``,
    );
  });

  it('says the cluster already matches when the live plan is empty, with its notes', () => {
    expect(planSection([], { target: 'prod', operations: [], notices: ['n'] }).render(Infinity)).toBe(
      `### Plan for merge\n\n#### Plan against prod\n\n${liveIntro}\n\n> **Note:** n\n\n✅ The cluster already matches: merging changes nothing on it.`,
    );
  });

  it('falls back to the preview without a live plan', () => {
    expect(planSection([create], undefined).render(Infinity)).toBe(
      `### Plan for merge\n\n${previewIntro}\n\n**Plan:** 1 operation(s), in apply order. 1 to create, 0 to change, 0 to grant, 0 to revoke, 0 to delete, 0 held back.\n\n\`\`\`diff\n${createLine}\n\`\`\``,
    );
  });

  it('says why the live plan is unavailable, escaped, before the preview', () => {
    const live: LivePlan = { target: 'prod_eu', unavailable: 'timed out <after 5s>' };
    expect(planSection([create], live).render(Infinity)).toBe(
      `### Plan for merge\n\n#### Plan against prod\\_eu\n\n**Live plan unavailable:** timed out &lt;after 5s&gt;\n\n${previewIntro}\n\n**Plan:** 1 operation(s), in apply order. 1 to create, 0 to change, 0 to grant, 0 to revoke, 0 to delete, 0 held back.\n\n\`\`\`diff\n${createLine}\n\`\`\``,
    );
    expect(planSection([], live).render(Infinity)).toBe(
      '### Plan for merge\n\n#### Plan against prod\\_eu\n\n**Live plan unavailable:** timed out &lt;after 5s&gt;',
    );
  });

  it('is empty with neither a live plan nor a preview', () => {
    expect(planSection([], undefined).render(Infinity)).toBe('');
  });

  it('keeps to the limit it is rendered with', () => {
    expect(planSection([create, create, create], undefined).render(1)).toContain('\n```\n… and 2 more operation(s).');
    const live: LivePlan = { target: 'prod', operations: [create, create], notices: [] };
    expect(planSection([], live).render(1)).toMatch(/… and 1 more operation\(s\)\.$/);
  });
});

describe('livePlanLine', () => {
  it('is empty without a live plan', () => {
    expect(livePlanLine(undefined)).toBe('');
  });

  it('counts the operations merging would apply, and the skipped ones apart', () => {
    expect(livePlanLine({ target: 'prod', operations: [create, create], notices: [] })).toBe(
      'Merging would apply 2 operation(s) to prod; the comment lists them.',
    );
    expect(livePlanLine({ target: 'prod', operations: [create, held], notices: [] })).toBe(
      'Merging would apply 1 operation(s) to prod (1 more would be skipped); the comment lists them.',
    );
  });

  it('says why the live plan is unavailable, escaped', () => {
    expect(livePlanLine({ target: 'a*b', unavailable: 'no [access]' })).toBe(
      'Live plan against a\\*b unavailable: no \\[access\\]',
    );
  });
});
