import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../src/apply/connect.js';
import { createApp } from '../../src/github/app.js';

/** The lines a real Probot, loaded with the app on `env`, logs while loading. */
async function startLines(env: Env): Promise<string[]> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const probot = new Probot({ githubToken: 'test-token', log: pino({ level: 'info' }, stream) });
  await probot.load(createApp({ env }));
  return lines.map((l) => String((JSON.parse(l) as { msg?: unknown }).msg));
}

describe('the App at start', () => {
  it('logs one line saying it only checks, and what apply on merge needs', async () => {
    expect(await startLines({})).toEqual([
      'Mesh Steward: checks only — apply on merge is off: set STEWARD_APPLY_REPOSITORY and the variables of its environments, or STEWARD_KAFKA_BROKERS and STEWARD_REGISTRY_URL (README, App setup)',
    ]);
  });

  it('logs one line naming the cluster and the repository, and never the registry URL’s secret', async () => {
    const lines = await startLines({
      STEWARD_KAFKA_BROKERS: 'b1:9092',
      STEWARD_REGISTRY_URL: 'https://sr.example.com/?api_key=secret',
      STEWARD_APPLY_REPOSITORY: 'acme/mesh',
    });
    expect(lines).toEqual([
      'Mesh Steward: checks + apply on merge to cluster "b1:9092 https://sr.example.com" for acme/mesh (applying branch from .github/steward.yml)',
    ]);
    expect(lines.join('\n')).not.toContain('secret');
  });
});
