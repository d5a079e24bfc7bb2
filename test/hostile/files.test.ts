import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Operation } from '../../src/plan/operations.js';
import { renderPlanMarkdown, renderPlanText } from '../../src/render/plan.js';
import { repoWithCase } from '../helpers/fixtures.js';
import { runBounded } from './bounded.js';

type Run = { code: number; out: string; err: string };
type JsonFinding = { ruleId: string; severity: string; message: string; location: { path: string; line: number } };

const ORDERS = 'catalog/commerce/orders';
const hasRawControl = (text: string) => text.includes('\u0007') || text.includes('\u001b');
const outside: string[] = [];
afterEach(() => {
  for (const dir of outside.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function steward(args: string[], cwd: string): Promise<Run> {
  return (await runBounded<Run>('./cases.ts', 'cli', [args, cwd])).value;
}

/** `steward validate --format json` on `dir`: the exit code and the (ruleId, path, line) of every finding. */
async function validate(dir: string) {
  const result = await steward(['validate', dir, '--format', 'json'], dir);
  const findings = (JSON.parse(result.out) as { findings: JsonFinding[] }).findings;
  return { code: result.code, findings, tuples: findings.map((f) => [f.ruleId, f.location.path, f.location.line]) };
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
}

function committedRepo(): string {
  const dir = repoWithCase();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

/** A folder outside the repository holding `files`, removed after the test. */
function outsideDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-outside-'));
  outside.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('links out of the repository', () => {
  it('reports catalog linked to /etc, and reads nothing behind it', async () => {
    const dir = repoWithCase();
    rmSync(join(dir, 'catalog'), { recursive: true });
    symlinkSync('/etc', join(dir, 'catalog'));
    const { code, tuples, findings } = await validate(dir);
    expect(code).toBe(1);
    expect(tuples).toEqual([['SOURCE_SYMLINK', 'catalog', 1]]);
    expect(findings[0]?.message).toContain('catalog is a symbolic link (to /etc)');
  });

  it('reports rules and .github linked outside, and reads neither the rules nor the settings behind them', async () => {
    const dir = repoWithCase();
    const rules = outsideDir({ 'global.yaml': 'not: [valid' });
    const github = outsideDir({ 'steward.yml': 'not: [valid' });
    rmSync(join(dir, 'rules'), { recursive: true });
    rmSync(join(dir, '.github'), { recursive: true });
    symlinkSync(rules, join(dir, 'rules'));
    symlinkSync(github, join(dir, '.github'));
    const { code, tuples } = await validate(dir);
    expect(code).toBe(1);
    expect(tuples).toEqual([
      ['SOURCE_SYMLINK', '.github', 1],
      ['SOURCE_SYMLINK', 'rules', 1],
    ]);
  });

  it('reports a linked catalog committed to git when checking a range', async () => {
    const dir = committedRepo();
    rmSync(join(dir, 'catalog'), { recursive: true });
    symlinkSync('/etc', join(dir, 'catalog'));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'link');
    const result = await steward(['check', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.out) as { findings: JsonFinding[] }).findings;
    expect(findings.map((f) => [f.ruleId, f.location.path])).toContainEqual(['SOURCE_SYMLINK', 'catalog']);
    expect(result.out).not.toContain('catalog/passwd');
  });
});

describe('entries that are not regular files', () => {
  it('reports a product.yaml that is a folder, and a product.yaml and a steward.yml that are FIFOs, without opening them', async () => {
    const dir = repoWithCase();
    const manifest = readFileSync(join(dir, ORDERS, 'product.yaml'), 'utf8');
    rmSync(join(dir, ORDERS, 'product.yaml'));
    mkdirSync(join(dir, ORDERS, 'product.yaml'));
    writeFileSync(join(dir, ORDERS, 'product.yaml', 'inside.yaml'), manifest);
    mkdirSync(join(dir, 'catalog/commerce/returns'));
    execFileSync('mkfifo', [join(dir, 'catalog/commerce/returns/product.yaml')]);
    rmSync(join(dir, '.github/steward.yml'));
    execFileSync('mkfifo', [join(dir, '.github/steward.yml')]);
    const { code, tuples, findings } = await validate(dir);
    expect(code).toBe(1);
    expect(tuples).toEqual(
      expect.arrayContaining([
        ['SOURCE_NOT_REGULAR', '.github/steward.yml', 1],
        ['SOURCE_NOT_REGULAR', `${ORDERS}/product.yaml`, 1],
        ['SOURCE_NOT_REGULAR', 'catalog/commerce/returns/product.yaml', 1],
      ]),
    );
    expect(findings.find((f) => f.location.path.endsWith('returns/product.yaml'))?.message).toContain(
      'is a named pipe (FIFO), not a regular file',
    );
  });

  it('refuses a FIFO given to compat as CANDIDATE, PREVIOUS or --reference: a usage error, not a hang', async () => {
    const dir = repoWithCase();
    const schema = `${ORDERS}/schemas/order.avsc`;
    execFileSync('mkfifo', [join(dir, 'pipe.avsc')]);
    for (const args of [
      ['pipe.avsc', schema],
      [schema, 'pipe.avsc'],
      ['--reference', 'pipe.avsc', schema, schema],
    ]) {
      const result = await steward(['compat', '--level', 'BACKWARD', ...args], dir);
      expect(result.code).toBe(2);
      expect(result.err).toContain('pipe.avsc is not a regular file (it is a named pipe (FIFO))');
    }
  });
});

describe('names that are not what they should be', () => {
  it.each([
    ['product.yml', 'product.yaml'],
    ['Product.yaml', 'product.yaml'],
  ])('%s is an error that says to rename it to %s, not a warning that drops the product', async (name, fix) => {
    const dir = repoWithCase();
    renameSync(join(dir, ORDERS, 'product.yaml'), join(dir, ORDERS, name));
    const { code, findings } = await validate(dir);
    expect(code).toBe(1);
    const misnamed = findings.filter((f) => f.ruleId === 'MANIFEST_MISNAMED');
    expect(misnamed.map((f) => [f.severity, f.location.path])).toEqual([['error', `${ORDERS}/${name}`]]);
    expect(misnamed[0]?.message).toContain(`rename it to ${fix}`);
  });

  it.each(['domain.yml', 'Domain.yaml'])('%s is an error that says to rename it to domain.yaml', async (name) => {
    const dir = repoWithCase();
    renameSync(join(dir, 'catalog/commerce/domain.yaml'), join(dir, 'catalog/commerce', name));
    const { code, findings } = await validate(dir);
    expect(code).toBe(1);
    const misnamed = findings.find((f) => f.ruleId === 'MANIFEST_MISNAMED');
    expect(misnamed?.location.path).toBe(`catalog/commerce/${name}`);
    expect(misnamed?.message).toContain('rename it to domain.yaml');
  });

  it('both steward.yml and steward.yaml: an error naming both, and the second is validated too', async () => {
    const dir = repoWithCase();
    writeFileSync(join(dir, '.github/steward.yaml'), 'apiVersion: mesh-steward/v1\nkind: Settings\nbogus: 1\n');
    const { code, findings } = await validate(dir);
    expect(code).toBe(1);
    const duplicate = findings.filter((f) => f.ruleId === 'SETTINGS_DUPLICATE');
    expect(duplicate.map((f) => f.location.path)).toEqual(['.github/steward.yaml']);
    expect(duplicate[0]?.message).toContain('.github/steward.yaml and .github/steward.yml are both present');
    expect(findings.some((f) => f.location.path === '.github/steward.yaml' && f.ruleId !== 'SETTINGS_DUPLICATE')).toBe(
      true,
    );
  });
});

describe('file names git would quote', () => {
  /** A repository whose orders value schema is named `name`, committed, then changed in the working tree. */
  function repoWithSchemaNamed(name: string): string {
    const dir = committedRepo();
    const product = join(dir, ORDERS, 'product.yaml');
    writeFileSync(
      product,
      readFileSync(product, 'utf8').replace('schemas/order.avsc', JSON.stringify(`schemas/${name}`)),
    );
    renameSync(join(dir, ORDERS, 'schemas/order.avsc'), join(dir, ORDERS, 'schemas', name));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'rename');
    const schema = join(dir, ORDERS, 'schemas', name);
    const parsed = JSON.parse(readFileSync(schema, 'utf8')) as { fields: object[] };
    parsed.fields.push({ name: 'channel', type: 'string', doc: 'Channel.' });
    writeFileSync(schema, JSON.stringify(parsed, null, 2));
    return dir;
  }

  it.each([
    ['a double quote', 'or"der.avsc'],
    ['a tab', 'or\tder.avsc'],
    ['a glob character', 'or*der.avsc'],
  ])('checks a changed schema whose name holds %s, and finds the breaking change', async (_what, name) => {
    const dir = repoWithSchemaNamed(name);
    const result = await steward(['check', '--base', 'main', '--format', 'json', '--today', '2026-11-22'], dir);
    expect(result.err).toBe('');
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.out) as { findings: JsonFinding[] }).findings;
    expect(findings.map((f) => [f.ruleId, f.location.path])).toContainEqual([
      'READER_FIELD_MISSING_DEFAULT_VALUE',
      `${ORDERS}/schemas/${name}`,
    ]);
  });

  it('reports a changed schema whose name is not UTF-8 as a finding, not an exit 2', async () => {
    const dir = committedRepo();
    const bad = Buffer.concat([
      Buffer.from(join(dir, ORDERS, 'schemas/')),
      Buffer.from([0x6f, 0xff, 0x2e]),
      Buffer.from('avsc'),
    ]);
    writeFileSync(bad, readFileSync(join(dir, ORDERS, 'schemas/order.avsc')));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'bad name');
    writeFileSync(bad, '{"type": "string"}');
    for (const head of [[], ['--head', 'HEAD']]) {
      const result = await steward(['check', '--base', 'HEAD~1', ...head, '--format', 'json'], dir);
      expect(result.err).toBe('');
      expect(result.code).toBe(1);
      const findings = (JSON.parse(result.out) as { findings: JsonFinding[] }).findings;
      expect(findings.map((f) => [f.ruleId, f.location.path])).toContainEqual([
        'FILE_NAME_NOT_UTF8',
        `${ORDERS}/schemas/o\uFFFD.avsc`,
      ]);
    }
  });
});

