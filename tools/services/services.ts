/**
 * `npm run services:up` / `services:down`: a real Apache Kafka broker (single-node KRaft, ACL authorizer on) and a
 * real Apicurio Registry (Confluent API) on loopback, for integration tests and the apply benchmark. Everything
 * comes from Maven Central through Maven (cached in ~/.m2, unpacked once into .services/, gitignored). Each instance's
 * broker data, logs and pids live in a folder of its own, named by broker port (.services/ itself for the default
 * ports), so that a second instance on other ports never stops or wipes the first.
 * `up` checks first (ports free, Java versions; see preflight.ts), then prints the `export` lines (exports.ts: the
 * implicit environment's and the `local` environment's variables) to stdout and everything else to stderr, so
 * `services=$(npm run -s services:up) && eval "$services"` works; on any failure it prints nothing on stdout, one
 * cause on stderr, and exits 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkJava,
  checkPorts,
  exitedBeforeReady,
  findRegistryJava,
  logTail,
  readPorts,
  ServicesError,
} from './preflight.js';
import { log4j, serverProperties } from './kafka-config.js';
import { exportLines } from './exports.js';

const log = (message: string) => process.stderr.write(`services: ${message}\n`);

/** Every constant below derives from the ports, so a variable that is not a port stops the script here. */
function readPortsOrExit(): ReturnType<typeof readPorts> {
  try {
    return readPorts(process.env);
  } catch (error) {
    log((error as Error).message);
    process.exit(1);
  }
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
/** Downloads, and each instance's data, logs and pids: `.services/` unless STEWARD_SERVICES_DIR says elsewhere. */
const cache = resolve(process.env.STEWARD_SERVICES_DIR || join(root, '.services'));
const kafkaVersion = '4.1.2';
const apicurioVersion = '3.3.3';
const portUses = readPortsOrExit();
/**
 * Quarkus' management interface (health, metrics) is on 0.0.0.0:9000 by default: moved onto loopback, ten above the
 * registry's port, so a second instance does not clash with the first.
 */
const ports = {
  broker: portUses.broker.port,
  controller: portUses.controller.port,
  registry: portUses.registry.port,
  registryManagement: portUses.registryManagement.port,
};
const state = ports.broker === 19092 ? cache : join(cache, `instance-${ports.broker}`);
const brokers = `127.0.0.1:${ports.broker}`;
const registryUrl = `http://127.0.0.1:${ports.registry}/apis/ccompat/v7`;
const readyTimeoutMs = 180_000;

function run(command: string, args: readonly string[], what: string): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new ServicesError(`${what} needs ${command}, which is not on PATH`);
  }
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n  ');
    throw new ServicesError(`${what} failed (${command} exited ${result.status ?? result.signal}):\n  ${output}`);
  }
  return result.stdout;
}

/** The broker's classpath, resolved by Maven from tools/services/pom.xml (downloads only on the first run). */
function kafkaClasspath(): string {
  const file = join(cache, 'kafka.classpath');
  if (!existsSync(file)) {
    log(`resolving Apache Kafka ${kafkaVersion} from Maven Central (cached in ~/.m2)`);
    run(
      'mvn',
      ['-q', '-B', '-f', join(here, 'pom.xml'), 'dependency:build-classpath', `-Dmdep.outputFile=${file}`],
      'Resolving the Kafka classpath',
    );
  }
  return readFileSync(file, 'utf8').trim();
}

