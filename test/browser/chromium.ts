import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium package: the browser tests drive it and never download one. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Headless Chromium, or a clear failure: a missing browser must fail the suite, never skip it, or CI would pass
 * without having looked at a single page.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `The browser tests need Chromium at ${chromiumPath}, which is missing. Install it with \`apt-get install -y chromium\` (Debian; .ci/run does this) and run the tests again.`,
    );
  return chromium.launch({ executablePath: chromiumPath });
}
