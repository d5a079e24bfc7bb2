import { describe, expect, it } from 'vitest';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { ExternalServiceError } from '../../src/core/errors.js';

describe('FakeSchemaRegistry registrations', () => {
  it('numbers versions per subject, gives one id per distinct schema text, and finds a registered schema again', async () => {
    const registry = new FakeSchemaRegistry();
    expect(await registry.register('a', '"string"', [])).toEqual({ id: 1 });
    expect(await registry.register('a', '"int"', [])).toEqual({ id: 2 });
    // Same text under another subject: same id, first version there.
    expect(await registry.register('b', '"string"', [])).toEqual({ id: 1 });
    // Already registered: the existing id, no new version.
    expect(await registry.register('a', '"string"', [])).toEqual({ id: 1 });
    expect(await registry.getVersions('a')).toEqual([1, 2]);
    expect(await registry.getVersions('b')).toEqual([1]);
    expect(await registry.getVersions('none')).toEqual([]);
    expect(await registry.lookup('a', '"string"', [])).toEqual({ id: 1, version: 1 });
    expect(await registry.lookup('a', '"long"', [])).toBeUndefined();
    expect(await registry.lookup('none', '"string"', [])).toBeUndefined();
  });

  it('answers the latest version of the subjects that exist', async () => {
    const registry = new FakeSchemaRegistry();
    await registry.register('a', '"string"', []);
    await registry.register('a', '"int"', []);
    const latest = await registry.getLatestVersions(['a', 'missing']);
    expect([...latest.values()]).toEqual([{ subject: 'a', version: 2, id: 2, schema: '"int"', references: [] }]);
  });

  it('requires references to exist, and tells registrations apart by their references', async () => {
    const registry = new FakeSchemaRegistry();
    const missing = await registry.register('a', '"x"', [{ name: 'C', subject: 'common', version: 1 }]).catch((e) => e);
    expect(missing).toBeInstanceOf(ExternalServiceError);
    expect(missing).toMatchObject({ retryable: false, message: 'Registry: reference common v1 does not exist.' });
    await registry.register('common', '"string"', []);
    const ref = [{ name: 'C', subject: 'common', version: 1 }];
    await registry.register('a', '"x"', []);
    // Other references: a new version, under the id of the same schema text.
    expect(await registry.register('a', '"x"', ref)).toEqual({ id: 2 });
    expect(await registry.getVersions('a')).toEqual([1, 2]);
    expect(await registry.lookup('a', '"x"', ref)).toEqual({ id: 2, version: 2 });
    expect(await registry.lookup('a', '"x"', [])).toEqual({ id: 2, version: 1 });
  });

  it('rejects registrations on the subjects in rejectSubjects as incompatible', async () => {
    const registry = new FakeSchemaRegistry();
    registry.rejectSubjects.add('bad');
    const error = await registry.register('bad', '"string"', []).catch((e) => e);
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error).toMatchObject({
      retryable: false,
      message: 'Registry: POST /subjects/bad/versions answered 409: incompatible.',
    });
    expect(registry.subjects.has('bad')).toBe(false);
  });

  it('deletes a subject with its level', async () => {
    const registry = new FakeSchemaRegistry();
    await registry.register('a', '"string"', []);
    await registry.setCompatibility('a', 'FULL');
    await registry.deleteSubject('a');
    expect(registry.subjects.has('a')).toBe(false);
    expect(registry.levels.has('a')).toBe(false);
    expect(await registry.getLatestVersions(['a'])).toEqual(new Map());
  });
});

describe('FakeSchemaRegistry levels', () => {
  it("answers a subject's own level, else the global one", async () => {
    const registry = new FakeSchemaRegistry();
    expect(await registry.getGlobalCompatibility()).toBe('BACKWARD');
    registry.globalLevel = 'NONE';
    await registry.setCompatibility('a', 'FULL_TRANSITIVE');
    expect(Object.fromEntries(await registry.getCompatibility(['a', 'b']))).toEqual({
      a: 'FULL_TRANSITIVE',
      b: 'NONE',
    });
    expect(await registry.getGlobalCompatibility()).toBe('NONE');
  });
});

describe('FakeSchemaRegistry requests', () => {
  it('logs every call in order, one request per subject', async () => {
    const registry = new FakeSchemaRegistry();
    await registry.register('a', '"string"', []);
    await registry.getLatestVersions(['a', 'b']);
    await registry.getCompatibility(['a', 'b']);
    await registry.getGlobalCompatibility();
    await registry.setCompatibility('a', 'FULL');
    await registry.lookup('a', '"string"', []);
    await registry.getVersions('a');
    await registry.deleteSubject('a');
    expect(registry.calls).toEqual([
      'register a',
      'latest a',
      'latest b',
      'get-level a',
      'get-level b',
      'get-global-level',
      'set-level a FULL',
      'lookup a',
      'versions a',
      'delete a',
    ]);
    expect(registry.requests).toBe(10);
  });

  it('fails every call while unavailable, counting it but not logging it, and changes nothing', async () => {
    const registry = new FakeSchemaRegistry();
    registry.unavailable = true;
    const calls = [
      () => registry.register('a', '"string"', []),
      () => registry.getLatestVersions(['a']),
      () => registry.getVersions('a'),
      () => registry.getCompatibility(['a']),
      () => registry.getGlobalCompatibility(),
      () => registry.setCompatibility('a', 'FULL'),
      () => registry.lookup('a', '"string"', []),
      () => registry.deleteSubject('a'),
    ];
    for (const call of calls) {
      const error = await call().catch((e) => e);
      expect(error).toBeInstanceOf(ExternalServiceError);
      expect(error).toMatchObject({
        retryable: true,
        message: 'Registry: connection refused (fake registry stopped).',
      });
    }
    expect(registry.requests).toBe(calls.length);
    expect(registry.calls).toEqual([]);
    expect(registry.subjects.size + registry.levels.size).toBe(0);
  });
});
