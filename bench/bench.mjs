#!/usr/bin/env node
// Side-by-side benchmark of cookie-consent libraries in real headless Chromium.
// Usage: node bench.mjs [--runs 15] [--libs a,b|all] [--seed N] [--throttle 4] [--services 200]
//                       [--out results] [--no-warmup] [--no-screens] [--list]
// From the repository root, `npm run bench -- <options>` builds discret first (see run.mjs).
// Progress goes to stderr; the markdown table goes to stdout; full data to results/*.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import LIBRARIES, { DEFAULT_LIBS } from './libraries.mjs';
import { startServer } from './lib/server.mjs';
import { probe } from './lib/probe.mjs';
import { summarize, rng, shuffle } from './lib/stats.mjs';
import { renderTable } from './lib/report.mjs';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const o = { runs: 15, libs: null, seed: null, throttle: 4, services: 200, out: path.join(ROOT, 'results'),
    warmup: true, screens: true, list: false, executablePath: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--runs') o.runs = parseInt(next(), 10);
    else if (a === '--libs') o.libs = next().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--seed') o.seed = parseInt(next(), 10);
    else if (a === '--throttle') o.throttle = parseFloat(next());
    else if (a === '--services') o.services = parseInt(next(), 10);
    else if (a === '--out') o.out = path.resolve(next());
    else if (a === '--chromium') o.executablePath = next();
    else if (a === '--no-warmup') o.warmup = false;
    else if (a === '--no-screens') o.screens = false;
    else if (a === '--list') o.list = true;
    else if (a === '--help' || a === '-h') { console.log(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')); process.exit(0); }
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.seed === null) o.seed = Date.now() % 2147483647;
  return o;
}
const opt = parseArgs(process.argv.slice(2));
const log = (...a) => console.error(...a);

let libs = LIBRARIES;
if (opt.list) {
  for (const l of libs) console.log(l.id, '->', 'pages/' + l.page, DEFAULT_LIBS.includes(l.id) ? '(default)' : '');
  process.exit(0);
}
const wanted = !opt.libs ? DEFAULT_LIBS : opt.libs.includes('all') ? libs.map((l) => l.id) : opt.libs;
const unknown = wanted.filter((id) => !libs.some((l) => l.id === id));
if (unknown.length) throw new Error(`unknown library id(s): ${unknown.join(', ')}`);
libs = libs.filter((l) => wanted.includes(l.id));

// Fixed Chromium command line (per the brief) + AutomationControlled off, so navigator.webdriver
// is false like for a real user (vanilla-cookieconsent's default hideFromBots hides its banner otherwise).
const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-blink-features=AutomationControlled',
];
const VIEWPORT = { width: 1280, height: 720 };

// ---------------------------------------------------------------- browser helpers
let USER_AGENT = null;
let BROWSER_VERSION = null;

async function launch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-bench-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: opt.executablePath,
    headless: false, // '--headless=new' is passed explicitly in args
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    ...(USER_AGENT ? { userAgent: USER_AGENT } : {}),
  });
  return { ctx, dir };
}

