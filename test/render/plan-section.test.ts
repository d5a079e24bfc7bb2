import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/plan/operations.js';
import { renderPlanMarkdown } from '../../src/render/plan.js';
import { livePlanLine, planSection, type LivePlan } from '../../src/render/plan-section.js';

const op = (n: number): Operation => ({ kind: 'add-partitions', resource: `topic:t${n}`, from: 1, to: 2 });
const skipped: Operation = { kind: 'delete-topic', resource: 'topic:old', skipped: 'is kept.' };
const previewIntro =
  '_Planned against the base catalog, as if the cluster held exactly what it describes; live cluster state refines it at apply._';
const liveIntro = '_What merging would do to the live cluster, for the products this pull request touches._';

describe('planSection', () => {
  it('shows the live plan when the App could read the cluster, not the preview', () => {
    const live: LivePlan = { target: 'b:9092 https://reg', operations: [op(1)], notices: ['forced'] };
    expect(planSection([op(9)], live).render(Infinity)).toBe(
      `### Plan for merge\n\n#### Plan against b:9092 https://reg\n\n${liveIntro}\n\n${renderPlanMarkdown([op(1)], ['forced']).trimEnd()}`,
    );
  });

  it('says the cluster already matches, with the notes, when the live plan is empty', () => {
    const live: LivePlan = { target: 'prod', operations: [], notices: ['n'] };
    expect(planSection([op(1)], live).render(Infinity)).toBe(
      `### Plan for merge\n\n#### Plan against prod\n\n${liveIntro}\n\n> **Note:** n\n\n✅ The cluster already matches: merging changes nothing on it.`,
    );
  });

  it('gives the reason a live plan is unavailable, escaped, then the preview', () => {
    const live: LivePlan = { target: 'prod_<eu>', unavailable: 'timeout *again*' };
    expect(planSection([op(1)], live).render(Infinity)).toBe(
      '### Plan for merge\n\n#### Plan against prod\\_&lt;eu&gt;\n\n**Live plan unavailable:** timeout \\*again\\*\n\n' +
        `${previewIntro}\n\n${renderPlanMarkdown([op(1)], []).trimEnd()}`,
    );
    expect(planSection([], live).render(Infinity)).toBe(
      '### Plan for merge\n\n#### Plan against prod\\_&lt;eu&gt;\n\n**Live plan unavailable:** timeout \\*again\\*',
    );
  });

  it('shows the preview alone without a cluster, and nothing when the preview is empty', () => {
    expect(planSection([op(1)], undefined).render(Infinity)).toBe(
      `### Plan for merge\n\n${previewIntro}\n\n${renderPlanMarkdown([op(1)], []).trimEnd()}`,
    );
    expect(planSection([], undefined).render(Infinity)).toBe('');
  });

  it('passes the item limit to the plan it lists', () => {
    const ops = [op(1), op(2), op(3)];
    expect(planSection(ops, undefined).render(1)).toContain('… and 2 more operation(s).');
    expect(planSection([], { target: 'p', operations: ops, notices: [] }).render(2)).toMatch(
      /~ add partitions to topic t2: 1 → 2\n```\n… and 1 more operation\(s\)\.$/,
    );
  });
});

describe('livePlanLine', () => {
  it('counts what merging would apply, and what it would skip', () => {
    expect(livePlanLine({ target: 'prod', operations: [op(1), op(2), skipped], notices: [] })).toBe(
      'Merging would apply 2 operation(s) to prod (1 more would be skipped); the comment lists them.',
    );
    expect(livePlanLine({ target: 'prod', operations: [], notices: [] })).toBe(
      'Merging would apply 0 operation(s) to prod; the comment lists them.',
    );
  });

  it('says why the live plan is unavailable, and nothing without a cluster', () => {
    expect(livePlanLine({ target: 'a|b', unavailable: 'refused <x>' })).toBe(
      'Live plan against a\\|b unavailable: refused &lt;x&gt;',
    );
    expect(livePlanLine(undefined)).toBe('');
  });
});
