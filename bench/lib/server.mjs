// Tiny static server for the benchmark: 127.0.0.1, random port.
//   /pages/<file>            -> <root>/pages/<file>   (HTML gets <!--#include FILE--> expanded, from pages/)
//   /node_modules/<pkg>/...  -> <root>/node_modules/<pkg>/...   (only packages in `allowedPackages`)
//   /<mount>/...             -> <dir>/...   for each { prefix, dir } in `mounts`, e.g. /discret/ -> ../dist,
//                               so a library built by this repository is measured from its own build,
//                               including the files it loads on demand next to its script
// Library assets (node_modules and mounts) are sent with a one-year immutable Cache-Control, pages no-cache.
// Responses are gzip-encoded (level 6, like a default nginx/CDN gzip) when the client accepts gzip
// and the type is text-like. Every request is logged with raw size, gzip size and bytes actually sent.
// Bodies (raw + gzip) are computed once and cached (prewarm() does all of them up front), so
// compression never lands inside a measured page load. Brotli sizes are computed after the run,
// for reference only (Chromium does not offer br over plain http, so it is never served).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

export function kindOf(type) {
  if (type.startsWith('text/javascript')) return 'js';
  if (type.startsWith('text/css')) return 'css';
  if (type.startsWith('text/html')) return 'html';
  return 'other';
}

export async function startServer({ root, allowedPackages, mounts = [], gzip = true, gzipLevel = 6 }) {
  const pagesDir = path.join(root, 'pages');
  const nmDir = path.join(root, 'node_modules');
  const cache = new Map();
  const log = [];
  const state = { inFlight: 0, lastActivity: Date.now() };
  const allowed = new Set(allowedPackages);
  const mounted = mounts.map((m) => ({ prefix: m.prefix.endsWith('/') ? m.prefix : m.prefix + '/', dir: path.resolve(m.dir) }));
  const isAsset = (pathname) => pathname.startsWith('/node_modules/') || mounted.some((m) => pathname.startsWith(m.prefix));

  function resolve(pathname) {
    let base, rel;
    if (pathname.startsWith('/pages/')) {
      base = pagesDir;
      rel = pathname.slice('/pages/'.length);
    } else if (pathname.startsWith('/node_modules/')) {
      rel = pathname.slice('/node_modules/'.length);
      const parts = rel.split('/');
      const pkg = parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (!allowed.has(pkg)) return null;
      base = nmDir;
    } else {
      const m = mounted.find((x) => pathname.startsWith(x.prefix));
      if (!m) return null;
      base = m.dir;
      rel = pathname.slice(m.prefix.length);
    }
    const file = path.resolve(base, decodeURIComponent(rel));
    if (!file.startsWith(base + path.sep)) return null;
    return file;
  }

  function load(file) {
    let e = cache.get(file);
    if (e) return e;
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
    let raw = fs.readFileSync(file);
    const ext = path.extname(file);
    const type = TYPES[ext] || 'application/octet-stream';
    if (ext === '.html') {
      raw = Buffer.from(
        raw.toString('utf8').replace(/<!--#include\s+([\w.-]+)\s*-->/g, (_, inc) =>
          fs.readFileSync(path.join(pagesDir, inc), 'utf8')),
      );
    }
    const compressible = COMPRESSIBLE.test(type);
    const gz = compressible ? zlib.gzipSync(raw, { level: gzipLevel }) : null;
    e = { raw, gz, brSize: undefined, compressible, type };
    cache.set(file, e);
    return e;
  }

  const server = http.createServer((req, res) => {
    state.inFlight++;
    state.lastActivity = Date.now();
    const url = new URL(req.url, 'http://127.0.0.1');
    const done = (status, entry, sent, encoding) => {
      log.push({
        t: Date.now(),
        path: url.pathname + url.search,
        status,
        kind: entry ? kindOf(entry.type) : 'other',
        rawBytes: entry ? entry.raw.length : 0,
        gzipBytes: entry && entry.gz ? entry.gz.length : entry ? entry.raw.length : 0,
        sentBytes: sent,
        encoding,
      });
      state.inFlight--;
      state.lastActivity = Date.now();
    };
    const file = resolve(url.pathname);
    const entry = file && load(file);
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return done(404, null, 9, 'identity');
    }
    const useGzip = gzip && entry.gz && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    const body = useGzip ? entry.gz : entry.raw;
    const headers = {
      'content-type': entry.type,
      'content-length': body.length,
      vary: 'Accept-Encoding',
      // library assets are versioned -> long-lived cache like a CDN; pages always revalidate
      'cache-control': isAsset(url.pathname)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    };
    if (useGzip) headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    done(200, entry, body.length, useGzip ? 'gzip' : 'identity');
  });
  server.keepAliveTimeout = 5000;

  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;

  return {
    origin,
    log,
    state,
    /**
     * Pre-load and gzip every page and every .js/.css file of the allowed packages and mounts, so that
     * no measured request pays for compression (dynamic loads such as tarteaucitron's lang files or
     * discret's on-demand chunks too). Mounted files are read once: a rebuild during a run is not seen.
     */
    prewarm() {
      let n = 0;
      const walk = (dir, depth) => {
        for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
          const f = path.join(dir, d.name);
          if (d.isDirectory()) { if (d.name !== 'node_modules' && depth < 6) walk(f, depth + 1); }
          else if (/\.(js|mjs|css|html)$/.test(d.name) && fs.statSync(f).size < 4 * 2 ** 20) { load(f); n++; }
        }
      };
      walk(pagesDir, 0);
      for (const p of allowed) walk(path.join(nmDir, p), 0);
      for (const m of mounted) walk(m.dir, 0);
      return n;
    },
    /** Kind and sizes the server sends for a path (null if it would 404). */
    info(pathname) {
      const f = resolve(pathname);
      const e = f && load(f);
      return e ? { kind: kindOf(e.type), raw: e.raw.length, gzip: e.gz ? e.gz.length : e.raw.length } : null;
    },
    /** Brotli (q11) size of a served path; computed on demand, never in the request path. */
    brotliSize(pathname) {
      const f = resolve(new URL(pathname, 'http://x').pathname);
      const e = f && load(f);
      if (!e) return null;
      if (e.brSize === undefined) {
        e.brSize = e.compressible
          ? zlib.brotliCompressSync(e.raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length
          : e.raw.length;
      }
      return e.brSize;
    },
    /** Resolve once no request has been in flight for `quietMs` (or after `maxMs`). */
    async quiet(quietMs = 500, maxMs = 10000) {
      const start = Date.now();
      for (;;) {
        if (state.inFlight === 0 && Date.now() - state.lastActivity >= quietMs) return true;
        if (Date.now() - start > maxMs) return false;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close() { server.closeAllConnections?.(); return new Promise((r) => server.close(r)); },
  };
}
