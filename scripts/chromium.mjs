// Finds the Chromium the tests, the demo screenshots and the end-to-end suite drive.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags for a headless run as root on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath() {
  const path = process.env.CHROME_PATH || CANDIDATES.find((candidate) => existsSync(candidate));
  if (!path || !existsSync(path)) {
    console.error(
      `[discret] No Chromium found${process.env.CHROME_PATH ? ` at CHROME_PATH=${process.env.CHROME_PATH}` : ''}.\n` +
        '  The tests run in a real browser. Install one, e.g. on Debian/Ubuntu:\n' +
        '    sudo apt-get install -y chromium\n' +
        '  or point CHROME_PATH at a Chrome/Chromium binary.',
    );
    process.exit(1);
  }
  return path;
}
