import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium (package `chromium`); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * `describe` for tests that drive a real browser. Without chromium they are skipped with a loud
 * warning, except under CI=true, where that fails the run.
 */
export function describeWithChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs chromium, which CI must install (Debian package chromium)', () => {
        throw new Error(`CI=true but ${CHROMIUM} is missing: the browser tests cannot run`);
      });
    });
    return;
  }
  console.warn(
    `\n*** ${CHROMIUM} is missing: SKIPPING "${name}" (install Debian's chromium) ***\n`,
  );
  describe.skip(name, body);
}

/** Starts the headless chromium, offline: no sync, updates or other background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-quic',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
