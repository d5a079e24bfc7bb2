// Preload (`node --import`): appends every module a process loads, ES modules and CommonJS alike, to the file named
// by STEWARD_RECORD_LOADS, one path or URL per line. test/cli/loads.test.ts reads it.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const out = process.env['STEWARD_RECORD_LOADS'];
if (out) {
  register('./record-loads-hooks.mjs', import.meta.url, { data: { out } });
  const Module = createRequire(import.meta.url)('node:module');
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    try {
      appendFileSync(out, `${Module._resolveFilename(request, parent, isMain)}\n`);
    } catch {
      // An unresolvable request fails in the real load below, with its own error.
    }
    return load.apply(this, arguments);
  };
}
