// Fails when a script-tag file outgrows its gzip budget. Budgets sit a little
// above today's sizes on purpose: growth must be a decision, not a drift.
//
// dist/discret.js is what every page runs synchronously in <head>; the page
// core (dist/discret.mjs) is the module it fetches. Each UI
// chunk is measured with everything it imports (Lit, shared code): what a
// page fetches when it needs that chunk, on top of the page core.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const gzip = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** A chunk and every chunk it imports, transitively. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, path] of code.matchAll(/(?:import|export)[^'"]*?from\s*["']\.\/([^'"]+)["']|import\s*["']\.\/([^'"]+)["']/g)) {
    if (path) closure(`dist/ui/${path}`, seen);
  }
  return seen;
}

const BUDGETS = [
  // What every page runs synchronously in <head> (issue 8: at most 5,000 B): Consent Mode's default,
  // window.discret (whose calls wait for the page core), and the fetch of the page core's module.
  ['synchronous part, dist/discret.js', ['dist/discret.js'], 1_300],
  // The page core, which discret.js fetches and which runs without blocking the parser: configuration, store,
  // gate, cookies, Consent Mode's updates, window.discret. The decision's synchronous copy (about 320 B), the map
  // of the chunks' imports (about 130 B), the warning for a Consent Mode default that comes after the tags (60 B),
  // the wait for the first paint before the banner's chunks (120 B), purposes exempt from consent (about 130 B),
  // finding embeds held back (about 100 B), reading vendors and <discret-cookie> children (about 120 B, issue 11)
  // came on top of 7.0 kB; running the calls made on discret.js's stand-in before it came, about 70 B.
  ['page core, dist/discret.mjs', ['dist/discret.mjs'], 8_150],
  // Every chunk with Lit carries, in the shared chunk, the site's texts in the visitor's language and the
  // following of <html lang> (about 230 B).
  // Fetched when a decision is needed or the preferences are asked for.
  // The theme shared with the button and the privacy centre is a chunk of its own (about 0.15 kB more here, 0.9 kB less for them).
  // Vendors and cookie tables (issue 11): about 2.2 kB, of which 0.45 kB their fr and en strings, 0.25 kB durations in words (shared with the chat notice).
  ['banner and preferences, dist/ui/consent.js + imports', [...closure('dist/ui/consent.js')], 17_900],
  // Making and keeping decisions, and the sentences that say what is wrong with a configuration.
  ['decisions, dist/ui/decide.js + imports', [...closure('dist/ui/decide.js')], 4_800],
  // Small shared modules merged into it (experimentalMinChunkSize): 0.3 kB more, two requests fewer for the banner.
  ['consent button, dist/ui/button.js + imports', [...closure('dist/ui/button.js')], 10_400],
  // The deletion queue, receipts and notices' storage now live in a chunk shared with the privacy centre: about 0.9 kB more, split.
  // The notice's recipients, processors, legal basis (four bases in fr and en, written and spoken) and retention in words: about 0.76 kB.
  // Deletion that takes time (issue 11: scheduled, e-mail verification, backups, the local-erased event, their fr and en words): about 1.2 kB.
  // The notice's own texts in the visitor's language (`recipients-en`) and one acknowledgement for all of them: about 0.1 kB.
  ['chat elements, dist/ui/chat.js + imports', [...closure('dist/ui/chat.js')], 27_900],
  // Fetched when the page has a <discret-privacy-center>: the element, its fr and en strings, and the chat data it reads.
  // Scheduled and awaiting-verification receipts in words (issue 11): about 0.3 kB.
  ['privacy centre, dist/ui/privacy.js + imports', [...closure('dist/ui/privacy.js')], 21_100],
  // Fetched when an embed is held back: its click-to-load placeholder, with Lit.
  ['embed placeholders, dist/ui/embed.js + imports', [...closure('dist/ui/embed.js')], 11_900],
  // Everything in one classic script, for those who want a single file.
  // The chat notice's new fields: about 1.0 kB; deletion that takes time (issue 11): about 1.45 kB; vendors and cookie tables: about 2.1 kB.
  // Consent Mode's default said once per page, whichever copy says it: about 50 B.
  ['single file, dist/discret-full.js', ['dist/discret-full.js'], 50_250],
];

let over = false;
try {
  readdirSync('dist/ui');
} catch {
  console.error('[size] dist/ui is missing: run npm run build first');
  process.exit(1);
}
for (const [name, files, budget] of BUDGETS) {
  const bytes = files.reduce((sum, file) => sum + gzip(file), 0);
  const verdict = bytes <= budget ? 'ok' : 'OVER BUDGET';
  console.log(`[size] ${name}: ${bytes} B gzip (${files.length} file${files.length > 1 ? 's' : ''}), budget ${budget} B: ${verdict}`);
  if (bytes > budget) over = true;
}
process.exit(over ? 1 : 0);
