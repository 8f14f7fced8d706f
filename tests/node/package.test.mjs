// discret as a dependency: the package is packed (`npm pack`), unpacked into
// throwaway consumer projects (tests/package/consumer.mjs) and used as the
// README says: every import resolves and type-checks (bundler and NodeNext
// resolution), publint and are-the-types-wrong find nothing, and a React 19
// app and a Vue 3 app type-check (`tsc`, `vue-tsc`), render the elements in
// Chromium and hear their events.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { ROOT, consumer, pack, run } from '../package/consumer.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Serves a folder on a free loopback port. */
async function serve(folder) {
  const types = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((request, response) => {
    const file = join(folder, new URL(request.url, 'http://localhost').pathname);
    if (!file.startsWith(folder) || !existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Bundles a consumer's entry for the browser as its own bundler would, from its own node_modules. */
async function bundle(folder, entry, plugins = [], jsxImportSource = 'react') {
  await build({
    entryPoints: [join(folder, entry)],
    outfile: join(folder, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource,
    define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    plugins,
    logLevel: 'silent',
  });
  writeFileSync(join(folder, 'index.html'), '<!doctype html><html lang="en"><title>consumer</title><div id="root"></div><script type="module" src="/app.js"></script>');
}

/** Compiles `.vue` files with Vue's own compiler, the custom elements left to the browser. */
const vueFiles = {
  name: 'vue-sfc',
  async setup(esbuild) {
    const { parse, compileScript } = await import('vue/compiler-sfc');
    esbuild.onLoad({ filter: /\.vue$/ }, (args) => {
      const { descriptor } = parse(readFileSync(args.path, 'utf8'), { filename: args.path });
      const script = compileScript(descriptor, {
        id: 'app',
        inlineTemplate: true,
        templateOptions: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('discret-') } },
      });
      return { contents: script.content, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

/** Compiles `.svelte` files with Svelte's own compiler (TypeScript in `<script lang="ts">` included). */
const svelteFiles = {
  name: 'svelte',
  async setup(esbuild) {
    const { compile } = await import('svelte/compiler');
    esbuild.onLoad({ filter: /\.svelte$/ }, (args) => ({ contents: compile(readFileSync(args.path, 'utf8'), { filename: args.path, generate: 'client' }).js.code, loader: 'js', resolveDir: dirname(args.path) }));
  },
};

/** Opens a consumer's page, acknowledges the chat notice as a visitor, and says what the app heard. */
async function acknowledgeIn(browser, folder, noticeId) {
  const server = await serve(folder);
  const page = await browser.newPage();
  try {
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/index.html`);
    assert.equal(await page.getByRole('textbox', { name: 'Message' }).isEnabled(), false, 'the input waits for the acknowledgement');
    await page.getByRole('button', { name: 'Understood' }).click();
    await page.locator('#chat-state', { hasText: `acknowledged ${noticeId}` }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Message' }).isEnabled(), true);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await server.close();
  }
}

describe('discret as a dependency: packed, installed and used as the README says', () => {
  let packFolder;
  let packed;
  let browser;
  const consumers = [];
  const project = (name) => {
    const made = consumer(packed.tarball, name);
    consumers.push(made);
    return made.folder;
  };

  before(async () => {
    packFolder = mkdtempSync(join(tmpdir(), 'discret-pack-'));
    packed = pack(packFolder);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  });
  after(async () => {
    await browser?.close();
    for (const made of consumers) made.remove();
    if (packFolder) rmSync(packFolder, { recursive: true, force: true });
  });

  it('ships the build, the LICENSE, the manifest and the editor data, and nothing vendored or left without its module', () => {
    for (const file of ['LICENSE', 'README.md', 'package.json', 'custom-elements.json', 'dist/index.js', 'dist/discret.js', 'dist/window.d.ts', 'dist/web-types.json', 'dist/vscode.html-custom-data.json']) {
      assert.ok(packed.files.includes(file), `${file} is not in the package`);
    }
    for (const name of ['react', 'preact', 'vue', 'svelte']) assert.ok(packed.files.includes(`dist/frameworks/${name}.d.ts`), `no ${name} typings`);
    assert.deepEqual(packed.files.filter((file) => file.includes('node_modules/')), [], 'a dependency is vendored under node_modules');
    const shipped = (file) => packed.files.includes(file);
    const declarations = packed.files.filter((file) => file.endsWith('.d.ts'));
    const text = declarations.map((file) => readFileSync(join(ROOT, file), 'utf8')).join('\n');
    // A declaration with no module beside it is there only for a type-only module another declaration imports.
    const orphans = declarations.filter((file) => !shipped(file.replace(/\.d\.ts$/, '.js')) && !text.includes(`/${file.split('/').pop().replace(/\.d\.ts$/, '.js')}'`));
    assert.deepEqual(orphans, [], 'declarations that describe no shipped module');
    for (const target of [pkg.unpkg, pkg.jsdelivr]) assert.equal(target, './dist/discret.js', 'a CDN would serve the bundler build, with bare `lit` imports');
    for (const pattern of pkg.sideEffects) {
      if (!pattern.includes('*')) assert.ok(shipped(pattern.slice(2)), `sideEffects names ${pattern}, which is not shipped`);
    }
    assert.ok(pkg.repository?.url && pkg.homepage && pkg.bugs?.url && pkg.keywords?.length, 'repository, homepage, bugs and keywords');
    // The registry's page shows the README from the package: its images must come with it.
    const images = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(([, src]) => src).filter((src) => !/^[a-z]+:/.test(src));
    assert.ok(images.length > 0, 'the README shows no image: the check below proves nothing');
    assert.deepEqual(images.filter((src) => !shipped(src)), [], 'README images missing from the package');
    assert.equal(pkg['web-types'], './dist/web-types.json');
  });

  it('has an exports entry with types for every documented path, and each resolves from a consumer', () => {
    const documented = ['.', './define', './define/*', './window', './react', './preact', './vue', './svelte', './discret.js', './discret.mjs', './discret-full.js'];
    for (const path of documented) assert.ok(pkg.exports[path]?.types, `exports["${path}"] has no types`);
    for (const path of ['./custom-elements.json', './vscode.html-custom-data.json', './web-types.json']) assert.ok(pkg.exports[path], `exports has no ${path}`);
    const folder = project('ts');
    const tags = readFileSync(join(ROOT, 'custom-elements.json'), 'utf8').match(/"tagName": "discret-[a-z-]+"/g).map((match) => match.slice(12, -1));
    const specifiers = [
      ...documented.filter((path) => !path.includes('*')).map((path) => (path === '.' ? 'discret' : `discret/${path.slice(2)}`)),
      ...tags.map((tag) => `discret/define/${tag}`),
      'discret/custom-elements.json',
      'discret/web-types.json',
    ];
    const script = `for (const s of ${JSON.stringify(specifiers)}) import.meta.resolve(s);`;
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: folder, stdio: 'pipe' });
  });

  it('publint --strict finds nothing to report', () => {
    const { code, output } = run(ROOT, 'publint', ['run', packed.tarball, '--strict']);
    assert.equal(code, 0, output);
    assert.match(output, /All good!/);
  });

  it('are-the-types-wrong finds no problem for an ES module package', () => {
    // esm-only: discret, like Lit, has no CommonJS build; `require('discret')` is not offered.
    const { code, output } = run(ROOT, 'attw', [packed.tarball, '--profile', 'esm-only', '--format', 'table-flipped']);
    assert.equal(code, 0, output);
  });

  it('type-checks every README import, bundler and NodeNext resolution alike, with the literal unions and one decide()', () => {
    const folder = project('ts');
    for (const config of ['tsconfig.json', 'tsconfig.nodenext.json']) {
      const { code, output } = run(folder, 'tsc', ['-p', config]);
      assert.equal(code, 0, `${config}:\n${output}`);
    }
  });

  it('types the store events on window for a page that imports discret/define alone', () => {
    const { code, output } = run(project('ts'), 'tsc', ['-p', 'tsconfig.define-only.json']);
    assert.equal(code, 0, output);
  });

  it('fails the type check on a wrong attribute value, so the checks above can fail', () => {
    const folder = project('ts');
    writeFileSync(join(folder, 'wrong.ts'), "import 'discret/define';\ndocument.createElement('discret-chat-notice').training = 'always';\n");
    writeFileSync(join(folder, 'tsconfig.wrong.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: true }, files: ['wrong.ts'] }));
    const { code, output } = run(folder, 'tsc', ['-p', 'tsconfig.wrong.json']);
    assert.notEqual(code, 0);
    assert.match(output, /'"always"' is not assignable/);
  });

  it('a React 19 app type-checks, renders the chat elements and hears their events by ondiscret-… props', async () => {
    const folder = project('react');
    const { code, output } = run(folder, 'tsc', ['-p', 'tsconfig.json']);
    assert.equal(code, 0, output);
    await bundle(folder, 'app.tsx');
    const server = await serve(folder);
    const page = await browser.newPage();
    try {
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.url}/index.html`);
      await page.getByRole('button', { name: 'Understood' }).click();
      await page.locator('#chat-state', { hasText: 'acknowledged react' }).waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'Message' }).isEnabled(), true, 'the input waits for the acknowledgement');
      await page.getByRole('button', { name: 'Delete this conversation' }).click();
      await page.locator('[part="confirm-button"]').click();
      await page.locator('#delete-state', { hasText: 'deleted ref-react-1' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('renders on a server: the registration imported in Node, the element sent as HTML with its attributes', async () => {
    const folder = project('react');
    await build({ entryPoints: [join(folder, 'server.tsx')], outfile: join(folder, 'server.mjs'), bundle: true, platform: 'node', format: 'esm', packages: 'external', jsx: 'automatic', logLevel: 'silent' });
    const result = spawnSync(process.execPath, ['server.mjs'], { cwd: folder, encoding: 'utf8', timeout: 10_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout.trim(), '<discret-chat-notice lang="en" controller="Fly Me" require-ack="" notice-id="ssr"></discret-chat-notice>');
  });

  it('a Vue 3 app type-checks with vue-tsc, renders the chat notice and hears @discret-notice-acknowledged', async () => {
    const folder = project('vue');
    const { code, output } = run(folder, 'vue-tsc', ['-p', 'tsconfig.json']);
    assert.equal(code, 0, output);
    await bundle(folder, 'main.ts', [vueFiles]);
    await acknowledgeIn(browser, folder, 'vue');
  });

  it('a Svelte 5 app renders the chat notice and hears it by an ondiscret-… attribute', async () => {
    const folder = project('svelte');
    await bundle(folder, 'main.ts', [svelteFiles]);
    await acknowledgeIn(browser, folder, 'svelte');
  });

  it('a Preact app type-checks, renders the chat notice and hears it by an ondiscret-… prop', async () => {
    const folder = project('preact');
    const { code, output } = run(folder, 'tsc', ['-p', 'tsconfig.json']);
    assert.equal(code, 0, output);
    await bundle(folder, 'app.tsx', [], 'preact');
    await acknowledgeIn(browser, folder, 'preact');
  });

  it('a widget bundling the chat notice alone pays for it and Lit, nothing of the banner or the store', async (t) => {
    const folder = project('ts');
    writeFileSync(join(folder, 'widget.ts'), "import 'discret/define/discret-chat-notice';\n");
    const size = async (external) => {
      const result = await build({ entryPoints: [join(folder, 'widget.ts')], bundle: true, minify: true, format: 'esm', platform: 'browser', external, write: false, metafile: true, logLevel: 'silent' });
      return { gzip: gzipSync(result.outputFiles[0].contents).length, inputs: Object.keys(result.metafile.inputs) };
    };
    const withLit = await size([]);
    const withoutLit = await size(['lit', 'lit/*', '@lit/*']);
    t.diagnostic(`chat notice alone, minified + gzip: ${(withLit.gzip / 1024).toFixed(1)} kB with Lit, ${(withoutLit.gzip / 1024).toFixed(1)} kB without`);
    assert.deepEqual(withLit.inputs.filter((input) => /consent|gate|bridge|delete-conversation/.test(input)), [], 'the chat notice pulls in another element or the store');
  });
});
