// A site with no chat, as a visitor meets it: discret.js fetches the consent chunks and never the chat one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, newVisitor, startDemo } from './harness.mjs';

describe('a site with no chat (dist/discret.js)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('asks, runs the gated script only after “Accept all”, and never fetches the chat elements', async () => {
    const visitor = await newVisitor(demo, { locale: 'en-GB' });
    const { page, requests } = visitor;
    await page.goto(`${demo.url}/variants/consent-only.html`);
    await page.getByRole('button', { name: 'Reject all' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.equal(requests.includes('/js/audience.js'), false);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.waitForFunction(() => window.demoAudienceRuns === 1);
    assert.equal(await page.evaluate(() => Boolean(customElements.get('discret-chat-notice'))), false);
    assert.deepEqual(requests.filter((path) => path.startsWith('/dist/ui/chat')), [], 'a page without chat fetched the chat chunk');
    await visitor.close();
  });
});
