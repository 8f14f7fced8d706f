// A chat widget in a cross-origin iframe (127.0.0.1 host, localhost chat):
// consent goes down and deletions come up by postMessage, and a message from
// an origin that is not allowed is ignored. Built bundle, real backend.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newVisitor, startDemo } from './harness.mjs';

describe('chat widget in a cross-origin iframe (built bundle)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  async function openHost() {
    const visitor = await newVisitor(demo);
    await visitor.page.goto(`${demo.url}/bridge/host.html`);
    const chat = visitor.page.frameLocator('#chat-frame');
    await chat.getByRole('button', { name: 'J’ai compris' }).waitFor();
    const frame = visitor.page.frames().find((candidate) => candidate.url().includes('/bridge/chat.html'));
    assert.ok(frame, 'the chat iframe is loaded');
    assert.notEqual(new URL(frame.url()).origin, new URL(visitor.page.url()).origin, 'the chat is on another origin');
    return { ...visitor, chat, frame };
  }

  it('tells the chat iframe about the host page’s consent decision', async () => {
    const { page, frame, close } = await openHost();
    await page.getByRole('button', { name: 'Tout accepter' }).click();
    await frame.waitForFunction(() => window.demoConsentHeard.length === 1);
    const heard = await frame.evaluate(() => window.demoConsentHeard[0]);
    assert.equal(heard.method, 'accept-all');
    assert.equal(heard.record.purposes.analytics, true);
    await close();
  });

  it('ignores, with a warning, a message from an origin that is not allowed', async () => {
    const { page, warnings, close } = await openHost();
    await page.evaluate(() => {
      const forger = document.createElement('iframe');
      forger.sandbox = 'allow-scripts';
      forger.title = 'forger';
      forger.srcdoc = `<script>parent.postMessage({ discret: 1, type: 'discret-conversation-deleted', detail: { conversationId: 'forged' } }, '*')</script>`;
      document.body.append(forger);
    });
    // The warning is the proof that the message arrived and was turned away.
    const turnedAway = () => warnings.some((text) => /^\[discret\] bridge: message from null ignored/.test(text));
    for (let tries = 0; tries < 50 && !turnedAway(); tries++) await page.waitForTimeout(100);
    assert.ok(turnedAway(), warnings.join('\n'));
    assert.equal(await page.evaluate(() => (window.demoBridgeLog ?? []).length), 0);
    await close();
  });
});
