import { wildcardAllowed } from '../catalog/validate-names.js';
import type { Domain } from '../catalog/model.js';
import { resolveRules, type RuleSet } from '../policy/rule-config.js';
import { builtInRules } from '../policy/rules/index.js';
import type { RuleConfig } from '../policy/rule-types.js';
import { ruleEntry, ruleSections } from '../rules/registry.js';
import { html, type Html } from './html.js';
import type { PageContent } from './layout.js';
import { linker, listOf, type Linker } from './links.js';
import type { SiteModel } from './model.js';
import { partyKey, sitePaths } from './paths.js';

/**
 * The governance page: the rules in force as the linter resolves them (`resolveRules`: built-in defaults, then
 * rules/*.yaml in path order, then each domain from the top down, which may only tighten), what each domain's
 * tightening changes, and the checks that are always in force.
 */
export function renderGovernancePage(model: SiteModel): PageContent {
  const path = sitePaths.governance;
  const links = linker(model.catalog, path);
  const rules = resolveRules(model.catalog);
  const tightening = model.domains.filter((d) => Object.keys(d.manifest.rules ?? {}).length > 0);
  const main = html`<h1>Governance</h1>
    <p>
      The rules every pull request and <code>steward validate</code> apply to this catalog: the built-in defaults, then
      <code>rules/*.yaml</code> in path order, then each domain's <code>rules:</code>, which may only tighten what it
      inherits, for its own products and its subdomains'.
    </p>
    ${rulesFiles(model, links)}
    <h2 id="rules">Governance rules</h2>
    ${ruleTable(model, rules.forDomain(meshWide))}
    <h2 id="domains">Domain tightenings</h2>
    ${
      tightening.length === 0
        ? html`<p class="muted">No domain tightens the rules.</p>`
        : tightening.map((d) => domainSection(model, rules, d, links))
    }
    <h2 id="checks">Checks always in force</h2>
    <p>Validation that no setting turns off: files, manifests, schemas, references, compatibility and the plan.</p>
    ${fixedChecks()}`;
  return { path, title: 'Governance', main };
}

/** No domain has the empty id, so it resolves to the rules/ settings alone: what holds outside every domain. */
const meshWide = '';

function rulesFiles(model: SiteModel, links: Linker): Html {
  const files = model.catalog.rules;
  const owners = [...new Set(files.flatMap((f) => f.manifest.governance?.owners ?? []))];
  const party = (p: string) => (model.owners.has(partyKey(p)) ? links.owner(p) : html`<code>${p}</code>`);
  const list = files.map(
    (f) =>
      html`<li><code>${f.document.path}</code>${f.manifest.description ? html` — ${f.manifest.description}` : ''}</li>`,
  );
  return html`<dl class="facts">
    <dt>Rules files</dt>
    <dd>
      ${
        files.length === 0
          ? html`<span class="muted">None: the built-in defaults apply.</span>`
          : html`<ul>
              ${list}
            </ul>`
      }
    </dd>
    <dt>Governance owners</dt>
    <dd>${listOf(owners.map(party))}</dd>
    <dt>Wildcard principals</dt>
    <dd>
      ${wildcardAllowed(model.catalog) ? 'allowed' : 'refused'}
      <span class="muted">(<code>principals.allowWildcard</code> in <code>rules/</code>)</span>
    </dd>
  </dl>`;
}

