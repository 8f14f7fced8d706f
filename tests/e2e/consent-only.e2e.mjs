// dist/discret-consent.js, the bundle for sites with no chat, as a visitor meets it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, newVisitor, startDemo } from './harness.mjs';

describe('consent-only bundle (dist/discret-consent.js)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('asks, runs the gated script only after “Accept all”, and defines no chat element', async () => {
    const visitor = await newVisitor(demo, { locale: 'en-GB' });
    const { page, requests } = visitor;
    await page.goto(`${demo.url}/variants/consent-only.html`);
    await page.getByRole('button', { name: 'Reject all' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.equal(requests.includes('/js/audience.js'), false);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.waitForFunction(() => window.demoAudienceRuns === 1);
    assert.equal(await page.evaluate(() => Boolean(customElements.get('discret-chat-notice'))), false);
    assert.equal(await page.evaluate(() => 'chat' in window.discret), false);
    await visitor.close();
  });
});
