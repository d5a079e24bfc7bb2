/**
 * The checks `services.ts up` makes before it starts anything, and the one-line causes it reports: a port already
 * taken, a missing or too old Java, a tool missing from PATH, a process that exited before it was ready. Each failure
 * is a ServicesError, whose message is printed as is (no stack trace) and which makes the script exit 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A failure whose message says the cause and the fix; the script prints it after `services: ` and exits 1. */
export class ServicesError extends Error {
  override readonly name = 'ServicesError';
}

/** One port the services listen on, and the variable that chooses it. */
export interface PortUse {
  readonly what: string;
  readonly port: number;
  readonly variable: string;
}

export interface ServicePorts {
  readonly broker: PortUse;
  readonly controller: PortUse;
  readonly registry: PortUse;
  /** Quarkus' management interface (health, metrics): ten above the registry's port unless chosen. */
  readonly registryManagement: PortUse;
}

type Env = Readonly<Record<string, string | undefined>>;

function readPort(env: Env, what: string, variable: string, fallback: number): PortUse {
  const text = env[variable];
  if (text === undefined || text === '') return { what, port: fallback, variable };
  const port = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ServicesError(`${variable}=${JSON.stringify(text)} is not a port (a whole number from 1 to 65535)`);
  }
  return { what, port, variable };
}

/** The ports from the environment (defaults 19092, 19093, 18081, registry + 10); refuses non-ports and clashes. */
export function readPorts(env: Env): ServicePorts {
  const registry = readPort(env, 'registry', 'STEWARD_SERVICES_REGISTRY_PORT', 18081);
  const ports: ServicePorts = {
    broker: readPort(env, 'broker', 'STEWARD_SERVICES_BROKER_PORT', 19092),
    controller: readPort(env, 'controller', 'STEWARD_SERVICES_CONTROLLER_PORT', 19093),
    registry,
    registryManagement: readPort(
      env,
      'registry management',
      'STEWARD_SERVICES_REGISTRY_MANAGEMENT_PORT',
      registry.port + 10,
    ),
  };
  const uses = Object.values(ports);
  for (const [i, use] of uses.entries()) {
    const other = uses.slice(i + 1).find((u) => u.port === use.port);
    if (other) {
      throw new ServicesError(
        `the ${use.what} and the ${other.what} would both use port ${use.port}; set ${use.variable} or ${other.variable} to another port`,
      );
    }
  }
  return ports;
}

/** Whether 127.0.0.1:port can be listened on now; the probe closes again at once. */
function probePort(port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** Fails on the first port that cannot be listened on, naming it and the variable that moves it. */
export async function checkPorts(ports: ServicePorts): Promise<void> {
  for (const use of Object.values(ports)) {
    const error = await probePort(use.port);
    if (!error) continue;
    const problem =
      error.code === 'EADDRINUSE' ? 'is in use' : `cannot be listened on (${error.code ?? error.message})`;
    throw new ServicesError(`port ${use.port} ${problem} (${use.what}; choose another with ${use.variable})`);
  }
}

/** The major version in `java -version` output: `"17.0.15"` is 17, the old `"1.8.0_292"` is 8. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/** Runs `java -version` and fails unless it is at least `minimum`; `needs` says who needs it and how to choose one. */
export function checkJava(java: string, minimum: number, needs: string): void {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ServicesError(
      `${missing ? `${java} not found` : `${java} -version failed (${result.error.message})`}; ${needs}`,
    );
  }
  const major = parseJavaMajor(`${result.stderr}\n${result.stdout}`);
  if (major === undefined) throw new ServicesError(`${java} -version printed no version; ${needs}`);
  if (major < minimum) throw new ServicesError(`${java} is Java ${major}; ${needs}`);
}

function releaseMajor(releaseFile: string): number {
  if (!existsSync(releaseFile)) return 0;
  const match = /JAVA_VERSION="(\d+)/.exec(readFileSync(releaseFile, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/**
 * The `java` for Apicurio 3.3, which is built for Java 21 (Kafka runs on the default Java 17): the one in
 * STEWARD_SERVICES_REGISTRY_JAVA_HOME, else the newest JDK of 21 or later under `jvmRoot`.
 */
export function findRegistryJava(env: Env, jvmRoot = '/usr/lib/jvm'): string {
  const chosen = env.STEWARD_SERVICES_REGISTRY_JAVA_HOME;
  if (chosen) return join(chosen, 'bin', 'java');
  const candidates = existsSync(jvmRoot)
    ? readdirSync(jvmRoot)
        .map((dir) => ({ dir, major: releaseMajor(join(jvmRoot, dir, 'release')) }))
        .filter((c) => c.major >= 21)
        .sort((a, b) => b.major - a.major)
    : [];
  const best = candidates[0];
  if (!best) {
    throw new ServicesError(
      `Apicurio Registry 3.3 needs Java 21 or later and none is under ${jvmRoot}; set STEWARD_SERVICES_REGISTRY_JAVA_HOME`,
    );
  }
  return join(jvmRoot, best.dir, 'bin', 'java');
}

/** The last `count` non-empty lines of a log, indented, or a note that there is none. */
export function logTail(file: string, count = 15): string {
  if (!existsSync(file)) return `  (no log at ${file})`;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (lines.length === 0) return `  (${file} is empty)`;
  return lines
    .slice(-count)
    .map((line) => `  ${line}`)
    .join('\n');
}

/** What a process that died before answering left behind: one line of cause, then the end of its log. */
export function exitedBeforeReady(what: string, file: string): ServicesError {
  return new ServicesError(`${what} exited before it was ready; the last lines of ${file}:\n${logTail(file)}`);
}
