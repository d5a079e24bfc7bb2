import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SchemaPair } from './avro-pair-gen.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const classpath = `${root}tools/avro-oracle/target/avro-oracle-1.0.0.jar:${root}tools/avro-oracle/target/lib/*`;

/** Builds the Java oracle if needed (fast when it is up to date). */
export async function buildOracle(): Promise<void> {
  await promisify(execFile)(`${root}scripts/build-oracle.sh`, [], { maxBuffer: 1 << 24 });
}

/**
 * Runs pairs through Apache Avro's Java SchemaCompatibility in one JVM: one line out per pair, such as
 * `COMPATIBLE`, `INCOMPATIBLE TYPE_MISMATCH`, `PARSE_ERROR …` or `ERROR …`.
 */
export function runOracle(pairs: readonly SchemaPair[], args: readonly string[] = []): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-cp', classpath, 'dev.meshsteward.oracle.Oracle', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`oracle exited ${code}: ${Buffer.concat(err).toString()}`));
      resolve(
        Buffer.concat(out)
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== ''),
      );
    });
    child.stdin.end(pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
  });
}
