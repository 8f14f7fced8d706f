import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minifyCss } from './scripts/rollup-minify-css.mjs';

const registrations = readdirSync('src/define')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `src/define/${file}`);

const typescriptFor = (declarations, outDir = 'dist') =>
  typescript({
    tsconfig: './tsconfig.build.json',
    compilerOptions: declarations ? { declaration: true, declarationDir: 'dist' } : { declaration: false, outDir },
  });

const minify = terser({
  ecma: 2020,
  compress: { passes: 3 },
  format: { comments: false },
});

/** The script tag's builds: everything bundled, minified. */
const bundled = (outDir = 'dist') => [nodeResolve(), typescriptFor(false, outDir), minifyCss(), minify];

/** The page core fetches the decisions' code when someone decides: `decisions.ts` is replaced by its lazy stand-in. */
const lazyDecisions = {
  name: 'lazy-decisions',
  resolveId(source, importer) {
    if (/\bdecisions\.js$/.test(source) && !importer?.endsWith('decisions-lazy.ts')) return fileURLToPath(new URL('./src/core/decisions-lazy.ts', import.meta.url));
    return null;
  },
};

/**
 * What each UI chunk imports, as the UI build wrote them: the page core
 * fetches a chunk's imports alongside it rather than after it has parsed it.
 * The UI build runs first, and the core's `__CHUNK_IMPORTS__` is replaced
 * by this map.
 */
const chunkImports = {};
const recordChunkImports = {
  name: 'record-chunk-imports',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) chunkImports[chunk.name] = chunk.imports;
  },
};
const insertChunkImports = {
  name: 'insert-chunk-imports',
  transform: (code) => (code.includes('__CHUNK_IMPORTS__') ? code.replace('__CHUNK_IMPORTS__', JSON.stringify(chunkImports)) : null),
};

export default [
  // npm: one ES module per source file, Lit left to the consumer's bundler.
  {
    input: ['src/index.ts', 'src/define.ts', 'src/window.ts', ...registrations],
    external: [/^lit/, /^@lit\//],
    output: {
      dir: 'dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      // The decorators' helper, which the TypeScript plugin always imports from tslib: kept at dist/tslib.js, since a packed package drops folders named node_modules.
      entryFileNames: (chunk) => (/[\\/]node_modules[\\/]tslib[\\/]/.test(chunk.facadeModuleId ?? '') ? 'tslib.js' : '[name].js'),
    },
    // Each build starts from an empty dist/: no hashed chunk or vendored file of an older build is left to ship.
    plugins: [{ name: 'empty-dist', buildStart: () => rmSync('dist', { recursive: true, force: true }) }, typescriptFor(true), minifyCss()],
  },
  // The UI the page core fetches on demand, next to it: Lit and the elements, as ES chunks.
  {
    input: { consent: 'src/ui/consent.ts', button: 'src/ui/button.ts', chat: 'src/ui/chat.ts', decide: 'src/ui/decide.ts', privacy: 'src/ui/privacy.ts', embed: 'src/ui/embed.ts' },
    // Small shared modules merged into larger chunks where that loads nothing extra: fewer requests, a shorter import map.
    output: { dir: 'dist/ui', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', experimentalMinChunkSize: 1000 },
    plugins: [recordChunkImports, ...bundled('dist/ui')],
  },
  // Script tag: one small classic script for <head>, before any tag manager: Consent Mode's default, window.discret, and the fetch of the page core's module.
  {
    input: 'src/cdn.ts',
    output: { file: 'dist/discret.js', format: 'iife' },
    plugins: bundled(),
  },
  // The page core as an ES module: what discret.js fetches (or what a page loads with <script type="module">).
  {
    input: 'src/cdn-module.ts',
    output: { file: 'dist/discret.mjs', format: 'es' },
    plugins: [lazyDecisions, insertChunkImports, ...bundled()],
  },
  // Everything in one classic script, for those who want a single file.
  {
    input: 'src/cdn-full.ts',
    // Lit's classes are declared as the file runs: on a server, with no document, nothing runs at all.
    output: { file: 'dist/discret-full.js', format: 'iife', inlineDynamicImports: true, banner: 'if (typeof document != "undefined")' },
    plugins: bundled(),
  },
];
