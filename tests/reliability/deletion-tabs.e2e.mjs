// One deletion, one DELETE at a time, whatever the tabs do (issue 9): two
// pages of one browser context (one IndexedDB, one lock manager) against the
// demo server, whose chat backend counts the DELETE requests it really
// receives and can hold its answers back, as a slow network does.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../../demo/server.mjs';
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

let server;
let browser;
let dataDir;
const contexts = new Set();

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'discret-e2e-tabs-'));
  server = await startDemoServer({ port: 0, dataDir });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  server.backend.hold(false);
  for (const context of contexts) await context.close();
  contexts.clear();
});

/** Waits for `check` to hold, looking again every few milliseconds. */
async function until(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A visitor's browser: one profile, any number of tabs; page errors and [discret] warnings recorded. */
async function visitor() {
  const context = await browser.newContext({ locale: 'fr-FR' });
  contexts.add(context);
  const problems = [];
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => message.type() === 'warning' && problems.push(message.text()));
  });
  return { context, problems };
}

/** Opens Fly Me, refuses the optional purposes, chats once; the conversation's id. */
async function chatOnFlyMe(context) {
  const page = await context.newPage();
  await page.goto(`${server.url}/fly-me.html`);
  await page.getByRole('button', { name: 'Tout refuser' }).click();
  const widget = page.locator('demo-chat-widget');
  await widget.getByRole('button', { name: 'J’ai compris' }).click();
  await widget.getByRole('textbox').fill('Un vol pour Lisbonne');
  await widget.getByRole('button', { name: 'Envoyer' }).click();
  await widget.getByText(/chercher des vols/).waitFor();
  return { page, id: await page.evaluate(() => document.querySelector('demo-chat-widget').conversationId) };
}

async function askDeletion(page) {
  const remover = page.locator('demo-chat-widget discret-delete-conversation');
  await remover.getByRole('button', { name: 'Supprimer la conversation' }).click();
  await remover.getByRole('dialog').getByRole('button', { name: 'Supprimer', exact: true }).click();
}

/** The receipt of `id` as stored in this browser, read straight from IndexedDB (nothing of discret's is loaded for it). */
const receiptIn = (page, id) =>
  page.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('discret');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('state').objectStore('state').get(`receipt:${id}`);
          get.onsuccess = () => {
            db.close();
            resolve(get.result ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    id,
  );

/** Whether a tab of this origin waits for another's deletion lock. */
const waitsForLock = (page) => page.evaluate(async () => ((await navigator.locks.query()).pending ?? []).some((lock) => lock.name.startsWith('discret')));

/**
 * Opens two tabs at once while the server holds its DELETE answers back;
 * lets the answers go once a second DELETE arrived or a tab waits for the
 * other's lock. Resolves with the two tabs.
 */
async function openTwoTabsTogether(context) {
  const backend = server.backend;
  backend.hold(true);
  const tabs = await Promise.all([context.newPage(), context.newPage()]);
  await Promise.all(tabs.map((tab) => tab.goto(`${server.url}/fly-me.html`)));
  await until(
    async () => backend.held >= 2 || (backend.held >= 1 && (await waitsForLock(tabs[0]))),
    'one tab sent the deletion and the other sent it too or waited',
  );
  backend.hold(false);
  return tabs;
}

const settled = (receipt) => receipt !== null && !['pending', 'queued'].includes(receipt.status);

describe('reliability: deletion — a deletion and the tabs of one browser (built bundle, demo backend)', () => {
  it('two tabs opening together send a queued deletion once', async () => {
    const { context, problems } = await visitor();
    const { page, id } = await chatOnFlyMe(context);
    server.backend.failDeletes(1, 503);
    await askDeletion(page);
    await until(async () => (await receiptIn(page, id))?.status === 'queued', 'the deletion was queued after the 503');
    await page.close();

    const tabs = await openTwoTabsTogether(context);
    for (const tab of tabs) await until(async () => settled(await receiptIn(tab, id)), 'both tabs read the answer');
    assert.equal(server.backend.deletesReceived(id), 2, 'the 503, then one DELETE');
    for (const tab of tabs) assert.deepEqual(await receiptIn(tab, id), await receiptIn(tabs[0], id));
    assert.equal((await receiptIn(tabs[0], id)).status, 'deleted');
    assert.deepEqual(problems, []);
  });

  it('a deletion made in one tab shows in the other, whose transcript goes', async () => {
    const { context, problems } = await visitor();
    const { page: tabA, id } = await chatOnFlyMe(context);
    const tabB = await context.newPage();
    await tabB.goto(`${server.url}/fly-me.html`);
    const transcriptB = tabB.locator('demo-chat-widget .message');
    await until(async () => (await transcriptB.count()) === 2, 'tab B shows the conversation');
    const removerB = tabB.locator('demo-chat-widget discret-delete-conversation');
    await until(() => removerB.evaluate((el) => el.conversationId !== '' && el.hasUpdated), 'tab B’s delete control is ready');

    await askDeletion(tabA);
    await until(() => removerB.evaluate((el) => el.receipt?.status === 'deleted'), 'tab B shows the deletion');
    assert.match(await removerB.locator('[part="status"]').innerText(), /^Conversation supprimée par le service le /);
    await until(async () => (await transcriptB.count()) === 0, 'tab B’s transcript goes');
    assert.equal(server.backend.deletesReceived(id), 1);
    assert.deepEqual(problems, []);
  });

  it('a page closed mid-request, reopened in two tabs, sends the deletion once more, not twice', async () => {
    const { context, problems } = await visitor();
    const { page, id } = await chatOnFlyMe(context);
    server.backend.hold(true);
    await askDeletion(page);
    await until(() => server.backend.held === 1, 'the DELETE reached the server');
    // The server deleted it, but its answer never reaches the page, which closes.
    await page.close();
    server.backend.hold(false);
    // A page of the origin without discret, which would send the request again.
    const left = await context.newPage();
    await left.goto(`${server.url}/demo.css`);
    assert.equal((await receiptIn(left, id)).status, 'pending', 'the closed page left its request under way');
    await left.close();

    const tabs = await openTwoTabsTogether(context);
    for (const tab of tabs) await until(async () => settled(await receiptIn(tab, id)), 'both tabs read the answer');
    assert.equal(server.backend.deletesReceived(id), 2, 'the interrupted DELETE, then one more');
    const receipt = await receiptIn(tabs[0], id);
    assert.equal(receipt.status, 'nothing-to-delete', 'the second DELETE found nothing left: it says so, not “deleted”');
    assert.deepEqual(await receiptIn(tabs[1], id), receipt);
    assert.deepEqual(problems, []);
  });
});
