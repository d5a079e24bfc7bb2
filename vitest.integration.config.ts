import { defineConfig } from 'vitest/config';

/** Integration tests talk to the real services that `npm run services:up` starts; see README "Integration tests". */
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // The suites share one broker and one registry: run them one file at a time.
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/integration.json' },
  },
});
