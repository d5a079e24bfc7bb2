import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface Step {
  readonly uses?: string;
  readonly id?: string;
  readonly with?: Record<string, unknown>;
}
interface Workflow {
  readonly on: { readonly push?: { readonly branches?: string[] } };
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { environment: { name: string }; steps: Step[] }>;
}

/** The first ```yaml block after the heading. */
function yamlBlockAfter(heading: string): string {
  const section = readme.slice(readme.indexOf(`\n${heading}\n`));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error(`No yaml block after ${heading}`);
  return match[1] as string;
}

describe("the README's GitHub Pages workflow for the catalog site", () => {
  const workflow = load(yamlBlockAfter('### Publishing the catalog site')) as Workflow;
  const [job] = Object.values(workflow.jobs);
  const steps = job?.steps ?? [];
  const step = (action: string) => steps.find((s) => s.uses?.split('@')[0] === action);

  it('runs on pushes to the applying branch with the permissions and environment Pages needs', () => {
    const settings = readFileSync(join(root, '.github/steward.yml'), 'utf8');
    const applyBranch = /^applyBranch: (\S+)$/m.exec(settings)?.[1];
    expect(workflow.on.push?.branches).toEqual([applyBranch]);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(job?.environment.name).toBe('github-pages');
  });

  it('checks out the whole history, builds the site in mode site, and uploads and deploys that folder', () => {
    const uses = steps.map((s) => s.uses?.split('@')[0]);
    expect(uses).toEqual([
      'actions/checkout',
      'acme/mesh-steward',
      'actions/configure-pages',
      'actions/upload-pages-artifact',
      'actions/deploy-pages',
    ]);
    expect(step('actions/checkout')?.with).toEqual({ 'fetch-depth': 0 });
    const steward = step('acme/mesh-steward')?.with ?? {};
    expect(steward['mode']).toBe('site');
    expect(step('actions/upload-pages-artifact')?.with?.['path']).toBe(steward['site-out']);
  });

  it('uses only inputs and outputs action.yml declares', () => {
    const action = load(readFileSync(join(root, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
      outputs: Record<string, unknown>;
    };
    const steward = step('acme/mesh-steward')?.with ?? {};
    for (const input of Object.keys(steward)) expect(Object.keys(action.inputs)).toContain(input);
    expect(action.inputs['site-out']?.default).toBe('site');
    expect(action.outputs).toHaveProperty('site-path');
    expect(action.inputs['mode']).toBeDefined();
  });
});