async function detectBrowser() {
  const { ctx, dir } = await launch();
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    const ua = await page.evaluate(() => navigator.userAgent);
    // Real users don't send "HeadlessChrome"; some banners treat that UA as a bot.
    USER_AGENT = ua.replace('HeadlessChrome/', 'Chrome/');
    BROWSER_VERSION = ctx.browser()?.version() ?? ua.match(/Chrome\/([\d.]+)/)?.[1];
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Run fn(page, cdp, ctx) in a fresh persistent context (fresh user-data-dir), then tear it down. */
async function withContext(lib, fn) {
  const { ctx, dir } = await launch();
  const external = [];
  const pageErrors = [];
  try {
    await ctx.addInitScript(probe, {
      banner: lib.banner || null, prefs: lib.prefs || null, serviceItem: lib.serviceItem || null,
      acceptAll: lib.acceptAll || null,
    });
    ctx.on('request', (req) => {
      const u = req.url();
      if (!u.startsWith(server.origin) && !u.startsWith('data:') && !u.startsWith('about:')) external.push(u);
    });
    const page = ctx.pages()[0] || (await ctx.newPage());
    page.on('pageerror', (e) => pageErrors.push(String(e.message || e).slice(0, 300)));
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    const out = await fn(page, cdp, ctx);
    out.checks = { ...(out.checks || {}), externalRequests: external.length, pageErrors: pageErrors.length };
    if (pageErrors.length) out.pageErrors = pageErrors;
    if (external.length) out.external = external.slice(0, 10);
    return out;
  } finally {
    await ctx.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function perfMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
const delta = (a, b, k) => (b[k] - a[k]) * 1000; // CDP durations are seconds -> ms

function pageUrl(lib, query = '') { return `${server.origin}/pages/${lib.page}${query}`; }

async function waitFor(page, fn, arg, timeout, what) {
  try {
    await page.waitForFunction(fn, arg, { polling: 100, timeout });
  } catch (e) {
    throw new Error(`timed out after ${timeout} ms waiting for ${what}`, { cause: e });
  }
}
const waitBanner = (page, timeout = 15000) =>
  waitFor(page, () => window.__bench && window.__bench.banner.firstVisible !== null, null, timeout, 'banner visible');
/**
 * Before clicking anything in the banner: wait until the accept button has a click handler (see
 * probe), then a fixed 300 ms so every library is clicked in a settled state. Returns false if no
 * handler was detected within `timeout` (the click still happens; the harness never races a banner).
 */
async function waitInteractive(page, timeout = 5000) {
  let ok = true;
  try {
    await page.waitForFunction(() => window.__bench.banner.interactive !== null, null, { polling: 50, timeout });
  } catch { ok = false; }
  await server.quiet(300);
  await page.waitForTimeout(300);
  return ok;
}
const waitGated = (page, timeout = 10000) =>
  waitFor(page, () => window.__gatedRan === true, null, timeout, 'gated script to run');

/** Click a (possibly shadow-DOM) element with a real mouse gesture, timing from the first pointer event. */
async function gestureClick(page, selector, what) {
  await page.evaluate(() => window.__bench.arm());
  const handle = await page.evaluateHandle((sel) => window.__bench.query(sel), selector);
  const el = handle.asElement();
  if (!el) throw new Error(`${what}: selector matched nothing: ${selector}`);
  await el.click({ timeout: 5000 });
  await handle.dispose();
}

// Calibration: a fixed CPU loop; throttled / unthrottled time shows the CDP throttling rate took effect.
async function calibrate(page) {
  return page.evaluate(() => {
    const t = performance.now();
    let x = 0;
    for (let i = 0; i < 3e6; i++) x += Math.sqrt(i);
    window.__calibSink = x;
    return performance.now() - t;
  });
}

/** Sizes of the requests that reached the server (HTTP-cache hits never do). */
function bytesOf(entries) {
  const b = { jsRaw: 0, jsGzip: 0, cssRaw: 0, cssGzip: 0, requests: 0, notFound: 0, htmlRaw: 0, htmlGzip: 0, sent: 0, files: [] };
  for (const e of entries) {
    b.sent += e.sentBytes;
    if (e.status === 404) b.notFound++;
    if (e.kind === 'html') { b.htmlRaw += e.rawBytes; b.htmlGzip += e.gzipBytes; continue; }
    b.requests++;
    if (e.kind === 'js') { b.jsRaw += e.rawBytes; b.jsGzip += e.gzipBytes; }
    if (e.kind === 'css') { b.cssRaw += e.rawBytes; b.cssGzip += e.gzipBytes; }
    b.files.push({ path: e.path, kind: e.kind, status: e.status, raw: e.rawBytes, gzip: e.gzipBytes,
      sent: e.sentBytes, encoding: e.encoding });
  }
  return b;
}

/**
 * Every same-origin file the current page loaded, from Resource Timing, whether it came over the
 * network or from the HTTP cache (transferSize 0), with the sizes the server would send for it.
 */
async function loadedFiles(page) {
  const entries = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.startsWith(location.origin + '/'))
    .map((e) => ({ url: e.name, transferSize: e.transferSize, initiator: e.initiatorType })));
  const b = { jsGzip: 0, cssGzip: 0, files: 0, fromCache: 0, list: [] };
  for (const e of entries) {
    const u = new URL(e.url);
    const info = server.info(u.pathname);
    if (!info || (info.kind !== 'js' && info.kind !== 'css')) continue;
    const cached = e.transferSize === 0;
    b.files++;
    if (cached) b.fromCache++;
    if (info.kind === 'js') b.jsGzip += info.gzip; else b.cssGzip += info.gzip;
    b.list.push({ path: u.pathname + u.search, kind: info.kind, gzip: info.gzip, fromCache: cached, initiator: e.initiator });
  }
  return b;
}

const SCREEN_DIR = () => path.join(opt.out, 'screens');
async function screenshot(page, name, isWarmup) {
  if (!isWarmup || !opt.screens) return;
  fs.mkdirSync(SCREEN_DIR(), { recursive: true });
  await page.screenshot({ path: path.join(SCREEN_DIR(), `${name}.png`) });
}

// ---------------------------------------------------------------- scenarios
// Each returns { metrics: {name: number}, checks: {name: bool|number}, bytes?: {...} }.

/** First visit -> accept all -> returning visit (same context). */
async function scenarioVisit(lib, page, cdp, warm) {
  const metrics = {}, checks = {};
  const m0 = await perfMetrics(cdp);
  const logStart = server.log.length;
  await page.goto(pageUrl(lib), { waitUntil: 'load', timeout: 30000 });
  if (lib.banner) await waitBanner(page);
  await server.quiet(500);
  await page.waitForTimeout(300);
  if (lib.banner) await waitInteractive(page);
  const m1 = await perfMetrics(cdp);
  const d = await page.evaluate(() => {
    const B = window.__bench;
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      banner: B.banner, fcp: B.fcp(), cls: B.cls(), longTasks: B.longTasks,
      load: nav ? nav.loadEventEnd : null, dcl: nav ? nav.domContentLoadedEventEnd : null,
      gatedBeforeConsent: window.__gatedRan === true, frames: B.frames,
    };
  });
  const bytes = bytesOf(server.log.slice(logStart));
  await screenshot(page, `${lib.id}-banner`, warm);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const m2 = await perfMetrics(cdp);
  await cdp.send('HeapProfiler.disable');

  if (lib.banner) {
    metrics['visit.bannerVisible'] = d.banner.firstVisible;
    metrics['visit.bannerInDom'] = d.banner.firstInDom;
    checks.bannerRect = d.banner.rect;
  }
  metrics['visit.fcp'] = d.fcp;
  metrics['visit.load'] = d.load;
  metrics['visit.scriptMs'] = delta(m0, m1, 'ScriptDuration');
  metrics['visit.taskMs'] = delta(m0, m1, 'TaskDuration');
  metrics['visit.layoutStyleMs'] = delta(m0, m1, 'LayoutDuration') + delta(m0, m1, 'RecalcStyleDuration');
  metrics['visit.longTasks'] = d.longTasks.length;
  metrics['visit.tbt'] = d.longTasks.reduce((s, t) => s + Math.max(0, t.dur - 50), 0);
  metrics['visit.cls'] = d.cls;
  metrics['visit.heapMB'] = m1.JSHeapUsedSize / 1048576;
  metrics['visit.heapAfterGcMB'] = m2.JSHeapUsedSize / 1048576;
  metrics['visit.domNodes'] = m2.Nodes;
  checks.noGatedBeforeConsent = !d.gatedBeforeConsent;

  if (!lib.banner) {
    metrics['visit.calibMs'] = await calibrate(page);
    return { metrics, checks, bytes };
  }
  if (d.banner.interactive !== null) metrics['visit.bannerInteractive'] = d.banner.interactive;
  checks.interactiveDetected = d.banner.interactive !== null;

  // --- interaction: accept all -> gated script ran
  const logAccept = server.log.length;
  await gestureClick(page, lib.acceptAll, 'acceptAll');
  await waitGated(page);
  const a = await page.evaluate(() => ({
    gs: window.__bench.gestureStart, click: window.__bench.clickAt, ran: window.__gatedRanAt,
  }));
  metrics['accept.toGated'] = a.ran - a.gs;
  metrics['accept.clickToGated'] = a.ran - a.click;
  await page.waitForTimeout(300);
  await server.quiet(300);
  const acceptBytes = bytesOf(server.log.slice(logAccept));

  // --- returning visit in the same context (consent stored, assets in HTTP cache)
  const logStart2 = server.log.length;
  await page.goto(pageUrl(lib), { waitUntil: 'load', timeout: 30000 });
  await waitGated(page);
  await page.waitForTimeout(1000); // keep watching for a late banner flash
  await server.quiet(300);
  const r = await page.evaluate(() => ({
    ran: window.__gatedRanAt, count: window.__gatedCount,
    bannerFrames: window.__bench.banner.visibleFrames, frames: window.__bench.frames,
  }));
  metrics['return.gatedAt'] = r.ran;
  metrics['return.bannerFrames'] = r.bannerFrames;
  const returnLog = server.log.slice(logStart2);
  const returnBytes = bytesOf(returnLog);
  const returnLoaded = await loadedFiles(page);
  metrics['return.sentBytes'] = returnBytes.sent;
  metrics['return.requests'] = returnLog.length; // including the page itself
  checks.returnNoBannerFlash = r.bannerFrames === 0;
  checks.returnGatedOnce = r.count === 1;
  metrics['visit.calibMs'] = await calibrate(page);
  return { metrics, checks, bytes, visitBytes: { onAccept: acceptBytes, returnVisit: returnBytes }, returnLoaded };
}

