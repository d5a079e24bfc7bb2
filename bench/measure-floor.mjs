// The parse floor of a catalog directory, in its own process: walk catalog/, rules/ and .github/, read every file
// with one readFileSync, parse YAML with js-yaml and .avsc with JSON.parse, keep nothing. What no validator can beat.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

const root = process.argv[2];
let files = 0;
let bytes = 0;
function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile()) {
      const text = readFileSync(full, 'utf8');
      files++;
      bytes += text.length;
      if (/\.ya?ml$/i.test(entry.name)) load(text);
      else if (entry.name.endsWith('.avsc')) JSON.parse(text);
    }
  }
}
for (const top of ['catalog', 'rules', '.github']) walk(join(root, top));
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    files,
    bytes,
    wallMs: Math.round(performance.now()),
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
    peakRssMb: Math.round(usage.maxRSS / 1024),
  }),
);
