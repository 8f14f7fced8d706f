// The suites that run in Node: the package imported with no DOM
// (tests/node/*.test.mjs), the demo chat backend (tests/demo/*.test.mjs)
// and the end-to-end tests of the built bundle (tests/e2e/*.e2e.mjs and the
// reliability suite's, tests/reliability/*.e2e.mjs), which
// serve the demo on a free local port and drive the system Chromium through
// playwright-core. Builds dist/ first. Writes test-results/node.json for
// `npm test`'s closing line.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { RELIABILITY } from '../scripts/reliability-table.mjs';

// The whole build: rollup empties dist/, and the manifest and the framework typings come after it.
const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const here = new URL('.', import.meta.url).pathname;
const inFolder = (folder, suffix) =>
  readdirSync(join(here, folder))
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(here, folder, file));
// `--only <files>`: those files alone (npm run test:reliability).
const only = process.argv.indexOf('--only');
const files =
  only > -1
    ? process.argv.slice(only + 1).map((file) => join(process.cwd(), file))
    : [...inFolder('node', '.test.mjs'), ...inFolder('demo', '.test.mjs'), ...inFolder('e2e', '.e2e.mjs'), ...inFolder('reliability', '.e2e.mjs')];

const totals = { passed: 0, failed: 0, skipped: 0, categories: {} };
/** The name of each suite being run, by nesting: a case's category comes from the suites around it. */
const suites = [];
const stream = run({ files, concurrency: 1, timeout: 300_000 });
const tally = (event, outcome) => {
  if (event.details.type === 'suite') return;
  totals[outcome]++;
  const category = suites.slice(0, event.nesting).map((name) => RELIABILITY.exec(name)?.[1]).find(Boolean);
  if (category && outcome !== 'skipped') (totals.categories[category] ??= { passed: 0, failed: 0 })[outcome]++;
};
stream.on('test:start', (event) => (suites[event.nesting] = event.name));
stream.on('test:pass', (event) => tally(event, event.skip || event.todo ? 'skipped' : 'passed'));
stream.on('test:fail', (event) => tally(event, 'failed'));
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/node.json', JSON.stringify(totals));
  process.exitCode = totals.failed ? 1 : 0;
});