/** First visit -> reject all -> returning visit: the gated script must never run. */
async function scenarioReject(lib, page) {
  const checks = {};
  await page.goto(pageUrl(lib), { waitUntil: 'load', timeout: 30000 });
  await waitBanner(page);
  await waitInteractive(page);
  await gestureClick(page, lib.rejectAll, 'rejectAll');
  await page.waitForTimeout(500);
  await server.quiet(300);
  const a = await page.evaluate(() => ({ ran: window.__gatedRan === true, banner: window.__bench.bannerVisibleNow() }));
  await page.goto(pageUrl(lib), { waitUntil: 'load', timeout: 30000 });
  await server.quiet(500);
  await page.waitForTimeout(1000);
  const b = await page.evaluate(() => ({ ran: window.__gatedRan === true, bannerFrames: window.__bench.banner.visibleFrames }));
  checks.rejectGatedNeverRan = !a.ran && !b.ran;
  checks.rejectBannerClosed = !a.banner;
  checks.rejectNoBannerOnReturn = b.bannerFrames === 0;
  return { metrics: {}, checks };
}

/** First visit with the main thread CPU-throttled via CDP. */
async function scenarioThrottled(lib, page, cdp) {
  const metrics = {};
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: opt.throttle });
  const m0 = await perfMetrics(cdp);
  await page.goto(pageUrl(lib), { waitUntil: 'load', timeout: 60000 });
  if (lib.banner) await waitBanner(page, 30000);
  await server.quiet(500);
  await page.waitForTimeout(300);
  const m1 = await perfMetrics(cdp);
  const d = await page.evaluate(() => ({
    banner: window.__bench.banner.firstVisible, fcp: window.__bench.fcp(), longTasks: window.__bench.longTasks.length,
  }));
  const calib = await calibrate(page);
  if (lib.banner) metrics['throttled.bannerVisible'] = d.banner;
  metrics['throttled.fcp'] = d.fcp;
  metrics['throttled.longTasks'] = d.longTasks;
  metrics['throttled.scriptMs'] = delta(m0, m1, 'ScriptDuration');
  metrics['throttled.calibMs'] = calib;
  return { metrics, checks: {} };
}

