import type { Compatibility } from '../catalog/manifest-types.js';
import { ExternalServiceError } from '../core/errors.js';
import type { SchemaReference, SubjectActual } from '../plan/state.js';
import type { RegisteredVersion, SchemaRegistry } from './ports.js';

interface Version {
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly references: readonly SchemaReference[];
}

/**
 * In-memory SchemaRegistry for unit tests, held to the same contract suite as the real adapter. It does not check
 * compatibility (the engine does, and the integration tests hold the real registry to it); `rejectSubjects` makes
 * registrations on those subjects fail as an incompatible schema would.
 */
export class FakeSchemaRegistry implements SchemaRegistry {
  readonly subjects = new Map<string, Version[]>();
  readonly levels = new Map<string, Compatibility>();
  readonly rejectSubjects = new Set<string>();
  /** Every call in order, e.g. `register orders-value`: lets tests assert the order of writes. */
  readonly calls: string[] = [];
  globalLevel: Compatibility = 'BACKWARD';
  requests = 0;
  unavailable = false;
  private nextId = 1;
  private readonly ids = new Map<string, number>();

  async getLatestVersions(subjects: readonly string[]): Promise<Map<string, SubjectActual>> {
    const result = new Map<string, SubjectActual>();
    for (const subject of subjects) {
      this.request(`latest ${subject}`);
      const latest = this.subjects.get(subject)?.at(-1);
      if (latest) result.set(subject, { subject, ...latest });
    }
    return result;
  }

  async listSubjects(): Promise<string[]> {
    this.request('list-subjects');
    return [...this.subjects.keys()];
  }

  async getVersions(subject: string): Promise<number[]> {
    this.request(`versions ${subject}`);
    return (this.subjects.get(subject) ?? []).map((v) => v.version);
  }

  async getVersion(subject: string, version: number): Promise<SubjectActual | undefined> {
    this.request(`version ${subject} ${version}`);
    const found = this.subjects.get(subject)?.find((v) => v.version === version);
    return found && { subject, ...found };
  }

  async getCompatibility(subjects: readonly string[]): Promise<Map<string, Compatibility>> {
    const result = new Map<string, Compatibility>();
    for (const subject of subjects) {
      this.request(`get-level ${subject}`);
      result.set(subject, this.levels.get(subject) ?? this.globalLevel);
    }
    return result;
  }

  async getGlobalCompatibility(): Promise<Compatibility> {
    this.request('get-global-level');
    return this.globalLevel;
  }

  async setCompatibility(subject: string, level: Compatibility): Promise<void> {
    this.request(`set-level ${subject} ${level}`);
    this.levels.set(subject, level);
  }

  async register(subject: string, schema: string, references: readonly SchemaReference[]): Promise<{ id: number }> {
    this.request(`register ${subject}`);
    if (this.rejectSubjects.has(subject))
      throw new ExternalServiceError(
        'registry',
        `Registry: POST /subjects/${subject}/versions answered 409: incompatible.`,
        { retryable: false },
      );
    for (const ref of references)
      if (!this.subjects.get(ref.subject)?.some((v) => v.version === ref.version))
        throw new ExternalServiceError(
          'registry',
          `Registry: reference ${ref.subject} v${ref.version} does not exist.`,
          { retryable: false },
        );
    const found = this.find(subject, schema, references);
    if (found) return { id: found.id };
    const versions = this.subjects.get(subject) ?? [];
    // One id per distinct schema text, as the registry assigns them (a map, so benchmarks of 10,000 subjects stay fast).
    const id = this.ids.get(schema) ?? this.nextId++;
    this.ids.set(schema, id);
    const version: Version = {
      version: (versions.at(-1)?.version ?? 0) + 1,
      id,
      schema,
      references,
    };
    this.subjects.set(subject, [...versions, version]);
    return { id: version.id };
  }

  async lookup(
    subject: string,
    schema: string,
    references: readonly SchemaReference[],
  ): Promise<RegisteredVersion | undefined> {
    this.request(`lookup ${subject}`);
    return this.find(subject, schema, references);
  }

  async deleteSubject(subject: string): Promise<void> {
    this.request(`delete ${subject}`);
    this.subjects.delete(subject);
    this.levels.delete(subject);
  }

  private find(subject: string, schema: string, references: readonly SchemaReference[]): RegisteredVersion | undefined {
    const v = this.subjects
      .get(subject)
      ?.find((x) => x.schema === schema && JSON.stringify(x.references) === JSON.stringify(references));
    return v && { id: v.id, version: v.version };
  }

  private request(call: string): void {
    this.requests++;
    if (this.unavailable)
      throw new ExternalServiceError('registry', 'Registry: connection refused (fake registry stopped).', {
        retryable: true,
      });
    this.calls.push(call);
  }
}
