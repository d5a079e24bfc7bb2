import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Where `npm run services:up` (or your own cluster) is: the two variables it prints. */
function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run \`services=$(npm run -s services:up) && eval "$services"\` first (see README).`,
    );
  return value;
}

const script = join(import.meta.dirname, '..', '..', 'tools', 'services', 'services.ts');

function services_(command: string): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, command], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`services ${command} failed: ${result.stderr}`);
}

export const services = {
  brokers: required('STEWARD_KAFKA_BROKERS').split(','),
  registryUrl: required('STEWARD_REGISTRY_URL'),
  /** Only for the project's own services (the outage test stops and restarts the broker, keeping its data). */
  stopKafka: () => services_('stop-kafka'),
  startKafka: () => services_('start-kafka'),
};
