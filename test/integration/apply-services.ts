/** Where `npm run services:up` (or your own cluster) is: the two variables it prints. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run \`eval "$(npm run -s services:up)"\` first (see README).`);
  return value;
}

export const services = {
  brokers: required('STEWARD_KAFKA_BROKERS').split(','),
  registryUrl: required('STEWARD_REGISTRY_URL'),
};