/** Time from the pointer reaching "manage preferences" until the preferences modal is visible. */
async function scenarioPrefs(lib, page, cdp, warm, nServices) {
  const key = nServices ? 'prefsN' : 'prefs';
  const metrics = {}, checks = {};
  await page.goto(pageUrl(lib, nServices ? `?services=${nServices}` : ''), { waitUntil: 'load', timeout: 30000 });
  await waitBanner(page);
  await waitInteractive(page);
  const banner = await page.evaluate(() => window.__bench.banner.firstVisible);
  const logStart = server.log.length;
  await gestureClick(page, lib.openPrefs, 'openPrefs');
  await waitFor(page, () => window.__bench.prefs.firstVisible !== null, null, 10000, 'preferences modal visible');
  const p = await page.evaluate(() => ({
    gs: window.__bench.gestureStart, click: window.__bench.clickAt, vis: window.__bench.prefs.firstVisible,
    rect: window.__bench.prefs.rect, items: window.__bench.countServiceItems(),
  }));
  await page.waitForTimeout(300);
  await server.quiet(300);
  const prefsBytes = bytesOf(server.log.slice(logStart));
  await screenshot(page, `${lib.id}-prefs${nServices ? '-' + nServices : ''}`, warm);
  metrics[`${key}.open`] = p.vis - p.gs;
  metrics[`${key}.openFromClick`] = p.vis - p.click;
  if (nServices) {
    metrics[`${key}.bannerVisible`] = banner;
    if (lib.serviceItem) metrics[`${key}.serviceItems`] = p.items;
    checks.allServicesRendered = lib.serviceItem ? p.items >= nServices : null;
  }
  checks.prefsRect = p.rect;
  return { metrics, checks, visitBytes: nServices ? {} : { onOpenPrefs: prefsBytes } };
}

