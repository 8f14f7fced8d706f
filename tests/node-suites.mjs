// End-to-end: builds the bundle if needed, serves the demo (pages, dist/ and
// the chat backend) on a free local port, and runs tests/e2e/*.e2e.mjs with
// node:test, driving the system Chromium through playwright-core.
// Writes test-results/e2e.json for `npm test`'s closing line.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
if (!existsSync('dist/discret.js') || process.env.DISCRET_E2E_REBUILD !== '0') {
  const build = spawnSync('node_modules/.bin/rollup', ['-c', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const files = readdirSync(here).filter((f) => f.endsWith('.e2e.mjs')).map((f) => join(here, f));
const totals = { passed: 0, failed: 0, skipped: 0 };
if (!files.length) {
  console.error('no tests/e2e/*.e2e.mjs files');
  process.exit(1);
}
const stream = run({ files, concurrency: 1, timeout: 120_000 });
stream.on('test:pass', (event) => {
  if (event.details.type === 'suite') return;
  if (event.skip || event.todo) totals.skipped++;
  else totals.passed++;
});
stream.on('test:fail', (event) => {
  if (event.details.type !== 'suite') totals.failed++;
});
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/e2e.json', JSON.stringify(totals));
  process.exitCode = totals.failed ? 1 : 0;
});
