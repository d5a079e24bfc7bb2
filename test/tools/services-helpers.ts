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

/**
 * A stand-in JDK and Maven in `dir`, enough for `services.ts up` to get as far as starting both servers: `mvn`
 * writes a classpath and packs an empty Apicurio app; `java -version` says 21; the Kafka storage format succeeds;
 * the broker prints `brokerLog` and exits 1 at once, while the registry waits (and is stopped again by `up`).
 */
export function fakeToolchain(dir: string, brokerLog: readonly string[]): string {
  mkdirSync(dir, { recursive: true });
  const script = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}`);
    chmodSync(join(dir, name), 0o755);
  };
  script(
    'mvn',
    `for a in "$@"; do
  case "$a" in
    -Dmdep.outputFile=*) echo /nonexistent/kafka.jar > "\${a#-Dmdep.outputFile=}";;
    -DoutputDirectory=*) out="\${a#-DoutputDirectory=}"; mkdir -p "$out/app"; : > "$out/app/quarkus-run.jar"
      tar -czf "$out/apicurio-registry-app-3.3.3-all.tar.gz" -C "$out/app" quarkus-run.jar;;
  esac
done
`,
  );
  const lines = brokerLog.map((line) => `echo '${line.replace(/'/g, `'\\''`)}'`).join('\n');
  script(
    'java',
    `case "$*" in
  *-version*) echo 'openjdk version "21.0.2" 2024-01-16' >&2;;
  *kafka.tools.StorageTool*) echo 'Formatting metadata directory';;
  *kafka.Kafka*) ${lines}
    exit 1;;
  *quarkus-run.jar*) exec sleep 60;;
esac
`,
  );
  return dir;
}
