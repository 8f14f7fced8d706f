// Writes custom-elements.json for the shipped package: `cem analyze` reads the
// classes' JSDoc in src/, then this script points every path at the shipped
// dist/*.js, spells enumerated types as their literal unions, resolves named
// defaults, adds the `discret/define/<tag>` modules, and checks the result:
// it exits 1 when a tag in src/define/ has no complete element entry (the
// generated reference and framework typings broke silently once).
// `node scripts/manifest.mjs` (part of `npm run build`, which `npm run docs` runs first).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const MANIFEST = 'custom-elements.json';

/** The tags the package registers, one file each in src/define/ (define.ts is the helper). */
export function definedTags(root = '.') {
  return readdirSync(join(root, 'src/define'))
    .filter((file) => file.startsWith('discret-') && file.endsWith('.ts'))
    .map((file) => file.slice(0, -3))
    .sort();
}

/** `export type Name = 'a' | 'b'` and `export const NAME = 'x'` anywhere in src/: what a manifest's type or default may name. */
function sourceNames(root) {
  const aliases = new Map([['RequestCredentials', "'omit' | 'same-origin' | 'include'"]]);
  const constants = new Map();
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const [, name, union] of text.matchAll(/export type (\w+) = ((?:'[^']*'\s*\|?\s*)+);/g)) aliases.set(name, union.trim());
        for (const [, name, value] of text.matchAll(/export const ([A-Z][A-Z0-9_]*) = ('[^']*');/g)) constants.set(name, value);
      }
    }
  };
  walk(join(root, 'src'));
  return { aliases, constants };
}

const spell = (text, aliases) => text?.replace(/\b[A-Z]\w*\b/g, (name) => aliases.get(name) ?? name);
const shipped = (path) => path.replace(/^src\/(.*)\.ts$/, 'dist/$1.js');

/** The manifest `cem analyze` wrote, made to describe the shipped package. */
export function fixManifest(manifest, root = '.') {
  const { aliases, constants } = sourceNames(root);
  const fixed = JSON.parse(JSON.stringify(manifest, (key, value) => ((key === 'path' || key === 'module') && typeof value === 'string' ? shipped(value) : value)));
  for (const module of fixed.modules) {
    for (const declaration of module.declarations ?? []) {
      for (const item of [...(declaration.attributes ?? []), ...(declaration.members ?? [])]) {
        if (item.type?.text) item.type.text = spell(item.type.text, aliases);
        if (item.default && constants.has(item.default)) item.default = constants.get(item.default);
      }
      // `lang` is observed by the chat elements (cem sees the name only).
      const lang = declaration.attributes?.find((attribute) => attribute.name === 'lang' && !attribute.description);
      if (lang) Object.assign(lang, { type: { text: "'fr' | 'en' | string" }, description: "The texts' language, `fr` or `en`; the closest `lang` around the element, else the page's, by default." });
    }
  }
  const elements = fixed.modules.flatMap((module) => (module.declarations ?? []).filter((d) => d.tagName).map((declaration) => ({ module, declaration })));
  for (const tag of definedTags(root)) {
    const found = elements.find(({ declaration }) => declaration.tagName === tag);
    if (!found) continue;
    const path = `dist/define/${tag}.js`;
    fixed.modules = fixed.modules.filter((module) => module.path !== path);
    fixed.modules.push({
      kind: 'javascript-module',
      path,
      declarations: [],
      exports: [{ kind: 'custom-element-definition', name: tag, declaration: { name: found.declaration.name, module: found.module.path } }],
    });
  }
  return fixed;
}

/** What keeps the manifest from describing the package: one sentence per problem, none when it is complete. */
export function manifestProblems(manifest, tags, root = '.') {
  const problems = [];
  const declarations = manifest.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => ({ module, declaration })));
  for (const { module } of declarations) {
    if (!existsSync(join(root, module.path))) problems.push(`${module.path} is not a shipped file`);
  }
  for (const { declaration } of declarations) {
    if (!declaration.tagName) continue;
    const extendsEvent = /Event$/.test(declaration.superclass?.name ?? '') || /Event$/.test(declaration.name);
    if (extendsEvent || !declaration.customElement) problems.push(`<${declaration.tagName}> is claimed by ${declaration.name}, which is not an element class`);
    if (!tags.includes(declaration.tagName)) problems.push(`<${declaration.tagName}> (${declaration.name}) is registered by no file in src/define/`);
  }
  for (const tag of tags) {
    const entries = declarations.filter(({ declaration }) => declaration.tagName === tag);
    if (entries.length !== 1) {
      problems.push(`<${tag}> has ${entries.length} element entries; it needs exactly one`);
      continue;
    }
    const { declaration } = entries[0];
    if (!declaration.description?.trim()) problems.push(`<${tag}> has no description`);
    const attributes = declaration.attributes ?? [];
    if (!attributes.length) problems.push(`<${tag}> has no attributes`);
    for (const attribute of attributes) {
      if (!attribute.description?.trim()) problems.push(`<${tag}> attribute "${attribute.name}" has no description`);
      if (!attribute.type?.text) problems.push(`<${tag}> attribute "${attribute.name}" has no type`);
    }
    for (const member of declaration.members ?? []) {
      if (member.kind === 'field' && member.attribute && !attributes.some((attribute) => attribute.name === member.attribute)) {
        problems.push(`<${tag}> property "${member.name}" reflects attribute "${member.attribute}", which is not listed`);
      }
    }
    for (const event of declaration.events ?? []) {
      if (!event.name) problems.push(`<${tag}> fires an event with no name`);
      if (!event.type?.text) problems.push(`<${tag}> event "${event.name}" has no type`);
      if (!event.description?.trim()) problems.push(`<${tag}> event "${event.name}" has no description`);
    }
    const definition = manifest.modules.find((module) => module.path === `dist/define/${tag}.js`);
    if (!definition?.exports?.some((entry) => entry.kind === 'custom-element-definition' && entry.name === tag)) {
      problems.push(`<${tag}> has no custom-element-definition in dist/define/${tag}.js`);
    }
  }
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cem = spawnSync('node_modules/.bin/cem', ['analyze', '--litelement', '--globs', 'src/components/**/*.ts', '--quiet'], { stdio: 'inherit' });
  if (cem.status !== 0) process.exit(1);
  const manifest = fixManifest(JSON.parse(readFileSync(MANIFEST, 'utf8')));
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  const problems = manifestProblems(manifest, definedTags());
  if (problems.length) {
    console.error(`${MANIFEST} does not describe the package:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
}
