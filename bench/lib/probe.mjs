// Page-side instrumentation, injected with context.addInitScript(probe, cfg) so it runs at
// document start of every navigation, before any page or library script.
//
// It records, all as performance.now() values (ms since navigationStart / timeOrigin):
//   - every animation frame: whether the banner / preferences modal is *visible* (see isVisible)
//   - long tasks (>50 ms), layout shifts (CLS), first-contentful-paint
//   - the timestamps of trusted pointer/click events after the harness "arms" an interaction
// The gated script of each page sets window.__gatedRan / __gatedRanAt / __gatedCount itself.
export function probe(cfg) {
  if (window.top !== window) return;
  const B = (window.__bench = {
    cfg,
    frames: 0,
    banner: { firstInDom: null, firstVisible: null, lastVisible: null, visibleFrames: 0, rect: null, interactive: null },
    prefs: { firstInDom: null, firstVisible: null, visibleFrames: 0, rect: null },
    longTasks: [],
    shifts: [],
    armed: false,
    gestureStart: null,
    clickAt: null,
  });

  // Selector with optional ' >>> ' steps into open shadow roots.
  function deepQuery(sel) {
    if (!sel) return null;
    const steps = sel.split('>>>').map((s) => s.trim());
    let root = document;
    let el = null;
    for (let i = 0; i < steps.length; i++) {
      el = root.querySelector(steps[i]);
      if (!el) return null;
      if (i < steps.length - 1) {
        root = el.shadowRoot;
        if (!root) return null;
      }
    }
    return el;
  }
  function deepQueryAll(sel) {
    if (!sel) return [];
    const steps = sel.split('>>>').map((s) => s.trim());
    const last = steps.pop();
    let root = document;
    for (const s of steps) {
      const el = root.querySelector(s);
      if (!el || !el.shadowRoot) return [];
      root = el.shadowRoot;
    }
    return Array.from(root.querySelectorAll(last));
  }
  // "Visible" = connected, non-zero box that intersects the viewport, and not hidden by
  // display/visibility/content-visibility or an opacity:0 (on itself or an ancestor; the
  // animated value is used, so a fade-in counts from its first non-transparent frame).
  function isVisible(el) {
    if (!el || !el.isConnected) return null;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return null;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return null;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return null;
    return r;
  }
  function watch(rec, sel, now) {
    const el = deepQuery(sel);
    if (!el) return false;
    if (rec.firstInDom === null) rec.firstInDom = now;
    const r = isVisible(el);
    if (!r) return false;
    rec.visibleFrames++;
    if (rec.firstVisible === null) {
      rec.firstVisible = now;
      rec.rect = { x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height) };
    }
    rec.lastVisible = now;
    return true;
  }
  // "Interactive" heuristic: the accept-all button (or an ancestor, across shadow roots, up to and
  // including document) has a click-type listener registered via addEventListener or an on* property.
  // Libraries that bind their buttons late (e.g. in a setTimeout) show a visible-but-dead banner.
  // window is excluded: Playwright's own injected script registers click listeners there.
  const CLICKISH = new Set(['click', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'touchstart', 'touchend']);
  const listenerAt = new WeakMap();
  const origAdd = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    if (CLICKISH.has(type) && !listenerAt.has(this)) listenerAt.set(this, performance.now());
    return origAdd.call(this, type, fn, opts);
  };
  function hasClickHandler(el) {
    for (let n = el; n; ) {
      if (listenerAt.has(n) || typeof n.onclick === 'function' || typeof n.onpointerup === 'function' ||
          typeof n.onmousedown === 'function') return true;
      n = n instanceof ShadowRoot ? n.host : n.parentNode;
    }
    return false;
  }
  function frame() {
    const now = performance.now();
    B.frames++;
    if (cfg.banner && watch(B.banner, cfg.banner, now) && B.banner.interactive === null && cfg.acceptAll) {
      const btn = deepQuery(cfg.acceptAll);
      if (btn && hasClickHandler(btn)) B.banner.interactive = now;
    }
    if (cfg.prefs) watch(B.prefs, cfg.prefs, now);
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);

  B.query = deepQuery;
  B.countServiceItems = () => deepQueryAll(cfg.serviceItem).length;
  B.bannerVisibleNow = () => !!isVisible(deepQuery(cfg.banner));
  B.prefsVisibleNow = () => !!isVisible(deepQuery(cfg.prefs));

  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) B.longTasks.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* entry type not supported: no long tasks recorded */ }
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (!e.hadRecentInput) B.shifts.push({ t: e.startTime, v: e.value });
    }).observe({ type: 'layout-shift', buffered: true });
  } catch { /* entry type not supported: CLS stays 0 */ }

  // CLS as defined by web-vitals: largest session window (gap < 1 s, window <= 5 s).
  B.cls = () => {
    let max = 0, cur = 0, first = -Infinity, prev = -Infinity;
    for (const s of B.shifts) {
      if (s.t - prev < 1000 && s.t - first < 5000) cur += s.v;
      else { cur = s.v; first = s.t; }
      prev = s.t;
      if (cur > max) max = cur;
    }
    return max;
  };
  B.fcp = () => {
    const e = performance.getEntriesByName('first-contentful-paint')[0];
    return e ? e.startTime : null;
  };

  // Interaction start = timestamp of the first trusted pointer event after arming (the mouse
  // arriving on the button), so work a library does on hover/mouseenter is counted too.
  const onInput = (e) => {
    if (!e.isTrusted || !B.armed) return;
    if (B.gestureStart === null) B.gestureStart = e.timeStamp;
    if (e.type === 'click' && B.clickAt === null) B.clickAt = e.timeStamp;
  };
  for (const t of ['pointermove', 'pointerover', 'mousemove', 'pointerdown', 'mousedown', 'click'])
    origAdd.call(window, t, onInput, true); // unpatched: must not count as a library handler
  B.arm = () => {
    B.armed = true;
    B.gestureStart = null;
    B.clickAt = null;
    B.prefs.firstVisible = null;
    B.prefs.visibleFrames = 0;
  };
}
