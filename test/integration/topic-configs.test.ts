import { Connection, createTopicsV7 } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicConfigProblem, topicConfigs } from '../../src/catalog/topic-configs.js';
import { services } from './apply-services.js';

/**
 * The topic config table against the real broker: each value goes to CreateTopics with `validateOnly`, so nothing
 * is created, and the broker's verdict must be ours. The two values we refuse although the broker takes them are
 * listed apart, so that stays a decision rather than drift.
 */
const probes: readonly (readonly [string, string])[] = [
  ['retention.ms', '-1'],
  ['retention.ms', '-2'],
  ['retention.ms', ' 1000 '],
  ['retention.ms', '+5'],
  ['retention.ms', '9223372036854775807'],
  ['retention.ms', '9223372036854775808'],
  ['retention.ms', '1e3'],
  ['retention.ms', '7d'],
  ['retention.bytes', '-1'],
  ['min.insync.replicas', '0'],
  ['min.insync.replicas', '1'],
  ['segment.bytes', '14'],
  ['segment.bytes', '1048575'],
  ['segment.bytes', '1048576'],
  ['segment.bytes', '2147483648'],
  ['segment.index.bytes', '3'],
  ['segment.ms', '0'],
  ['segment.jitter.ms', '-1'],
  ['flush.messages', '0'],
  ['flush.ms', '0'],
  ['cleanup.policy', 'compact, delete'],
  ['cleanup.policy', ''],
  ['cleanup.policy', 'delete,'],
  ['cleanup.policy', 'Delete'],
  ['compression.type', ' gzip '],
  ['compression.type', 'ZSTD'],
  ['compression.gzip.level', '-1'],
  ['compression.gzip.level', '0'],
  ['compression.lz4.level', '17'],
  ['compression.zstd.level', '-131073'],
  ['compression.zstd.level', '23'],
  ['delete.retention.ms', '-1'],
  ['max.compaction.lag.ms', '0'],
  ['max.message.bytes', '0'],
  ['min.cleanable.dirty.ratio', '1.5'],
  ['min.cleanable.dirty.ratio', '0.5'],
  ['message.timestamp.type', 'createtime'],
  ['message.timestamp.before.max.ms', '-1'],
  ['message.format.version', '3.0'],
  ['message.downconversion.enable', 'true'],
  ['message.timestamp.difference.max.ms', '1000'],
  ['preallocate', 'TRUE'],
  ['preallocate', 'yes'],
  ['local.retention.ms', '-2'],
  ['local.retention.ms', '-3'],
  ['leader.replication.throttled.replicas', '0:1,1:1'],
  ['leader.replication.throttled.replicas', '0-1'],
  ['follower.replication.throttled.replicas', ''],
  ['retention.msec', '1'],
];

/** Accepted by the broker, refused by us on purpose (docs/manifest.md, "Topic configs"). */
const stricter: readonly (readonly [string, string])[] = [
  ['retention.bytes', '-2'],
  ['min.cleanable.dirty.ratio', 'NaN'],
];

const connection = new Connection('steward-it-topic-configs');

async function brokerAccepts(
  name: string,
  value: string,
): Promise<{ ok: boolean; message: string | null; configs: string[] }> {
  const topic = {
    name: 'steward-it-validate-only',
    numPartitions: 1,
    replicationFactor: 1,
    assignments: [],
    configs: [{ name, value }],
  };
  const response = await createTopicsV7.api.async(connection, [topic], 10_000, true).catch((error: unknown) => {
    const r = (error as { response?: Awaited<ReturnType<typeof createTopicsV7.api.async>> }).response;
    if (!r) throw error;
    return r;
  });
  const result = response.topics[0];
  return {
    ok: result?.errorCode === 0,
    message: result?.errorMessage ?? null,
    configs: (result?.configs ?? []).map((c) => c.name),
  };
}

describe('topic config values: our verdict is the broker’s', () => {
  beforeAll(async () => {
    const [host, port] = (services.brokers[0] ?? '').split(':');
    await connection.connect(host ?? '127.0.0.1', Number(port));
  });
  afterAll(() => connection.close());

  it.each(probes)('%s = %j', async (name, value) => {
    const broker = await brokerAccepts(name, value);
    const ours = topicConfigProblem(name, value, () => value);
    expect(ours === undefined, `broker: ${broker.message ?? 'accepted'}`).toBe(broker.ok);
  });

  it('knows exactly the topic configs the broker has', async () => {
    const { configs } = await brokerAccepts('retention.ms', '1000');
    expect(Object.keys(topicConfigs).sort()).toEqual(configs.sort());
  });

  it.each(stricter)('%s = %j is refused by us only', async (name, value) => {
    expect((await brokerAccepts(name, value)).ok).toBe(true);
    expect(topicConfigProblem(name, value, () => value)).toBeDefined();
  });
});
