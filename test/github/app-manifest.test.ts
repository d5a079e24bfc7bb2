import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYamlValue } from '../../src/core/yaml-parse.js';

const manifest = parseYamlValue(readFileSync(new URL('../../app.yml', import.meta.url), 'utf8'));
const value = manifest.value as { default_events: string[]; default_permissions: Record<string, string> };

describe('app.yml', () => {
  it('parses', () => {
    expect(manifest.problems).toEqual([]);
  });

  it('asks for merge_queues: read, which GitHub requires to deliver the merge_group events it subscribes to', () => {
    expect(value.default_events).toContain('merge_group');
    expect(value.default_permissions['merge_queues']).toBe('read');
  });

  it('asks for deployments: write: each environment an apply on merge promotes to is a Deployment', () => {
    expect(value.default_permissions['deployments']).toBe('write');
  });

  it('asks for issues: write and repository_dispatch: the drift loop keeps one issue per environment', () => {
    expect(value.default_permissions['issues']).toBe('write');
    expect(value.default_events).toContain('repository_dispatch');
  });
});
