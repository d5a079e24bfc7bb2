// Preloaded into a measured process (node --import): at exit, writes its CPU time and peak memory to the file
// named by BENCH_USAGE_FILE, so a benchmark can measure a real command without changing it.
import { writeFileSync } from 'node:fs';

const file = process.env['BENCH_USAGE_FILE'];
if (file)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
        userMs: Math.round(usage.userCPUTime / 1000),
        sysMs: Math.round(usage.systemCPUTime / 1000),
        peakRssMb: Math.round(usage.maxRSS / 1024),
      }),
    );
  });
