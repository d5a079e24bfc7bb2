import type { Compatibility } from '../catalog/manifest-types.js';
import { ConfigurationError, ExternalServiceError } from '../core/errors.js';
import type { SchemaReference, SubjectActual } from '../plan/state.js';
import type { RegisteredVersion, SchemaRegistry } from './ports.js';
import { redactUrls, urlOrigin } from './display-url.js';
import { OutcomeUnknownError } from './outcome-unknown.js';
import { fetchTransport, httpTransport, NoAnswerError, type RegistryTransport } from './registry-transport.js';

export interface RegistryConnection {
  /**
   * Base URL of the Confluent API, e.g. http://127.0.0.1:18081/apis/ccompat/v7 for Apicurio. A query (a token,
   * `?api_key=…`) is sent with every request; userinfo becomes basic auth unless a username is given. Neither, nor
   * the path, ever appears in an error message (see display-url.ts).
   */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Requests in flight at once for many-subject reads. */
  readonly concurrency?: number;
  /** How requests go out: node:http with keep-alive by default (see registry-transport.ts). */
  readonly transport?: RegistryTransport;
  /** A fetch function to send requests with instead (tests, proxies); ignored when `transport` is given. */
  readonly fetch?: typeof fetch;
  /** How long a request waits without an answer (default 30 s); a write that times out has an unknown outcome. */
  readonly timeoutMs?: number;
}

const contentType = 'application/vnd.schemaregistry.v1+json';
const notFoundCodes = new Set([40401, 40402, 40403, 40408]);

/**
 * SchemaRegistry over the Confluent REST API with plain HTTP: the API is small, and the maintained client
 * (@kafkajs/confluent-schema-registry) needs Node 22 for its current major and covers only part of it.
 */
export class HttpSchemaRegistry implements SchemaRegistry {
  private readonly base: string;
  /** The base URL's own query (a token), sent with every request. */
  private readonly query: string;
  /** Values that must never appear in an error message: the query's values and the credentials. */
  private readonly secrets: readonly string[];
  private readonly headers: Record<string, string>;
  private readonly transport: RegistryTransport;
  private readonly concurrency: number;

  constructor(connection: RegistryConnection) {
    const url = parseUrl(connection.url);
    const userinfo = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    this.query = url.search.slice(1);
    this.concurrency = connection.concurrency ?? 32;
    const timeoutMs = connection.timeoutMs;
    this.transport =
      connection.transport ??
      (connection.fetch
        ? fetchTransport(connection.fetch, timeoutMs)
        : httpTransport({ sockets: this.concurrency, ...(timeoutMs === undefined ? {} : { timeoutMs }) }));
    this.headers = { accept: contentType, 'content-type': contentType };
    const username = connection.username ?? (userinfo.username === '' ? undefined : userinfo.username);
    const password = connection.username === undefined ? userinfo.password : (connection.password ?? '');
    if (username !== undefined) {
      const token = Buffer.from(`${username}:${password}`).toString('base64');
      this.headers.authorization = `Basic ${token}`;
    }
    const values = [...url.searchParams.values(), url.search.slice(1), password, connection.password ?? ''];
    this.secrets = [...new Set(values.flatMap((v) => [v, encodeURIComponent(v)]))].filter((v) => v.length >= 3);
  }

  async getLatestVersions(subjects: readonly string[]): Promise<Map<string, SubjectActual>> {
    const found = await mapLimit(subjects, this.concurrency, async (subject) => {
      const body = await this.request<RawVersion>('GET', `/subjects/${enc(subject)}/versions/latest`);
      return body && toActual(body);
    });
    return new Map(found.filter((s): s is SubjectActual => s !== undefined).map((s) => [s.subject, s]));
  }

  /**
   * Page by page: Apicurio answers at most 1,000 subjects to a plain `GET /subjects` and pages with `offset` and
   * `limit`; a registry that ignores them answers every subject at once, and a page that adds no new name ends it.
   */
  async listSubjects(): Promise<string[]> {
    const subjects = new Set<string>();
    for (let offset = 0; ; offset += pageSize) {
      const page = (await this.request<string[]>('GET', `/subjects?offset=${offset}&limit=${pageSize}`)) ?? [];
      const before = subjects.size;
      for (const s of page) subjects.add(s);
      if (page.length < pageSize || subjects.size === before) return [...subjects];
    }
  }

  async getVersions(subject: string): Promise<number[]> {
    return (await this.request<number[]>('GET', `/subjects/${enc(subject)}/versions`)) ?? [];
  }

  async getVersion(subject: string, version: number): Promise<SubjectActual | undefined> {
    const body = await this.request<RawVersion>('GET', `/subjects/${enc(subject)}/versions/${version}`);
    return body && toActual(body);
  }

