// The built script-tag bundle on the demo's home page, as a visitor meets it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, newVisitor, startDemo } from './harness.mjs';

const GATED = '/js/audience.js';

describe('consent banner on the demo home page (built bundle)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('shows the banner on a first visit, axe-clean', async () => {
    const visitor = await newVisitor(demo);
    const { page } = visitor;
    await page.goto(`${demo.url}/`);
    await page.getByRole('button', { name: 'Tout refuser' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await visitor.close();
  });

  it('refuse all: no gated request, no banner after reload', async () => {
    const visitor = await newVisitor(demo);
    const { page, requests } = visitor;
    await page.goto(`${demo.url}/`);
    await page.getByRole('button', { name: 'Tout refuser' }).click();
    await page.reload();
    await page.waitForFunction(() => window.discret?.consent.record !== null);
    assert.equal(await page.getByRole('button', { name: 'Tout refuser' }).count(), 0);
    assert.equal(requests.filter((path) => path === GATED).length, 0);
    assert.equal(await page.evaluate(() => window.demoAudienceRuns ?? 0), 0);
    await visitor.close();
  });
});
