// A throwaway consumer project of the packed package: `npm pack` the
// repository, unpack the tarball as node_modules/discret (what `npm install
// discret` lays out), and link every other package from the repository's
// node_modules (lit, react, vue, typescript…), so that nothing is fetched.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('.', import.meta.url));

/** Packs the repository as published (manifest and typings made first); returns the tarball and the files it holds. */
export function pack(folder) {
  for (const script of ['scripts/manifest.mjs', 'scripts/typings.mjs']) execFileSync(process.execPath, [script], { cwd: ROOT, stdio: 'pipe' });
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  return { tarball: join(folder, report.filename), files: report.files.map((file) => file.path) };
}

/** A consumer folder holding the fixture `name` (tests/package/<name>/), the package unpacked from `tarball`, and links to the repository's other packages. */
export function consumer(tarball, name) {
  const folder = mkdtempSync(join(tmpdir(), `discret-consumer-${name}-`));
  cpSync(join(FIXTURES, name), folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  const modules = join(folder, 'node_modules');
  mkdirSync(join(modules, 'discret'), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', join(modules, 'discret'), '--strip-components=1']);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === 'discret' || entry.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
  }
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Runs a binary of the repository's node_modules in `cwd`; resolves with its exit code and output. */
export function run(cwd, bin, args) {
  try {
    const output = execFileSync(join(ROOT, 'node_modules/.bin', bin), args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, output };
  } catch (error) {
    return { code: error.status ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}
