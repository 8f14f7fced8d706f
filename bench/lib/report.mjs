// Markdown rendering of a results object: one column per library, cells "median / p90".
const kb = (b) => (b / 1024).toFixed(1);
const fmt = (v, digits) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

function metricCell(lib, key, digits = 0) {
  const m = lib.metrics[key];
  const fails = (lib.failures || []).filter((f) => key.startsWith(f.scenario + '.')).length;
  if (!m || m.n === 0) return fails ? `FAIL ×${fails}` : '–';
  const cell = `${fmt(m.median, digits)} / ${fmt(m.p90, digits)}`;
  return fails ? `${cell} (⚠ ${fails} failed)` : cell;
}

function checkCell(lib, keys) {
  let pass = 0, n = 0;
  for (const k of keys) {
    const c = lib.checks[k];
    if (!c) continue;
    pass += c.pass;
    n += c.n;
  }
  if (n === 0) return '–';
  return pass === n ? `✓ ${pass}/${n}` : `✗ ${pass}/${n}`;
}

const bytesRow = (f) => (lib) => (lib.bytes ? f(lib.bytes) : '–');
/** "requests / gzip KB" of the JS+CSS requests that reached the server during one visit. */
const fetchedRow = (visit) => (lib) => {
  const b = lib.visitBytes?.[visit];
  return b ? `${b.requests} / ${kb(b.jsGzip + b.cssGzip)}` : '–';
};

export const ROWS = [
  ['**Bytes, first visit** (until the banner settled; served gzip, level 6)', null],
  ['JS raw / gzip (KB)', bytesRow((b) => `${kb(b.jsRaw)} / ${kb(b.jsGzip)}`)],
  ['CSS raw / gzip (KB)', bytesRow((b) => `${kb(b.cssRaw)} / ${kb(b.cssGzip)}`)],
  ['JS+CSS total raw / gzip (KB)', bytesRow((b) => `${kb(b.jsRaw + b.cssRaw)} / ${kb(b.jsGzip + b.cssGzip)}`)],
  ['JS+CSS brotli q11, computed only (KB)', bytesRow((b) => kb((b.jsBrotli || 0) + (b.cssBrotli || 0)))],
  ['JS+CSS requests', bytesRow((b) => String(b.requests))],
  ['HTML incl. inline config raw / gzip (KB)', bytesRow((b) => `${kb(b.htmlRaw)} / ${kb(b.htmlGzip)}`)],
  ['**First visit** (median / p90)', null],
  ['Banner element in DOM, ms from navigationStart', 'visit.bannerInDom'],
  ['Banner visible, ms from navigationStart', 'visit.bannerVisible'],
  ['Banner interactive (accept button has a click handler), ms', 'visit.bannerInteractive'],
  ['First contentful paint, ms', 'visit.fcp'],
  ['Load event end, ms', 'visit.load'],
  ['Script duration, ms (CDP ScriptDuration)', 'visit.scriptMs'],
  ['Main-thread task time, ms (CDP TaskDuration)', 'visit.taskMs'],
  ['Long tasks >50 ms, count', 'visit.longTasks'],
  ['CLS', ['visit.cls', 3]],
  ['JS heap used after load, MB', ['visit.heapMB', 2]],
  ['JS heap after forced GC, MB', ['visit.heapAfterGcMB', 2]],
  ['**Interaction**', null],
  ['Accept all → gated script ran, ms', 'accept.toGated'],
  ['JS+CSS fetched on accept all: requests / gzip KB', fetchedRow('onAccept')],
  ['**Returning visit** (after accept; same profile, library files HTTP-cached)', null],
  ['navigationStart → gated script ran, ms', 'return.gatedAt'],
  ['JS+CSS requests to the server / gzip KB', fetchedRow('returnVisit')],
  ['JS+CSS files loaded incl. HTTP cache (cached) / gzip KB', (lib) => {
    const f = lib.metrics['return.loadedFiles'], c = lib.metrics['return.loadedFromCache'], k = lib.metrics['return.loadedGzipKB'];
    return f && f.n ? `${fmt(f.median, 0)} (${fmt(c.median, 0)}) / ${fmt(k.median, 1)}` : '–';
  }],
  ['No banner frame on return (runs)', { checks: ['visit.returnNoBannerFlash'] }],
  ['Gated script ran exactly once (runs)', { checks: ['visit.returnGatedOnce'] }],
  ['**Reject path**', null],
  ['Gated never ran after reject + reload (runs)', { checks: ['reject.rejectGatedNeverRan'] }],
  ['No banner after reject + reload (runs)', { checks: ['reject.rejectNoBannerOnReturn'] }],
  ['**Preferences modal**', null],
  ['Open prefs (4 categories), ms', 'prefs.open'],
  ['JS+CSS fetched on opening prefs: requests / gzip KB', fetchedRow('onOpenPrefs')],
  ['Open prefs (N services), ms', 'prefsN.open'],
  ['Banner visible with N services, ms', 'prefsN.bannerVisible'],
  ['Service rows rendered (sanity, ≥ N)', 'prefsN.serviceItems'],
  ['**CPU throttled** (CDP rate R)', null],
  ['Banner visible, ms', 'throttled.bannerVisible'],
  ['First contentful paint, ms', 'throttled.fcp'],
  ['Long tasks >50 ms, count', 'throttled.longTasks'],
  ['Calibration loop, throttled vs unthrottled, ms', (lib) => {
    const a = lib.metrics['throttled.calibMs'], b = lib.metrics['visit.calibMs'];
    return a && b ? `${a.median.toFixed(0)} vs ${b.median.toFixed(0)} (${(a.median / b.median).toFixed(1)}×)` : '–';
  }],
];

