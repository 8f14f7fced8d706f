// `npm run test:reliability`: the reliability and security suite alone
// (tests/reliability/), in the browser and in Node against the built files,
// then its table of cases tried and held per category.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chromiumPath } from './chromium.mjs';
import { printReliabilityTable } from './reliability-table.mjs';

chromiumPath();
rmSync('test-results', { recursive: true, force: true });
const browser = spawnSync('node_modules/.bin/wtr', ['--files', 'tests/reliability/**/*.test.ts'], { stdio: 'inherit' });
const node = spawnSync('node', ['tests/node-suites.mjs', '--reliability'], { stdio: 'inherit' });
const failed = printReliabilityTable(['test-results/unit.json', 'test-results/node.json']);
process.exit(browser.status || node.status || failed ? 1 : 0);
