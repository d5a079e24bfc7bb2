/** Writes docs/rules.md from the rule registry (src/rules/). */
import { writeFileSync } from 'node:fs';
import { renderRulesDoc } from '../src/rules/render-docs.js';

writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesDoc());
