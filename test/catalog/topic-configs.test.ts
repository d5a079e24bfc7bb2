import { describe, expect, it } from 'vitest';
import productSchema from '../../schemas/product.v1.schema.json' with { type: 'json' };
import { topicConfigProblem, topicConfigs } from '../../src/catalog/topic-configs.js';

describe('topicConfigProblem reads values as the broker does', () => {
  const source = (value: unknown) => () => String(value);
  it.each([
    ['retention.ms', -1, undefined],
    ['retention.ms', ' 604800000 ', undefined],
    ['retention.ms', '9223372036854775807', undefined],
    ['retention.ms', '9223372036854775808', "it does not fit Kafka's long type"],
    ['retention.ms', -2, 'it must be a whole number of at least -1 milliseconds'],
    ['retention.ms', '7d', 'it must be a whole number'],
    ['retention.ms', 2 ** 60, 'is too large to be read exactly; quote it'],
    ['segment.bytes', 1_048_575, 'at least 1048576 bytes'],
    ['segment.bytes', '1048576', undefined],
    ['compression.gzip.level', -1, undefined],
    ['compression.gzip.level', 0, 'from 1 to 9, or -1'],
    ['cleanup.policy', 'compact,delete', undefined],
    ['cleanup.policy', '', undefined],
    ['cleanup.policy', 'delete,', 'it has an empty entry'],
    ['unclean.leader.election.enable', 'TRUE', undefined],
    ['unclean.leader.election.enable', 1, 'it must be `true` or `false`'],
    ['min.cleanable.dirty.ratio', '0.5', undefined],
    ['min.cleanable.dirty.ratio', Number.NaN, 'it must be a number from 0 to 1'],
    ['message.timestamp.type', 'createtime', 'it must be one of `CreateTime`, `LogAppendTime`'],
    ['leader.replication.throttled.replicas', '0:101, 1:102', undefined],
    ['leader.replication.throttled.replicas', '0-101', 'partition:broker'],
  ])('%s: %j', (name, value, problem) => {
    const result = topicConfigProblem(name, value, source(value));
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result?.kind === 'invalid' ? result.reason : result).toContain(problem);
  });

  it('is the list of configs the published schema offers editors', () => {
    const offered = Object.keys(productSchema.$defs.outputPort.properties.configs.properties);
    expect(offered).toEqual(Object.keys(topicConfigs));
  });

  it('suggests the config meant, and leaves vendor configs to their broker', () => {
    expect(topicConfigProblem('retention.msec', '1', source(1))).toEqual({ kind: 'unknown', hint: 'retention.ms' });
    expect(topicConfigProblem('confluent.tier.enable', 'true', source(1))).toBeUndefined();
    expect(topicConfigProblem('message.format.version', '3.0', source(1))).toEqual({
      kind: 'unknown',
      hint: undefined,
      removed: true,
    });
  });
});
