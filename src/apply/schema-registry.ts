import type { Compatibility } from '../catalog/manifest-types.js';
import { ExternalServiceError } from '../core/errors.js';
import type { SchemaReference, SubjectActual } from '../plan/state.js';
import type { RegisteredVersion, SchemaRegistry } from './ports.js';
import { fetchTransport, httpTransport, type RegistryTransport } from './registry-transport.js';

export interface RegistryConnection {
  /** Base URL of the Confluent API, e.g. http://127.0.0.1:18081/apis/ccompat/v7 for Apicurio. */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Requests in flight at once for many-subject reads. */
  readonly concurrency?: number;
  /** How requests go out: node:http with keep-alive by default (see registry-transport.ts). */
  readonly transport?: RegistryTransport;
  /** A fetch function to send requests with instead (tests, proxies); ignored when `transport` is given. */
  readonly fetch?: typeof fetch;
}

const contentType = 'application/vnd.schemaregistry.v1+json';
const notFoundCodes = new Set([40401, 40402, 40403, 40408]);

/**
 * SchemaRegistry over the Confluent REST API with plain HTTP: the API is small, and the maintained client
 * (@kafkajs/confluent-schema-registry) needs Node 22 for its current major and covers only part of it.
 */
export class HttpSchemaRegistry implements SchemaRegistry {
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly transport: RegistryTransport;
  private readonly concurrency: number;

  constructor(connection: RegistryConnection) {
    this.base = connection.url.replace(/\/+$/, '');
    this.concurrency = connection.concurrency ?? 32;
    this.transport =
      connection.transport ??
      (connection.fetch ? fetchTransport(connection.fetch) : httpTransport({ sockets: this.concurrency }));
    this.headers = { accept: contentType, 'content-type': contentType };
    if (connection.username !== undefined) {
      const token = Buffer.from(`${connection.username}:${connection.password ?? ''}`).toString('base64');
      this.headers.authorization = `Basic ${token}`;
    }
  }

  async getLatestVersions(subjects: readonly string[]): Promise<Map<string, SubjectActual>> {
    const found = await mapLimit(subjects, this.concurrency, async (subject) => {
      const body = await this.request<RawVersion>('GET', `/subjects/${enc(subject)}/versions/latest`);
      return body && toActual(body);
    });
    return new Map(found.filter((s): s is SubjectActual => s !== undefined).map((s) => [s.subject, s]));
  }

  async getVersions(subject: string): Promise<number[]> {
    return (await this.request<number[]>('GET', `/subjects/${enc(subject)}/versions`)) ?? [];
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
    await this.request('PUT', `/config/${enc(subject)}`, { compatibility: level });
  }

  async register(subject: string, schema: string, references: readonly SchemaReference[]): Promise<{ id: number }> {
    const answer = await this.request<{ id: number }>(
      'POST',
      `/subjects/${enc(subject)}/versions`,
      body(schema, references),
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
    await this.request('DELETE', `/subjects/${enc(subject)}`);
    await this.request('DELETE', `/subjects/${enc(subject)}?permanent=true`);
  }

  private async global(): Promise<Compatibility> {
    const body = await this.request<{ compatibilityLevel?: Compatibility }>('GET', '/config');
    return body?.compatibilityLevel ?? 'BACKWARD';
  }

  /** One call; undefined for "not found" (a missing subject is an answer, not a failure). */
  private async request<T>(method: string, path: string, payload?: unknown): Promise<T | undefined> {
    let response: { status: number; text: string };
    try {
      response = await this.transport({
        method,
        url: `${this.base}${path}`,
        headers: this.headers,
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
    } catch (error) {
      throw new ExternalServiceError('registry', `Registry: ${method} ${path} failed: ${String(error)}`, {
        retryable: true,
        cause: error,
      });
    }
    const { status, text } = response;
    const parsed = parseJson(text) as { error_code?: number; message?: string } | undefined;
    if (status >= 200 && status < 300) return parsed as T;
    if (status === 404 && notFoundCodes.has(parsed?.error_code ?? 40401)) return undefined;
    throw new ExternalServiceError(
      'registry',
      `Registry: ${method} ${path} answered ${status}: ${parsed?.message ?? text.slice(0, 300)}`,
      { retryable: status >= 500 || status === 429 },
    );
  }
}

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
