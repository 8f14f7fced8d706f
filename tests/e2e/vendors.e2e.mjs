// Vendors and their cookies on the Orbitalyntra77 demo (seed 001: "prestataires
// de services tiers … outils d'analyse"), as its visitors meet them: the
// built script-tag bundle, in French and in English, by mouse and keyboard.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, focused, newVisitor, pressUntilFocused, startDemo } from './harness.mjs';

/** A table's cells as text, row by row, header row first. */
const cells = (table) =>
  table.evaluate((element) => [...element.rows].map((row) => [...row.cells].map((cell) => cell.textContent.replace(/\s+/g, ' ').trim())));

const cookieNames = (page) => page.evaluate(() => document.cookie.split(';').map((pair) => pair.split('=')[0].trim()).filter(Boolean));

describe('vendors and cookie tables on /orbitalyntra.html (built bundle)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('shows the analytics provider, its country and safeguard, and a table of its cookies, in French', async () => {
    const visitor = await newVisitor(demo);
    const { page, warnings } = visitor;
    await page.goto(`${demo.url}/orbitalyntra.html`);
    await page.getByRole('button', { name: 'Personnaliser' }).click();
    const dialog = page.getByRole('dialog', { name: 'Préférences de confidentialité' });
    await dialog.waitFor();
    const table = dialog.getByRole('table', { name: 'Cookies de « Suivi des visiteurs Orbitalyntra77 »' });
    assert.deepEqual(await cells(table), [
      ['Cookie', 'Finalité', 'Durée', 'Domaine'],
      ['orb_vt_id', 'Identifiant aléatoire qui relie les pages d’une visite et les visites suivantes.', '13 mois', '.orbitalyntra77.example'],
      ['cookies commençant par orb_vt_ses', 'La visite en cours : pages vues et temps passé.', '30 minutes', '.orbitalyntra77.example'],
    ]);
    const provider = dialog.getByRole('link', { name: 'Statlyn Analytics Inc.' });
    assert.equal(await provider.getAttribute('href'), 'https://statlyn.example/privacy');
    const details = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert.match(details, /États-Unis/);
    assert.match(details, /Clauses contractuelles types/);
    assert.match(details, /Cookies : cookies commençant par orb_vt_/, 'the purpose’s own prefix reads in words');
    assert.doesNotMatch(details, /orb_vt_\*/);
    assert.deepEqual(await axeViolations(page), [], 'axe violations with the cookie tables');
    assert.deepEqual(warnings, []);
    await visitor.close();
  });

  it('says the same in English with ?lang=en', async () => {
    const visitor = await newVisitor(demo, { locale: 'en-GB' });
    const { page, warnings } = visitor;
    await page.goto(`${demo.url}/orbitalyntra.html?lang=en`);
    await page.getByRole('button', { name: 'Customise' }).click();
    const dialog = page.getByRole('dialog', { name: 'Privacy preferences' });
    const table = dialog.getByRole('table', { name: 'Cookies of “Orbitalyntra77 visitor tracking”' });
    await table.waitFor();
    assert.deepEqual((await cells(table))[0], ['Cookie', 'Purpose', 'Duration', 'Domain']);
    assert.deepEqual((await cells(table))[1], ['orb_vt_id', 'A random identifier linking the pages of a visit, and later visits.', '13 months', '.orbitalyntra77.example']);
    assert.match((await dialog.innerText()).replace(/\s+/g, ' '), /United States/);
    assert.deepEqual(warnings, []);
    await visitor.close();
  });

  it('reaches the provider’s policy with the keyboard, and fits a 320 px screen', async () => {
    const visitor = await newVisitor(demo);
    const { page } = visitor;
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${demo.url}/orbitalyntra.html`);
    await page.getByRole('button', { name: 'Personnaliser' }).click();
    await page.getByRole('dialog', { name: 'Préférences de confidentialité' }).waitFor();
    const link = await pressUntilFocused(page, 'Tab', (now) => now.part === 'provider-link');
    assert.equal(link.name, 'Statlyn Analytics Inc.');
    const overflow = await page.evaluate(() => {
      const dialog = document.querySelector('discret-consent').shadowRoot.querySelector('dialog[open]');
      const body = dialog.querySelector('.body');
      const table = dialog.querySelector('table').getBoundingClientRect();
      return { body: body.scrollWidth - body.clientWidth, dialog: dialog.scrollWidth - dialog.clientWidth, tableInside: table.left >= 0 && table.right <= 320 };
    });
    assert.deepEqual(overflow, { body: 0, dialog: 0, tableInside: true }, 'nothing in the dialog scrolls sideways');
    assert.equal((await focused(page)).part, 'provider-link');
    await visitor.close();
  });

  it('clears the described cookies when the visitor withdraws the analytics purpose', async () => {
    const visitor = await newVisitor(demo);
    const { page, warnings } = visitor;
    await page.goto(`${demo.url}/orbitalyntra.html`);
    await page.getByRole('button', { name: 'Tout accepter' }).click();
    await page.waitForFunction(() => window.demoRuns?.['visitor-tracking'] === 1);
    // The demo script sets orb_vt_id; a session cookie of the same tool stands beside it.
    await page.evaluate(() => (document.cookie = 'orb_vt_ses_1=1; path=/'));
    assert.ok((await cookieNames(page)).includes('orb_vt_id'));

    await page.getByRole('button', { name: 'Gérer les cookies' }).click();
    const dialog = page.getByRole('dialog', { name: 'Préférences de confidentialité' });
    await dialog.getByRole('switch', { name: 'Suivi des visiteurs Orbitalyntra77', exact: true }).uncheck();
    await dialog.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => !document.cookie.includes('orb_vt_'));
    assert.equal(await page.evaluate(() => window.discret.consent.granted('analytics/visitor-tracking')), false);
    assert.ok((await cookieNames(page)).includes('orb_pref'), 'the personalisation cookie, still granted, stays');
    assert.deepEqual(warnings, []);
    await visitor.close();
  });
});
