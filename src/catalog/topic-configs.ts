import { closest } from '../core/suggest.js';

/**
 * The topic-level configs of Apache Kafka 4.x (`TopicConfig`/`LogConfig`), with the type and range each is defined
 * with, so a value the broker would refuse at apply time is a finding in the pull request instead. Values are read
 * the way the broker reads them: strings are trimmed, numbers are base-10 whole numbers that must fit the Java type,
 * booleans are `true`/`false` in any case. Held against a real 4.1 broker's CreateTopics (validate only); stricter
 * than the broker only where its answer is a mistake in practice: `retention.bytes` below -1 and a `NaN` ratio.
 */
export type TopicConfigSpec =
  | {
      readonly type: 'int' | 'long';
      readonly min: bigint;
      readonly max?: bigint;
      readonly also?: bigint;
      readonly unit?: string;
      readonly special?: string;
    }
  | { readonly type: 'double'; readonly min: number; readonly max: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'string'; readonly values?: readonly string[] }
  | { readonly type: 'list'; readonly values: readonly string[] }
  | { readonly type: 'replicas' };

const long = (min: number, unit?: string, special?: string): TopicConfigSpec => ({
  type: 'long',
  min: BigInt(min),
  unit,
  special,
});
const int = (min: number, unit?: string): TopicConfigSpec => ({ type: 'int', min: BigInt(min), unit });
const bool: TopicConfigSpec = { type: 'boolean' };

