// Writes the element reference into README.md, between the reference markers,
// from custom-elements.json (made by `cem analyze` from the classes' JSDoc).
// `npm run docs`.
import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- reference:start (npm run docs) -->';
const END = '<!-- reference:end -->';
const ORDER = ['discret-consent', 'discret-purpose', 'discret-service', 'discret-consent-button', 'discret-chat-notice', 'discret-delete-conversation'];
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const cell = (text = '') => String(text).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const table = (head, rows) =>
  rows.length ? [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`), ''] : [];

const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.tagName)
  .sort((a, b) => ORDER.indexOf(a.tagName) - ORDER.indexOf(b.tagName));

const lines = [START, ''];
for (const element of elements) {
  lines.push(`### \`<${element.tagName}>\``, '', cell(element.description).split('. ')[0].replace(/\.?$/, '.'), '');
  lines.push(
    ...table(
      ['attribute', 'what it does', 'default'],
      (element.attributes ?? []).filter((a) => a.description).map((a) => [`\`${a.name}\``, a.description, a.default ?? '']),
    ),
  );
  const methods = (element.members ?? []).filter((m) => m.kind === 'method' && !m.privacy && !m.static && m.description);
  lines.push(...table(['method', 'what it does'], methods.map((m) => [`\`${m.name}()\``, m.description])));
  lines.push(...table(['event', 'when'], (element.events ?? []).filter((e) => e.name).map((e) => [`\`${e.name}\``, e.description ?? ''])));
  lines.push(...table(['slot', 'content'], (element.slots ?? []).map((s) => [s.name ? `\`${s.name}\`` : '(default)', s.description ?? ''])));
  if (element.cssParts?.length) lines.push(`Parts: ${element.cssParts.map((p) => `\`${p.name}\``).join(', ')}.`, '');
  if (element.cssProperties?.length) {
    lines.push(...table(['custom property', 'what it sets', 'default'], element.cssProperties.map((p) => [`\`${p.name}\``, p.description ?? '', p.default ?? ''])));
  }
}
lines.push(END);

const readme = readFileSync('README.md', 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from === -1 || to === -1) {
  console.error('README.md has no reference markers');
  process.exit(1);
}
writeFileSync('README.md', readme.slice(0, from) + lines.join('\n') + readme.slice(to + END.length));
console.log(`README.md: reference of ${elements.length} elements written`);
