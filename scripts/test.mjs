// `npm test`: type-check, lint, then every browser suite; ends with one plain
// line, `N passed, N failed`, summing the suites.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chromiumPath } from './chromium.mjs';
import { printReliabilityTable } from './reliability-table.mjs';

chromiumPath(); // fail early, with the install hint, when there is no browser
rmSync('test-results', { recursive: true, force: true });

const bin = (name) => `node_modules/.bin/${name}`;
const checks = [
  ['type-check', bin('tsc'), ['--noEmit']],
  ['lint', bin('eslint'), ['.']],
  ['lit-analyzer', bin('lit-analyzer'), ['src', '--strict', '--quiet']],
];
const suites = [
  ['unit and component tests', bin('wtr'), [], 'test-results/unit.json'],
  ['demo backend and end-to-end tests (built bundle)', 'node', ['tests/node-suites.mjs'], 'test-results/node.json'],
];

const started = Date.now();
let checksFailed = 0;
for (const [name, command, args] of checks) {
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`✖ ${name} failed`);
    checksFailed++;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const [name, command, args, resultFile] of suites) {
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : null;
  if (!result) {
    console.error(`✖ ${name} ended (exit ${status}) without reporting its results`);
    totals.failed++;
    continue;
  }
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped;
  if (status !== 0 && result.failed === 0) totals.failed++;
}

printReliabilityTable(suites.map(([, , , resultFile]) => resultFile));

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\nchecks: ${checks.length - checksFailed}/${checks.length} clean; tests took ${seconds} s in all`);
console.log(`${totals.passed} passed, ${totals.failed + checksFailed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed + checksFailed > 0 ? 1 : 0);