export const topicConfigs: Readonly<Record<string, TopicConfigSpec>> = {
  'cleanup.policy': { type: 'list', values: ['delete', 'compact'] },
  'compression.type': { type: 'string', values: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'] },
  'compression.gzip.level': { type: 'int', min: 1n, max: 9n, also: -1n },
  'compression.lz4.level': { type: 'int', min: 1n, max: 17n },
  'compression.zstd.level': { type: 'int', min: -131072n, max: 22n },
  'delete.retention.ms': long(0, 'milliseconds'),
  'file.delete.delay.ms': long(0, 'milliseconds'),
  'flush.messages': long(1, 'messages'),
  'flush.ms': long(0, 'milliseconds'),
  'follower.replication.throttled.replicas': { type: 'replicas' },
  'index.interval.bytes': int(0, 'bytes'),
  'leader.replication.throttled.replicas': { type: 'replicas' },
  'local.retention.bytes': long(-2, 'bytes', '-2 means the same as retention.bytes'),
  'local.retention.ms': long(-2, 'milliseconds', '-2 means the same as retention.ms'),
  'max.compaction.lag.ms': long(1, 'milliseconds'),
  'max.message.bytes': int(0, 'bytes'),
  'message.timestamp.after.max.ms': long(0, 'milliseconds'),
  'message.timestamp.before.max.ms': long(0, 'milliseconds'),
  'message.timestamp.type': { type: 'string', values: ['CreateTime', 'LogAppendTime'] },
  'min.cleanable.dirty.ratio': { type: 'double', min: 0, max: 1 },
  'min.compaction.lag.ms': long(0, 'milliseconds'),
  'min.insync.replicas': int(1, 'replicas'),
  preallocate: bool,
  'remote.log.copy.disable': bool,
  'remote.log.delete.on.disable': bool,
  'remote.storage.enable': bool,
  'retention.bytes': long(-1, 'bytes', '-1 means no size limit'),
  'retention.ms': long(-1, 'milliseconds', '-1 means no time limit'),
  // Kafka 4.0 raised the minimum from 14 bytes (KIP-1030).
  'segment.bytes': int(1024 * 1024, 'bytes'),
  'segment.index.bytes': int(4, 'bytes'),
  'segment.jitter.ms': long(0, 'milliseconds'),
  'segment.ms': long(1, 'milliseconds'),
  'unclean.leader.election.enable': bool,
};

/** Configs Kafka 4.0 removed: a 4.x broker refuses a topic that sets them. */
const removedIn4 = ['message.downconversion.enable', 'message.format.version', 'message.timestamp.difference.max.ms'];

/** Vendor configs (Confluent Server) that Apache Kafka does not define; their brokers check them. */
const vendorPrefixes = ['confluent.'];

const javaRange = { int: [-(2n ** 31n), 2n ** 31n - 1n], long: [-(2n ** 63n), 2n ** 63n - 1n] } as const;

export type ConfigProblem =
  | { readonly kind: 'unknown'; readonly hint: string | undefined; readonly removed?: true }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Why Kafka would refuse `name: value` on a topic, or undefined when it accepts it. `source` gives the value as
 * written; `suggest` false skips the did-you-mean (for findings past the cap, which are only counted).
 */
export function topicConfigProblem(
  name: string,
  value: unknown,
  source: () => string,
  suggest = true,
): ConfigProblem | undefined {
  const spec = topicConfigs[name];
  if (!spec) {
    if (vendorPrefixes.some((p) => name.startsWith(p))) return undefined;
    if (removedIn4.includes(name)) return { kind: 'unknown', hint: undefined, removed: true };
    return { kind: 'unknown', hint: suggest ? closest(name, Object.keys(topicConfigs)) : undefined };
  }
  const reason = valueProblem(spec, value, source);
  return reason === undefined ? undefined : { kind: 'invalid', reason };
}

function valueProblem(spec: TopicConfigSpec, value: unknown, source: () => string): string | undefined {
  switch (spec.type) {
    case 'int':
    case 'long':
      return wholeNumberProblem(spec, value, source);
    case 'double':
      return doubleProblem(spec, value);
    case 'boolean':
      return typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
        ? undefined
        : 'it must be `true` or `false`';
    case 'string':
      if (typeof value !== 'string') return 'it must be a string';
      if (value.trim() === '') return 'it must not be empty';
      return spec.values && !spec.values.includes(value.trim()) ? `it must be one of ${list(spec.values)}` : undefined;
    case 'list':
      return listProblem(spec.values, value);
    case 'replicas':
      return typeof value === 'string' && /^\s*(\*|\d+\s*:\s*\d+(\s*,\s*\d+\s*:\s*\d+)*)?\s*$/.test(value)
        ? undefined
        : 'it must be `*` or a comma-separated list of `partition:broker` pairs, e.g. `0:101,1:102`';
  }
}

function wholeNumberProblem(
  spec: Extract<TopicConfigSpec, { min: bigint }>,
  value: unknown,
  source: () => string,
): string | undefined {
  const [typeMin, typeMax] = javaRange[spec.type];
  const max = spec.max ?? typeMax;
  const expected = expectation(spec, max === typeMax ? undefined : max);
  let n: bigint;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `${source()} is not a finite number; it must be ${expected}`;
    if (!Number.isInteger(value)) return `it must be ${expected}, without a fraction`;
    // Above 2^53 a YAML number has already lost digits; only the written-out string keeps the exact value.
    if (!Number.isSafeInteger(value))
      return `${source()} is too large to be read exactly; quote it, and it must be ${expected}`;
    n = BigInt(value);
  } else if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) {
    n = BigInt(value.trim());
  } else {
    return `it must be ${expected}`;
  }
  if (n < typeMin || n > typeMax) return `it does not fit Kafka's ${spec.type} type; it must be ${expected}`;
  if ((n < spec.min || n > max) && n !== spec.also) return `it must be ${expected}`;
  return undefined;
}

function expectation(spec: Extract<TopicConfigSpec, { min: bigint }>, max: bigint | undefined): string {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const range =
    max === undefined
      ? `a whole number of at least ${spec.min}${unit}`
      : `a whole number from ${spec.min} to ${max}${unit}`;
  const also = spec.also === undefined ? '' : `, or ${spec.also}`;
  return `${range}${also}${spec.special ? ` (${spec.special})` : ''}`;
}

function doubleProblem(spec: { min: number; max: number }, value: unknown): string | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
  return Number.isFinite(n) && n >= spec.min && n <= spec.max
    ? undefined
    : `it must be a number from ${spec.min} to ${spec.max}`;
}

function listProblem(values: readonly string[], value: unknown): string | undefined {
  if (typeof value !== 'string') return `it must be one of ${list(values)}, or several separated by commas`;
  // An empty list is one the broker accepts (neither deletion nor compaction).
  if (value.trim() === '') return undefined;
  const items = value.trim().split(/\s*,\s*/);
  const wrong = items.find((i) => !values.includes(i));
  if (wrong === undefined) return undefined;
  return wrong === ''
    ? `it has an empty entry; it must be one of ${list(values)}, or several separated by commas`
    : `\`${wrong}\` is not one of ${list(values)}`;
}

function list(values: readonly string[]): string {
  return values.map((v) => `\`${v}\``).join(', ');
}
