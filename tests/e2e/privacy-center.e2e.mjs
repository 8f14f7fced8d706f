// The "Vos données" page of a demo site, as its visitor meets it: the built
// bundle, the demo chat widget and backend, in headless Chromium. The visitor
// decides on the site, finds it in their privacy centre, downloads it,
// withdraws, erases, and is asked again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { axeViolations, focused, newVisitor, startDemo } from './harness.mjs';
import { usePages } from './pages.mjs';

const banner = (page) => page.locator('discret-consent [part~="banner"]');
const center = (page) => page.locator('discret-privacy-center');
/** Each purpose and service the centre lists, with its state: "Mesure d’audience accepté". */
const choices = (page) =>
  center(page)
    .locator('[part="choice"]')
    .evaluateAll((rows) => rows.map((row) => `${row.querySelector(':scope > .label').textContent} ${row.querySelector(':scope > [part="granted"], :scope > [part="refused"]').textContent}`));

/** The keys discret's IndexedDB database holds now. */
const storedKeys = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('discret');
        request.onupgradeneeded = () => request.result.createObjectStore('state');
        request.onsuccess = () => {
          const db = request.result;
          const keys = db.transaction('state').objectStore('state').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve(keys.result.map(String).sort());
          };
          keys.onerror = () => reject(keys.error);
        };
        request.onerror = () => reject(request.error);
      }),
  );

describe('the privacy centre on a demo site (dist/discret.js)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('shows the decision and the chat acknowledgement, downloads them, withdraws, erases, and the banner is back', async () => {
    const visitor = await newVisitor(demo, { locale: 'fr-FR' });
    const { page, requests, warnings } = visitor;
    try {
      // On the site: accept, and acknowledge the chat notice.
      await page.goto(`${demo.url}/fly-me.html`);
      await page.getByRole('button', { name: 'Tout accepter' }).click();
      await banner(page).waitFor({ state: 'detached' });
      await page.locator('demo-chat-widget').getByRole('button', { name: 'J’ai compris' }).click();
      await page.locator('demo-chat-widget').getByText('C’est noté').waitFor();
      assert.deepEqual(requests.filter((path) => path.startsWith('/dist/ui/privacy')), [], 'a page without the centre fetched its chunk');
      const id = await page.evaluate(() => window.discret.consent.record.id);

      // On "Vos données", reached from the footer.
      await page.getByRole('link', { name: 'Vos données' }).click();
      await page.waitForURL('**/donnees-fly-me.html');
      await center(page).locator('[part="reference"]').waitFor();
      assert.equal(await center(page).locator('[part="reference"]').textContent(), id);
      await center(page).getByText('Assistant Fly Me\u00a0: information lue et confirmée le').waitFor();
      assert.deepEqual(await choices(page), ['Strictement nécessaires accepté', 'Mesure d’audience accepté']);
      assert.equal(await banner(page).count(), 0, 'no banner for a decision in force');
      assert.deepEqual(await axeViolations(page), []);

      // Download: one JSON file named with the date, holding the record, the history and the acknowledgement.
      const [download] = await Promise.all([page.waitForEvent('download'), center(page).getByRole('button', { name: 'Télécharger mes données (JSON)' }).click()]);
      assert.match(download.suggestedFilename(), /^mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
      const day = await page.evaluate(() => [new Date().getFullYear(), new Date().getMonth() + 1, new Date().getDate()].map((n) => String(n).padStart(2, '0')).join('-'));
      assert.equal(download.suggestedFilename(), `mes-donnees-${day}.json`);
      const data = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(data.record.id, id);
      assert.equal(data.inForce, true);
      assert.deepEqual(data.history.map((entry) => entry.method), ['accept-all']);
      assert.deepEqual(data.acknowledgements.map((ack) => ack.noticeId), ['flyme']);
      assert.deepEqual(data.receipts, []);

      // Change my choices, from the keyboard: the preferences open, and Escape brings the focus back.
      await center(page).getByRole('button', { name: 'Modifier mes choix' }).focus();
      await page.keyboard.press('Enter');
      const preferences = page.getByRole('dialog', { name: 'Préférences de confidentialité' });
      await preferences.waitFor();
      assert.equal(await preferences.getByRole('switch', { name: 'Mesure d’audience' }).isChecked(), true);
      await page.keyboard.press('Escape');
      await preferences.waitFor({ state: 'hidden' });
      assert.equal((await focused(page))?.part, 'button change-button');

      // Withdraw: nothing is granted any more, and the banner asks again.
      await center(page).getByRole('button', { name: 'Retirer tout mon consentement' }).click();
      await page.getByRole('button', { name: 'Tout refuser' }).waitFor();
      assert.equal(await page.evaluate(() => window.discret.consent.granted('analytics')), false);
      await center(page).getByText('Vous avez retiré votre consentement le').waitFor();
      assert.deepEqual(await axeViolations(page), []);

      // Erase, after confirming in a dialog.
      await center(page).getByRole('button', { name: 'Effacer ce que ce site garde dans ce navigateur' }).click();
      const dialog = center(page).getByRole('dialog', { name: 'Effacer vos données de ce navigateur\u202f?' });
      await dialog.waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await dialog.getByRole('button', { name: 'Effacer', exact: true }).click();
      await center(page).getByText('Vos données ont été effacées de ce navigateur.').waitFor();
      assert.deepEqual(await storedKeys(page), []);
      assert.equal(await page.evaluate(() => localStorage.getItem('demo-chat:conversation:flyme')), null);
      await page.getByRole('button', { name: 'Tout refuser' }).waitFor();
      assert.deepEqual(await axeViolations(page), []);

      // The next page knows nothing: the banner asks, the centre shows no decision and no history.
      await page.reload();
      await page.getByRole('button', { name: 'Tout refuser' }).waitFor();
      await center(page).getByText('Vous n’avez encore rien décidé sur ce site').waitFor();
      await center(page).getByText('Aucun choix enregistré dans ce navigateur.').waitFor();
      assert.equal(await page.evaluate(() => window.discret.consent.record), null);
      assert.deepEqual(warnings.filter((line) => line.startsWith('pageerror')), []);
    } finally {
      await visitor.close();
    }
  });

  for (const [site, analytics] of [
    ['fly-me', 'Mesure d’audience'],
    ['orbitalyntra', 'Suivi des visiteurs et analyses'],
    ['rgpd', 'Mesure d’audience et des performances'],
    ['vox', 'Mesure d’audience'],
  ]) {
    it(`/${site}.html links its “Vos données” page, which shows the refusal just made, axe-clean`, async () => {
      const visitor = await newVisitor(demo, { locale: 'fr-FR' });
      const { page } = visitor;
      try {
        await page.goto(`${demo.url}/${site}.html`);
        await page.getByRole('button', { name: 'Tout refuser' }).click();
        const id = await (await page.waitForFunction(() => window.discret.consent.record?.id)).jsonValue();
        await page.getByRole('contentinfo').getByRole('link', { name: 'Vos données' }).click();
        await page.waitForURL(`**/donnees-${site}.html`);
        await center(page).locator('[part="reference"]', { hasText: id }).waitFor();
        assert.ok((await choices(page)).includes(`${analytics} refusé`));
        await center(page).getByText('avec «\u00a0Tout refuser\u00a0»').first().waitFor();
        assert.deepEqual(await axeViolations(page), []);
      } finally {
        await visitor.close();
      }
    });
  }

  it('follows, in English, a decision made in another tab', async () => {
    const visitor = await newVisitor(demo, { locale: 'en-GB' });
    const { page, context } = visitor;
    try {
      await page.goto(`${demo.url}/donnees-orbitalyntra.html?lang=en`);
      await center(page).getByText('You have not decided anything on this site yet').waitFor();
      const other = await context.newPage();
      await other.goto(`${demo.url}/orbitalyntra.html?lang=en`);
      await other.getByRole('button', { name: 'Reject all' }).click();
      // The click resolves before the decision is stored: its record is there once it is.
      const id = await (await other.waitForFunction(() => window.discret.consent.record?.id)).jsonValue();
      await center(page).locator('[part="reference"]', { hasText: id }).waitFor();
      await center(page).getByText('with “Reject all”').first().waitFor();
      assert.deepEqual(
        await choices(page),
        [
          'Strictly necessary granted',
          'Visitor tracking and analytics refused',
          'Orbitalyntra77 visitor tracking refused',
          'Personalisation refused',
          'Display and help preferences refused',
        ],
      );
    } finally {
      await visitor.close();
    }
  });
});

