import { describe, expect, it } from 'vitest';
import { recordOutcomes } from '../../src/audit/outcomes.js';
import type { Operation } from '../../src/plan/operations.js';
import type { RenderedOutcome } from '../../src/render/plan.js';

const createTopic: Operation = {
  kind: 'create-topic',
  resource: 'topic:commerce.orders.v1',
  topic: { name: 'commerce.orders.v1', partitions: 3, replicationFactor: 3, configs: {} },
};
const register = (subject: string): Operation => ({
  kind: 'register-schema',
  resource: `subject:${subject}`,
  schema: '"string"',
  references: [],
  previousVersion: undefined,
});
const deleteTopic: Operation = { kind: 'delete-topic', resource: 'topic:old.v1' };

describe('recordOutcomes', () => {
  it('maps every outcome status to the record’s operation status, with the message as detail', () => {
    const statuses = ['succeeded', 'failed', 'skipped', 'not-attempted', 'unknown'] as const;
    const outcomes: RenderedOutcome[] = statuses.map((status) => ({
      operation: deleteTopic,
      status,
      ...(status === 'failed' ? { message: 'denied' } : {}),
    }));
    expect(recordOutcomes(outcomes).operations).toEqual([
      { status: 'ok', kind: 'delete-topic', resource: 'topic:old.v1' },
      { status: 'failed', kind: 'delete-topic', resource: 'topic:old.v1', detail: 'denied' },
      { status: 'skipped', kind: 'delete-topic', resource: 'topic:old.v1' },
      { status: 'not-attempted', kind: 'delete-topic', resource: 'topic:old.v1' },
      { status: 'unknown', kind: 'delete-topic', resource: 'topic:old.v1' },
    ]);
  });

  it('lists the subjects registered with a version, by bare name, only for succeeded registrations', () => {
    const result = recordOutcomes([
      { operation: register('a-value'), status: 'succeeded', registered: { id: 11, version: 2 } },
      { operation: register('b-value'), status: 'succeeded', registered: { id: 12 } },
      { operation: register('c-value'), status: 'failed', registered: { id: 13, version: 1 } },
      { operation: register('d-value'), status: 'succeeded' },
    ]);
    expect(result.subjects).toEqual([{ subject: 'a-value', version: 2, id: 11 }]);
    expect(result.topics).toEqual([]);
  });

  it('lists the topics that succeeded creating, by bare name', () => {
    const other: Operation = { ...createTopic, resource: 'topic:x.v1' };
    const result = recordOutcomes([
      { operation: createTopic, status: 'succeeded' },
      { operation: other, status: 'unknown' },
      { operation: deleteTopic, status: 'succeeded' },
    ]);
    expect(result.topics).toEqual(['commerce.orders.v1']);
    expect(result.subjects).toEqual([]);
  });

  it('gives empty lists for no outcomes', () => {
    expect(recordOutcomes([])).toEqual({ operations: [], subjects: [], topics: [] });
  });
});
