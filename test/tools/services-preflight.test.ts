import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkJava,
  checkPorts,
  exitedBeforeReady,
  findRegistryJava,
  logTail,
  parseJavaMajor,
  readPorts,
  ServicesError,
} from '../../tools/services/preflight.js';
import { fakeJava, freePorts, holdPort, portEnv } from './services-helpers.js';

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-preflight-'));
  dirs.push(dir);
  return dir;
}

describe('readPorts', () => {
  it('takes the defaults, the management port ten above the registry', () => {
    const ports = readPorts({});
    expect(Object.values(ports).map((p) => [p.what, p.port, p.variable])).toEqual([
      ['broker', 19092, 'STEWARD_SERVICES_BROKER_PORT'],
      ['controller', 19093, 'STEWARD_SERVICES_CONTROLLER_PORT'],
      ['registry', 18081, 'STEWARD_SERVICES_REGISTRY_PORT'],
      ['registry management', 18091, 'STEWARD_SERVICES_REGISTRY_MANAGEMENT_PORT'],
    ]);
    expect(readPorts({ STEWARD_SERVICES_REGISTRY_PORT: '28081' }).registryManagement.port).toBe(28091);
  });

  it('refuses a value that is not a port, naming the variable', () => {
    for (const bad of ['abc', '0', '65536', '19092x', '-1', '1.5']) {
      expect(() => readPorts({ STEWARD_SERVICES_BROKER_PORT: bad })).toThrow(
        `STEWARD_SERVICES_BROKER_PORT=${JSON.stringify(bad)} is not a port (a whole number from 1 to 65535)`,
      );
    }
  });

  it('refuses two services on one port', () => {
    expect(() => readPorts({ STEWARD_SERVICES_REGISTRY_PORT: '19093' })).toThrow(
      'the controller and the registry would both use port 19093; set STEWARD_SERVICES_CONTROLLER_PORT or STEWARD_SERVICES_REGISTRY_PORT to another port',
    );
  });
});

describe('checkPorts', () => {
  it('names the taken port, its service and its variable', async () => {
    const { server, port: taken } = await holdPort();
    servers.push(server);
    const [broker, registry, management] = await freePorts(3);
    const ports = readPorts(portEnv([broker!, taken, registry!, management!]));
    await expect(checkPorts(ports)).rejects.toThrow(
      new ServicesError(`port ${taken} is in use (controller; choose another with STEWARD_SERVICES_CONTROLLER_PORT)`),
    );
  });

  it('passes when every port is free, and leaves none held', async () => {
    const ports = readPorts(portEnv(await freePorts(4)));
    await checkPorts(ports);
    await checkPorts(ports);
  });
});

describe('Java', () => {
  it('reads the major version of new and old version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "25" 2025-09-16')).toBe(25);
    expect(parseJavaMajor('java version "1.8.0_292"')).toBe(8);
    expect(parseJavaMajor('no version here')).toBeUndefined();
  });

  it('fails on a missing java, a too old one, and passes a new enough one', () => {
    const dir = tempDir();
    expect(() => checkJava(join(dir, 'missing', 'java'), 17, 'Kafka needs 17')).toThrow(
      `${join(dir, 'missing', 'java')} not found; Kafka needs 17`,
    );
    const old = fakeJava(join(dir, 'old'), '11.0.2');
    expect(() => checkJava(old, 17, 'Kafka needs 17')).toThrow(`${old} is Java 11; Kafka needs 17`);
    expect(() => checkJava(fakeJava(join(dir, 'new'), '21.0.1'), 17, 'x')).not.toThrow();
  });

  it('finds the newest JDK of 21 or later, or says how to choose one', () => {
    const root = tempDir();
    for (const [name, version] of [
      ['jdk-17', '17.0.1'],
      ['jdk-21', '21.0.2'],
      ['jdk-25', '25'],
    ]) {
      mkdirSync(join(root, name!));
      writeFileSync(join(root, name!, 'release'), `JAVA_VERSION="${version}"\n`);
    }
    expect(findRegistryJava({}, root)).toBe(join(root, 'jdk-25', 'bin', 'java'));
    expect(findRegistryJava({ STEWARD_SERVICES_REGISTRY_JAVA_HOME: '/opt/j' }, root)).toBe('/opt/j/bin/java');
    rmSync(join(root, 'jdk-21'), { recursive: true });
    rmSync(join(root, 'jdk-25'), { recursive: true });
    expect(() => findRegistryJava({}, root)).toThrow(
      `Apicurio Registry 3.3 needs Java 21 or later and none is under ${root}; set STEWARD_SERVICES_REGISTRY_JAVA_HOME`,
    );
  });
});

describe('a process that exits before it is ready', () => {
  it('is reported with the last lines of its log, not a stack trace', () => {
    const log = join(tempDir(), 'kafka.log');
    const script =
      'for (let i = 1; i <= 30; i++) console.log("line " + i); console.log("ERROR Fatal: disk full"); process.exit(1)';
    writeFileSync(log, '');
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    writeFileSync(log, result.stdout);
    const error = exitedBeforeReady('Kafka', log);
    expect(error).toBeInstanceOf(ServicesError);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(`Kafka exited before it was ready; the last lines of ${log}:`);
    expect(lines.slice(1)).toEqual([
      ...Array.from({ length: 14 }, (_, i) => `  line ${i + 17}`),
      '  ERROR Fatal: disk full',
    ]);
  });

  it('says when there is no log or an empty one', () => {
    const dir = tempDir();
    expect(logTail(join(dir, 'none.log'))).toBe(`  (no log at ${join(dir, 'none.log')})`);
    writeFileSync(join(dir, 'empty.log'), '\n\n');
    expect(logTail(join(dir, 'empty.log'))).toBe(`  (${join(dir, 'empty.log')} is empty)`);
  });
});