function scenariosFor(lib) {
  const s = [['visit', (p, c, w) => scenarioVisit(lib, p, c, w)]];
  if (opt.throttle > 1) s.push(['throttled', (p, c) => scenarioThrottled(lib, p, c)]);
  if (lib.banner) {
    s.push(['reject', (p) => scenarioReject(lib, p)]);
    if (lib.openPrefs && lib.prefs) {
      s.push(['prefs', (p, c, w) => scenarioPrefs(lib, p, c, w, 0)]);
      if (lib.services && opt.services > 0) s.push(['prefsN', (p, c, w) => scenarioPrefs(lib, p, c, w, opt.services)]);
    }
  }
  return s;
}

// ---------------------------------------------------------------- main
const started = Date.now();
const allowed = [...new Set(libs.flatMap((l) => l.packages || []))];
const mounts = libs.filter((l) => l.mount).map((l) => ({ prefix: l.mount.prefix, dir: path.resolve(ROOT, l.mount.dir) }));
for (const m of mounts) {
  if (!fs.existsSync(m.dir)) throw new Error(`${m.dir} does not exist: run \`npm run build\` at the repository root (\`npm run bench\` does)`);
}
for (const l of libs) if (!fs.existsSync(path.join(ROOT, 'pages', l.page))) throw new Error(`missing page pages/${l.page}`);
const server = await startServer({ root: ROOT, allowedPackages: allowed, mounts });
await detectBrowser();

const versions = {};
for (const p of allowed) versions[p] = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version;
versions['playwright-core'] = require('playwright-core/package.json').version;

/** What a mounted local build is: project version, git commit, whether its sources had uncommitted changes. */
function buildInfo(lib) {
  const dir = path.resolve(ROOT, lib.mount.dir);
  const pkgFile = path.resolve(ROOT, lib.mount.packageJson);
  const repo = path.dirname(pkgFile);
  const git = (...a) => { try { return execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; } };
  const sources = (lib.mount.sources || []).map((f) => path.relative(repo, path.resolve(ROOT, f)));
  const status = git('status', '--porcelain', '--', ...sources);
  const newest = fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f))
    .filter((f) => /\.(m?js|css)$/.test(f) && !f.includes(`${path.sep}node_modules${path.sep}`))
    .reduce((t, f) => Math.max(t, fs.statSync(f).mtimeMs), 0);
  return {
    version: JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version,
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedChanges: status === null ? null : status !== '',
    dir: path.relative(ROOT, dir), urlPrefix: lib.mount.prefix,
    builtAt: newest ? new Date(newest).toISOString() : null,
  };
}
const builds = Object.fromEntries(libs.filter((l) => l.mount).map((l) => [l.id, buildInfo(l)]));
for (const [id, b] of Object.entries(builds)) {
  versions[id] = `${b.version} (build of ${b.commit ?? '?'}${b.uncommittedChanges ? ' + uncommitted changes' : ''})`;
}

