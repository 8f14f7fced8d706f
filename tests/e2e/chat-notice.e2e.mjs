// What the seed policies say about a conversation, as their visitors read it
// in the chat notice: a retention that is a criterion and its legal-hold
// exceptions (seed 002, /rgpd.html), who may read the conversation and who
// hosts it (seed 000, /fly-me.html). The built script-tag bundle, the demo
// chat widget, headless Chromium.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, newVisitor, pressUntilFocused, startDemo } from './harness.mjs';

const widget = (page) => page.locator('demo-chat-widget');
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ');

/** The notice's details as [label, value] pairs, once the visitor opened them. */
const details = (notice) =>
  notice.locator('[part="details"] dt').evaluateAll((terms) => terms.map((dt) => [dt.textContent, dt.nextElementSibling.textContent]));

/** Refuses the banner, then opens the chat notice's details with the keyboard alone. */
async function openNotice(page, english) {
  await page.getByRole('button', { name: english ? 'Reject all' : 'Tout refuser' }).click();
  await page.locator('discret-consent [part~="banner"]').waitFor({ state: 'detached' });
  const notice = widget(page).locator('discret-chat-notice');
  await pressUntilFocused(page, 'Tab', (element) => element.part === 'more-button');
  await page.keyboard.press('Enter');
  await notice.locator('[part="details"]').waitFor();
  return notice;
}

const disclosureText = (page) =>
  page.evaluate(() => document.querySelector('demo-chat-widget').shadowRoot.querySelector('discret-chat-notice').disclosureText());

describe('the chat notice says what the seed policies say (built bundle, demo widget)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('/rgpd.html: the retention in the policy’s words and its exceptions, in the disclosure and the details, axe-clean', async () => {
    const visitor = await newVisitor(demo);
    const { page, warnings } = visitor;
    await page.goto(`${demo.url}/rgpd.html`);
    const notice = await openNotice(page, false);

    assert.match(
      plain(await notice.locator('[part="disclosure"]').innerText()),
      /Durée de conservation : Tant que cela sera nécessaire ou autorisé au regard des motifs de la collecte/,
    );
    const shown = Object.fromEntries((await details(notice)).map(([label, value]) => [plain(label), plain(value)]));
    assert.equal(shown['Durée de conservation'].startsWith('Tant que cela sera nécessaire'), true);
    assert.match(shown['Exceptions à la durée de conservation'], /obligations juridiques .*facturation, lutte contre la fraude, litiges/);
    assert.match(shown['Prestataires (sous-traitants)'], /^Nos prestataires/);
    assert.deepEqual(await axeViolations(page), [], 'axe, the notice expanded');

    const spoken = plain(await disclosureText(page));
    assert.match(spoken, /Durée de conservation : Tant que cela sera nécessaire.*\. Exceptions à la durée de conservation : Plus longtemps si nos obligations juridiques/);
    assert.match(spoken, /Prestataires \(sous-traitants\) : Nos prestataires/);
    assert.deepEqual(warnings, [], 'no [discret] warning: words are not taken for a broken duration');
    await visitor.close();
  });

  it('/rgpd.html?lang=en: the same, in English', async () => {
    const visitor = await newVisitor(demo);
    const { page, warnings } = visitor;
    await page.goto(`${demo.url}/rgpd.html?lang=en`);
    const notice = await openNotice(page, true);
    const shown = await details(notice);
    assert.deepEqual(
      shown.map(([label]) => label),
      ['Controller', 'Data collected', 'Purposes', 'Retention', 'Exceptions to the retention period', 'Service providers (processors)', 'Stored in'],
    );
    assert.doesNotMatch(shown.flat().join(' '), /Tant que|Plus longtemps|prestataires|Durée/);
    assert.deepEqual(await axeViolations(page), [], 'axe, the English notice expanded');
    assert.deepEqual(warnings, []);
    await visitor.close();
  });

  it('/fly-me.html: who may read the conversation and who hosts it, in the details and in what the notice says aloud', async () => {
    const visitor = await newVisitor(demo);
    const { page, warnings } = visitor;
    await page.goto(`${demo.url}/fly-me.html`);
    const notice = await openNotice(page, false);
    const shown = Object.fromEntries((await details(notice)).map(([label, value]) => [plain(label), plain(value)]));
    assert.equal(
      shown['Qui peut lire vos échanges'],
      'Nos employés, seulement lorsque c’est strictement nécessaire pour fournir le service, et après une formation à la protection de la vie privée',
    );
    assert.equal(shown['Prestataires (sous-traitants)'], 'Microsoft Azure, qui gère les serveurs sécurisés où les données sont stockées');
    assert.deepEqual(await axeViolations(page), []);
    const spoken = plain(await disclosureText(page));
    assert.match(spoken, /Ce service est fourni par Fly Me\. Qui peut lire vos échanges : Nos employés, seulement lorsque c’est strictement nécessaire/);
    assert.match(spoken, /Prestataires \(sous-traitants\) : Microsoft Azure, qui gère les serveurs sécurisés où les données sont stockées\. Vous pouvez/);

    // Collapsed again from the keyboard, focus stays on the button.
    await page.keyboard.press('Enter');
    await notice.locator('[part="details"]').waitFor({ state: 'hidden' });
    assert.equal(await notice.locator('[part="more-button"]').getAttribute('aria-expanded'), 'false');
    assert.deepEqual(warnings, []);
    await visitor.close();
  });
});
