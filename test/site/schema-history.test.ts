import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { buildSite } from '../../src/site/build.js';
import { renderSchemaHistory, type SchemaVersionRow, type SiteHistory } from '../../src/site/schema-history.js';
import { mesh } from '../catalog/helpers.js';
import { squash } from './site-files.js';

const commit = (sha: string, date: string, author: string) => ({ commit: sha.repeat(40), date, author });

const rows: SchemaVersionRow[] = [
  { version: 1, commit: commit('a', '2026-01-02T09:00:00+00:00', 'Ada') },
  {
    version: 2,
    commit: commit('b', '2026-02-03T09:00:00+00:00', '<img src=x onerror=alert(1)>'),
    pr: { number: 42, url: 'https://github.com/acme/mesh/pull/42' },
    registry: { version: 2, id: 100007 },
    diff: { added: [{ path: 'note', type: 'union[null, string]', default: 'null' }], removed: [], changed: [] },
    verdict: { status: 'compatible', level: 'BACKWARD', messages: [] },
  },
  {
    version: 3,
    diff: {
      added: [{ path: 'total', type: 'long' }],
      removed: [{ path: 'note', type: 'union[null, string]', default: 'null' }],
      changed: [{ path: 'id', before: { path: 'id', type: 'string' }, after: { path: 'id', type: 'long' } }],
    },
    verdict: {
      status: 'incompatible',
      level: 'BACKWARD',
      messages: [{ severity: 'error', text: 'Field "total" was added without a default.' }],
    },
  },
];

describe('renderSchemaHistory', () => {
  const page = squash(renderSchemaHistory(rows, 'commerce.orders.v1-value').text);
  const bodyRows = page.split('<tr>').slice(2);

  it('lists the versions newest first with commit, date, author, PR and registry', () => {
    expect(page).toContain('Version history of <code>commerce.orders.v1-value</code> (3 versions)');
    expect(bodyRows.map((r) => /<td>v(\d+)<\/td>/.exec(r)?.[1])).toEqual(['3', '2', '1']);
    expect(bodyRows[1]).toContain(`<code title="${'b'.repeat(40)}">bbbbbbb</code>`);
    expect(bodyRows[1]).toContain('<time datetime="2026-02-03T09:00:00+00:00">2026-02-03</time>');
    expect(bodyRows[1]).toContain('<a href="https://github.com/acme/mesh/pull/42">#42</a>');
    expect(bodyRows[1]).toContain('version 2, id 100007');
    expect(bodyRows[0]).toContain('working tree, not committed');
    expect(bodyRows[2]).toContain('First version');
  });

  it('shows the field diff and our verdict, breaking explanations included', () => {
    expect(bodyRows[1]).toContain('Compatible</span> (BACKWARD): 1 added');
    expect(bodyRows[1]).toContain(
      'Added <code>note</code>: <code>union[null, string]</code>, default <code>null</code>',
    );
    expect(bodyRows[0]).toContain('Incompatible</span> (BACKWARD): 1 added, 1 removed, 1 changed');
    expect(bodyRows[0]).toContain(
      'Changed <code>id</code>: <code>string</code>, no default → <code>long</code>, no default',
    );
    expect(bodyRows[0]).toContain('<li>Breaking: Field &quot;total&quot; was added without a default.</li>');
  });

  it('escapes what git and the notes say', () => {
    expect(page).not.toContain('<img');
    expect(bodyRows[1]).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('buildSite with history', () => {
  const { catalog } = loadCatalog(mesh());
  const page = (history?: SiteHistory) =>
    squash(buildSite(catalog, history ? { history } : {}).get('products/commerce/orders.html') as string);

  it('says why there is no history when it could not be read, and shows nothing when none was asked for', () => {
    expect(page({ kind: 'unavailable', reason: '/x is not a git repository' })).toContain(
      'No version history: /x is not a git repository.',
    );
    expect(page()).not.toContain('history');
  });

  it('shows an uncommitted schema as the working tree version', () => {
    const text = page({ kind: 'git', commits: new Map(), snapshots: new Map(), records: new Map() });
    expect(text).toContain('Version history of <code>commerce.orders.v1-value</code> (1 version)');
    expect(text).toContain('working tree, not committed');
  });
});
