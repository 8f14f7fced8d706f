// discret under a strict Content-Security-Policy, sent as a real response
// header with the built bundle: nonces, 'strict-dynamic', hashes, and
// Trusted Types with and without each policy discret needs. The gate must
// never turn injected HTML into running script, and when the page's policy
// does not let discret work, it says which policy to allow and keeps
// everything held back.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { usePages } from '../e2e/pages.mjs';

const pages = usePages();
const visit = () => pages.visit();

const NONCE = 'c3RyaWN0LWNzcC10ZXN0';
const sha256 = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** A gated inline script that records `name` when it runs. */
const RUN = (name) => `window.gatedRuns=(window.gatedRuns||[]).concat(${JSON.stringify(name)})`;
const gated = (name, { nonce = NONCE, purpose = 'analytics', attributes = '' } = {}) =>
  `<script type="text/plain" data-purpose="${purpose}"${nonce ? ` nonce="${nonce}"` : ''} ${attributes}>${RUN(name)}</script>`;

/** An English page: discret.js (with the nonce) in <head>, `body` markup, the element configuring analytics. */
const page = ({ head = '', body = '', nonce = NONCE } = {}) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>strict CSP</title>` +
  `<script src="/dist/discret.js"${nonce ? ` nonce="${nonce}"` : ''}></script>${head}</head>` +
  `<body><main><h1>Page</h1><div id="comments"></div></main>${body}` +
  `<discret-consent revision="1"><discret-purpose name="analytics" label="Audience"></discret-purpose></discret-consent></body></html>`;

const csp = (policy) => ({ 'content-security-policy': policy });
const STRICT_DYNAMIC = `script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`;
const TRUSTED = (policies) => `${STRICT_DYNAMIC}; require-trusted-types-for 'script'; trusted-types ${policies}`;

const runs = (tab) => tab.evaluate(() => window.gatedRuns ?? []);
const acceptAll = (tab) =>
  tab.evaluate(async () => {
    await window.discret.consent.ready;
    await window.discret.consent.acceptAll();
  });
const settle = (tab) => tab.waitForTimeout(300);

describe('reliability: script gadget and CSP', () => {
  describe("nonce and 'strict-dynamic'", () => {
    it('shows the banner and runs the gated scripts that carry the page’s nonce, once granted', async () => {
      const visitor = await visit();
      await visitor.page.goto(pages.server.page('/nonce.html', page({ body: gated('nonced') }), csp(STRICT_DYNAMIC)));
      await visitor.page.locator('discret-consent [part~="banner"]').getByRole('button', { name: 'Accept all', exact: true }).click();
      await visitor.page.waitForFunction(() => window.gatedRuns?.includes('nonced'));
      assert.deepEqual(await runs(visitor.page), ['nonced']);
    });

    it('refuses a gated script without the nonce of discret’s own tag, with a warning: a script the page did not vouch for never runs', async () => {
      const visitor = await visit();
      await visitor.page.goto(pages.server.page('/nonce-missing.html', page({ body: gated('nonced') + gated('unvouched', { nonce: '' }) }), csp(STRICT_DYNAMIC)));
      await acceptAll(visitor.page);
      await visitor.page.waitForFunction(() => window.gatedRuns?.includes('nonced'));
      await settle(visitor.page);
      assert.deepEqual(await runs(visitor.page), ['nonced'], 'the gated script without the nonce ran');
      assert.ok(
        visitor.warnings.some((line) => /nonce/.test(line)),
        `no [discret] warning about the missing nonce: ${JSON.stringify(visitor.warnings)}`,
      );
    });

    for (const purpose of ['necessary', 'analytics']) {
      it(`never runs a gated script (data-purpose="${purpose}") that HTML injected with innerHTML after consent: no script gadget`, async () => {
        const visitor = await visit();
        await visitor.page.goto(pages.server.page(`/gadget-${purpose}.html`, page(), csp(STRICT_DYNAMIC)));
        await acceptAll(visitor.page);
        await visitor.page.evaluate(
          ([markup]) => (document.getElementById('comments').innerHTML = markup),
          [`<p>A comment</p><script type="text/plain" data-purpose="${purpose}">window.injected = true</script>`],
        );
        await settle(visitor.page);
        assert.equal(await visitor.page.evaluate(() => window.injected ?? false), false, 'injected HTML became running script');
      });
    }
  });

  describe('hashes', () => {
    it('runs a gated inline script whose hash the policy lists, once granted', async () => {
      const text = RUN('hashed');
      const html = page({ nonce: '', body: `<script type="text/plain" data-purpose="analytics">${text}</script>` });
      const visitor = await visit();
      await visitor.page.goto(pages.server.page('/hashes.html', html, csp(`script-src 'self' ${sha256(text)}; object-src 'none'`)));
      await acceptAll(visitor.page);
      await visitor.page.waitForFunction(() => window.gatedRuns?.includes('hashed'));
      assert.deepEqual(await runs(visitor.page), ['hashed']);
    });
  });

  describe('Trusted Types', () => {
    it('with "trusted-types discret lit-html": the banner shows, and every gated script runs, one with an onload attribute included', async () => {
      const body =
        `<script type="text/plain" data-purpose="analytics" nonce="${NONCE}" src="/gated.js?name=first" onload="window.loaded=true"></script>` +
        gated('second');
      const visitor = await visit();
      await visitor.page.goto(pages.server.page('/trusted-types.html', page({ body }), csp(TRUSTED('discret lit-html'))));
      await visitor.page.locator('discret-consent [part~="banner"]').getByRole('button', { name: 'Accept all', exact: true }).click();
      const ranBoth = await visitor.page
        .waitForFunction(() => window.gatedRuns?.includes('second') && window.gatedRuns?.includes('first'), null, { timeout: 3000 })
        .then(() => true, () => false);
      // The onload handler itself is the page's CSP's to allow ('unsafe-hashes'); here it blocks it, and discret goes on.
      assert.equal(ranBoth, true, `not every gated script ran: ${JSON.stringify(await runs(visitor.page))}; ${JSON.stringify(visitor.warnings)}`);
    });

    for (const [policies, missing] of [
      ['discret', 'lit-html'],
      ['lit-html', 'discret'],
      ["'none'", 'discret'],
    ]) {
      it(`with "trusted-types ${policies}": one [discret] error naming ${missing}, no banner, and nothing non-essential runs`, async () => {
        const visitor = await visit();
        await visitor.page.goto(pages.server.page(`/trusted-types-${missing}.html`, page({ body: gated('gated') }), csp(TRUSTED(policies))));
        await visitor.page.waitForTimeout(1500);
        const named = visitor.errors.filter((line) => line.includes(missing));
        assert.equal(named.length, 1, `expected one [discret] error naming ${missing}; errors: ${JSON.stringify(visitor.errors)}, warnings: ${JSON.stringify(visitor.warnings)}`);
        assert.deepEqual(await runs(visitor.page), [], 'a gated script ran although no consent could be asked');
      });
    }
  });
});
