// Issue 11 on the built bundle: audience measurement exempt from consent
// (runs before any decision, survives "Reject all", stops once the visitor
// objects) and click-to-load placeholders for embeds (nothing fetched from
// the embed before "Load" or "Always allow"; the placeholders' code only
// when an embed is held back).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './pages.mjs';

const pages = usePages();

const doc = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>discret purposes</title><script src="/dist/discret.js"></script></head><body><main><h1>Page</h1>${body}</main></body></html>`;

const gated = (name, purpose) => `<script type="text/plain" data-purpose="${purpose}" src="/gated.js?name=${name}"></script>`;

/** How many times the gated script `name` was fetched. */
const fetched = (name) => pages.server.requests.filter((request) => request.path === '/gated.js' && request.query === `?name=${name}`).length;

describe('audience measurement exempt from consent, on the built bundle', () => {
  const page = () =>
    pages.server.page(
      '/exempt.html',
      doc(`<discret-consent revision="1">
        <discret-purpose name="audience" label="Audience" exempt objectable></discret-purpose>
        <discret-purpose name="marketing" label="Advertising"></discret-purpose>
      </discret-consent>
      ${gated('audience', 'audience')}${gated('marketing', 'marketing')}`),
    );

  it('runs before any decision, is not among the choices, survives "Reject all", and stops once the visitor objects', async () => {
    const url = page();
    const before = fetched('audience');
    const { page: tab } = await pages.visit();
    await tab.goto(url);
    await tab.waitForFunction(() => window.gatedRuns?.includes('audience'));
    assert.equal(await tab.evaluate(() => window.discret.consent.granted('audience')), true);
    const banner = tab.locator('discret-consent [part~="banner"]');
    const text = await banner.locator('[part="text"]').textContent();
    assert.match(text, /for these purposes: “Advertising”\./);
    assert.match(text, /Without your consent, we measure our audience anonymously \(“Audience”\)/);
    await banner.getByRole('button', { name: 'Reject all', exact: true }).click();
    await tab.waitForFunction(() => window.discret.consent.record?.method === 'reject-all');
    assert.deepEqual(await tab.evaluate(() => window.discret.consent.record.purposes), { necessary: true, audience: true, marketing: false });
    assert.equal(fetched('marketing'), 0);

    await tab.evaluate(() => window.discret.consent.showPreferences());
    const dialog = tab.getByRole('dialog', { name: 'Privacy preferences' });
    const audience = dialog.getByRole('switch', { name: 'Audience' });
    assert.equal(await audience.isChecked(), true);
    await audience.press('Space');
    await dialog.getByRole('button', { name: 'Save my choices' }).click();
    await tab.waitForFunction(() => window.discret.consent.record?.purposes.audience === false);
    assert.deepEqual(await tab.evaluate(() => window.discret.consent.record.exempt), ['audience']);

    const runs = fetched('audience');
    assert.equal(runs - before, 1);
    await tab.reload();
    await tab.evaluate(async () => void (await window.discret.consent.ready));
    await tab.waitForTimeout(300);
    assert.equal(await tab.evaluate(() => window.discret.consent.granted('audience')), false);
    assert.equal(fetched('audience'), runs, 'the objection did not hold on the next page');
  });
});

describe('embed placeholders, on the built bundle', () => {
  const page = () => {
    pages.server.page('/video.html', '<!doctype html><html lang="en"><title>video</title><p>A video</p></html>');
    return pages.server.page(
      '/embed.html',
      doc(`<discret-consent revision="1">
        <discret-purpose name="marketing" label="Videos"><discret-service name="youtube" label="YouTube"></discret-service></discret-purpose>
      </discret-consent>
      <iframe title="A video" data-purpose="marketing/youtube" data-src="/video.html" width="560" height="315"></iframe>`),
    );
  };
  const videoRequests = () => pages.server.count('/video.html');

  it('fetches nothing from the embed until "Load", which loads it once and records nothing', async () => {
    const url = page();
    const before = videoRequests();
    const { page: tab, requests } = await pages.visit();
    await tab.goto(url);
    const placeholder = tab.locator('discret-embed-placeholder');
    await placeholder.getByRole('button', { name: 'Load' }).waitFor();
    assert.ok(requests.includes('/dist/ui/embed.js'));
    assert.equal(await placeholder.getByText('Content from YouTube').count(), 1);
    await tab.waitForTimeout(300);
    assert.equal(videoRequests(), before, 'the embed was fetched before it was loaded');
    await placeholder.getByRole('button', { name: 'Load' }).click();
    await tab.waitForFunction(() => document.querySelector('iframe').contentDocument?.body?.textContent.includes('A video'));
    assert.equal(videoRequests(), before + 1);
    assert.equal(await tab.evaluate(() => window.discret.consent.record), null);
    await tab.reload();
    await tab.locator('discret-embed-placeholder').getByRole('button', { name: 'Load' }).waitFor();
    await tab.waitForTimeout(300);
    assert.equal(videoRequests(), before + 1, '"Load" was remembered');
  });

  it('"Always allow YouTube" records a contextual grant: the next page loads the embed and never fetches the placeholders', async () => {
    const url = page();
    const before = videoRequests();
    const { page: tab, requests } = await pages.visit();
    await tab.goto(url);
    await tab.locator('discret-embed-placeholder').getByRole('button', { name: 'Always allow YouTube' }).click();
    await tab.waitForFunction(() => document.querySelector('iframe').getAttribute('src') === '/video.html');
    const record = await tab.evaluate(() => window.discret.consent.record);
    assert.equal(record.method, 'contextual');
    assert.deepEqual(record.services, { 'marketing/youtube': true });
    const fetchedBefore = requests.length;
    await tab.reload();
    await tab.waitForFunction(() => document.querySelector('iframe').contentDocument?.body?.textContent.includes('A video'));
    await tab.waitForTimeout(300);
    assert.equal(videoRequests(), before + 2);
    assert.equal(await tab.locator('discret-embed-placeholder').count(), 0);
    assert.ok(!requests.slice(fetchedBefore).includes('/dist/ui/embed.js'), 'the placeholders were fetched for a granted embed');
  });
});
