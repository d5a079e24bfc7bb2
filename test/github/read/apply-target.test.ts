import { describe, expect, it } from 'vitest';
import { clusterName, connectCluster } from '../../../src/apply/connect.js';
import { applyTargetFromEnv, modeLine, targets } from '../../../src/github/read/apply-target.js';

describe('the App’s apply target', () => {
  it('is absent without a cluster: the App only evaluates', () => {
    expect(applyTargetFromEnv({})).toBeUndefined();
    expect(applyTargetFromEnv({ STEWARD_KAFKA_BROKERS: 'b1:9092' })).toBeUndefined();
  });

  it('refuses a cluster without the one repository allowed to change it', () => {
    const env = { STEWARD_KAFKA_BROKERS: 'b1:9092', STEWARD_REGISTRY_URL: 'https://sr' };
    expect(() => applyTargetFromEnv(env)).toThrow(/STEWARD_APPLY_REPOSITORY/);
    expect(() => applyTargetFromEnv({ ...env, STEWARD_APPLY_REPOSITORY: 'not a repo' })).toThrow(/owner\/name/);
  });

  it('names the cluster without credentials and matches its repository case-insensitively', () => {
    const target = applyTargetFromEnv({
      STEWARD_KAFKA_BROKERS: 'b1:9092,b2:9092',
      STEWARD_REGISTRY_URL: 'https://steward:s3cret@sr.example.com/apis/ccompat/v7',
      STEWARD_REGISTRY_PASSWORD: 'other-secret',
      STEWARD_APPLY_REPOSITORY: 'Acme/Mesh',
    });
    expect(target?.name).toBe('b1:9092,b2:9092 https://sr.example.com');
    expect(targets(target, { owner: 'acme', repo: 'mesh' })).toBe(true);
    expect(targets(target, { owner: 'acme', repo: 'other' })).toBe(false);
  });

  it('refuses STEWARD_REPLICATION_FACTOR_OVERRIDE, which environments replace, naming the fix', () => {
    const env = {
      STEWARD_KAFKA_BROKERS: 'b1:9092',
      STEWARD_REGISTRY_URL: 'https://sr',
      STEWARD_APPLY_REPOSITORY: 'acme/mesh',
      STEWARD_REPLICATION_FACTOR_OVERRIDE: '1',
    };
    expect(() => applyTargetFromEnv(env)).toThrow(/no longer read by the App.*overrides\.replicationFactor/);
  });

  it('applies to declared environments with only the repository named (no STEWARD_* cluster)', () => {
    const target = applyTargetFromEnv({ STEWARD_APPLY_REPOSITORY: 'acme/mesh', STAGING_KAFKA_BROKERS: 'b:9092' });
    expect(target).toMatchObject({ repository: 'acme/mesh' });
    expect(target?.connect).toBeUndefined();
    expect(modeLine(target, {})).toMatch(/checks \+ apply on merge for acme\/mesh to the environments/);
    expect(() => applyTargetFromEnv({ STEWARD_APPLY_REPOSITORY: 'nope' })).toThrow(/not a repository/);
  });

  it('names the cluster by scheme, host and port only, or by its configured display name', () => {
    const env = (url: string, brokers = 'b1:9092') => ({ STEWARD_KAFKA_BROKERS: brokers, STEWARD_REGISTRY_URL: url });
    expect(clusterName(env('http://u:p@127.0.0.1:8081/x/?api_key=tok3n#f'))).toBe('b1:9092 http://127.0.0.1:8081');
    expect(clusterName(env('not a url //u:p@host/x?api_key=tok3n'))).not.toMatch(/tok3n|u:p/);
    expect(clusterName(env('https://sr', 'SASL_SSL://u:p@b1:9092/x?k=tok3n'))).toBe('b1:9092 https://sr');
    expect(clusterName({ ...env('https://sr/?api_key=tok3n'), STEWARD_CLUSTER_NAME: ' prod-eu ' })).toBe('prod-eu');
  });
});

describe('connectCluster', () => {
  it('moves registry credentials from the URL into basic auth, since fetch refuses URLs that carry them', async () => {
    const ports = connectCluster({
      STEWARD_KAFKA_BROKERS: 'b1:9092',
      STEWARD_REGISTRY_URL: 'http://u%40x:p%3A1@sr:8081/v7',
    });
    const registry = ports.registry as unknown as { base: string; headers: Record<string, string> };
    expect(registry.base).toBe('http://sr:8081/v7');
    expect(registry.headers['authorization']).toBe(`Basic ${Buffer.from('u@x:p:1').toString('base64')}`);
    expect(ports.name).toBe('b1:9092 http://sr:8081');
    await ports.kafka.close();
  });
});

describe('modeLine', () => {
  const cluster = {
    STEWARD_KAFKA_BROKERS: 'b1:9092',
    STEWARD_REGISTRY_URL: 'https://u:pw@sr.example.com:8081/t?api_key=secret',
    STEWARD_APPLY_REPOSITORY: 'acme/mesh',
  };

  it('says checks + apply, to which cluster by its display name, for which repository', () => {
    const line = modeLine(applyTargetFromEnv(cluster), cluster);
    expect(line).toBe(
      'Mesh Steward: checks + apply on merge to cluster "b1:9092 https://sr.example.com:8081" for acme/mesh ' +
        '(applying branch from .github/steward.yml)',
    );
    expect(line).not.toMatch(/secret|pw|\/t/);
  });

  it('says checks only, and names what is missing for apply', () => {
    expect(modeLine(undefined, {})).toBe(
      'Mesh Steward: checks only — apply on merge is off: set STEWARD_APPLY_REPOSITORY and the variables of its ' +
        'environments, or STEWARD_KAFKA_BROKERS and STEWARD_REGISTRY_URL (README, App setup)',
    );
    expect(modeLine(undefined, { STEWARD_KAFKA_BROKERS: 'b1:9092', GITHUB_REPOSITORY: 'acme/other' })).toBe(
      'Mesh Steward: checks only for acme/other — apply on merge is off: set STEWARD_APPLY_REPOSITORY and the ' +
        'variables of its environments, or STEWARD_REGISTRY_URL (README, App setup)',
    );
  });

  it("in an Action's job, says the repository, and that another repository's cluster is not applied here", () => {
    const env = { ...cluster, GITHUB_REPOSITORY: 'acme/other' };
    expect(modeLine(applyTargetFromEnv(env), env)).toBe(
      'Mesh Steward: checks only for acme/other — apply on merge is off here: STEWARD_APPLY_REPOSITORY is acme/mesh',
    );
    const own = { ...cluster, GITHUB_REPOSITORY: 'Acme/Mesh' };
    expect(modeLine(applyTargetFromEnv(own), own)).toMatch(/^Mesh Steward: checks \+ apply on merge/);
  });
});
