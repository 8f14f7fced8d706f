// The page core's promise, against the built bundle in headless Chromium
// (issue 8): nothing runs before the visitor's choice for THIS configuration
// is known, every decision is stored before it takes effect, one store per
// page, honest records, the UI on demand, Google Consent Mode v2.
// Each describe reproduces one failure of the issue; a new browser context
// (a new visitor, empty IndexedDB) per test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DIST, usePages } from './pages.mjs';

const pages = usePages();
/** A new visitor (browser context), closed after the test even when an assertion failed midway. */
const visit = (options) => pages.visit(options);

// ---------------------------------------------------------------- markup

const GATED = (name = 'head', purpose = 'analytics') =>
  `<script type="text/plain" data-purpose="${purpose}">window.gatedRuns=(window.gatedRuns||[]).concat(${JSON.stringify(name)})</script>`;

/** A page in English; `head` and `body` are markup. */
const doc = ({ head = '', body = '' }) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>discret page core</title>${head}</head><body><main><h1>Page</h1><p>Content.</p></main>${body}</body></html>`;

/** `<discret-consent>` configuring `revision` with purposes given as names or `{ name, attributes }`. */
const consentElement = (revision, { attributes = '', purposes = ['analytics'] } = {}) =>
  `<discret-consent revision="${revision}" ${attributes}>${purposes
    .map((purpose) => (typeof purpose === 'string' ? { name: purpose, attributes: '' } : purpose))
    .map(({ name, attributes: extra = '' }) => `<discret-purpose name="${name}" label="${name} label" ${extra}></discret-purpose>`)
    .join('')}</discret-consent>`;

/** The usual page: discret.js in <head>, a gated analytics script after it, the element in the body. */
const consentPage = (revision, { scriptAttributes = '', head = '', body = '', element = {} } = {}) =>
  doc({
    head: `<script src="/dist/discret.js" ${scriptAttributes}></script>${head}${GATED()}`,
    body: `${body}${consentElement(revision, element)}`,
  });

// ---------------------------------------------------------------- page helpers

const banner = (page) => page.locator('discret-consent [part~="banner"]');
const bannerButton = (page, name) => banner(page).getByRole('button', { name, exact: true });
const preferences = (page) => page.getByRole('dialog', { name: 'Privacy preferences' });

const gatedRuns = (page) => page.evaluate(() => window.gatedRuns ?? []);
const granted = (page, key) => page.evaluate((name) => window.discret.consent.granted(name), key);
const ready = (page) => page.evaluate(async () => void (await window.discret.consent.ready));
const pause = (ms) => new Promise((done) => setTimeout(done, ms));

/** Waits for `fn` in the page; true if it came true in time, false otherwise (no throw). */
async function eventually(page, fn, arg, timeout = 3000) {
  try {
    await page.waitForFunction(fn, arg, { timeout });
    return true;
  } catch (error) {
    if (/Timeout/i.test(String(error))) return false;
    throw error;
  }
}

/** Once the stored record is read (and, new code, the configuration known), plus a settle time to prove a negative. */
async function settled(page, ms = 300) {
  await ready(page);
  await page.waitForTimeout(ms);
}

/** The record in IndexedDB (`discret` / `state` / `consent`), read with raw IndexedDB from `page` (same origin). */
function idb(page, action, key = 'consent', value = undefined) {
  return page.evaluate(
    ([action, key, value]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('discret');
        open.onupgradeneeded = () => {
          if (!open.result.objectStoreNames.contains('state')) open.result.createObjectStore('state');
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('state')) {
            db.close();
            return resolve(undefined);
          }
          const transaction = db.transaction('state', action === 'get' ? 'readonly' : 'readwrite');
          const store = transaction.objectStore('state');
          const request = action === 'get' ? store.get(key) : store.put(value, key);
          transaction.oncomplete = () => {
            db.close();
            resolve(action === 'get' ? request.result : undefined);
          };
          transaction.onerror = () => {
            db.close();
            reject(transaction.error);
          };
        };
      }),
    [action, key, value],
  );
}

/** A page of the site with no discret at all, for raw IndexedDB reads and writes. */
function blankUrl() {
  return pages.server.page('/blank.html', doc({}));
}

/** `accept-all {"analytics":true,"necessary":true}`, or `no record`: what two tabs must agree on. */
const summary = (record) =>
  record && typeof record === 'object'
    ? `${record.method} ${JSON.stringify(Object.fromEntries(Object.entries(record.purposes ?? {}).sort()))}`
    : 'no record';

/** A visitor who accepted everything at revision `revision` (analytics granted, stored). */
async function acceptedAt(visitor, revision = 'r1') {
  const { page } = visitor;
  await page.goto(pages.server.page(`/seed-${revision}.html`, consentPage(revision)));
  await page.evaluate(async () => {
    await window.discret.consent.ready;
    await window.discret.consent.acceptAll();
  });
  assert.equal(await granted(page, 'analytics'), true, `precondition: accept-all at ${revision} grants analytics`);
}

// ---------------------------------------------------------------- the suite

describe('page core (built bundle, hand-written pages)', () => {
  describe('1. a stored record of another revision never runs anything, whatever the configuration source', () => {
    const CONFIGURE = "discret.configure({ revision: 'r2', purposes: [{ name: 'analytics' }] })";
    const VARIANTS = [
      {
        name: '(a) <discret-consent revision="r2"> in the body, after a 1.5 s script',
        path: '/revision-element.html',
        html: consentPage('r2', { body: '<script src="/slow.js?ms=1500"></script>' }),
      },
      {
        name: '(b) JSON configuration in <head>, before discret.js, no element',
        path: '/revision-json.html',
        html: doc({
          head:
            '<script type="application/json" id="discret-config">{"revision":"r2","purposes":[{"name":"analytics","label":"Audience"}]}</script>' +
            `<script src="/dist/discret.js"></script>${GATED()}`,
        }),
      },
      {
        // A page still parsing when the record is read (here a 500 ms script in the body), as long pages are.
        name: '(c) discret.configure() on DOMContentLoaded, the body holding a 500 ms script',
        path: '/revision-configure.html',
        html: doc({
          head: `<script src="/dist/discret.js"></script><script>document.addEventListener('DOMContentLoaded', () => ${CONFIGURE})</script>${GATED()}`,
          body: '<script src="/slow.js?ms=500"></script>',
        }),
      },
      {
        name: '(d) discret.configure() 300 ms after DOMContentLoaded',
        path: '/revision-configure-late.html',
        html: doc({
          head: `<script src="/dist/discret.js"></script><script>document.addEventListener('DOMContentLoaded', () => setTimeout(() => ${CONFIGURE}, 300))</script>${GATED()}`,
        }),
      },
    ];

    for (const variant of VARIANTS) {
      it(`${variant.name}: the gated <head> script of r1's accept-all never runs and granted('analytics') is false`, async () => {
        const visitor = await visit();
        await acceptedAt(visitor, 'r1');
        const { page } = visitor;
        await page.goto(pages.server.page(variant.path, variant.html));
        await ready(page);
        const asked = await eventually(page, () => window.discret.consent.needsDecision === true, null, 3000);
        await page.waitForTimeout(300);
        const runs = await gatedRuns(page);
        const grantedNow = await granted(page, 'analytics');
        await visitor.close();
        assert.deepEqual(runs, [], `the gated script ran at revision r2 on the strength of r1's accept-all (window.gatedRuns = ${JSON.stringify(runs)})`);
        assert.equal(grantedNow, false, "granted('analytics') is true at r2 with only an r1 record");
        assert.equal(asked, true, 'needsDecision never became true: the r2 configuration was not applied, the visitor is not asked again');
      });
    }

    it('(a) with data-reload-on-withdraw on the script tag: the page loads once, no reload loop (3.5 s watched)', async () => {
      const visitor = await visit();
      await acceptedAt(visitor, 'r1');
      const { page } = visitor;
      const path = '/revision-element-reload.html';
      const url = pages.server.page(path, consentPage('r2', { scriptAttributes: 'data-reload-on-withdraw', body: '<script src="/slow.js?ms=1500"></script>' }));
      const before = pages.server.count(path);
      await page.goto(url, { waitUntil: 'commit' });
      await pause(3500);
      const loads = pages.server.count(path) - before;
      await visitor.close();
      assert.equal(loads, 1, `the page was loaded ${loads} times in 3.5 s: r1's grant released the script, r2 withdrew it, and the page reloads in a loop`);
    });
  });

  describe('2. decisions made before ready are queued and applied on top of what was read', () => {
    /** Stored accept-all at r1; then a page at r1 whose inline script, right after discret.js, refuses. */
    async function rejectBeforeReady(visitor) {
      await acceptedAt(visitor, 'r1');
      const { page } = visitor;
      await page.goto(
        pages.server.page(
          '/reject-before-ready.html',
          doc({
            head: `<script src="/dist/discret.js"></script><script>window.rejected = window.discret.consent.rejectAll()</script>${GATED()}`,
            body: consentElement('r1'),
          }),
        ),
      );
      await page.evaluate(async () => {
        await window.rejected;
      });
      await settled(page);
    }

    it('rejectAll() called before a stored accept-all is read: the gated script never runs on that page', async () => {
      const visitor = await visit();
      await rejectBeforeReady(visitor);
      const runs = await gatedRuns(visitor.page);
      const grantedNow = await granted(visitor.page, 'analytics');
      await visitor.close();
      assert.deepEqual(runs, [], `the stored accept-all ran the gated script although rejectAll() was called before ready (window.gatedRuns = ${JSON.stringify(runs)})`);
      assert.equal(grantedNow, false, "granted('analytics') is still true after rejectAll()");
    });

    it('rejectAll() before ready: on the next page the gated script does not run and the stored method is reject-all', async () => {
      const visitor = await visit();
      await rejectBeforeReady(visitor);
      const { page } = visitor;
      await page.goto(pages.server.page('/after-reject-before-ready.html', consentPage('r1')));
      await settled(page);
      const runs = await gatedRuns(page);
      await page.goto(blankUrl());
      const stored = await idb(page, 'get');
      await visitor.close();
      assert.deepEqual(runs, [], `the next page ran the gated script: the refusal made before ready was lost (window.gatedRuns = ${JSON.stringify(runs)})`);
      assert.equal(stored?.method, 'reject-all', `the stored record is ${summary(stored)}, not the refusal`);
    });

    it('acceptAll() before ready with no record, configuration by the element further down: the stored record grants analytics', async () => {
      const visitor = await visit();
      const { page } = visitor;
      await page.goto(
        pages.server.page(
          '/accept-before-ready.html',
          doc({
            head: `<script src="/dist/discret.js"></script><script>window.accepted = window.discret.consent.acceptAll()</script>${GATED()}`,
            body: `<script src="/slow.js?ms=400"></script>${consentElement('r1')}`,
          }),
        ),
      );
      await page.evaluate(async () => {
        await window.accepted;
      });
      await settled(page, 200);
      const grantedNow = await granted(page, 'analytics');
      await page.goto(blankUrl());
      const stored = await idb(page, 'get');
      await visitor.close();
      assert.equal(stored?.purposes?.analytics, true, `acceptAll() before the configuration was known stored ${summary(stored)}: analytics, declared later, is not granted`);
      assert.equal(grantedNow, true, "granted('analytics') is false after acceptAll()");
    });
  });

  describe('reliability: storage faults — 3. a refusal that could not be stored (QuotaExceededError) never lets a later page run the old acceptance', () => {
    const REFUSALS = [
      { name: 'rejectAll()', refuse: (page) => page.evaluate(() => window.discret.consent.rejectAll()) },
      { name: 'withdraw()', refuse: (page) => page.evaluate(() => window.discret.consent.withdraw()) },
      {
        name: 'the preferences’ “Reject all” button',
        refuse: async (page) => {
          await page.evaluate(() => window.discret.showPreferences());
          await preferences(page).getByRole('button', { name: 'Reject all', exact: true }).click();
        },
      },
    ];

    for (const refusal of REFUSALS) {
      it(`${refusal.name} with IDBObjectStore.put throwing: neither the next page in the same tab nor a new tab runs the gated script`, async () => {
        const visitor = await visit();
        const { page } = visitor;
        await acceptedAt(visitor, 'r1');
        const url = pages.server.page('/quota.html', consentPage('r1'));
        await page.goto(url);
        await settled(page, 100);
        assert.deepEqual(await gatedRuns(page), ['head'], 'precondition: the accept-all runs the gated script');
        await page.evaluate(() => {
          IDBObjectStore.prototype.put = function put() {
            window.putFailures = (window.putFailures ?? 0) + 1;
            throw new DOMException('quota', 'QuotaExceededError');
          };
        });
        await refusal.refuse(page);
        const refusedHere = await eventually(page, () => window.discret.consent.granted('analytics') === false, null, 3000);
        await page.waitForTimeout(300);

        await page.goto(url);
        await settled(page);
        const sameTab = await gatedRuns(page);
        const tab = await visitor.newPage();
        await tab.goto(url);
        await settled(tab);
        const newTab = await gatedRuns(tab);
        await visitor.close();

        assert.equal(refusedHere, true, `${refusal.name}: analytics stayed granted on the page that refused`);
        assert.deepEqual(
          { sameTab, newTab },
          { sameTab: [], newTab: [] },
          `after ${refusal.name} failed to store, the old accept-all came back: next page in the same tab ran ${JSON.stringify(sameTab)}, a new tab ran ${JSON.stringify(newTab)}`,
        );
      });
    }
  });

  describe('4. with data-reload-on-withdraw, “Reject all” reloads only after the refusal is stored and logged', () => {
    it('50 rounds of accept then “Reject all” in the preferences: no refusal lost, no log post missing', async () => {
      const ROUNDS = 50;
      const visitor = await visit();
      const { page } = visitor;
      const url = pages.server.page(
        '/reload-on-withdraw.html',
        consentPage('r1', { scriptAttributes: 'data-reload-on-withdraw', element: { attributes: 'log-endpoint="/log"' } }),
      );
      await page.goto(url);
      pages.server.logs.length = 0;
      const rejectLogs = () => pages.server.logs.filter((body) => body?.method === 'reject-all').length;
      const lost = [];
      const missingLogs = [];
      const noReload = [];
      const started = Date.now();
      for (let round = 1; round <= ROUNDS; round++) {
        await page.evaluate(async () => {
          await window.discret.consent.ready;
          await window.discret.consent.acceptAll();
        });
        if (!(await eventually(page, () => (window.gatedRuns ?? []).includes('head'), null, 3000))) {
          assert.fail(`round ${round}: acceptAll() did not run the gated script`);
        }
        const logsBefore = rejectLogs();
        await page.evaluate(() => {
          window.beforeReload = true;
          window.discret.showPreferences();
        });
        await preferences(page).getByRole('button', { name: 'Reject all', exact: true }).click({ noWaitAfter: true }).catch(() => {});
        if (!(await eventually(page, () => window.beforeReload === undefined && document.readyState !== 'loading' && window.discret !== undefined, null, 5000))) {
          noReload.push(round);
          break;
        }
        await settled(page, 100);
        if ((await gatedRuns(page)).length > 0 || (await granted(page, 'analytics'))) lost.push(round);
        const deadline = Date.now() + 500;
        while (rejectLogs() <= logsBefore && Date.now() < deadline) await pause(25);
        if (rejectLogs() <= logsBefore) missingLogs.push(round);
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      await visitor.close();
      assert.deepEqual(noReload, [], `“Reject all” did not reload the page (round ${noReload[0]})`);
      assert.deepEqual(
        { lost: lost.length, missingLogs: missingLogs.length },
        { lost: 0, missingLogs: 0 },
        `over ${ROUNDS} rounds (${seconds} s): ${lost.length} refusals lost (the reloaded page ran the gated script; rounds ${lost.join(', ') || '-'}), ` +
          `${missingLogs.length} reject-all records never reached log-endpoint (rounds ${missingLogs.join(', ') || '-'})`,
      );
    });
  });

  describe('reliability: cross-tab races — 5. two tabs deciding opposite things at the same moment end with one answer everywhere', () => {
    const RUNS = 20;

    /** What each tab, IndexedDB and a freshly opened tab hold, as `method {purposes}`. */
    async function everyone(visitor, a, b, store, url) {
      const fresh = await visitor.newPage();
      await fresh.goto(url);
      await ready(fresh);
      const result = {
        tabA: summary(await a.evaluate(() => window.discret.consent.record)),
        tabB: summary(await b.evaluate(() => window.discret.consent.record)),
        indexedDB: summary(await idb(store, 'get')),
        newTab: summary(await fresh.evaluate(() => window.discret.consent.record)),
      };
      await fresh.close();
      return result;
    }

    async function twoTabs(path) {
      const visitor = await visit();
      const url = pages.server.page(path, consentPage('r1', { element: { purposes: ['analytics', 'marketing'] } }));
      const a = visitor.page;
      const b = await visitor.newPage();
      const store = await visitor.newPage();
      await Promise.all([a.goto(url), b.goto(url), store.goto(blankUrl())]);
      await Promise.all([ready(a), ready(b)]);
      return { visitor, url, a, b, store };
    }

    const report = (disagreements) =>
      `${disagreements.length} of ${RUNS} runs disagree; first: run ${disagreements[0]?.run}: ${JSON.stringify(disagreements[0]?.state)}`;

    it(`API: acceptAll() in tab A and rejectAll() in tab B at once, ${RUNS} runs: both tabs, IndexedDB and a new tab agree`, async () => {
      const { visitor, url, a, b, store } = await twoTabs('/two-tabs-api.html');
      const disagreements = [];
      for (let run = 1; run <= RUNS; run++) {
        await Promise.all([a.evaluate(() => window.discret.consent.acceptAll()), b.evaluate(() => window.discret.consent.rejectAll())]);
        await pause(500);
        const state = await everyone(visitor, a, b, store, url);
        if (new Set(Object.values(state)).size !== 1) disagreements.push({ run, state });
      }
      await visitor.close();
      assert.equal(disagreements.length, 0, report(disagreements));
    });

    it(`buttons: the banner's “Accept all” in tab A and “Reject all” in tab B at once, ${RUNS} runs: all agree`, async () => {
      const { visitor, url, a, b, store } = await twoTabs('/two-tabs-buttons.html');
      const disagreements = [];
      for (let run = 1; run <= RUNS; run++) {
        if (run > 1) await a.evaluate(() => window.discret.consent.withdraw());
        // Both banners up before either click.
        await bannerButton(a, 'Accept all').waitFor({ timeout: 5000 });
        await bannerButton(b, 'Reject all').waitFor({ timeout: 5000 });
        const accept = await bannerButton(a, 'Accept all').elementHandle();
        const reject = await bannerButton(b, 'Reject all').elementHandle();
        // Clicked from inside each page, so that neither waits for the other tab's decision to hide its banner.
        await Promise.all([accept.evaluate((button) => button.click()), reject.evaluate((button) => button.click())]);
        await pause(500);
        const state = await everyone(visitor, a, b, store, url);
        if (new Set(Object.values(state)).size !== 1) disagreements.push({ run, state });
      }
      await visitor.close();
      assert.equal(disagreements.length, 0, report(disagreements));
    });
  });

  describe('6. a record whose decidedAt is in the future is no consent', () => {
    const YEAR = 365 * 24 * 3600 * 1000;
    const record = (decidedAt, expiresAt) => ({
      schema: 1,
      id: '6f1c3c1e-9a51-4b9e-8d0c-1f2e3d4c5b6a',
      revision: 'r1',
      purposes: { necessary: true, analytics: true },
      services: {},
      method: 'accept-all',
      locale: 'en',
      decidedAt,
      expiresAt,
      configHash: '0123456789abcdef',
    });
    const CASES = [
      { name: 'decidedAt and expiresAt in 2099', record: () => record('2099-01-01T00:00:00.000Z', '2099-06-01T00:00:00.000Z') },
      {
        name: 'decidedAt one year ahead, expiresAt six months after it',
        record: () => {
          const decided = new Date(Date.now() + YEAR);
          const expires = new Date(decided);
          expires.setUTCMonth(expires.getUTCMonth() + 6);
          return record(decided.toISOString(), expires.toISOString());
        },
      },
    ];

    for (const testCase of CASES) {
      it(`${testCase.name}: the gated script does not run and the banner asks`, async () => {
        const visitor = await visit();
        const { page } = visitor;
        await page.goto(blankUrl());
        const written = testCase.record();
        await idb(page, 'put', 'consent', written);
        await page.goto(pages.server.page('/future.html', consentPage('r1')));
        await settled(page);
        const runs = await gatedRuns(page);
        const grantedNow = await granted(page, 'analytics');
        const asked = await bannerButton(page, 'Accept all')
          .waitFor({ timeout: 2000 })
          .then(() => true, () => false);
        await visitor.close();
        assert.deepEqual(runs, [], `a record decided at ${written.decidedAt} ran the gated script (window.gatedRuns = ${JSON.stringify(runs)})`);
        assert.equal(grantedNow, false, `granted('analytics') is true on a record decided at ${written.decidedAt}`);
        assert.equal(asked, true, 'no banner: the future-dated record was taken as a decision');
      });
    }
  });

  describe('7. Global Privacy Control: “Accept all” keeps gpc-opt-out purposes refused and says so', () => {
    const gpcPage = () =>
      pages.server.page(
        '/gpc.html',
        consentPage('r1', {
          head: GATED('marketing', 'marketing'),
          element: { purposes: ['analytics', { name: 'marketing', attributes: 'gpc-opt-out' }] },
        }),
      );

    async function acceptUnderGpc() {
      const visitor = await visit({ gpc: true });
      const { page } = visitor;
      await page.goto(gpcPage());
      assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), true, 'precondition: the browser sends GPC');
      await bannerButton(page, 'Accept all').click();
      await eventually(page, () => window.discret.consent.record !== null, null, 3000);
      await page.waitForTimeout(300);
      return visitor;
    }

    it('“Accept all” grants analytics and keeps marketing refused', async () => {
      const visitor = await acceptUnderGpc();
      const { page } = visitor;
      const result = { analytics: await granted(page, 'analytics'), marketing: await granted(page, 'marketing'), runs: await gatedRuns(page) };
      await visitor.close();
      assert.deepEqual(result, { analytics: true, marketing: false, runs: ['head'] }, 'under GPC, “Accept all” should grant analytics and keep marketing refused');
    });

    it('the record of that “Accept all” says method "gpc", not "accept-all"', async () => {
      const visitor = await acceptUnderGpc();
      const { page } = visitor;
      const inPage = await page.evaluate(() => window.discret.consent.record?.method);
      await page.goto(blankUrl());
      const stored = await idb(page, 'get');
      await visitor.close();
      assert.notEqual(inPage, 'accept-all', 'the record says accept-all although GPC kept marketing refused: it contradicts what happened');
      assert.equal(inPage, 'gpc', `the record's method is ${inPage}, not gpc`);
      assert.equal(stored?.method, 'gpc', `the stored record's method is ${stored?.method}, not gpc`);
    });
  });

  describe('8. one store per page: a widget bundling discret from npm next to the host’s discret.js', () => {
    let folder;
    before(async () => {
      folder = mkdtempSync(join(tmpdir(), 'discret-widget-'));
      const entry = join(folder, 'entry.js');
      writeFileSync(
        entry,
        "import { consentStore, createApi } from 'discret';\nimport 'discret/define';\nwindow.widgetApi = createApi(consentStore());\n",
      );
      const worktree = fileURLToPath(new URL('../../', import.meta.url));
      // `discret` is this worktree's package as npm ships it; lit and idb-keyval from node_modules.
      const discretPackage = {
        name: 'discret-package',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^discret(\/define)?$/ }, (args) => ({ path: join(DIST, args.path === 'discret' ? 'index.js' : 'define.js') }));
        },
      };
      const common = {
        entryPoints: [entry],
        bundle: true,
        platform: 'browser',
        target: 'es2020',
        nodePaths: [join(worktree, 'node_modules')],
        plugins: [discretPackage],
        logLevel: 'silent',
      };
      await build({ ...common, format: 'esm', outfile: join(folder, 'widget.mjs') });
      await build({ ...common, format: 'iife', outfile: join(folder, 'widget.js') });
      pages.server.mount('/widget/', folder);
    });
    after(() => folder && rmSync(folder, { recursive: true, force: true }));

    const COUNT_CHANGES = "<script>window.changes = 0; addEventListener('discret-consent-change', () => window.changes++)</script>";
    const ORDERS = [
      {
        name: 'widget first (its bundle as a classic script before discret.js)',
        path: '/widget-first.html',
        html: () =>
          doc({
            head: `${COUNT_CHANGES}<script src="/widget/widget.js"></script><script src="/dist/discret.js"></script>${GATED()}`,
            body: consentElement('r1'),
          }),
      },
      {
        name: 'widget after (its ES module after discret.js)',
        path: '/widget-after.html',
        html: () =>
          doc({
            head: `${COUNT_CHANGES}<script src="/dist/discret.js"></script>${GATED()}<script type="module" src="/widget/widget.mjs"></script>`,
            body: consentElement('r1'),
          }),
      },
    ];

    async function open(order) {
      const visitor = await visit();
      const { page } = visitor;
      await page.goto(pages.server.page(order.path, order.html()));
      assert.equal(await eventually(page, () => window.widgetApi !== undefined && window.discret !== undefined, null, 3000), true, 'precondition: the widget bundle ran');
      await settled(page, 100);
      return visitor;
    }

    for (const order of ORDERS) {
      it(`${order.name}: discret-consent-change fires once on window per decision`, async () => {
        const visitor = await open(order);
        const { page } = visitor;
        await page.evaluate(() => window.discret.consent.acceptAll());
        await page.waitForTimeout(300);
        const afterHost = await page.evaluate(() => window.changes);
        await page.evaluate(() => window.widgetApi.consent.rejectAll());
        await page.waitForTimeout(300);
        const afterWidget = await page.evaluate(() => window.changes);
        await visitor.close();
        assert.deepEqual(
          { hostDecision: afterHost, widgetDecision: afterWidget - afterHost },
          { hostDecision: 1, widgetDecision: 1 },
          `discret-consent-change fired ${afterHost} times for window.discret's decision and ${afterWidget - afterHost} times for the widget's: two stores on one page`,
        );
      });

      it(`${order.name}: window.discret.consent.acceptAll() hides the banner and runs the gated script`, async () => {
        const visitor = await open(order);
        const { page } = visitor;
        await bannerButton(page, 'Accept all').waitFor({ timeout: 3000 });
        await page.evaluate(() => window.discret.consent.acceptAll());
        const hidden = await banner(page)
          .waitFor({ state: 'hidden', timeout: 2000 })
          .then(() => true, () => false);
        const ran = await eventually(page, () => (window.gatedRuns ?? []).includes('head'), null, 2000);
        await visitor.close();
        assert.deepEqual({ bannerHidden: hidden, gatedScriptRan: ran }, { bannerHidden: true, gatedScriptRan: true }, 'window.discret decided on a store the banner and the gate do not follow');
      });
    }
  });

  describe('9. UI on demand: Lit and the elements are chunks under /dist/ui/, fetched only when needed', () => {
    const url = () => pages.server.page('/ui-on-demand.html', consentPage('r1'));
    const uiRequests = (requests) => requests.filter((path) => path.startsWith('/dist/ui/'));

    it('a first visit (a banner is due) fetches a /dist/ui/ chunk', async () => {
      const visitor = await visit();
      const { page, requests } = visitor;
      await page.goto(url());
      const shown = await bannerButton(page, 'Accept all')
        .waitFor({ timeout: 5000 })
        .then(() => true, () => false);
      const chunks = uiRequests(requests);
      await visitor.close();
      assert.equal(shown, true, 'no banner on a first visit');
      assert.ok(chunks.length > 0, `the banner showed without any /dist/ui/ chunk: the UI is not loaded on demand (requests: ${requests.join(' ')})`);
    });

    it('a first visit asks for no UI chunk before the page has painted its content: the banner never delays the first paint', async () => {
      const visitor = await visit();
      const { page } = visitor;
      await page.goto(url());
      await bannerButton(page, 'Accept all').waitFor({ timeout: 5000 });
      const { fcp, chunks } = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        chunks: performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/dist/ui/')).map((entry) => ({ name: entry.name.split('/').pop(), at: entry.startTime })),
      }));
      await visitor.close();
      assert.ok(fcp !== undefined && chunks.length > 0, 'precondition: a first contentful paint and UI chunks');
      const early = chunks.filter((chunk) => chunk.at < fcp);
      assert.deepEqual(early, [], `UI chunks requested before the first contentful paint (${Math.round(fcp)} ms)`);
    });

    it('a returning visitor with a valid record, <discret-consent> alone, requests nothing under /dist/ui/', async () => {
      const visitor = await visit();
      const { page, requests } = visitor;
      await page.goto(url());
      await page.evaluate(async () => {
        await window.discret.consent.ready;
        await window.discret.consent.acceptAll();
      });
      requests.length = 0;
      await page.goto(url());
      await settled(page, 500);
      const runs = await gatedRuns(page);
      const chunks = uiRequests(requests);
      await visitor.close();
      assert.deepEqual(runs, ['head'], 'precondition: the returning visitor’s accept-all runs the gated script');
      assert.deepEqual(chunks, [], `a returning visitor with a valid record fetched UI chunks: ${chunks.join(', ')}`);
    });
  });

  describe('9b. the script tag with async, for pages without Consent Mode: the same promise, without blocking the first paint', () => {
    /** The gated script in <head> comes before discret's tag, the gated one in the body long after it ran. */
    const url = () =>
      pages.server.page(
        '/async.html',
        doc({ head: `${GATED('head')}<script src="/dist/discret.js" async></script>`, body: `${consentElement('r1')}<script src="/slow.js?ms=300"></script>${GATED('body')}` }),
      );

    it('first visit: nothing runs before the decision, the banner shows, “Accept all” runs both gated scripts once', async () => {
      const visitor = await visit();
      const { page } = visitor;
      await page.goto(url());
      await bannerButton(page, 'Accept all').waitFor({ timeout: 5000 });
      const before = await gatedRuns(page);
      await bannerButton(page, 'Accept all').click();
      const ran = await eventually(page, () => (window.gatedRuns ?? []).length === 2, null, 3000);
      const after = await gatedRuns(page);
      await visitor.close();
      assert.deepEqual({ before, ran, after: [...after].sort() }, { before: [], ran: true, after: ['body', 'head'] });
    });

    it('returning visit after “Reject all”: no gated script runs, no banner, no UI chunk', async () => {
      const visitor = await visit();
      const { page, requests } = visitor;
      await page.goto(url());
      await bannerButton(page, 'Reject all').click();
      await eventually(page, () => window.discret.consent.record?.method === 'reject-all', null, 3000);
      requests.length = 0;
      await page.goto(url());
      await settled(page, 800);
      const state = await page.evaluate(() => ({ runs: window.gatedRuns ?? [], method: window.discret.consent.record?.method }));
      const shown = await banner(page).isVisible();
      const chunks = requests.filter((path) => path.startsWith('/dist/ui/'));
      await visitor.close();
      assert.deepEqual({ ...state, shown, chunks }, { runs: [], method: 'reject-all', shown: false, chunks: [] });
    });

    it('returning visit after “Accept all”: both gated scripts run once, with no UI chunk', async () => {
      const visitor = await visit();
      const { page, requests } = visitor;
      await page.goto(url());
      await bannerButton(page, 'Accept all').click();
      await eventually(page, () => (window.gatedRuns ?? []).length === 2, null, 3000);
      requests.length = 0;
      await page.goto(url());
      await settled(page, 800);
      const runs = await gatedRuns(page);
      const chunks = requests.filter((path) => path.startsWith('/dist/ui/'));
      await visitor.close();
      assert.deepEqual({ runs: [...runs].sort(), chunks }, { runs: ['body', 'head'], chunks: [] });
    });
  });

  describe('10. Google Consent Mode v2 (data-consent-mode)', () => {
    /** The dataLayer as plain JSON, arguments objects as arrays, copied when this runs. */
    const COPY = "Array.from(window.dataLayer || [], (entry) => JSON.parse(JSON.stringify(Object.prototype.toString.call(entry) === '[object Arguments]' ? Array.from(entry) : entry)))";
    const SNAPSHOT = `<script>window.dataLayerAtStart = ${COPY}; window.firstIsArguments = Object.prototype.toString.call((window.dataLayer || [])[0]) === '[object Arguments]';</script>`;
    const DEFAULT = {
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'denied',
      functionality_storage: 'denied',
      personalization_storage: 'denied',
      security_storage: 'denied',
      wait_for_update: 500,
    };
    const consentModePage = (path, attribute, purposes) =>
      pages.server.page(
        path,
        doc({
          head: `<script src="/dist/discret.js" ${attribute}></script>${SNAPSHOT}${GATED()}`,
          body: consentElement('r1', { purposes }),
        }),
      );

    /** Decides, then returns the dataLayer from the last consent update on. */
    async function afterDecision(page, choices) {
      await page.evaluate(async (purposes) => {
        await window.discret.consent.ready;
        await window.discret.consent.decide(purposes);
      }, choices);
      await page.waitForTimeout(200);
      const layer = await page.evaluate(`(${'() => ' + COPY})()`);
      const last = layer.findLastIndex((entry) => Array.isArray(entry) && entry[0] === 'consent' && entry[1] === 'update');
      return { layer, update: last === -1 ? null : layer[last][2], after: last === -1 ? [] : layer.slice(last + 1) };
    }

    it('with async, after a gtag snippet already ran: the default still goes in, and one warning says the tags may have run first', async () => {
      const visitor = await visit();
      const { page, warnings } = visitor;
      const gtag = `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-TEST');</script>`;
      await page.goto(
        pages.server.page('/consent-mode-async.html', doc({ head: `${gtag}<script src="/dist/discret.js" async data-consent-mode></script>`, body: consentElement('r1') })),
      );
      await eventually(page, () => (window.dataLayer ?? []).some((entry) => entry[0] === 'consent'), null, 3000);
      await settled(page, 300);
      await visitor.close();
      const said = warnings.filter((line) => line.includes('Consent Mode'));
      assert.equal(said.length, 1, `expected one warning about the late default, got: ${JSON.stringify(warnings)}`);
      assert.match(said[0], /async/);
    });

    it('the consent default (seven types denied, wait_for_update) is in dataLayer, as an arguments object, before the next script runs', async () => {
      const visitor = await visit();
      const { page } = visitor;
      await page.goto(consentModePage('/consent-mode.html', 'data-consent-mode', ['analytics', 'marketing']));
      const { atStart, isArguments } = await page.evaluate(() => ({ atStart: window.dataLayerAtStart, isArguments: window.firstIsArguments }));
      await visitor.close();
      assert.ok(atStart.length > 0, 'window.dataLayer is empty (or missing) when the script after discret.js runs: no consent default');
      assert.deepEqual(atStart[0], ['consent', 'default', DEFAULT], `the first dataLayer entry is ${JSON.stringify(atStart[0])}, not the consent default`);
      assert.equal(isArguments, true, 'the consent default was pushed as an array, not an arguments object (gtag.js and tag managers ignore arrays)');
    });

    it('after a decision: a consent update with analytics_storage granted and ad_storage denied, then a discret_consent event', async () => {
      const visitor = await visit();
      const { page } = visitor;
      await page.goto(consentModePage('/consent-mode.html', 'data-consent-mode', ['analytics', 'marketing']));
      const { layer, update, after } = await afterDecision(page, { analytics: true, marketing: false });
      await visitor.close();
      assert.ok(update, `no ['consent', 'update', …] in dataLayer after the decision (dataLayer: ${JSON.stringify(layer)})`);
      assert.equal(update.analytics_storage, 'granted', `analytics_storage is ${update.analytics_storage} after analytics was granted`);
      assert.equal(update.ad_storage, 'denied', `ad_storage is ${update.ad_storage} after marketing was refused`);
      const event = after.find((entry) => entry?.event === 'discret_consent');
      assert.ok(event, `no {event: 'discret_consent'} after the update (after it: ${JSON.stringify(after)})`);
      assert.ok(event.discret_purposes?.includes('analytics') && !event.discret_purposes.includes('marketing'), `discret_purposes is ${JSON.stringify(event.discret_purposes)}`);
    });

    it('data-consent-mode="analytics_storage:stats": granting the purpose "stats" grants analytics_storage', async () => {
      const visitor = await visit();
      const { page } = visitor;
      await page.goto(consentModePage('/consent-mode-mapped.html', 'data-consent-mode="analytics_storage:stats"', ['stats']));
      const { layer, update } = await afterDecision(page, { stats: true });
      await visitor.close();
      assert.ok(update, `no ['consent', 'update', …] in dataLayer after the decision (dataLayer: ${JSON.stringify(layer)})`);
      assert.equal(update.analytics_storage, 'granted', `analytics_storage is ${update.analytics_storage} although "stats", mapped to it, was granted`);
      assert.equal(update.ad_storage, 'denied', `ad_storage is ${update.ad_storage} with no marketing purpose`);
    });
  });

  describe('11. the script tag runs only a small synchronous part; the page core module it fetches answers what was asked before it came', () => {
    /** Holds discret.mjs back for `ms`, as a slow network would. */
    const slowCore = (page, ms) =>
      page.route('**/dist/discret.mjs', async (route) => {
        await pause(ms);
        await route.continue();
      });
    /** Right after the tag, before the page core's module can be here: what the page asks and hears. */
    const ASKING = `<script>
      window.asked = { granted: discret.consent.granted('analytics'), readies: [] };
      discret.on('ready', (detail) => window.asked.readies.push(detail.record?.method ?? null));
    </script>`;

    it('calls made while discret.mjs is on its way answer "not granted", then hear ready once, and a refusal over a stored accept-all wins', async () => {
      const visitor = await visit();
      const { page } = visitor;
      await acceptedAt(visitor);
      await slowCore(page, 800);
      await page.goto(pages.server.page('/slow-core.html', consentPage('r1', { head: `${ASKING}<script>window.refused = discret.consent.rejectAll().then((record) => record.method)</script>` })));
      const refused = await page.evaluate(() => window.refused);
      await settled(page);
      const state = await page.evaluate(() => ({ ...window.asked, runs: window.gatedRuns ?? [], granted: window.discret.consent.granted('analytics') }));
      assert.deepEqual({ refused, ...state }, { refused: 'reject-all', granted: false, readies: ['reject-all'], runs: [] });
    });

    it('a returning visitor whose discret.mjs comes late: nothing runs before it, the gated script runs once after', async () => {
      const visitor = await visit();
      const { page } = visitor;
      await acceptedAt(visitor);
      await slowCore(page, 800);
      await page.goto(pages.server.page('/slow-core-returning.html', consentPage('r1', { head: ASKING })));
      const early = await gatedRuns(page);
      const ran = await eventually(page, () => (window.gatedRuns ?? []).length === 1, null, 4000);
      await settled(page);
      const state = await page.evaluate(() => ({ ...window.asked, runs: window.gatedRuns }));
      assert.deepEqual({ early, ran, ...state }, { early: [], ran: true, granted: false, readies: ['accept-all'], runs: ['head'] });
    });

    it('discret.mjs missing next to discret.js: one [discret] warning naming it, nothing runs, and a decision asked for fails instead of hanging', async () => {
      const lonely = mkdtempSync(join(tmpdir(), 'discret-lonely-'));
      try {
        writeFileSync(join(lonely, 'discret.js'), readFileSync(join(DIST, 'discret.js')));
        pages.server.mount('/lonely/', lonely);
        const visitor = await visit();
        const { page, warnings } = visitor;
        await page.goto(
          pages.server.page(
            '/lonely.html',
            doc({ head: `<script src="/lonely/discret.js"></script><script>window.accepted = discret.consent.acceptAll().then(() => 'stored', () => 'failed')</script>${GATED()}`, body: consentElement('r1') }),
          ),
        );
        const accepted = await page.evaluate(() => window.accepted);
        await page.waitForTimeout(300);
        const runs = await gatedRuns(page);
        assert.deepEqual(
          { accepted, runs, warnings: warnings.filter((text) => text.includes('discret.mjs')).length },
          { accepted: 'failed', runs: [], warnings: 1 },
        );
      } finally {
        rmSync(lonely, { recursive: true, force: true });
      }
    });
  });
});
