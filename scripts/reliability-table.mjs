// The reliability and security suite's table: cases tried and held per
// category, from the result files the browser and Node suites write. A case
// belongs to a category when a suite around it is named
// `reliability: <category>`, or `reliability: <category> — <what it proves>`
// (the files under tests/reliability/, and sections of other suites).
import { existsSync, readFileSync } from 'node:fs';

export const RELIABILITY = /^reliability: (.+?)(?: — .*)?$/;

/** Adds up the categories of the given result files; prints the table; returns how many cases failed. */
export function printReliabilityTable(files) {
  const categories = {};
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const [category, { passed, failed }] of Object.entries(JSON.parse(readFileSync(file, 'utf8')).categories ?? {})) {
      const row = (categories[category] ??= { passed: 0, failed: 0 });
      row.passed += passed;
      row.failed += failed;
    }
  }
  const rows = Object.entries(categories).sort(([a], [b]) => a.localeCompare(b));
  if (!rows.length) return 0;
  const total = rows.reduce((sum, [, row]) => ({ passed: sum.passed + row.passed, failed: sum.failed + row.failed }), { passed: 0, failed: 0 });
  const width = Math.max(...rows.map(([name]) => name.length), 'category'.length);
  const line = (name, tried, held) => `| ${name.padEnd(width)} | ${String(tried).padStart(11)} | ${String(held).padStart(4)} |`;
  console.log('\nreliability and security suite');
  console.log(line('category', 'cases tried', 'held'));
  console.log(`|${'-'.repeat(width + 2)}|${'-'.repeat(13)}|${'-'.repeat(6)}|`);
  for (const [name, row] of rows) console.log(line(name, row.passed + row.failed, row.passed));
  console.log(line('all', total.passed + total.failed, total.passed));
  return total.failed;
}
