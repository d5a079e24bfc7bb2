// The write floor of a site, in its own process: read every file of the site folder `from` into memory, then write
// them all into the empty folder `to` with one writeFileSync each (folders made once), and print the write phase's
// wall, user and system time as JSON. What no site build can beat on this disk: on a shared machine the kernel's
// share of creating tens of thousands of files varies several-fold from minute to minute.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [from, to] = process.argv.slice(2);
const files = [];
function walk(dir, prefix) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = prefix + entry.name;
    if (entry.isDirectory()) walk(join(dir, entry.name), `${path}/`);
    else files.push([path, readFileSync(join(dir, entry.name), 'utf8')]);
  }
}
walk(from, '');
const cpu = process.cpuUsage();
const started = performance.now();
const folders = new Set();
for (const [path, text] of files) {
  const file = join(to, path);
  const folder = dirname(file);
  if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
  folders.add(folder);
  writeFileSync(file, text);
}
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    files: files.length,
    wallMs: Math.round(performance.now() - started),
    userMs: Math.round(used.user / 1000),
    sysMs: Math.round(used.system / 1000),
  }),
);
