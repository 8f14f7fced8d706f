// The strict-CSP demo page (demo/variants/strict-csp.html) as a visitor meets
// it: a nonce new at each response, 'strict-dynamic' and Trusted Types,
// sent by the demo server. The banner works, the nonced gated script runs
// once granted, markup a comment carries (without the nonce) never runs,
// and the page reports no CSP violation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, newVisitor, startDemo } from './harness.mjs';

describe('the strict-CSP demo page (built bundle)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('asks, runs the nonced gated script once granted, never runs a comment’s markup, and violates nothing', async () => {
    const visitor = await newVisitor(demo, { locale: 'en-GB' });
    const { page, requests } = visitor;
    await page.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const response = await page.goto(`${demo.url}/variants/strict-csp.html`);
    assert.match(response.headers()['content-security-policy'], /'strict-dynamic'.*require-trusted-types-for 'script'/);
    await page.getByRole('button', { name: 'Reject all' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.equal(requests.includes('/js/audience.js'), false, 'the gated script was fetched before consent');
    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.waitForFunction(() => window.demoAudienceRuns === 1);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.injected ?? false), false, 'the comment’s markup, without the nonce, ran');
    assert.ok(visitor.warnings.some((line) => /nonce/.test(line)), 'discret did not say why it refused the comment’s script');
    assert.deepEqual(await page.evaluate(() => window.violations), [], 'the page reported CSP violations');
    await visitor.close();
  });
});
