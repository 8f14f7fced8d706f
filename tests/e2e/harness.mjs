// What every end-to-end test needs: the demo server on a free port with its
// own data folder, and a fresh headless Chromium context that records every
// request the page makes.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startDemoServer } from '../../demo/server.mjs';
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

const axeSource = createRequire(import.meta.url)('axe-core').source;

export async function startDemo() {
  const dataDir = mkdtempSync(join(tmpdir(), 'discret-e2e-'));
  const server = await startDemoServer({ port: 0, dataDir });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  return {
    url: server.url,
    dataDir,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new visitor: empty IndexedDB and cookies, every request and console warning recorded. */
export async function newVisitor(demo, { gpc = false, locale = 'fr-FR', colorScheme = 'light' } = {}) {
  const context = await demo.browser.newContext({ locale, colorScheme });
  if (gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const page = await context.newPage();
  const requests = [];
  const warnings = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  page.on('pageerror', (error) => warnings.push(`pageerror: ${error.message}`));
  return { context, page, requests, warnings, close: () => context.close() };
}

/** axe-core's violations on the page as it is now (shadow roots included). */
export async function axeViolations(page) {
  // Evaluated through the debugging protocol, so a strict CSP on the page does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The conversations the demo backend holds on disk, by id. */
export function storedConversations(demo) {
  try {
    return JSON.parse(readFileSync(join(demo.dataDir, 'conversations.json'), 'utf8')).conversations;
  } catch (error) {
    if (error.code === 'ENOENT') return {};
    throw error;
  }
}

/** What has the keyboard focus, looking inside shadow roots: tag, part, id, name. */
export function focused(page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return null;
    const labelled = active.id && active.getRootNode().querySelector?.(`label[for="${active.id}"]`);
    return {
      tag: active.tagName.toLowerCase(),
      part: active.getAttribute('part') ?? '',
      id: active.id,
      name: (active.getAttribute('aria-label') || labelled?.textContent || active.textContent || '').trim().replace(/\s+/g, ' '),
    };
  });
}

/**
 * Presses `key` (Tab, Shift+Tab) until the focused element matches, as a
 * keyboard user would; fails after `max` presses.
 */
export async function pressUntilFocused(page, key, matches, { max = 60 } = {}) {
  const seen = [];
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (now && matches(now)) return now;
    seen.push(now ? `${now.tag}[${now.part || now.id}] ${now.name.slice(0, 30)}` : 'body');
  }
  throw new Error(`${key} never reached the element; focus went through:\n  ${seen.join('\n  ')}`);
}
