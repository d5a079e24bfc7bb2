import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

/** A `java` that prints `version` the way the JDK does (on stderr), touches `marker` if given, and exits 0. */
export function fakeJava(dir: string, version: string, marker?: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'java');
  const touch = marker ? `echo "$@" >> '${marker}'\n` : '';
  writeFileSync(file, `#!/bin/sh\n${touch}echo 'openjdk version "${version}" 2025-04-15' >&2\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A server listening on a free loopback port, which the caller closes. */
export async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** `count` loopback ports that were free a moment ago (held together, so all distinct, then released). */
export async function freePorts(count: number): Promise<number[]> {
  const held = await Promise.all(Array.from({ length: count }, holdPort));
  await Promise.all(held.map(({ server }) => new Promise((r) => server.close(r))));
  return held.map(({ port }) => port);
}

/** The four port variables of `services.ts`, on the given ports. */
export function portEnv([broker, controller, registry, management]: readonly number[]): Record<string, string> {
  return {
    STEWARD_SERVICES_BROKER_PORT: String(broker),
    STEWARD_SERVICES_CONTROLLER_PORT: String(controller),
    STEWARD_SERVICES_REGISTRY_PORT: String(registry),
    STEWARD_SERVICES_REGISTRY_MANAGEMENT_PORT: String(management),
  };
}
