// Fails when the script-tag bundle outgrows its gzip budget. The budget sits a
// little above today's size on purpose: growth must be a decision, not a drift.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGETS = {
  // Every element (consent and chat), Lit and idb-keyval inside.
  'dist/discret.js': 30_400,
  // Consent only: banner, preferences, consent button, gate.
  'dist/discret-consent.js': 18_400,
};

let over = false;
for (const [file, budget] of Object.entries(BUDGETS)) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    console.error(`[size] ${file} is missing: run npm run build first`);
    process.exit(1);
  }
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const verdict = gzip <= budget ? 'ok' : 'OVER BUDGET';
  console.log(`[size] ${file}: ${bytes.length} B min, ${gzip} B gzip, budget ${budget} B gzip: ${verdict}`);
  if (gzip > budget) over = true;
}
process.exit(over ? 1 : 0);
