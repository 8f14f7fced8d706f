// Deletion that takes time, on the Orbitalyntra77 demo (seed 001), with the
// built bundle, the demo chat widget and the real demo backend: its
// conversations are erased 30 days after the request (`deletion="scheduled"`),
// and its backups keep them 30 more days (`delete-backup-retention="P30D"`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, newVisitor, startDemo, storedConversations } from './harness.mjs';

const widget = (page) => page.locator('demo-chat-widget');
const remover = (page) => page.locator('demo-chat-widget discret-delete-conversation');
const flat = (text) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const receiptStatus = (page) =>
  page.evaluate(() => document.querySelector('demo-chat-widget').shadowRoot.querySelector('discret-delete-conversation').receipt?.status);

async function assertAccessible(page, state) {
  assert.deepEqual(await axeViolations(page), [], `axe violations ${state}`);
}

/** Chats once, as the visitor would, and returns the conversation's id. */
async function chat(page) {
  await widget(page).getByRole('textbox').fill('Je voudrais parler à un conseiller humain');
  await widget(page).getByRole('button', { name: 'Envoyer' }).click();
  await widget(page).getByText(/conseiller humain de l’équipe support/).waitFor();
  return page.evaluate(() => document.querySelector('demo-chat-widget').conversationId);
}

describe('deletion that takes time on the Orbitalyntra77 demo', () => {
  let demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo?.close());

  it('offline: the transcript leaves the screen at once; back online, “scheduled, erased by <date>”, with the backup period, kept in the receipt and the privacy centre', async () => {
    const visitor = await newVisitor(demo);
    const { context, page, warnings } = visitor;
    await page.goto(`${demo.url}/orbitalyntra.html`);
    await page.getByRole('button', { name: 'Tout refuser' }).click();
    const id = await chat(page);

    await remover(page).getByRole('button', { name: 'Supprimer la conversation' }).click();
    const dialog = remover(page).getByRole('dialog');
    await dialog.waitFor();
    assert.equal(
      flat(await dialog.locator('[part="backup-note"]').innerText()),
      'Les sauvegardes du service peuvent encore contenir la conversation jusqu’à 30 jours après son effacement.',
    );
    await assertAccessible(page, 'in the confirmation');

    // The provider cannot be reached: the local copies go all the same, and the page hears of it.
    const localErased = page.evaluate(
      () =>
        new Promise((resolve) =>
          document.addEventListener('discret-conversation-local-erased', (event) => resolve({ detail: event.detail, messages: document.querySelector('demo-chat-widget').shadowRoot.querySelectorAll('.message').length }), { once: true }),
        ),
    );
    await context.setOffline(true);
    await dialog.getByRole('button', { name: 'Supprimer', exact: true }).click();
    const erased = await localErased;
    assert.equal(erased.detail.conversationId, id);
    assert.deepEqual(erased.detail.keys.sort(), ['demo-chat:conversation:orbitalyntra', `demo-chat:messages:${id}`].sort());
    await page.waitForFunction(() => document.querySelector('demo-chat-widget').shadowRoot.querySelector('discret-delete-conversation').receipt?.status === 'queued');
    assert.equal(await widget(page).locator('.message').count(), 0, 'the transcript left the screen before any answer');
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('demo-chat:'))), []);
    assert.ok(storedConversations(demo)[id], 'the server was not reached');

    const before = Date.now();
    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('demo-chat-widget').shadowRoot.querySelector('discret-delete-conversation').receipt?.status === 'scheduled');
    const erasedBy = storedConversations(demo)[id].erasure.erasedBy;
    const days = (Date.parse(erasedBy) - before) / 86_400_000;
    assert.ok(days > 29.9 && days < 30.1, `erased in ${days} days`);
    const day = new Intl.DateTimeFormat('fr', { dateStyle: 'long' }).format(new Date(erasedBy));
    const status = flat(await remover(page).locator('[part="status"]').innerText());
    assert.equal(status, `Suppression programmée : le service s’engage à effacer la conversation au plus tard le ${day}.`);
    assert.doesNotMatch(status, /supprimée/);
    assert.equal(
      flat(await remover(page).locator('p[part="backup-note"]').first().innerText()),
      'Les sauvegardes du service peuvent encore contenir la conversation jusqu’à 30 jours après son effacement.',
    );
    await remover(page).getByText('Reçu de suppression').click();
    assert.match(flat(await remover(page).locator('[part="receipt"]').innerText()), new RegExp(`État suppression programmée Effacement au plus tard le ${day}`));
    await assertAccessible(page, 'once scheduled');

    // The privacy centre says the same, never "deleted".
    await page.goto(`${demo.url}/donnees-orbitalyntra.html`);
    const receipts = page.locator('discret-privacy-center [part="receipts"]');
    await receipts.waitFor();
    assert.match(flat(await receipts.innerText()), new RegExp(`Conversation ${id}, demandée le .+ : suppression programmée par le service, effacement au plus tard le ${day}\\.`));
    await assertAccessible(page, 'in the privacy centre');
    // The browser's own report of the DELETE sent offline; nothing from discret.
    assert.deepEqual(warnings, ['Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);
    await visitor.close();
  });

  it('with an e-mail verification (the widget set so by the test): “confirm from the e-mail”, and the link the demo shows erases on confirmation', async () => {
    const visitor = await newVisitor(demo, { locale: 'en-GB' });
    const { context, page, warnings } = visitor;
    await page.goto(`${demo.url}/orbitalyntra.html?lang=en`);
    await page.getByRole('button', { name: 'Reject all' }).click();
    await page.evaluate(() => document.querySelector('demo-chat-widget').setAttribute('deletion', 'verification'));
    await widget(page).getByRole('textbox').fill('I would like to talk to a human');
    await widget(page).getByRole('button', { name: 'Send' }).click();
    await widget(page).getByText(/human adviser from the support team/).waitFor();
    const id = await page.evaluate(() => document.querySelector('demo-chat-widget').conversationId);

    await remover(page).getByRole('button', { name: 'Delete this conversation' }).click();
    await remover(page).getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('demo-chat-widget').shadowRoot.querySelector('discret-delete-conversation').receipt?.status === 'awaiting-verification');
    assert.equal(
      flat(await remover(page).locator('[part="status"]').innerText()),
      'Confirm the deletion from the e-mail we sent you; the conversation is erased only once you have confirmed.',
    );
    assert.ok(storedConversations(demo)[id], 'nothing erased before the confirmation');
    const link = widget(page).getByRole('link', { name: 'Confirm the deletion (new tab)' });
    await link.waitFor();
    await assertAccessible(page, 'awaiting the e-mail confirmation');

    const [mail] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await mail.getByRole('button', { name: /Confirm the deletion/ }).waitFor();
    assert.ok(storedConversations(demo)[id], 'opening the link erases nothing');
    await mail.getByRole('button', { name: /Confirm the deletion/ }).click();
    await mail.getByText('The conversation is erased.').waitFor();
    assert.equal(storedConversations(demo)[id], undefined, 'erased once confirmed');
    assert.equal(await receiptStatus(page), 'awaiting-verification', 'the receipt keeps what the provider answered');
    assert.deepEqual(warnings, []);
    await visitor.close();
  });
});
