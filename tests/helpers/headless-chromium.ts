/**
 * Debian's chromium (/usr/bin/chromium), driven headless by playwright-core, for the tests of
 * pages wharf serves. Skipped with the reason where chromium is not installed, except under
 * CI, which installs it (.ci/run): there its absence fails.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian installs chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** The gitignored folder where browser tests keep their screenshots. */
export const TEST_ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

function chromiumInstalled(): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The skip reason for a browser suite, or false to run it. Under CI the suite always runs,
 * and `givenChromium` fails naming what is missing.
 */
export function chromiumSkip(): string | false {
  if (chromiumInstalled() || process.env.CI) return false;
  return `${CHROMIUM} is not installed; apt-get install chromium, or run .ci/run`;
}

/** Launches headless chromium; throws naming the package when it is not installed. */
export async function givenChromium(): Promise<Browser> {
  if (!chromiumInstalled()) {
    throw new Error(`CI is set but ${CHROMIUM} is missing; .ci/run installs the chromium package`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

/** The path of a screenshot named `name` in the artifacts folder, which it creates. */
export function artifactPath(name: string): string {
  mkdirSync(TEST_ARTIFACTS, { recursive: true });
  return `${TEST_ARTIFACTS}${name}`;
}
