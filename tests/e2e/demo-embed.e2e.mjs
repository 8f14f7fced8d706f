// Issue 11 on a demo page: the index's presentation video, served by a
// third party, stands behind a click-to-load placeholder. Nothing is fetched
// from it before the visitor asks; "Charger" loads it once without recording
// a decision; "Toujours autoriser VidéoDémo" grants that one service, which
// holds on the next page. Keyboard only, axe clean.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, newVisitor, pressUntilFocused, startDemo } from './harness.mjs';

const VIDEO = '/embeds/video.html';
const placeholder = (page) => page.locator('discret-embed-placeholder');

describe('the index page’s video placeholder (built bundle, demo server)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('fetches nothing from the video host until "Charger", pressed with the keyboard; records nothing', async () => {
    const visitor = await newVisitor(demo);
    const { page, requests, warnings } = visitor;
    await page.goto(`${demo.url}/`);
    await page.getByRole('button', { name: 'Tout refuser' }).click();
    await placeholder(page).getByRole('button', { name: 'Charger' }).waitFor();
    assert.match(await placeholder(page).locator('[part="title"]').textContent(), /VidéoDémo/);
    assert.deepEqual(await axeViolations(page), []);
    assert.equal(requests.filter((path) => path === VIDEO).length, 0, 'the video was fetched before the visitor asked');

    await pressUntilFocused(page, 'Tab', (f) => f.name === 'Charger');
    await page.keyboard.press('Enter');
    await page.waitForFunction((src) => document.querySelector('iframe.video')?.getAttribute('src') === src, VIDEO);
    await page.waitForFunction(() => document.querySelector('iframe.video').contentDocument?.readyState === 'complete');
    assert.equal(requests.filter((path) => path === VIDEO).length, 1);
    assert.equal(await placeholder(page).count(), 0);
    assert.equal(await page.evaluate(() => window.discret.consent.granted('marketing/video')), false, '"Charger" is no consent');
    assert.deepEqual(warnings, []);
    await visitor.close();
  });

  it('"Toujours autoriser VidéoDémo" grants that service alone, recorded as contextual, and it holds on the next page', async () => {
    const visitor = await newVisitor(demo);
    const { page, requests } = visitor;
    await page.goto(`${demo.url}/`);
    await page.getByRole('button', { name: 'Tout refuser' }).click();
    await placeholder(page).getByRole('button', { name: 'Toujours autoriser VidéoDémo' }).click();
    await page.waitForFunction(() => window.discret.consent.record?.method === 'contextual');
    const record = await page.evaluate(() => window.discret.consent.record);
    assert.equal(record.services['marketing/video'], true);
    assert.equal(record.purposes.marketing, false, 'the rest of the purpose stays refused');
    assert.equal(await page.evaluate(() => window.discret.consent.granted('marketing')), false, 'the purpose as a whole was granted');
    await page.waitForFunction((src) => document.querySelector('iframe.video')?.getAttribute('src') === src, VIDEO);

    await page.reload();
    await page.waitForFunction((src) => document.querySelector('iframe.video')?.getAttribute('src') === src, VIDEO);
    assert.equal(await placeholder(page).count(), 0);
    assert.equal(requests.filter((path) => path === VIDEO).length, 2);
    await visitor.close();
  });
});
