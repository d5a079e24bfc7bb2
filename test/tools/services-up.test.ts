import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeJava, fakeToolchain, freePorts, holdPort, portEnv } from './services-helpers.js';

const root = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Runs the real `services.ts up` as `npm run services:up` does, with only the given PATH and variables. */
function servicesUp(path: string, env: Record<string, string>) {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/services/services.ts', 'up'], {
    cwd: root,
    env: { PATH: path, HOME: process.env.HOME ?? tmpdir(), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })),
  );
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-services-up-'));
  dirs.push(dir);
  return dir;
}

describe('services.ts up fails fast and says why', () => {
  it('stops at a taken port before it runs any java, printing nothing on stdout', async () => {
    const dir = tempDir();
    const marker = join(dir, 'java-ran');
    fakeJava(join(dir, 'bin'), '17.0.15', marker);
    const { server, port } = await holdPort();
    servers.push(server);
    const others = await freePorts(3);
    const result = await servicesUp(join(dir, 'bin'), portEnv([port, ...others]));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `services: port ${port} is in use (broker; choose another with STEWARD_SERVICES_BROKER_PORT)\n`,
    );
    expect(result.stdout).toBe('');
    expect(result.ms).toBeLessThan(5_000);
    expect(existsSync(marker)).toBe(false);
    // Nothing was set up for the instance either.
    expect(existsSync(join(root, '.services', `instance-${port}`))).toBe(false);
  });

  it('names a taken registry port and its variable', async () => {
    const { server, port } = await holdPort();
    servers.push(server);
    const [broker, controller, management] = await freePorts(3);
    const result = await servicesUp(tempDir(), portEnv([broker!, controller!, port, management!]));
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe(
      `services: port ${port} is in use (registry; choose another with STEWARD_SERVICES_REGISTRY_PORT)\n`,
    );
  });

  it('stops when java is missing', async () => {
    const result = await servicesUp(tempDir(), portEnv(await freePorts(4)));
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe('services: java not found; Kafka 4.1 needs Java 17 or later as the java on PATH\n');
    expect(result.ms).toBeLessThan(5_000);
  });

  it('stops when java is too old for Kafka', async () => {
    const dir = tempDir();
    fakeJava(join(dir, 'bin'), '11.0.2');
    const result = await servicesUp(join(dir, 'bin'), portEnv(await freePorts(4)));
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe('services: java is Java 11; Kafka 4.1 needs Java 17 or later as the java on PATH\n');
  });

  it("stops when the registry's java is too old, naming the variable that chooses it", async () => {
    const dir = tempDir();
    fakeJava(join(dir, 'bin'), '17.0.15');
    const registryJava = fakeJava(join(dir, 'jdk17', 'bin'), '17.0.15');
    const env = { ...portEnv(await freePorts(4)), STEWARD_SERVICES_REGISTRY_JAVA_HOME: join(dir, 'jdk17') };
    const result = await servicesUp(join(dir, 'bin'), env);
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe(
      `services: ${registryJava} is Java 17; Apicurio Registry 3.3 needs Java 21 or later; set STEWARD_SERVICES_REGISTRY_JAVA_HOME to one\n`,
    );
  });

  it('refuses a port variable that is not a port', async () => {
    const result = await servicesUp(tempDir(), { STEWARD_SERVICES_BROKER_PORT: 'kafka' });
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe(
      'services: STEWARD_SERVICES_BROKER_PORT="kafka" is not a port (a whole number from 1 to 65535)\n',
    );
  });

  it('reports a server that exits before it is ready with the end of its log, and stops the other', async () => {
    const dir = tempDir();
    const brokerLog = [
      ...Array.from({ length: 20 }, (_, i) => `[2026-12-03 10:00:${String(i).padStart(2, '0')}] INFO starting (kafka)`),
      '[2026-12-03 10:00:20] ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)',
      'java.lang.IllegalArgumentException: No log directories available.',
    ];
    const bin = fakeToolchain(join(dir, 'bin'), brokerLog);
    const ports = await freePorts(4);
    const env = {
      ...portEnv(ports),
      STEWARD_SERVICES_DIR: join(dir, 'services'),
      STEWARD_SERVICES_REGISTRY_JAVA_HOME: dir,
    };
    const result = await servicesUp(`${bin}:/usr/bin:/bin`, env);
    const state = join(dir, 'services', `instance-${ports[0]}`);
    const log = join(state, 'kafka.log');
    expect([result.code, result.stdout]).toEqual([1, '']);
    const cause = result.stderr.slice(result.stderr.indexOf('services: Kafka exited'));
    expect(cause).toBe(
      `services: Kafka exited before it was ready; the last lines of ${log}:\n` +
        brokerLog
          .slice(-15)
          .map((line) => `  ${line}`)
          .join('\n') +
        '\n',
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).toContain('services: registry stopped (pid ');
    expect(existsSync(join(state, 'registry.pid'))).toBe(false);
    expect(readFileSync(join(state, 'registry.log'), 'utf8')).toBe('');
  });
});
