// The demo: static pages from demo/, the built bundle from dist/, and the demo
// chat backend that really stores and deletes conversations.
// `node demo/server.mjs [--port 8000]`; PORT works too.
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under demo/ or dist/, refusing anything outside them. */
function fileFor(pathname) {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const [base, rest] = clean.startsWith(`dist${sep}`) || clean === 'dist' ? ['dist', clean.slice(5)] : ['demo', clean];
  const dir = join(root, base);
  let file = resolve(dir, rest);
  if (file !== dir && !file.startsWith(dir + sep)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) ? file : null;
}

export async function startDemoServer({ port = 8000, host = '127.0.0.1', dataDir = join(root, 'demo', 'data') } = {}) {
  mkdirSync(dataDir, { recursive: true });
  let backend = null;
  if (existsSync(join(root, 'demo', 'chat-backend.mjs'))) {
    const { createChatBackend } = await import('./chat-backend.mjs');
    backend = createChatBackend({ file: join(dataDir, 'conversations.json') });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (backend?.handle(req, res)) return;
    if (url.pathname === '/api/consent-log' && req.method === 'POST') {
      // Server-side proof of consent: each record the banner sends is appended, one JSON per line.
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body = (body + chunk).slice(0, 10_000)));
      req.on('end', () => {
        appendFileSync(join(dataDir, 'consent-log.jsonl'), body.replace(/\n/g, ' ') + '\n');
        res.writeHead(204).end();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = fileFor(url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    if (basename(file).startsWith('strict-csp')) {
      // A strict CSP with a nonce new at each response, written into the page's script tags.
      const nonce = randomBytes(16).toString('base64');
      res.writeHead(200, {
        'content-type': TYPES['.html'],
        'cache-control': 'no-store',
        'content-security-policy': `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; style-src 'self'; require-trusted-types-for 'script'; trusted-types discret lit-html`,
      });
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file, 'utf8').replaceAll('{{nonce}}', nonce));
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  await new Promise((done) => server.listen(port, host, done));
  const address = server.address();
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`,
    /** The chat backend, for tests that shape its answers (`hold`, `answerDeletes`) and count its requests. */
    backend,
    close: () => new Promise((done) => { backend?.close?.(); server.closeAllConnections?.(); server.close(done); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf('--port');
  const port = Number(flag > -1 ? process.argv[flag + 1] : process.env.PORT ?? 8000);
  if (!existsSync(join(root, 'dist', 'discret.js'))) console.warn('dist/discret.js is missing: run `npm run build` first (npm start does it).');
  const { url } = await startDemoServer({ port, host: process.env.HOST ?? 'localhost' });
  console.log(`discret demo: ${url.replace('127.0.0.1', 'localhost')}/  (Ctrl+C to stop)`);
}
