// Writes the element reference into README.md, between the reference markers,
// from custom-elements.json (made by `cem analyze` from the classes' JSDoc).
// `npm run docs`.
import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- reference:start (npm run docs) -->';
const END = '<!-- reference:end -->';
const ORDER = ['discret-consent', 'discret-purpose', 'discret-service', 'discret-cookie', 'discret-consent-button', 'discret-embed-placeholder', 'discret-chat-notice', 'discret-delete-conversation', 'discret-privacy-center'];
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const cell = (text = '') => String(text).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const table = (head, rows) =>
  rows.length ? [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`), ''] : [];

const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.tagName)
  .sort((a, b) => ORDER.indexOf(a.tagName) - ORDER.indexOf(b.tagName));

/** The keys of a translation interface in src/i18n, in order, with their comment; `until` stops at the first key of the next group. */
function translationKeys(file, name, from, until) {
  const source = readFileSync(file, 'utf8');
  const body = source.slice(source.indexOf(`export interface ${name} {`), source.indexOf('\n}', source.indexOf(`export interface ${name} {`)));
  const keys = [...body.matchAll(/(?:\/\*\* (.*?) \*\/\n\s*)?^ {2}(\w+): (.*);$/gm)].map(([, comment, key, type]) => ({ key, comment: comment ?? '', type }));
  const first = from ? keys.findIndex((entry) => entry.key === from) : 0;
  const last = until ? keys.findIndex((entry) => entry.key === until) : keys.length;
  return keys.slice(first, last);
}
const kebab = (key) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const TEXTS = {
  'discret-consent': { keys: [...translationKeys('src/i18n/translation.ts', 'ConsentTranslation'), ...translationKeys('src/i18n/vendors.ts', 'VendorTranslation')], attributes: true },
  'discret-chat-notice': { keys: translationKeys('src/i18n/chat.ts', 'ChatTranslation', null, 'deleteButton') },
  'discret-delete-conversation': { keys: translationKeys('src/i18n/chat.ts', 'ChatTranslation', 'deleteButton') },
};
const code = (text) => `\`${text}\``;

const lines = [START, ''];
for (const element of elements) {
  lines.push(`### \`<${element.tagName}>\``, '', element.description.trim(), '');
  lines.push(
    ...table(
      ['attribute', 'type', 'what it does', 'default'],
      (element.attributes ?? []).map((a) => [code(a.name), a.type?.text ? code(a.type.text.replace(/ \| undefined$/, '')) : '', a.description ?? '', a.default ?? '']),
    ),
  );
  const attributeFields = new Set((element.attributes ?? []).map((a) => a.fieldName));
  const properties = (element.members ?? []).filter(
    (m) => m.kind === 'field' && !m.privacy && !m.static && m.description && !attributeFields.has(m.name),
  );
  lines.push(
    ...table(
      ['property', 'type', 'what it is'],
      properties.map((m) => [code(m.name), m.type?.text ? code(m.type.text) : '', `${m.readonly ? '(read-only) ' : ''}${m.description}`]),
    ),
  );
  const methods = (element.members ?? []).filter((m) => m.kind === 'method' && !m.privacy && !m.static && m.description);
  const signature = (m) => `${m.name}(${(m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`).join(', ')}): ${m.return?.type?.text ?? 'void'}`;
  lines.push(...table(['method', 'what it does'], methods.map((m) => [code(signature(m)), m.description])));
  lines.push(...table(['event', 'type', 'when'], (element.events ?? []).filter((e) => e.name).map((e) => [code(e.name), code(e.type?.text ?? 'Event'), e.description ?? ''])));
  lines.push(...table(['slot', 'content'], (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', s.description ?? ''])));
  lines.push(...table(['part', 'what it is'], (element.cssParts ?? []).map((p) => [code(p.name), p.description ?? ''])));
  lines.push(...table(['custom property', 'what it sets', 'default'], (element.cssProperties ?? []).map((p) => [code(p.name), p.description ?? '', p.default ?? ''])));
  const texts = TEXTS[element.tagName];
  if (texts) {
    lines.push(
      texts.attributes
        ? 'Texts: every key below can be replaced by `texts` in the configuration or by an attribute `text-<key>` (in kebab-case, e.g. `text-accept-all`). `{name}` marks a value filled in.'
        : 'Texts: the `texts` property (a `Partial<ChatTranslation>`, set in JavaScript) replaces any of these keys; a function receives the values it names, already formatted for the locale.',
      '',
      ...table(
        texts.attributes ? ['key', 'attribute', 'note'] : ['key', 'type', 'note'],
        texts.keys.map(({ key, comment, type }) => [code(key), texts.attributes ? code(`text-${kebab(key)}`) : code(type), comment]),
      ),
    );
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