log(`consent-bench: ${libs.map((l) => l.id).join(', ')} | runs=${opt.runs} seed=${opt.seed} throttle=${opt.throttle}x services=${opt.services}`);
const warmed = server.prewarm();
log(`chromium ${BROWSER_VERSION} | server ${server.origin} (gzip level 6, ${warmed} files pre-compressed)`);
for (const [id, b] of Object.entries(builds)) log(`${id}: ${versions[id]}, ${b.dir}/ served at ${b.urlPrefix}, built ${b.builtAt}`);

const units = libs.flatMap((lib) => scenariosFor(lib).map(([name, fn]) => ({ lib, name, fn })));
const samples = {}; // lib -> metric -> [values]
const checks = {};  // lib -> check -> [values]
const failures = {}; // lib -> [{round, scenario, error}]
const bytes = {};   // lib -> visit -> bytes (first recorded) + consistency flag
const fetched = {}; // lib -> visit -> { runs, files: { path: runs in which it was requested } }
const extras = {};  // lib -> misc (page errors, rects)
for (const l of libs) { samples[l.id] = {}; checks[l.id] = {}; failures[l.id] = []; extras[l.id] = {}; bytes[l.id] = {}; fetched[l.id] = {}; }

/** Keep the first sample of a visit's bytes; flag the visit if a later run requested other files. */
function recordBytes(id, visit, b) {
  const sig = JSON.stringify(b.files.map((f) => [f.path, f.raw]));
  if (!bytes[id][visit]) bytes[id][visit] = { ...b, consistent: true, sig };
  else if (bytes[id][visit].sig !== sig) bytes[id][visit].consistent = false;
  recordFiles(id, visit, b.files.map((f) => f.path));
}
function recordFiles(id, visit, paths) {
  const f = (fetched[id][visit] ||= { runs: 0, files: {} });
  f.runs++;
  for (const p of new Set(paths)) f.files[p] = (f.files[p] || 0) + 1;
}

