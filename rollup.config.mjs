import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readdirSync } from 'node:fs';
import { minifyCss } from './scripts/rollup-minify-css.mjs';

const registrations = readdirSync('src/define')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `src/define/${file}`);

const typescriptFor = (declarations) =>
  typescript({
    tsconfig: './tsconfig.build.json',
    compilerOptions: declarations ? { declaration: true, declarationDir: 'dist' } : { declaration: false },
  });

const minify = terser({
  ecma: 2020,
  compress: { passes: 2 },
  format: { comments: false },
});

export default [
  // npm: one ES module per source file, Lit and idb-keyval left to the consumer's bundler.
  {
    input: ['src/index.ts', 'src/define.ts', ...registrations],
    external: [/^lit/, /^@lit\//, 'idb-keyval'],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
    plugins: [typescriptFor(true), minifyCss()],
  },
  // Script tag: one classic script, everything inside, for <head> before any tag manager.
  {
    input: 'src/cdn.ts',
    output: [
      { file: 'dist/discret.js', format: 'iife', plugins: [minify] },
      { file: 'dist/discret.mjs', format: 'es', plugins: [minify] },
    ],
    plugins: [nodeResolve(), typescriptFor(false), minifyCss()],
  },
  // The same without the chat elements, for sites with no chat.
  {
    input: 'src/cdn-consent.ts',
    output: { file: 'dist/discret-consent.js', format: 'iife', plugins: [minify] },
    plugins: [nodeResolve(), typescriptFor(false), minifyCss()],
  },
];
