// Runs in its own process so peak memory (maxRSS) belongs to validation alone. Uses the built package.
import { loadCatalog } from '../dist/src/catalog/load.js';
import { readDirectorySource } from '../dist/src/cli/fs-source.js';

const started = performance.now();
const tree = await readDirectorySource(process.argv[2]);
const read = performance.now();
const { catalog, findings } = loadCatalog(tree);
const done = performance.now();
console.log(
  JSON.stringify({
    files: tree.size,
    products: catalog.products.size,
    findings: findings.length,
    readMs: Math.round(read - started),
    validateMs: Math.round(done - read),
    totalMs: Math.round(done - started),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
  }),
);