  async getCompatibility(subjects: readonly string[]): Promise<Map<string, Compatibility>> {
    // Read at most once per call, not cached across calls: a long-lived process must see the global level change.
    let global: Promise<Compatibility> | undefined;
    const levels = await mapLimit(subjects, this.concurrency, async (subject) => {
      const body = await this.request<{ compatibilityLevel?: Compatibility; compatibility?: Compatibility }>(
        'GET',
        `/config/${enc(subject)}?defaultToGlobal=true`,
      );
      // A subject that does not exist yet takes the global level when it is created.
      const level = body ? (body.compatibilityLevel ?? body.compatibility) : await (global ??= this.global());
      return [subject, level] as const;
    });
    return new Map(levels.filter((l): l is readonly [string, Compatibility] => l[1] !== undefined));
  }

  async getGlobalCompatibility(): Promise<Compatibility> {
    return this.global();
  }

  async setCompatibility(subject: string, level: Compatibility): Promise<void> {
    await this.request('PUT', `/config/${enc(subject)}`, { compatibility: level }, write);
  }

  async register(subject: string, schema: string, references: readonly SchemaReference[]): Promise<{ id: number }> {
    const answer = await this.request<{ id: number }>(
      'POST',
      `/subjects/${enc(subject)}/versions`,
      body(schema, references),
      write,
    );
    if (answer?.id === undefined)
      throw new ExternalServiceError('registry', `Registry: registering under ${subject} answered no schema id.`, {
        retryable: true,
      });
    return { id: answer.id };
  }

  async lookup(
    subject: string,
    schema: string,
    references: readonly SchemaReference[],
  ): Promise<RegisteredVersion | undefined> {
    const found = await this.request<RawVersion>('POST', `/subjects/${enc(subject)}`, body(schema, references));
    return found && { id: found.id, version: found.version };
  }

  async deleteSubject(subject: string): Promise<void> {
    await this.request('DELETE', `/subjects/${enc(subject)}`, undefined, write);
    await this.request('DELETE', `/subjects/${enc(subject)}?permanent=true`, undefined, write);
  }

  private async global(): Promise<Compatibility> {
    const body = await this.request<{ compatibilityLevel?: Compatibility }>('GET', '/config');
    return body?.compatibilityLevel ?? 'BACKWARD';
  }

  /**
   * One call; undefined for "not found" (a missing subject is an answer, not a failure). A write that got no
   * answer throws OutcomeUnknownError. Messages name the method and our own path, never the base URL, its query or
   * credentials.
   */
  private async request<T>(
    method: string,
    path: string,
    payload?: unknown,
    options: { write?: boolean } = {},
  ): Promise<T | undefined> {
    let response: { status: number; text: string };
    const query = this.query === '' ? '' : `${path.includes('?') ? '&' : '?'}${this.query}`;
    try {
      response = await this.transport({
        method,
        url: `${this.base}${path}${query}`,
        headers: this.headers,
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
    } catch (error) {
      const reason = this.redact(error instanceof Error ? error.message : String(error));
      if (options.write && error instanceof NoAnswerError)
        throw new OutcomeUnknownError('registry', `Registry: ${method} ${path} was sent, then ${reason}`);
      throw new ExternalServiceError('registry', `Registry: ${method} ${path} failed: ${reason}`, { retryable: true });
    }
    const { status, text } = response;
    const parsed = parseJson(text) as { error_code?: number; message?: string } | undefined;
    if (status >= 200 && status < 300) return parsed as T;
    if (status === 404 && notFoundCodes.has(parsed?.error_code ?? 40401)) return undefined;
    throw new ExternalServiceError(
      'registry',
      `Registry: ${method} ${path} answered ${status}: ${this.redact(parsed?.message ?? text.slice(0, 300))}`,
      { retryable: status >= 500 || status === 429 },
    );
  }

  /** An error's text without any URL beyond its origin, or any secret of the connection. */
  private redact(text: string): string {
    return this.secrets.reduce((t, secret) => t.split(secret).join('***'), redactUrls(text));
  }
}

const write = { write: true };
/** Subjects asked for per listing request. */
const pageSize = 1000;

interface RawVersion {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly references?: readonly SchemaReference[];
}

function toActual(raw: RawVersion): SubjectActual {
  const references = (raw.references ?? []).map(({ name, subject, version }) => ({ name, subject, version }));
  return { subject: raw.subject, version: raw.version, id: raw.id, schema: raw.schema, references };
}

function body(schema: string, references: readonly SchemaReference[]) {
  return references.length > 0 ? { schema, schemaType: 'AVRO', references } : { schema };
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new ConfigurationError(
      `The registry URL ${urlOrigin(text) || '(empty)'}… is not a URL; give its Confluent API base, e.g. https://registry.example.com/apis/ccompat/v7.`,
    );
  }
}

function enc(subject: string): string {
  return encodeURIComponent(subject);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Runs `fn` over the items with at most `limit` in flight, keeping the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
