// Issue 11 on the built bundle and a seed demo: one bilingual block. The Fly
// Me page writes its purposes once, in French with `label-en` and
// `description-en`; when the page switches to English without a reload (it
// sets <html lang>), the banner, its labels, the preferences and the chat
// notice speak English at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, newVisitor, startDemo } from './harness.mjs';

const banner = (page) => page.locator('discret-consent [part~="banner"]');
const notice = (page) => page.locator('demo-chat-widget discret-chat-notice');

describe('a bilingual demo page switching language without a reload (built bundle)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('shows the French block to a French visitor, then every element in English once <html lang> is "en"', async () => {
    const visitor = await newVisitor(demo);
    const { page, warnings } = visitor;
    await page.goto(`${demo.url}/fly-me.html`);
    await banner(page).getByRole('button', { name: 'Tout refuser' }).waitFor();
    assert.match(await banner(page).locator('[part="text"]').textContent(), /«\sMesure d’audience\s»/);
    await notice(page).getByText('Vous échangez avec un assistant automatisé').waitFor();

    await page.evaluate(() => (document.documentElement.lang = 'en'));
    await banner(page).getByRole('button', { name: 'Reject all' }).waitFor();
    assert.match(await banner(page).locator('[part="text"]').textContent(), /“Audience measurement”/);
    await notice(page).getByText('You are chatting with an automated assistant').waitFor();

    await banner(page).getByRole('button', { name: 'Customise' }).click();
    const dialog = page.getByRole('dialog', { name: 'Privacy preferences' });
    await dialog.getByRole('switch', { name: 'Audience measurement' }).waitFor();
    assert.match(await dialog.textContent(), /Counting visits and pages viewed/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(warnings, []);
    await visitor.close();
  });
});
