// `npm run test:reliability`: the reliability and security suite alone (the
// test files holding a `reliability: <category>` suite: tests/reliability/
// and sections of others), in the browser and in Node against the built
// files, then its table of cases tried and held per category.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './chromium.mjs';
import { printReliabilityTable } from './reliability-table.mjs';

const filesUnder = (folder) =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
const reliable = filesUnder('tests').filter((file) => /\.(test\.ts|e2e\.mjs)$/.test(file) && readFileSync(file, 'utf8').includes("describe('reliability: "));

chromiumPath();
rmSync('test-results', { recursive: true, force: true });
const browser = spawnSync('node_modules/.bin/wtr', ['--files', ...reliable.filter((file) => file.endsWith('.test.ts'))], { stdio: 'inherit' });
const node = spawnSync('node', ['tests/node-suites.mjs', '--only', ...reliable.filter((file) => file.endsWith('.e2e.mjs'))], { stdio: 'inherit' });
const failed = printReliabilityTable(['test-results/unit.json', 'test-results/node.json']);
process.exit(browser.status || node.status || failed ? 1 : 0);
