// What every end-to-end test needs: the demo server on a free port with its
// own data folder, and a fresh headless Chromium context that records every
// request the page makes.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
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
export async function newVisitor(demo, { gpc = false, locale = 'fr-FR' } = {}) {
  const context = await demo.browser.newContext({ locale });
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
