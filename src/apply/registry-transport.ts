import http from 'node:http';
import https from 'node:https';

/** One HTTP exchange with the registry: all the adapter needs of an HTTP client. */
export interface RegistryRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface RegistryResponse {
  readonly status: number;
  readonly text: string;
}

/**
 * Rejects (with the client's error) when the registry cannot be reached or stops answering; with a NoAnswerError
 * when the request went out and no answer came in time, so the caller knows a write may have taken effect.
 */
export type RegistryTransport = (request: RegistryRequest) => Promise<RegistryResponse>;

/** How long a request may wait for the registry without hearing from it, unless the connection says otherwise. */
export const defaultTimeoutMs = 30_000;

/** The request was sent (or may have been) and no answer came: a write's outcome is unknown. */
export class NoAnswerError extends Error {
  override readonly name = 'NoAnswerError';
}

function noAnswer(timeoutMs: number): NoAnswerError {
  return new NoAnswerError(`no answer within ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`);
}

/**
 * The default transport: node:http(s) over a keep-alive agent of at most `sockets` connections. A plan reads a
 * few thousand subjects; per request, native fetch costs the client about twice the CPU of node:http (and a
 * per-request AbortSignal.timeout adds half again), CPU that a small runner shares with the registry itself. The
 * agent's idle sockets do not keep the process alive.
 */
export function httpTransport(options: { sockets: number; timeoutMs?: number }): RegistryTransport {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.sockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.sockets }),
  };
  return (request) =>
    new Promise((resolve, reject) => {
      const url = new URL(request.url);
      const client = url.protocol === 'https:' ? https : http;
      const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
      // A known length, not chunked encoding: one write per request.
      const headers =
        request.body === undefined
          ? request.headers
          : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
      const req = client.request(url, { method: request.method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      // An inactivity timeout, not a deadline: a slow but answering registry is not cut off.
      req.setTimeout(timeoutMs, () => req.destroy(noAnswer(timeoutMs)));
      // A connection cut once the request is out (the registry died mid-request) leaves its outcome unknown too.
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          req.writableFinished && (error.code === 'ECONNRESET' || error.message === 'socket hang up')
            ? new NoAnswerError(`the connection closed before an answer (${error.message})`)
            : error,
        ),
      );
      req.end(request.body);
    });
}

/** A transport over a fetch function: for callers that inject their own (tests, proxies, counters). */
export function fetchTransport(fetchFn: typeof fetch, timeoutMs = defaultTimeoutMs): RegistryTransport {
  return async (request) => {
    try {
      const response = await fetchFn(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      throw error instanceof Error && error.name === 'TimeoutError' ? noAnswer(timeoutMs) : error;
    }
  };
}
