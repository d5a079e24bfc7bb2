import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { steward } from '../helpers/cli.js';
import { aclProduct, readsA } from './acl-products.js';
import { services } from './apply-services.js';

// Issue 14: a working tree has no history, so `steward plan|apply --base REV` says which consumer groups were the
// catalog's: a removed input port loses its group ACL from the CLI too, not only on merge in the App.

const run = Date.now().toString(36);
const topicA = `itbase.a${run}.v1`;
const group = `itbase.b${run}.reads-a`;
const principal = `User:svc-b-${run}`;

const product = (name: string, topic: string, writer: string, extra = '') =>
  aclProduct(name, topic, writer, extra, '--base');
const input = readsA(`itbase/a${run}`, principal, group);

const schema = (name: string) =>
  JSON.stringify({
    type: 'record',
    name,
    namespace: 'com.acme.itbase',
    doc: 'Test.',
    fields: [{ name: 'id', type: 'string', doc: 'Id.' }],
  });

const dir = mkdtempSync(join(tmpdir(), 'steward-base-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const cluster = ['--brokers', services.brokers.join(','), '--registry', services.registryUrl];
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });

describe('steward plan/apply --base: the groups of removed input ports', () => {
  it('revokes the group ACL of a removed input port only when --base names the commit that had it', async () => {
    write('.github/steward.yml', 'apiVersion: mesh-steward/v1\nkind: Settings\napplyBranch: main\n');
    write(
      'catalog/itbase/domain.yaml',
      'apiVersion: mesh-steward/v1\nkind: Domain\nname: itbase\ndescription: Test.\nowners: ["@acme/itbase"]\n',
    );
    write(`catalog/itbase/a${run}/product.yaml`, product(`a${run}`, topicA, `User:svc-a-${run}`));
    write(`catalog/itbase/a${run}/schemas/a${run}.avsc`, schema('A'));
    write(`catalog/itbase/b${run}/product.yaml`, product(`b${run}`, `itbase.b${run}.v1`, principal, input));
    write(`catalog/itbase/b${run}/schemas/b${run}.avsc`, schema('B'));
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'B reads A');
    const applied = await steward(['apply', dir, ...cluster]);
    expect(applied.err).toBe('');
    expect(applied.code).toBe(0);

    // B drops its input port in the working tree.
    write(`catalog/itbase/b${run}/product.yaml`, product(`b${run}`, `itbase.b${run}.v1`, principal));
    const revokeGroup = `revoke READ on group ${group} from ${principal}`;
    const revokeTopic = `revoke READ on topic ${topicA} from ${principal}`;
    const without = await steward(['plan', dir, ...cluster]);
    expect(without.out).toContain(revokeTopic);
    expect(without.out).not.toContain(revokeGroup);

    const withBase = await steward(['plan', dir, ...cluster, '--base', 'HEAD']);
    expect(withBase.code).toBe(0);
    expect(withBase.out).toContain(revokeGroup);
    expect(withBase.out).toContain(revokeTopic);

    expect((await steward(['apply', dir, ...cluster, '--base', 'HEAD'])).code).toBe(0);
    const after = await steward(['plan', dir, ...cluster, '--base', 'HEAD']);
    expect(after.out).not.toContain(revokeGroup);
    expect(after.out).not.toContain(revokeTopic);
  }, 120_000);

  it('refuses a --base that is not a commit, naming it', async () => {
    const result = await steward(['plan', dir, ...cluster, '--base', 'no-such-rev']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--base no-such-rev is not a commit');
  });
});