function ruleTable(model: SiteModel, configs: ReadonlyMap<string, RuleConfig>): Html {
  const rows = builtInRules.map((rule) => {
    const config = configs.get(rule.id) ?? rule.defaults;
    const setIn = model.catalog.rules.filter((f) => rule.id in f.manifest.rules).map((f) => f.document.path);
    const settings = Object.entries(config.params).map(([key, value]) => {
      const builtIn = rule.defaults.params[key];
      const changed = formatValue(builtIn) !== formatValue(value);
      return html`<li>
        <code>${key}</code>: <code>${formatValue(value)}</code>${
          changed ? html` <span class="muted">(built-in: <code>${formatValue(builtIn)}</code>)</span>` : ''
        }
      </li>`;
    });
    return html`<tr id="rule-${rule.id}">
      <th scope="row"><code>${rule.id}</code></th>
      <td>${severity(config, rule.defaults)}</td>
      <td>
        ${
          settings.length === 0
            ? html`<span class="muted">—</span>`
            : html`<ul class="settings">
                ${settings}
              </ul>`
        }
      </td>
      <td>
        ${setIn.length === 0 ? html`<span class="muted">built-in default</span>` : listOf(setIn.map((p) => html`<code>${p}</code>`))}
      </td>
      <td>${ruleEntry(rule.id).summary}</td>
    </tr>`;
  });
  return html`<table class="rules">
    <thead>
      <tr>
        <th scope="col">Rule</th>
        <th scope="col">Severity</th>
        <th scope="col">Settings</th>
        <th scope="col">Set in</th>
        <th scope="col">What it checks</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

/** The severity in force (or `off`), and the built-in one when rules/ changed it. */
function severity(config: RuleConfig, builtIn: RuleConfig): Html {
  const shown = (c: RuleConfig) => (c.enabled ? c.severity : 'off');
  return shown(config) === shown(builtIn)
    ? html`${shown(config)}`
    : html`${shown(config)} <span class="muted">(built-in: ${shown(builtIn)})</span>`;
}

/** One row per setting the domain changes: the value it inherits and the value in force below it. */
export interface RuleChange {
  readonly rule: string;
  readonly setting: string;
  readonly inherited: string;
  readonly effective: string;
}

/** What a domain's `rules:` changes, compared from the engine's own effective settings above and at the domain. */
export function domainRuleChanges(rules: RuleSet, domain: Domain): RuleChange[] {
  const above = rules.forDomain(domain.parentId ?? meshWide);
  const here = rules.forDomain(domain.id);
  return builtInRules.flatMap((rule) => {
    const before = above.get(rule.id);
    const after = here.get(rule.id);
    if (!before || !after) return [];
    const settings: [string, unknown, unknown][] = [
      ['enabled', before.enabled, after.enabled],
      ['severity', before.severity, after.severity],
      ...[...new Set([...Object.keys(before.params), ...Object.keys(after.params)])].map(
        (key) => [key, before.params[key], after.params[key]] as [string, unknown, unknown],
      ),
    ];
    return settings
      .filter(([, a, b]) => formatValue(a) !== formatValue(b))
      .map(([setting, a, b]) => ({ rule: rule.id, setting, inherited: formatValue(a), effective: formatValue(b) }));
  });
}

function domainSection(model: SiteModel, rules: RuleSet, domain: Domain, links: Linker): Html {
  const changes = domainRuleChanges(rules, domain);
  const named = Object.keys(domain.manifest.rules ?? {});
  const unchanged = named.filter((id) => !changes.some((c) => c.rule === id));
  const below = model.domains.filter((d) => d.id.startsWith(`${domain.id}/`)).map((d) => links.domain(d.id));
  const ignored = rules.loosenings.filter((f) => f.location?.path === domain.document.path);
  const rows = changes.map(
    (c) =>
      html`<tr>
        <th scope="row">
          <a href="#rule-${c.rule}"><code>${c.rule}</code></a>
        </th>
        <td><code>${c.setting}</code></td>
        <td><code>${c.inherited}</code></td>
        <td>
          <strong><code>${c.effective}</code></strong>
        </td>
      </tr>`,
  );
  return html`<section class="tightening" id="domain-${domain.id}">
    <h3>${links.domain(domain.id, domain.manifest.title ?? domain.id)}</h3>
    <p>
      Applies to the products of
      <code>${domain.id}</code>${below.length > 0 ? html` and of its subdomains ${listOf(below)}` : ''}.
    </p>
    ${
      rows.length === 0
        ? html`<p class="muted">Its settings change nothing it inherits.</p>`
        : html`<table class="tightening">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Setting</th>
                <th scope="col">Inherited</th>
                <th scope="col">In this domain</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
    ${unchanged.length > 0 ? html`<p class="muted">Also set, the same as inherited: ${listOf(unchanged.map((id) => html`<code>${id}</code>`))}.</p>` : ''}
    ${ignored.length > 0 ? html`<p class="banner deprecated">Ignored, as they would loosen: ${ignored.map((f) => html`${f.message} `)}</p>` : ''}
  </section>`;
}

/** Every registered rule that is not a configurable governance rule, by the registry's sections. */
function fixedChecks(): Html {
  const configurable = new Set<string>(builtInRules.map((r) => r.id));
  const sections = ruleSections
    .map((section) => ({
      title: section.title,
      entries: Object.entries(section.rules).filter(([id]) => !configurable.has(id)),
    }))
    .filter((section) => section.entries.length > 0)
    .map((section) => {
      const rows = section.entries.map(
        ([id, entry]) =>
          html`<tr id="rule-${id}">
            <th scope="row"><code>${id}</code></th>
            <td>${entry.severity}</td>
            <td>${entry.summary}</td>
          </tr>`,
      );
      return html`<h3>${section.title}</h3>
        <table class="rules">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Severity</th>
              <th scope="col">What it checks</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`;
    });
  return html`${sections}`;
}

/** A setting as YAML would write it, near enough: lists comma-separated, text as is, anything else as JSON. */
function formatValue(value: unknown): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}