describe('text output keeps control characters inert', () => {
  it('a folder name with a newline stays on its finding line; ESC and BEL are shown escaped', async () => {
    const dir = repoWithCase();
    mkdirSync(join(dir, 'catalog/commerce/evil\nname\u001b[2J\u0007'));
    writeFileSync(join(dir, 'catalog/commerce/evil\nname\u001b[2J\u0007/product.yaml'), 'kind: [');
    const text = await steward(['validate', dir], dir);
    expect(text.code).toBe(1);
    expect(hasRawControl(text.out)).toBe(false);
    const lines = text.out.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('catalog/') || /^\d+ errors?,/.test(l))).toBe(true);
    expect(text.out).toContain('catalog/commerce/evil\\nname\\x1b[2J\\x07/product.yaml:1:');
    const github = await steward(['validate', dir, '--format', 'github'], dir);
    expect(hasRawControl(github.out)).toBe(false);
    expect(github.out).toContain('file=catalog/commerce/evil%0Aname\\x1b[2J\\x07/product.yaml,');
  });

  it('a principal or topic with ESC/BEL reaches neither the plan text nor the Markdown plan raw', () => {
    const acl = {
      resourceType: 'topic',
      resourceName: 'orders\u001b[2J',
      principal: 'User:svc\u001b]0;pwned\u0007',
      operation: 'WRITE',
    };
    const ops = [{ kind: 'create-acl', resource: 'acl:x', acl }] as unknown as Operation[];
    for (const out of [renderPlanText(ops, ['note\u0007']), renderPlanMarkdown(ops, [])]) {
      expect(hasRawControl(out)).toBe(false);
      expect(out).toContain('User:svc\\x1b]0;pwned\\x07');
    }
  });
});

describe("the App's tarball reader", () => {
  it('stops a 1 MB gzip bomb that inflates to 1 GiB at the 256 MiB cap, with the typed error', async () => {
    const header = Buffer.alloc(512);
    header.write('acme-mesh-abc1234/catalog/a/product.yaml', 0);
    header.write(`${(2 ** 30).toString(8).padStart(11, '0')}\0`, 124);
    header.write('0', 156);
    const zeros = gzipSync(Buffer.alloc(16 << 20));
    const bomb = Buffer.concat([gzipSync(header), ...Array<Buffer>(64).fill(zeros)]);
    const { value } = await runBounded<{ error?: string; limit?: string }>('./files-cases.ts', 'readArchive', [bomb]);
    expect(value.limit).toBe('inflatedBytes');
    expect(value.error).toMatch(/^TarballLimitError: The archive inflates above the 256 MiB/);
  });
});
