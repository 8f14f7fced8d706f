// Writes the screenshots in docs/ from the demo, served from the built
// bundle: `npm run build && node scripts/screenshots.mjs`. Each shot is a new
// visitor (empty profile) in headless Chromium, 1280×800 unless said,
// cropped to the element it is about.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/server.mjs';
import { chromiumPath, CHROMIUM_ARGS } from './chromium.mjs';

const docs = resolve(fileURLToPath(new URL('../docs', import.meta.url)));
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 375, height: 812 };

const banner = (page) => page.locator('discret-consent [part~="banner"]');
const widget = (page) => page.locator('demo-chat-widget');
const remover = (page) => page.locator('demo-chat-widget discret-delete-conversation');
const center = (page) => page.locator('discret-privacy-center');

/** From a demo site where the visitor just decided, to its "Vos données" page, once the centre shows the record. */
async function toPrivacyCenter(page, path) {
  await page.goto(new URL(path, page.url()).href);
  await center(page).locator('[part="reference"]').waitFor();
  await page.mouse.move(0, 0);
  return center(page);
}

/** The element's box with a margin around it, so that a dialog keeps a little of its backdrop. */
async function around(locator, margin = 24) {
  const box = await locator.boundingBox();
  return { x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin };
}

async function settled(page) {
  await page.evaluate(async () => {
    await window.discret?.consent.ready;
    await document.fonts.ready;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

async function refuseAll(page, english) {
  await page.getByRole('button', { name: english ? 'Reject all' : 'Tout refuser' }).click();
  await banner(page).waitFor({ state: 'detached' });
}

async function openPreferences(page, english) {
  await page.getByRole('button', { name: english ? 'Customise' : 'Personnaliser' }).click();
  const dialog = page.locator('discret-consent [part~="dialog"]');
  await dialog.waitFor();
  return dialog;
}

async function converse(page, text) {
  await widget(page).getByRole('textbox').fill(text);
  await widget(page).locator('button[type="submit"]').click();
  await widget(page).locator('.message').last().waitFor();
}

/**
 * name → what to open and what to keep. `shoot` returns a locator to crop
 * to, a clip rectangle, or nothing for the whole viewport.
 */
const SHOTS = {
  'consent-banner-fr': { path: '/fly-me.html', shoot: (page) => banner(page) },
  'consent-banner-en': { path: '/fly-me.html?lang=en', shoot: (page) => banner(page) },
  'consent-banner-dark': { path: '/fly-me.html', scheme: 'dark', shoot: (page) => banner(page) },
  'consent-banner-mobile': { path: '/fly-me.html', viewport: MOBILE },
  'consent-banner-mobile-orbitalyntra': { path: '/orbitalyntra.html', viewport: MOBILE },
  'consent-preferences-mobile': { path: '/orbitalyntra.html', viewport: MOBILE, shoot: async (page) => void (await openPreferences(page, false)) },
  'consent-preferences-fr': { path: '/orbitalyntra.html', shoot: async (page) => around(await openPreferences(page, false)) },
  'consent-preferences-en': { path: '/orbitalyntra.html?lang=en', shoot: async (page) => around(await openPreferences(page, true)) },
  'consent-preferences-dark': { path: '/orbitalyntra.html', scheme: 'dark', shoot: async (page) => around(await openPreferences(page, false)) },
  'chat-notice-text-fr': {
    path: '/fly-me.html',
    shoot: async (page) => {
      await refuseAll(page, false);
      return widget(page);
    },
  },
  'chat-notice-text-en': {
    path: '/fly-me.html?lang=en',
    shoot: async (page) => {
      await refuseAll(page, true);
      return widget(page);
    },
  },
  'chat-notice-voice-fr': {
    path: '/vox.html',
    shoot: async (page) => {
      await refuseAll(page, false);
      return widget(page);
    },
  },
  'chat-notice-voice-en': {
    path: '/vox.html?lang=en',
    shoot: async (page) => {
      await refuseAll(page, true);
      return widget(page);
    },
  },
  'chat-notice-expanded-fr': {
    path: '/orbitalyntra.html',
    shoot: async (page) => {
      await refuseAll(page, false);
      await widget(page).getByRole('button', { name: 'En savoir plus' }).click();
      return widget(page);
    },
  },
  'chat-notice-acknowledged-fr': {
    path: '/fly-me.html',
    shoot: async (page) => {
      await refuseAll(page, false);
      await widget(page).getByRole('button', { name: 'En savoir plus' }).click();
      await widget(page).getByRole('button', { name: 'J’ai compris' }).click();
      await widget(page).getByText('C’est noté').waitFor();
      // The chat input takes the focus; its ring is not what the picture is about.
      await page.evaluate(() => document.querySelector('demo-chat-widget').shadowRoot.activeElement?.blur());
      return widget(page);
    },
  },
  'delete-confirm-fr': {
    path: '/orbitalyntra.html',
    shoot: async (page) => {
      await refuseAll(page, false);
      await converse(page, 'Comment installer le widget ?');
      await remover(page).getByRole('button', { name: 'Supprimer la conversation' }).click();
      const dialog = remover(page).locator('[part="dialog"]');
      await dialog.waitFor();
      // The dialog's first button has the focus; its ring is not what the picture is about.
      await page.evaluate(() => document.activeElement?.blur?.());
      return around(dialog);
    },
  },
  'delete-done-fr': {
    // Orbitalyntra77 schedules its erasures (delete-scheduled-fr); this demo's backend deletes at once.
    path: '/rgpd.html',
    shoot: async (page) => {
      await refuseAll(page, false);
      await converse(page, 'Comment supprimer mon compte ?');
      await remover(page).getByRole('button', { name: 'Supprimer la conversation' }).click();
      await remover(page).getByRole('button', { name: 'Supprimer', exact: true }).click();
      await page.waitForFunction(() => document.querySelector('demo-chat-widget').shadowRoot.querySelector('discret-delete-conversation').receipt?.status === 'deleted');
      await remover(page).locator('[part="receipt"] summary').click();
      await page.mouse.move(0, 0);
      return widget(page);
    },
  },
  'delete-scheduled-fr': {
    path: '/orbitalyntra.html',
    shoot: async (page) => {
      await refuseAll(page, false);
      await converse(page, 'Comment installer le widget ?');
      await remover(page).getByRole('button', { name: 'Supprimer la conversation' }).click();
      await remover(page).getByRole('button', { name: 'Supprimer', exact: true }).click();
      await page.waitForFunction(() => document.querySelector('demo-chat-widget').shadowRoot.querySelector('discret-delete-conversation').receipt?.status === 'scheduled');
      await remover(page).locator('[part="receipt"] summary').click();
      await page.mouse.move(0, 0);
      return widget(page);
    },
  },
  'privacy-center-fr': {
    path: '/fly-me.html',
    shoot: async (page) => {
      await page.getByRole('button', { name: 'Tout accepter' }).click();
      await widget(page).getByRole('button', { name: 'J’ai compris' }).click();
      await widget(page).getByText('C’est noté').waitFor();
      return toPrivacyCenter(page, '/donnees-fly-me.html');
    },
  },
  'privacy-center-en': {
    path: '/orbitalyntra.html?lang=en',
    shoot: async (page) => {
      const dialog = await openPreferences(page, true);
      await dialog.getByRole('switch', { name: 'Visitor tracking and analytics' }).check();
      await dialog.getByRole('button', { name: 'Save my choices' }).click();
      await banner(page).waitFor({ state: 'detached' });
      return toPrivacyCenter(page, '/donnees-orbitalyntra.html?lang=en');
    },
  },
  'privacy-center-dark': {
    path: '/rgpd.html',
    scheme: 'dark',
    shoot: async (page) => {
      await refuseAll(page, false);
      return toPrivacyCenter(page, '/donnees-rgpd.html');
    },
  },
  'privacy-center-erase-fr': {
    path: '/fly-me.html',
    shoot: async (page) => {
      await refuseAll(page, false);
      await toPrivacyCenter(page, '/donnees-fly-me.html');
      await center(page).getByRole('button', { name: 'Effacer ce que ce site garde dans ce navigateur' }).click();
      const dialog = center(page).locator('[part="dialog"]');
      await dialog.waitFor();
      // The dialog's first button has the focus; its ring is not what the picture is about.
      await page.evaluate(() => document.activeElement?.blur?.());
      return around(dialog);
    },
  },
  'consent-exempt-fr': {
    path: '/rgpd.html',
    shoot: async (page) => {
      const dialog = await openPreferences(page, false);
      await page.evaluate(() => document.activeElement?.blur?.());
      return around(dialog);
    },
  },
  // A vendor and the table of its cookies, in the preferences: the analytics service of the Orbitalyntra77 demo.
  'consent-vendors-fr': {
    path: '/orbitalyntra.html',
    shoot: async (page) => {
      const dialog = await openPreferences(page, false);
      await page.evaluate(() => document.activeElement?.blur?.());
      return dialog.locator('[part~="service"]').first();
    },
  },
  'consent-vendors-320': {
    path: '/orbitalyntra.html',
    viewport: { width: 320, height: 640 },
    shoot: async (page) => {
      const dialog = await openPreferences(page, false);
      await page.evaluate(() => document.activeElement?.blur?.());
      await dialog.locator('[part~="cookie-table"]').first().evaluate((table) => table.scrollIntoView({ block: 'center' }));
    },
  },
  'embed-placeholder-fr': {
    path: '/',
    shoot: async (page) => {
      await refuseAll(page, false);
      const placeholder = page.locator('discret-embed-placeholder');
      await placeholder.waitFor();
      await page.mouse.move(0, 0);
      // The section holding it, below the fold: a locator's own screenshot scrolls to it.
      return page.locator('section[aria-labelledby="video-title"]');
    },
  },
  'demo-index': { path: '/' },
  'demo-fly-me': { path: '/fly-me.html' },
  'demo-orbitalyntra': { path: '/orbitalyntra.html' },
  'demo-rgpd': { path: '/rgpd.html' },
  'demo-vox': { path: '/vox.html' },
};

mkdirSync(docs, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'discret-screenshots-'));
const server = await startDemoServer({ port: 0, dataDir });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
const only = process.argv.slice(2);
let total = 0;
try {
  for (const [name, { path, scheme = 'light', viewport = DESKTOP, shoot }] of Object.entries(SHOTS)) {
    if (only.length && !only.includes(name)) continue;
    const context = await browser.newContext({ viewport, colorScheme: scheme, locale: 'fr-FR', reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`${name}: ${error.message}`));
    await page.goto(`${server.url}${path}`);
    if (path !== '/' || name === 'demo-index') await banner(page).waitFor();
    await settled(page);
    const target = shoot ? await shoot(page) : null;
    await settled(page);
    const file = join(docs, `${name}.png`);
    const options = { path: file, animations: 'disabled', caret: 'hide' };
    if (target && typeof target.screenshot === 'function') await target.screenshot(options);
    else await page.screenshot({ ...options, ...(target && { clip: target }) });
    const size = statSync(file).size;
    total += size;
    console.log(`docs/${name}.png  ${Math.round(size / 1024)} KB`);
    await context.close();
  }
  console.log(`${Math.round(total / 1024)} KB in all`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
