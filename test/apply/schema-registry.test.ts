import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutcomeUnknownError } from '../../src/apply/outcome-unknown.js';
import { HttpSchemaRegistry } from '../../src/apply/schema-registry.js';
import { ExternalServiceError } from '../../src/core/errors.js';

/** What the stub registry saw of each request: enough to check the wire format of the default transport. */
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

describe('HttpSchemaRegistry over its default (node:http) transport', () => {
  const seen: Seen[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const [status, answer] = route(req.method ?? '', req.url ?? '');
        res.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/apis/ccompat/v7/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends JSON with its length and credentials, and reads answers and "not found"', async () => {
    const registry = new HttpSchemaRegistry({ url, username: 'u', password: 'p' });
    expect(await registry.register('a-value', '{"type":"string"}', [])).toEqual({ id: 7 });
    const post = seen.find((s) => s.method === 'POST');
    expect(post?.url).toBe('/apis/ccompat/v7/subjects/a-value/versions');
    expect(JSON.parse(post?.body ?? '')).toEqual({ schema: '{"type":"string"}' });
    expect(post?.headers['content-length']).toBe(String(Buffer.byteLength(post?.body ?? '')));
    expect(post?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    const latest = await registry.getLatestVersions(['a-value', 'missing-value']);
    expect([...latest.keys()]).toEqual(['a-value']);
    expect(await registry.getGlobalCompatibility()).toBe('BACKWARD');
  });

  it('turns a server error into a retryable ExternalServiceError, and a refused connection too', async () => {
    const registry = new HttpSchemaRegistry({ url });
    const failure = await registry.getVersions('broken-value').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect((failure as ExternalServiceError).message).toMatch(/answered 500: boom/);
    expect((failure as ExternalServiceError).retryable).toBe(true);
    const closed = new HttpSchemaRegistry({ url: 'http://127.0.0.1:9/apis/ccompat/v7' });
    await expect(closed.getGlobalCompatibility()).rejects.toThrow(/GET \/config failed/);
  });
});

function route(method: string, path: string): [number, unknown] {
  const api = path.replace('/apis/ccompat/v7', '');
  if (method === 'POST' && api === '/subjects/a-value/versions') return [200, { id: 7 }];
  if (api === '/subjects/a-value/versions/latest')
    return [200, { subject: 'a-value', version: 1, id: 7, schema: '{"type":"string"}' }];
  if (api === '/config') return [200, { compatibilityLevel: 'BACKWARD' }];
  if (api.startsWith('/subjects/broken-value')) return [500, { error_code: 50001, message: 'boom' }];
  return [404, { error_code: 40401, message: 'Subject not found.' }];
}

describe('HttpSchemaRegistry with a short timeout', () => {
  let server: Server;
  let url: string;
  const held: (() => void)[] = [];

  beforeAll(async () => {
    // Reads the request, never answers (until the test ends).
    server = createServer((req, res) => {
      req.resume();
      held.push(() => res.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/apis/ccompat/v7`;
  });
  afterAll(async () => {
    for (const release of held) release();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('makes an unanswered write an OutcomeUnknownError and an unanswered read a plain failure', async () => {
    const registry = new HttpSchemaRegistry({ url, timeoutMs: 100 });
    const write = await registry.register('s-value', '"string"', []).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(OutcomeUnknownError);
    expect((write as Error).message).toBe(
      'Registry: POST /subjects/s-value/versions was sent, then no answer within 100 ms',
    );
    const read = await registry.getVersions('s-value').catch((e: unknown) => e);
    expect(read).toBeInstanceOf(ExternalServiceError);
    expect(read).not.toBeInstanceOf(OutcomeUnknownError);
    expect((read as Error).message).toMatch(/GET \/subjects\/s-value\/versions failed: no answer within 100 ms/);
  });

  it('does the same over an injected fetch', async () => {
    const registry = new HttpSchemaRegistry({ url, fetch, timeoutMs: 100 });
    await expect(registry.setCompatibility('s-value', 'FULL')).rejects.toBeInstanceOf(OutcomeUnknownError);
  });
});
