import { expect, oneEvent } from '@open-wc/testing';
import { Bridge, connectChatFrame, toOrigin } from '../../src/core/signals/bridge.js';
import { watchWarnings } from './helpers/warnings.js';

/** The test server answers on 127.0.0.1 too: another origin than the page's localhost, as a chat vendor's would be. */
const chatOrigin = `http://127.0.0.1:${location.port}`;
const frameUrl = `${chatOrigin}/tests/core/fixtures/bridge-frame.html?host=${encodeURIComponent(location.origin)}`;

/** Resolves with the next `message` the window gets from `source`. */
const messageFrom = (source: () => Window | null) =>
  new Promise<MessageEvent>((resolve) => {
    const listen = (event: MessageEvent) => {
      if (event.source !== source()) return;
      window.removeEventListener('message', listen);
      resolve(event);
    };
    window.addEventListener('message', listen);
  });

const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('bridge', () => {
  let warnings: ReturnType<typeof watchWarnings>;
  const frames: HTMLIFrameElement[] = [];
  const bridges: Bridge[] = [];

  beforeEach(() => {
    warnings = watchWarnings();
  });

  afterEach(() => {
    warnings.restore();
    for (const bridge of bridges.splice(0)) bridge.close();
    for (const frame of frames.splice(0)) frame.remove();
  });

  function frame(): HTMLIFrameElement {
    const iframe = document.createElement('iframe');
    iframe.title = 'Chat';
    frames.push(iframe);
    return iframe;
  }

  function load(iframe: HTMLIFrameElement): void {
    iframe.src = frameUrl;
    document.body.append(iframe);
  }

  describe('between a host page and a cross-origin chat iframe', () => {
    it('relays the chat’s facts to the host, on the iframe element', async () => {
      const iframe = frame();
      bridges.push(connectChatFrame(iframe, chatOrigin));
      const deleted = oneEvent(iframe, 'discret-conversation-deleted');
      load(iframe);
      const event = await deleted;
      expect(event.detail).to.deep.equal({ conversationId: 'c-1' });
      expect(event.bubbles).to.equal(true);
      expect(warnings.discret).to.deep.equal([]);
    });

    it('tells the chat about the host’s consent changes, and hears its answer', async () => {
      const iframe = frame();
      bridges.push(connectChatFrame(iframe, chatOrigin));
      const ready = oneEvent(iframe, 'discret-conversation-deleted');
      load(iframe);
      await ready;
      const answered = oneEvent(iframe, 'discret-notice-acknowledged');
      const change = { record: null, changed: ['analytics'], method: 'withdraw' };
      window.dispatchEvent(new CustomEvent('discret-consent-change', { detail: change }));
      expect((await answered).detail).to.deep.equal({ echo: change });
    });

    it('ignores a frame whose origin is not on the allowlist, with a warning', async () => {
      const iframe = frame();
      bridges.push(connectChatFrame(iframe, chatOrigin, { allowedOrigins: ['https://chat.example'] }));
      let relayed = false;
      iframe.addEventListener('discret-conversation-deleted', () => (relayed = true));
      const arrived = messageFrom(() => iframe.contentWindow);
      load(iframe);
      await arrived;
      expect(relayed).to.equal(false);
      expect(warnings.discret).to.deep.equal([`[discret] bridge: message from ${chatOrigin} ignored; allowed origins: https://chat.example`]);
    });

    it('ignores another window of an allowed origin', async () => {
      const connected = frame();
      const other = frame();
      bridges.push(connectChatFrame(connected, chatOrigin));
      let relayed = 0;
      connected.addEventListener('discret-conversation-deleted', () => relayed++);
      const fromConnected = oneEvent(connected, 'discret-conversation-deleted');
      load(connected);
      await fromConnected;
      const fromOther = messageFrom(() => other.contentWindow);
      load(other);
      await fromOther;
      expect(relayed).to.equal(1);
      expect(warnings.discret).to.deep.equal([`[discret] bridge: message from ${chatOrigin} ignored; it does not come from the connected window`]);
    });
  });

  describe('checks', () => {
    it('ignores a message the page posts to itself when its own origin is not allowed', async () => {
      bridges.push(new Bridge({ peer: () => window, origin: chatOrigin }));
      let relayed = false;
      window.addEventListener('discret-conversation-deleted', () => (relayed = true), { once: true });
      window.postMessage({ discret: 1, type: 'discret-conversation-deleted', detail: {} }, location.origin);
      await oneEvent(window, 'message');
      expect(relayed).to.equal(false);
      expect(warnings.discret).to.deep.equal([`[discret] bridge: message from ${location.origin} ignored; allowed origins: ${chatOrigin}`]);
    });

    it('ignores an event this side does not accept', async () => {
      bridges.push(new Bridge({ peer: () => window, origin: location.origin, receive: ['discret-conversation-deleted'] }));
      window.postMessage({ discret: 1, type: 'discret-consent-change', detail: {} }, location.origin);
      await oneEvent(window, 'message');
      expect(warnings.discret).to.deep.equal([
        `[discret] bridge: message "discret-consent-change" from ${location.origin} ignored; not an event this side accepts`,
      ]);
    });

    it('stays silent about messages that are not discret’s', async () => {
      bridges.push(new Bridge({ peer: () => window, origin: chatOrigin }));
      window.postMessage({ type: 'widget-resize', height: 400 }, location.origin);
      await oneEvent(window, 'message');
      expect(warnings.discret).to.deep.equal([]);
    });

    it('posts to the explicit origin only, and never to "*"', () => {
      const posted: [unknown, string][] = [];
      const peer = { postMessage: (message: unknown, origin: string) => posted.push([message, origin]) } as unknown as Window;
      const wildcard = new Bridge({ peer: () => peer, origin: '*' });
      bridges.push(wildcard);
      expect(wildcard.post('discret-conversation-deleted', {})).to.equal(false);
      expect(posted).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal(['[discret] bridge origin="*": not an origin such as https://chat.example; nothing is sent']);
      const exact = new Bridge({ peer: () => peer, origin: 'https://chat.example' });
      bridges.push(exact);
      expect(exact.post('discret-conversation-deleted', { conversationId: 'c-1' })).to.equal(true);
      expect(posted).to.deep.equal([[{ discret: 1, type: 'discret-conversation-deleted', detail: { conversationId: 'c-1' } }, 'https://chat.example']]);
    });

    it('does not send back an event it relayed', async () => {
      bridges.push(
        new Bridge({ peer: () => window, origin: location.origin, send: ['discret-conversation-deleted'], receive: ['discret-conversation-deleted'] }),
      );
      let messages = 0;
      const count = () => messages++;
      window.addEventListener('message', count);
      window.dispatchEvent(new CustomEvent('discret-conversation-deleted', { detail: { conversationId: 'c-1' } }));
      await tick();
      await tick();
      window.removeEventListener('message', count);
      expect(messages).to.equal(1);
    });

    it('accepts only origins, never "*", "null" or a URL with a path', () => {
      expect(toOrigin('https://chat.example')).to.equal('https://chat.example');
      expect(toOrigin('https://chat.example/')).to.equal('https://chat.example');
      for (const bad of ['*', 'null', 'https://chat.example/widget', 'javascript:alert(1)', 'chat.example']) expect(toOrigin(bad), bad).to.equal(null);
    });
  });
});
