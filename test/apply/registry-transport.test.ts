import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTimeoutMs, fetchTransport, httpTransport, NoAnswerError } from '../../src/apply/registry-transport.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('httpTransport', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        if (req.url === '/slow') return; // never answers
        if (req.url === '/reset') return req.socket.destroy();
        res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
        res.end(req.url === '/missing' ? '{"error_code":40401}' : `{"echo":"${req.method} ${req.url}"}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers status and text, and sends a body with its byte length', async () => {
    const send = httpTransport({ sockets: 2 });
    expect(await send({ method: 'GET', url: `${base}/subjects?x=1`, headers: { accept: 'a/b' } })).toEqual({
      status: 200,
      text: '{"echo":"GET /subjects?x=1"}',
    });
    const body = '{"schema":"é"}';
    expect(await send({ method: 'POST', url: `${base}/missing`, headers: { 'x-k': 'v' }, body })).toEqual({
      status: 404,
      text: '{"error_code":40401}',
    });
    const post = seen.at(-1);
    expect(post?.body).toBe(body);
    expect(post?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(post?.headers['x-k']).toBe('v');
    expect(post?.headers['transfer-encoding']).toBeUndefined();
    expect(seen.at(-2)?.headers['content-length']).toBeUndefined();
  });

  it('rejects with NoAnswerError when the registry stays silent past the timeout', async () => {
    const send = httpTransport({ sockets: 1, timeoutMs: 50 });
    const error = await send({ method: 'POST', url: `${base}/slow`, headers: {}, body: '{}' }).catch((e) => e);
    expect(error).toBeInstanceOf(NoAnswerError);
    expect(error.message).toBe('no answer within 50 ms');
  });

  it('rejects with NoAnswerError when the connection closes after the request went out', async () => {
    const send = httpTransport({ sockets: 1 });
    const error = await send({ method: 'POST', url: `${base}/reset`, headers: {}, body: '{}' }).catch((e) => e);
    expect(error).toBeInstanceOf(NoAnswerError);
    expect(error.message).toMatch(/^the connection closed before an answer \(/);
  });

  it("rejects with the client's own error when the registry cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await httpTransport({ sockets: 1 })({
      method: 'GET',
      url: `http://127.0.0.1:${port}/`,
      headers: {},
    }).catch((e) => e);
    expect(error).not.toBeInstanceOf(NoAnswerError);
    expect(error.code).toBe('ECONNREFUSED');
  });
});

describe('fetchTransport', () => {
  it('passes method, headers and body (none when absent) and a timeout signal, and answers status and text', async () => {
    const calls: [string, RequestInit][] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return new Response('ok-text', { status: 201 });
    }) as unknown as typeof fetch;
    const send = fetchTransport(fetchFn);
    expect(await send({ method: 'POST', url: 'http://r/s', headers: { a: 'b' }, body: 'x' })).toEqual({
      status: 201,
      text: 'ok-text',
    });
    await send({ method: 'GET', url: 'http://r/t', headers: {} });
    expect(calls[0]?.[0]).toBe('http://r/s');
    expect(calls[0]?.[1]).toMatchObject({ method: 'POST', headers: { a: 'b' }, body: 'x' });
    expect(calls[0]?.[1].signal).toBeInstanceOf(AbortSignal);
    expect('body' in (calls[1]?.[1] ?? {})).toBe(false);
  });

  it('turns a timeout into NoAnswerError, in seconds from 1 s up, and passes other errors through', async () => {
    const timeout = Object.assign(new Error('The operation timed out.'), { name: 'TimeoutError' });
    const failing = (error: unknown) => (async () => Promise.reject(error)) as unknown as typeof fetch;
    const slow = await fetchTransport(
      failing(timeout),
      1500,
    )({ method: 'GET', url: 'http://r', headers: {} }).catch((e) => e);
    expect(slow).toBeInstanceOf(NoAnswerError);
    expect(slow.message).toBe('no answer within 1.5 s');
    const fast = await fetchTransport(
      failing(timeout),
      999,
    )({ method: 'GET', url: 'http://r', headers: {} }).catch((e) => e);
    expect(fast.message).toBe('no answer within 999 ms');
    const refused = new TypeError('fetch failed');
    expect(
      await fetchTransport(failing(refused))({ method: 'GET', url: 'http://r', headers: {} }).catch((e) => e),
    ).toBe(refused);
    expect(defaultTimeoutMs).toBe(30_000);
  });
});
