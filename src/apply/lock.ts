import { ExternalServiceError } from '../core/errors.js';
import type { KafkaAdmin } from './ports.js';

/** The topic whose existence means "an apply is running on this cluster". */
export const lockTopic = '_mesh-steward.apply-lock';
const leaseMs = 10 * 60_000;

/** Applies queued in this process, per cluster: the App may receive two pushes at once. */
const local = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` holding the cluster's apply lock: in-process first (same cluster, same process: wait in line), then
 * cluster-wide, by creating the lock topic — CreateTopics is atomic, so of two appliers on different machines only
 * one succeeds. The lease's expiry is stored as the empty lock topic's `retention.ms` (a value the broker keeps and
 * returns, harmless on a topic without data): a lock left by a crashed apply can be taken over once it expired, or
 * at once with `breakLock` when an operator knows the holder is gone.
 */
export async function withClusterLock<T>(
  cluster: string,
  kafka: KafkaAdmin,
  options: { breakLock?: boolean; now?: () => number; onReleaseFailure?: (reason: string) => void },
  fn: () => Promise<T>,
): Promise<T> {
  const previous = local.get(cluster) ?? Promise.resolve();
  const mine = previous
    .catch(() => undefined)
    .then(async () => {
      await acquire(kafka, options);
      try {
        return await fn();
      } finally {
        // No wait for the broker's metadata to show the deletion: no plan reads the lock topic, and the next
        // CreateTopics is decided by the controller, which has the deletion once it answered. After a large apply
        // a broker can take most of a minute to create the new partitions' logs before it publishes any later
        // change, so waiting would only wait for that.
        const failure = await release(kafka);
        if (failure) options.onReleaseFailure?.(failure);
      }
    });
  local.set(cluster, mine);
  try {
    return await mine;
  } finally {
    if (local.get(cluster) === mine) local.delete(cluster);
  }
}

/** Deletes the lock topic; the reason when that did not happen (the lock then stays until its lease expires). */
async function release(kafka: KafkaAdmin): Promise<string | undefined> {
  try {
    const [result] = await kafka.deleteTopics([lockTopic], { awaitVisible: false });
    return result?.error;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function acquire(kafka: KafkaAdmin, options: { breakLock?: boolean; now?: () => number }): Promise<void> {
  const now = options.now ?? Date.now;
  for (let attempt = 0; attempt < 2; attempt++) {
    const expiry = String(now() + leaseMs);
    const [result] = await kafka.createTopics([
      { name: lockTopic, partitions: 1, replicationFactor: 1, configs: { 'retention.ms': expiry } },
    ]);
    if (result?.error === undefined) return;
    if (!result.error.startsWith('TOPIC_ALREADY_EXISTS'))
      throw new ExternalServiceError('Kafka', `Kafka: could not take the apply lock: ${result.error}`, {
        retryable: true,
      });
    const held = (await kafka.describeConfigs([lockTopic])).get(lockTopic)?.dynamic['retention.ms'];
    const expired = held === undefined || Number(held) < now();
    if (attempt > 0 || !(expired || options.breakLock))
      throw new ExternalServiceError(
        'Kafka',
        `Another apply holds this cluster's lock (topic ${lockTopic}, lease until ${held ? new Date(Number(held)).toISOString() : 'unknown'}). Wait for it; if its holder is known to be gone, re-run with --break-lock.`,
        { retryable: true },
      );
    await kafka.deleteTopics([lockTopic]);
  }
}
