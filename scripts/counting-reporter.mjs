// A web-test-runner reporter that writes how many tests passed and failed, so
// that `npm test` can end with one plain `N passed, N failed` line for every
// suite; and, per category, the reliability cases (in suites named
// `reliability: <category>`), for the reliability table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { RELIABILITY } from './reliability-table.mjs';

function count(suite, totals, category) {
  for (const test of suite?.tests ?? []) {
    const outcome = test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed';
    totals[outcome]++;
    if (category && outcome !== 'skipped') (totals.categories[category] ??= { passed: 0, failed: 0 })[outcome]++;
  }
  for (const child of suite?.suites ?? []) count(child, totals, category ?? RELIABILITY.exec(child.name)?.[1]);
}

export function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, categories: {} };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that crashed before its tests ran counts as one failure, not as zero tests.
        if (!session.passed && (session.errors?.length ?? 0) > 0 && !session.testResults?.tests?.length && !session.testResults?.suites?.length) totals.failed++;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