describe('the privacy centre on a page that reloads on withdrawal', () => {
  const pages = usePages();
  const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your data</title>
<script src="/dist/discret.js" data-reload-on-withdraw></script></head>
<body>
<discret-consent revision="r1"><discret-purpose name="analytics" label="Audience"></discret-purpose></discret-consent>
<main><h1>Your data</h1><discret-privacy-center lang="en"></discret-privacy-center></main>
<script type="text/plain" data-purpose="analytics" src="/gated.js?name=audience"></script>
</body></html>`;

  it('erases even when the withdrawal reloads the page: the page that comes back runs nothing and finishes the erase', async () => {
    const { page } = await pages.visit();
    await page.goto(pages.server.page('/donnees.html', PAGE));
    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.waitForFunction(() => window.gatedRuns?.includes('audience'));
    await center(page).locator('[part="reference"]').waitFor();
    await center(page).getByRole('button', { name: 'Erase what this site keeps in this browser' }).click();
    const reloaded = page.waitForEvent('framenavigated');
    await center(page).getByRole('dialog').getByRole('button', { name: 'Erase', exact: true }).click();
    await reloaded;
    await page.getByRole('button', { name: 'Reject all' }).waitFor();
    await page.waitForFunction(() => sessionStorage.getItem('discret:erase-pending') === null);
    assert.deepEqual(await storedKeys(page), []);
    await center(page).getByText('You have not decided anything on this site yet').waitFor();
    await center(page).getByText('No choice recorded in this browser.').waitFor();
    assert.equal(await page.evaluate(() => window.gatedRuns), undefined, 'the gated script ran again after the erase');
    assert.equal(await page.evaluate(() => window.discret.consent.granted('analytics')), false);
  });
});