export function renderTable(results) {
  const ids = Object.keys(results.libraries);
  const libs = ids.map((id) => results.libraries[id]);
  const N = results.meta.scalingServices;
  const R = results.meta.cpuThrottlingRate;
  const head = ids.map((id, i) => {
    const b = libs[i].build;
    if (b) return `${id} ${b.version} (build of ${b.commit ?? '?'}${b.uncommittedChanges ? '+changes' : ''})`;
    const v = Object.entries(libs[i].packages || {}).map(([, ver]) => ver).join(',');
    return v ? `${id} ${v}` : id;
  });
  const lines = [];
  lines.push(`| Metric | ${head.join(' | ')} |`);
  lines.push(`|---|${ids.map(() => '---').join('|')}|`);
  for (const [label0, spec] of ROWS) {
    const label = label0.replace(/\bN\b/g, String(N)).replace(/rate R/, `rate ${R}×`);
    if (spec === null) { lines.push(`| ${label} | ${ids.map(() => '').join(' | ')} |`); continue; }
    const cells = libs.map((lib) => {
      if (typeof spec === 'function') return spec(lib);
      if (typeof spec === 'string') return metricCell(lib, spec);
      if (Array.isArray(spec)) return metricCell(lib, spec[0], spec[1]);
      return checkCell(lib, spec.checks);
    });
    lines.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  // sanity summary
  const warn = [];
  for (const [id, lib] of Object.entries(results.libraries)) {
    for (const [k, c] of Object.entries(lib.checks)) if (c.pass !== c.n) warn.push(`${id}: check ${k} passed ${c.pass}/${c.n}`);
    if (lib.failures?.length) warn.push(`${id}: ${lib.failures.length} failed scenario runs (${[...new Set(lib.failures.map((f) => f.scenario + ': ' + f.error))].join('; ')})`);
    if (lib.bytes && !lib.bytes.consistent) warn.push(`${id}: request set differed between runs`);
    for (const [visit, b] of Object.entries(lib.visitBytes || {})) {
      if (!b.consistent) warn.push(`${id}: request set (${visit}) differed between runs`);
    }
    for (const [visit, b] of Object.entries({ firstVisit: lib.bytes, ...lib.visitBytes })) {
      if (b?.notFound) warn.push(`${id}: ${b.notFound} request(s) answered 404 (${visit}): ${b.files.filter((f) => f.status === 404).map((f) => f.path).join(', ')}`);
    }
    for (const [k, m] of Object.entries(lib.metrics)) {
      if (/bannerVisible|fcp|open$|gatedAt|toGated|load$/.test(k) && m.n && m.min <= 0) warn.push(`${id}: ${k} has a non-positive sample (${m.min})`);
    }
  }
  const m = results.meta;
  lines.push('');
  lines.push(`Runs: ${m.runs} per cell (plus ${m.warmup ? 1 : 0} warm-up round), interleaved in random order per round (seed ${m.seed}). ` +
    `Chromium ${m.chromium}, ${m.host.cpus} CPUs, viewport ${m.viewport.width}×${m.viewport.height}. Total ${(m.durationSec / 60).toFixed(1)} min.`);
  if (warn.length) { lines.push(''); lines.push('Sanity warnings:'); for (const w of warn) lines.push(`- ${w}`); }
  else lines.push('\nSanity: all checks passed, no failed runs, no zero/negative timings.');
  return lines.join('\n');
}
