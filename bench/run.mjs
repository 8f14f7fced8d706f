#!/usr/bin/env node
// `npm run bench -- [options]` at the repository root: build discret, install the benchmark's own
// pinned dependencies on first use, then run bench.mjs with the options passed through.
// Build and install output goes to stderr, so stdout carries only the markdown table.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.dirname(BENCH);
const args = process.argv.slice(2);
const started = Date.now();

function step(what, command, commandArgs, cwd) {
  console.error(`\n▶ ${what}`);
  const { status, error } = spawnSync(command, commandArgs, { cwd, stdio: ['inherit', 2, 2] });
  if (status !== 0) {
    console.error(`✖ ${what} failed${error ? `: ${error.message}` : ` (exit ${status})`}`);
    process.exit(status || 1);
  }
}

const onlyListing = args.some((a) => a === '--list' || a === '--help' || a === '-h');
if (!onlyListing) step('npm run build (discret is measured from this build, dist/ served at /discret/)', 'npm', ['run', 'build'], REPO);
if (!fs.existsSync(path.join(BENCH, 'node_modules'))) {
  step('npm ci in bench/ (exact versions from bench/package-lock.json; no browser download)', 'npm', ['ci', '--no-audit', '--no-fund'], BENCH);
}

console.error(`\n▶ node bench/bench.mjs ${args.join(' ')}`);
const { status } = spawnSync(process.execPath, [path.join(BENCH, 'bench.mjs'), ...args], { stdio: 'inherit' });
if (!onlyListing) console.error(`\nnpm run bench: ${((Date.now() - started) / 60000).toFixed(1)} min wall time, build included`);
process.exit(status ?? 1);
