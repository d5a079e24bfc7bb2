import { describe, expect, it } from 'vitest';
import { renderExplanation } from '../../src/render/explain.js';
import { ruleEntry } from '../../src/rules/registry.js';

describe('/steward explain', () => {
  it('explains a validation rule from its registry entry', () => {
    const reply = renderExplanation('AVRO_SYNTAX');
    expect(reply).toContain('### `AVRO_SYNTAX`');
    expect(reply).toContain(ruleEntry('AVRO_SYNTAX').doc);
    expect(reply).toContain('Severity: **error**.');
  });

  it('names the docs file of a link between doc pages, which a comment cannot follow', () => {
    expect(ruleEntry('TOPIC_CONFIG_INVALID').doc).toContain('[manifest.md](manifest.md#topic-configs)');
    expect(renderExplanation('TOPIC_CONFIG_INVALID')).toContain('manifest.md (`docs/manifest.md#topic-configs`)');
    expect(renderExplanation('TOPIC_CONFIG_INVALID')).not.toContain('](');
  });

  it('explains a compatibility rule from its registry entry', () => {
    expect(renderExplanation('LOGICAL_TYPE_CHANGED')).toContain(ruleEntry('LOGICAL_TYPE_CHANGED').doc);
    expect(renderExplanation('LOGICAL_TYPE_CHANGED')).toContain('Severity: **warning**.');
  });

  it('explains a governance rule with the registry summary and its configurable defaults', () => {
    const reply = renderExplanation('TOPIC_NAMING');
    expect(reply).toContain(ruleEntry('TOPIC_NAMING').summary);
    expect(reply).toContain('Default: on, severity **error**; parameters: `pattern`.');
  });

  it('says an id the registry does not know is unknown', () => {
    expect(renderExplanation('AVRO_INVALID_JSON')).toBe(
      '`AVRO_INVALID_JSON` is not a rule id Mesh Steward reports. Every rule id is listed in `docs/rules.md`.',
    );
  });
});
