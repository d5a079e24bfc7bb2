/**
 * What `services:up` prints to stdout: the implicit environment's two variables (STEWARD_KAFKA_BROKERS,
 * STEWARD_REGISTRY_URL), then the ones the example settings' `local` environment reads, so that both
 * `steward apply` and `steward apply --env local` reach the services after `eval`.
 */
export const localEnvironmentVariables = {
  brokers: 'STEWARD_LOCAL_KAFKA_BROKERS',
  registry: 'STEWARD_LOCAL_REGISTRY_URL',
} as const;

export function exportLines(brokers: string, registryUrl: string): string {
  return [
    `export STEWARD_KAFKA_BROKERS=${brokers}`,
    `export STEWARD_REGISTRY_URL=${registryUrl}`,
    `export ${localEnvironmentVariables.brokers}=${brokers}`,
    `export ${localEnvironmentVariables.registry}=${registryUrl}`,
    '',
  ].join('\n');
}