/** Apicurio's Quarkus app, fetched as a Maven artifact and unpacked once. */
function apicurioHome(): string {
  const home = join(cache, `apicurio-${apicurioVersion}`);
  if (existsSync(join(home, 'quarkus-run.jar'))) return home;
  const artifact = `io.apicurio:apicurio-registry-app:${apicurioVersion}:tar.gz:all`;
  log(`fetching Apicurio Registry ${apicurioVersion} from Maven Central (cached in ~/.m2)`);
  const downloads = join(cache, 'downloads');
  run(
    'mvn',
    ['-q', '-B', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${downloads}`],
    'Fetching Apicurio',
  );
  const tarball = join(downloads, `apicurio-registry-app-${apicurioVersion}-all.tar.gz`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', home], 'Unpacking Apicurio');
  if (existsSync(join(home, 'quarkus-run.jar'))) return home;
  // Some releases wrap the app in one top-level folder.
  const inner = run('sh', ['-c', `dirname "$(find "${home}" -name quarkus-run.jar | head -1)"`], 'Locating Apicurio');
  return inner.trim();
}

function startDetached(name: string, java: string, args: readonly string[]): void {
  const out = openSync(join(state, `${name}.log`), 'w');
  const child = spawn(java, args, { cwd: state, detached: true, stdio: ['ignore', out, out] });
  if (child.pid === undefined) throw new ServicesError(`could not start ${name} (${java})`);
  writeFileSync(join(state, `${name}.pid`), `${child.pid}\n`);
  child.unref();
  log(`${name} started (pid ${child.pid}, log ${join(state, `${name}.log`)})`);
}

function kafkaJvm(dir: string): string[] {
  return [
    '-Xms256m',
    '-Xmx768m',
    `-Dlog4j2.configurationFile=${join(dir, 'log4j2.properties')}`,
    '-cp',
    kafkaClasspath(),
  ];
}

function startKafka(): void {
  const dir = join(state, 'kafka');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'server.properties'), serverProperties(ports, join(dir, 'data')));
  writeFileSync(join(dir, 'log4j2.properties'), log4j);
  const jvm = kafkaJvm(dir);
  const clusterId = randomBytes(16).toString('base64url');
  // Joined to its flag: a base64url id may start with `-`, which the tool's argument parser takes for an option.
  run(
    'java',
    [...jvm, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', join(dir, 'server.properties')],
    'Formatting the Kafka storage',
  );
  startDetached('kafka', 'java', [...jvm, 'kafka.Kafka', join(dir, 'server.properties')]);
}

function startRegistry(): void {
  const home = apicurioHome();
  startDetached('registry', findRegistryJava(process.env), [
    '-Xms128m',
    '-Xmx768m',
    `-Dquarkus.http.port=${ports.registry}`,
    '-Dquarkus.http.host=127.0.0.1',
    `-Dquarkus.management.port=${ports.registryManagement}`,
    '-Dquarkus.management.host=127.0.0.1',
    '-jar',
    join(home, 'quarkus-run.jar'),
  ]);
}

async function waitFor(what: string, name: string, probe: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const pid = pidOf(name);
    if (pid === undefined || !isAlive(pid)) throw exitedBeforeReady(what, join(state, `${name}.log`));
    try {
      await probe();
      log(`${what} is ready`);
      return;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new ServicesError(
    `${what} did not answer within ${readyTimeoutMs / 1000} s (${String(last)}); the last lines of its log:\n` +
      logTail(join(state, `${name}.log`)),
  );
}

async function probeKafka(): Promise<void> {
  // Loaded on first use: the client takes most of a second to load, and a failed preflight should not wait for it.
  const { Admin } = await import('@platformatic/kafka');
  const admin = new Admin({ clientId: 'steward-services', bootstrapBrokers: [brokers], timeout: 5_000, retries: 0 });
  try {
    // A real admin request, answered only once the broker has joined its own quorum.
    await admin.describeAcls({
      filter: {
        resourceType: 1,
        resourceName: null,
        resourcePatternType: 1,
        principal: null,
        host: null,
        operation: 1,
        permissionType: 1,
      },
    });
  } finally {
    await admin.close();
  }
}

async function probeRegistry(): Promise<void> {
  const response = await fetch(`${registryUrl}/subjects`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/** Apicurio's default global level is NONE; the Confluent registry's, which the catalog assumes, is BACKWARD. */
async function setGlobalBackward(): Promise<void> {
  const response = await fetch(`${registryUrl}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: 'BACKWARD' }),
  });
  if (!response.ok)
    throw new ServicesError(`setting the registry's global compatibility failed: HTTP ${response.status}`);
}

function pidOf(name: string): number | undefined {
  const file = join(state, `${name}.pid`);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stop(name: string): Promise<void> {
  const pid = pidOf(name);
  rmSync(join(state, `${name}.pid`), { force: true });
  if (pid === undefined || !isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  log(`${name} stopped (pid ${pid})`);
}

/** Before anything starts: every port free, and a Java that each server can run on. */
async function preflight(): Promise<void> {
  await checkPorts(portUses);
  checkJava('java', 17, 'Kafka 4.1 needs Java 17 or later as the java on PATH');
  checkJava(
    findRegistryJava(process.env),
    21,
    'Apicurio Registry 3.3 needs Java 21 or later; set STEWARD_SERVICES_REGISTRY_JAVA_HOME to one',
  );
}

async function up(): Promise<void> {
  const running = ['kafka', 'registry'].filter((n) => {
    const pid = pidOf(n);
    return pid !== undefined && isAlive(pid);
  });
  if (running.length < 2) {
    // A half-running instance is stopped first, so that its own ports do not count as taken.
    await down();
    await preflight();
  }
  mkdirSync(cache, { recursive: true });
  mkdirSync(state, { recursive: true });
  try {
    if (running.length < 2) {
      startKafka();
      startRegistry();
    } else log('already running');
    await Promise.all([waitFor('Kafka', 'kafka', probeKafka), waitFor('registry', 'registry', probeRegistry)]);
    await setGlobalBackward();
  } catch (error) {
    log(`see kafka.log and registry.log in ${state}; stopping what was started`);
    await down();
    throw error;
  }
  log(`Kafka ${kafkaVersion} on ${brokers}, Apicurio Registry ${apicurioVersion} on ${registryUrl}`);
  process.stdout.write(exportLines(brokers, registryUrl));
}

async function down(): Promise<void> {
  await Promise.all([stop('kafka'), stop('registry')]);
  // Each `up` starts from an empty cluster; Apicurio's in-memory storage is empty anyway.
  rmSync(join(state, 'kafka'), { recursive: true, force: true });
}

/** The integration tests stop the broker mid-apply and start it again with its data: what an outage looks like. */
async function restartKafka(phase: 'stop' | 'start'): Promise<void> {
  if (phase === 'stop') return stop('kafka');
  const dir = join(state, 'kafka');
  startDetached('kafka', 'java', [...kafkaJvm(dir), 'kafka.Kafka', join(dir, 'server.properties')]);
  await waitFor('Kafka', 'kafka', probeKafka);
}

const commands: Record<string, () => Promise<void>> = {
  up,
  down,
  'stop-kafka': () => restartKafka('stop'),
  'start-kafka': () => restartKafka('start'),
};
const command = commands[process.argv[2] ?? ''];
if (!command) {
  log('usage: services.ts up|down|stop-kafka|start-kafka');
  process.exitCode = 2;
} else {
  // The cause, not a stack trace: every failure here is an operator's to fix (a port, a Java, a log to read).
  await command().catch((error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
