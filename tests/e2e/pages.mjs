// A page server for end-to-end tests of the built bundle on hand-written
// pages: the built files under /dist/, pages a test registers, a slow script,
// a gated script that says it ran, a log endpoint, and the path of every
// request. Plus one headless Chromium and a new browser context per visitor.
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

/** The worktree's built files, next to this harness. */
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/** A file under `root` for the URL path below `prefix`, or null when it would leave `root`. */
function inside(root, rest) {
  const file = normalize(join(root, decodeURIComponent(rest)));
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/**
 * Starts the page server on 127.0.0.1 and a free port.
 *
 * - `GET /dist/…`: the worktree's dist/ folder, `cache-control: no-store`;
 * - `server.page('/x.html', html, headers?)`: a page the test wrote, with extra headers (a CSP);
 * - `server.mount('/widget/', dir)`: another folder (a bundle a test built);
 * - `GET /slow.js?ms=1500`: an empty script, after the delay;
 * - `GET /gated.js?name=x`: `window.gatedRuns = [..., 'x']`;
 * - `POST /log` (any query): each JSON body is pushed to `server.logs`;
 * - `server.requests`: every request as `{ method, path, query }`, in order.
 */
export async function startPages() {
  const pages = new Map();
  const mounts = new Map([['/dist/', DIST]]);
  const requests = [];
  const logs = [];

  const send = (response, status, type, body, headers = {}) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    response.end(body);
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    requests.push({ method: request.method, path: url.pathname, query: url.search });
    try {
      if (request.method === 'POST' && url.pathname === '/log') {
        const chunks = [];
        for await (const chunk of request) chunks.push(chunk);
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          logs.push(JSON.parse(text));
        } catch {
          logs.push({ unparsed: text });
        }
        return send(response, 204, 'text/plain', '');
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'method not allowed');
      if (url.pathname === '/slow.js') {
        const ms = Math.min(Number(url.searchParams.get('ms')) || 0, 30_000);
        await new Promise((done) => setTimeout(done, ms));
        return send(response, 200, TYPES['.js'], '');
      }
      if (url.pathname === '/gated.js') {
        const name = JSON.stringify(url.searchParams.get('name') ?? '');
        return send(response, 200, TYPES['.js'], `window.gatedRuns=(window.gatedRuns||[]).concat(${name});`);
      }
      if (pages.has(url.pathname)) {
        const { html, headers } = pages.get(url.pathname);
        return send(response, 200, TYPES['.html'], html, headers);
      }
      for (const [prefix, root] of mounts) {
        if (!url.pathname.startsWith(prefix)) continue;
        const file = inside(root, url.pathname.slice(prefix.length));
        if (!file) return send(response, 403, 'text/plain', 'forbidden');
        try {
          const body = await readFile(file);
          return send(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
        } catch {
          return send(response, 404, 'text/plain', 'not found');
        }
      }
      send(response, 404, 'text/plain', 'not found');
    } catch (error) {
      if (!response.headersSent) send(response, 500, 'text/plain', String(error));
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${server.address().port}`;

  return {
    url,
    requests,
    logs,
    /** Serves `html` at `path` (replacing any page there), with extra response `headers`; returns the full URL. */
    page(path, html, headers = {}) {
      pages.set(path, { html, headers });
      return `${url}${path}`;
    },
    /** Serves the files of `dir` under the URL prefix `prefix` ('/widget/'). */
    mount(prefix, dir) {
      mounts.set(prefix, dir);
    },
    /** How many requests (any method) had this path, query left out. */
    count(path) {
      return requests.filter((request) => request.path === path).length;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((done) => server.close(done));
    },
  };
}

/** The system Chromium, headless, with the project's flags; launch once per test file. */
export function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/**
 * A new visitor: a new browser context (empty IndexedDB, sessionStorage and
 * cookies) with one page open. Every request of every tab is recorded by
 * path (`requests`, the URL's pathname), and so are `[discret]` console lines
 * and page errors (`warnings`; `errors` holds the console.error ones). `gpc: true` makes the browser send Global
 * Privacy Control. `newPage()` opens another tab of the same visitor.
 */
export async function newVisitor(browser, { gpc = false, locale = 'en-GB' } = {}) {
  const context = await browser.newContext({ locale });
  if (gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const requests = [];
  const warnings = [];
  context.on('request', (request) => requests.push(new URL(request.url()).pathname));
  const errors = [];
  context.on('console', (message) => {
    if (!message.text().startsWith('[discret]')) return;
    warnings.push(message.text());
    if (message.type() === 'error') errors.push(message.text());
  });
  context.on('weberror', (error) => warnings.push(`pageerror: ${error.error().message}`));
  const page = await context.newPage();
  return {
    context,
    page,
    requests,
    warnings,
    /** The `[discret]` lines written with console.error. */
    errors,
    newPage: () => context.newPage(),
    close: () => context.close(),
  };
}

/**
 * What a test file of hand-written pages needs, set up once for the file:
 * the page server, one Chromium, and a new visitor per call to `visit()`,
 * closed after each test even when an assertion failed midway.
 */
export function usePages() {
  let server;
  let browser;
  const visitors = new Set();
  before(async () => {
    server = await startPages();
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all([...visitors].map((visitor) => visitor.close().catch(() => {})));
    visitors.clear();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server;
    },
    async visit(options) {
      const visitor = await newVisitor(browser, options);
      visitors.add(visitor);
      return visitor;
    },
  };
}