const rand = rng(opt.seed);
const rounds = opt.runs + (opt.warmup ? 1 : 0);
for (let round = 0; round < rounds; round++) {
  const warm = opt.warmup && round === 0;
  const order = shuffle(units, rand);
  const t0 = Date.now();
  for (const u of order) {
    let res;
    try {
      res = await withContext(u.lib, (page, cdp) => u.fn(page, cdp, warm));
    } catch (e) {
      if (!warm) failures[u.lib.id].push({ round, scenario: u.name, error: String(e.message || e).split('\n')[0] });
      log(`  ! ${u.lib.id}/${u.name} round ${round}: ${String(e.message || e).split('\n')[0]}`);
      continue;
    }
    if (warm) continue;
    const S = samples[u.lib.id], C = checks[u.lib.id];
    for (const [k, v] of Object.entries(res.metrics)) (S[k] ||= []).push(v);
    for (const [k, v] of Object.entries(res.checks || {})) {
      if (k.endsWith('Rect')) { extras[u.lib.id][k] = v; continue; }
      (C[`${u.name}.${k}`] ||= []).push(v);
    }
    if (res.pageErrors) (extras[u.lib.id].pageErrors ||= []).push(...res.pageErrors.slice(0, 3));
    if (res.external) (extras[u.lib.id].external ||= []).push(...res.external);
    if (res.bytes) recordBytes(u.lib.id, 'firstVisit', res.bytes);
    for (const [visit, b] of Object.entries(res.visitBytes || {})) recordBytes(u.lib.id, visit, b);
    if (res.returnLoaded) {
      const S2 = samples[u.lib.id];
      (S2['return.loadedFiles'] ||= []).push(res.returnLoaded.files);
      (S2['return.loadedFromCache'] ||= []).push(res.returnLoaded.fromCache);
      (S2['return.loadedGzipKB'] ||= []).push((res.returnLoaded.jsGzip + res.returnLoaded.cssGzip) / 1024);
      recordFiles(u.lib.id, 'returnVisitFromCache', res.returnLoaded.list.filter((f) => f.fromCache).map((f) => f.path));
      extras[u.lib.id].returnLoaded ||= res.returnLoaded;
    }
  }
  log(`${warm ? 'warm-up' : `round ${round - (opt.warmup ? 1 : 0) + 1}/${opt.runs}`}: ${order.length} contexts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
// brotli sizes for reference (computed now, outside any measurement)
for (const b of Object.values(bytes).flatMap((v) => Object.values(v))) {
  b.jsBrotli = 0; b.cssBrotli = 0;
  for (const f of b.files) {
    f.brotli = server.brotliSize(f.path);
    if (f.kind === 'js') b.jsBrotli += f.brotli;
    if (f.kind === 'css') b.cssBrotli += f.brotli;
  }
}
await server.close();

// ---------------------------------------------------------------- results
const durationSec = (Date.now() - started) / 1000;
const results = {
  meta: {
    date: new Date().toISOString(), durationSec, runs: opt.runs, warmup: opt.warmup, seed: opt.seed,
    cpuThrottlingRate: opt.throttle, scalingServices: opt.services, chromium: BROWSER_VERSION,
    chromiumArgs: CHROMIUM_ARGS, userAgent: USER_AGENT, viewport: VIEWPORT, node: process.version,
    host: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30) },
    versions,
    builds,
    transfer: 'served with Content-Encoding: gzip (zlib level 6) when accepted; raw, gzip and brotli-q11 (computed, not served) sizes recorded per request',
    timing: 'all page timings are performance.now() values relative to navigationStart (timeOrigin); interaction timings start at the first trusted pointer event of the click gesture',
  },
  libraries: {},
};
const VISITS = ['firstVisit', 'onAccept', 'returnVisit', 'returnVisitFromCache', 'onOpenPrefs'];
for (const l of libs) {
  for (const b of Object.values(bytes[l.id])) delete b.sig;
  const { firstVisit, ...otherVisits } = bytes[l.id];
  results.libraries[l.id] = {
    page: `pages/${l.page}`,
    packages: Object.fromEntries((l.packages || []).map((p) => [p, versions[p]])),
    ...(builds[l.id] ? { build: builds[l.id] } : {}),
    // first visit, up to the settled banner: requests that reached the server (first recorded run)
    bytes: firstVisit || null,
    // the same for onAccept, returnVisit and onOpenPrefs
    visitBytes: Object.fromEntries(VISITS.filter((v) => otherVisits[v]).map((v) => [v, otherVisits[v]])),
    // per visit: the non-HTML files requested from the server, each with the number of runs that requested
    // it; returnVisitFromCache: the files the returning visit loaded from the HTTP cache (Resource Timing)
    filesFetched: Object.fromEntries(VISITS.filter((v) => fetched[l.id][v]).map((v) => [v, fetched[l.id][v]])),
    metrics: Object.fromEntries(Object.entries(samples[l.id]).map(([k, v]) => [k, { ...summarize(v), samples: v }])),
    checks: Object.fromEntries(Object.entries(checks[l.id]).map(([k, v0]) => {
      const v = v0.filter((x) => x !== null && x !== undefined);
      return [k, { pass: v.filter((x) => x === true || x === 0).length, n: v.length, values: v }];
    })),
    failures: failures[l.id],
    ...extras[l.id],
  };
}
fs.mkdirSync(opt.out, { recursive: true });
const stamp = results.meta.date.replace(/[:.]/g, '-');
const outFile = path.join(opt.out, `results-${stamp}.json`);
fs.writeFileSync(outFile, JSON.stringify(results, null, 2));
fs.writeFileSync(path.join(opt.out, 'latest.json'), JSON.stringify(results, null, 2));

console.log(renderTable(results));
log(`\nwrote ${path.relative(process.cwd(), outFile)} (and latest.json); total ${(durationSec / 60).toFixed(1)} min`);
