/**
 * Reliability, bridge: the postMessage bridge between a host page and a
 * cross-origin chat iframe, attacked from every side a window can post from.
 * Real frames from another origin (the test server answers on 127.0.0.1 as
 * well as localhost), sandboxed and data: frames for the opaque origin, and
 * synthetic `message` events for the origins this machine cannot serve
 * (look-alike hosts, https, other ports). Each attack is ignored (no event
 * dispatched, nothing sent), says so in one `[discret]` line where the code
 * promises one, and throws nothing.
 *
 * The frames run tests/reliability/fixtures/bridge-probe.html: it posts what
 * the test asks it to and reports what it receives.
 */
import { expect } from '@open-wc/testing';
import { BRIDGED_EVENTS, Bridge, connectChatFrame } from '../../src/core/signals/bridge.js';
import { ConsentStore } from '../../src/core/consent-store.js';
import { IndexedDBStorage } from '../../src/core/storage.js';
import { deleteDatabase, uniqueName } from '../core/helpers/test-database.js';
import { watchWarnings } from '../core/helpers/warnings.js';

/** Another origin than the page's localhost, as a chat vendor's would be. */
const chatOrigin = `http://127.0.0.1:${location.port}`;
const probeUrl = (origin = chatOrigin) => `${origin}/tests/reliability/fixtures/bridge-probe.html`;

const deleted = (conversationId = 'c-1') => ({ discret: 1, type: 'discret-conversation-deleted', detail: { conversationId } });

/** Events a bridge could dispatch, and the deletion request it must never forge. */
const WATCHED = [...BRIDGED_EVENTS, 'discret-conversation-delete-request'];

interface ProbeReport {
  probe: 'ready' | 'done' | 'received';
  data?: unknown;
  origin?: string;
}

/** The next probe report of `kind` from the window that `source()` names when the report arrives. */
function report(source: () => Window | null, kind: ProbeReport['probe']): Promise<ProbeReport> {
  return new Promise((resolve) => {
    const listen = (event: MessageEvent) => {
      const data = event.data as ProbeReport | null;
      if (event.source !== source() || data?.probe !== kind) return;
      window.removeEventListener('message', listen);
      resolve(data);
    };
    window.addEventListener('message', listen);
  });
}

/** Everything a probe frame reports it received, from now on. */
function received(frame: HTMLIFrameElement): { messages: unknown[]; stop: () => void } {
  const messages: unknown[] = [];
  const listen = (event: MessageEvent) => {
    const data = event.data as ProbeReport | null;
    if (event.source === frame.contentWindow && data?.probe === 'received') messages.push(data.data);
  };
  window.addEventListener('message', listen);
  return { messages, stop: () => window.removeEventListener('message', listen) };
}

/** Events of the watched types that reach any of `targets`, each once however many of them it bubbles through. */
function relays(...targets: EventTarget[]): { events: CustomEvent[]; stop: () => void } {
  const events: CustomEvent[] = [];
  const listen = (event: Event) => {
    if (!events.includes(event as CustomEvent)) events.push(event as CustomEvent);
  };
  for (const target of targets) for (const type of WATCHED) target.addEventListener(type, listen);
  return { events, stop: () => targets.forEach((target) => WATCHED.forEach((type) => target.removeEventListener(type, listen))) };
}

describe('reliability: bridge', () => {
  let warnings: ReturnType<typeof watchWarnings>;
  let errors: unknown[];
  const frames: HTMLIFrameElement[] = [];
  const bridges: Bridge[] = [];
  const stops: (() => void)[] = [];
  const recordError = (event: ErrorEvent) => errors.push(event.error ?? event.message);

  beforeEach(() => {
    warnings = watchWarnings();
    errors = [];
    window.addEventListener('error', recordError);
  });

  afterEach(() => {
    window.removeEventListener('error', recordError);
    warnings.restore();
    for (const stop of stops.splice(0)) stop();
    for (const bridge of bridges.splice(0)) bridge.close();
    for (const frame of frames.splice(0)) frame.remove();
  });

  const keep = (bridge: Bridge): Bridge => (bridges.push(bridge), bridge);

  const watch = <T extends { stop: () => void }>(recorder: T): T => (stops.push(recorder.stop), recorder);

  /** An iframe not yet in the page; `load()` puts it there. */
  function frame(attributes: Record<string, string> = {}): HTMLIFrameElement {
    const iframe = document.createElement('iframe');
    iframe.title = 'Chat';
    for (const [name, value] of Object.entries(attributes)) iframe.setAttribute(name, value);
    frames.push(iframe);
    return iframe;
  }

  /** Loads the probe from `origin` in the frame and waits until it says it is ready. */
  async function load(iframe: HTMLIFrameElement, origin = chatOrigin): Promise<HTMLIFrameElement> {
    const ready = report(() => iframe.contentWindow, 'ready');
    iframe.src = probeUrl(origin);
    if (!iframe.isConnected) document.body.append(iframe);
    await ready;
    return iframe;
  }

  /** Has the probe in `iframe` post `messages` to this page, and waits until they have all arrived. */
  async function post(iframe: HTMLIFrameElement, ...messages: unknown[]): Promise<void> {
    const done = report(() => iframe.contentWindow, 'done');
    iframe.contentWindow!.postMessage({ probe: 'send', messages }, '*');
    await done;
  }

  /**
   * Sends the probe a message of the test's own and waits for it to report
   * it: messages from one window arrive in order, so whatever a bridge sent
   * the probe before has been reported by then.
   */
  async function flush(iframe: HTMLIFrameElement): Promise<void> {
    const ping = { ping: crypto.randomUUID() };
    const back = new Promise<void>((resolve) => {
      const listen = (event: MessageEvent) => {
        if (event.source !== iframe.contentWindow || (event.data as ProbeReport)?.probe !== 'received') return;
        if (JSON.stringify((event.data as ProbeReport).data) !== JSON.stringify(ping)) return;
        window.removeEventListener('message', listen);
        resolve();
      };
      window.addEventListener('message', listen);
    });
    iframe.contentWindow!.postMessage(ping, '*');
    await back;
  }

  const consentChange = (detail: unknown = { record: null, changed: ['analytics'], method: 'withdraw' }) =>
    window.dispatchEvent(new CustomEvent('discret-consent-change', { detail }));

  /** Probe messages that are not the test's own pings. */
  const fromBridge = (messages: unknown[]) => messages.filter((message) => !(message as { ping?: string }).ping);

  describe('who may speak', () => {
    it('a message from an origin not on the allowlist is ignored, with one warning', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, 'https://chat.example'));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      await post(iframe, deleted(), deleted());
      expect(seen.events.map((event) => event.type)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([`[discret] bridge: message from ${chatOrigin} ignored; allowed origins: https://chat.example`]);
      expect(errors).to.deep.equal([]);
    });

    it('a message from an allowed origin but another window is ignored, with one warning, while the connected one is heard', async () => {
      const connected = frame();
      const other = frame();
      keep(connectChatFrame(connected, chatOrigin));
      const seen = watch(relays(connected, other, window));
      await Promise.all([load(connected), load(other)]);
      await post(other, deleted('from-other'));
      expect(seen.events.map((event) => event.detail), 'relayed from another window').to.deep.equal([]);
      await post(connected, deleted('from-connected'));
      expect(seen.events.filter((event) => event.target === connected).map((event) => event.detail)).to.deep.equal([{ conversationId: 'from-connected' }]);
      expect(warnings.discret).to.deep.equal([`[discret] bridge: message from ${chatOrigin} ignored; it does not come from the connected window`]);
    });

    it('a sandboxed iframe (origin "null") is ignored, with one warning', async () => {
      const iframe = frame({ sandbox: 'allow-scripts' });
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      await post(iframe, deleted(), { discret: 1, type: 'discret-notice-acknowledged', detail: {} });
      expect(seen.events.map((event) => event.type)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([`[discret] bridge: message from null ignored; allowed origins: ${chatOrigin}`]);
    });

    it('a data: URL iframe (origin "null") is ignored, with one warning', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe, window));
      const done = report(() => iframe.contentWindow, 'done');
      const script = `parent.postMessage(${JSON.stringify(deleted())}, '*'); parent.postMessage({ probe: 'done' }, '*');`;
      iframe.src = `data:text/html,<script>${encodeURIComponent(script)}</script>`;
      document.body.append(iframe);
      await done;
      expect(seen.events.map((event) => event.type)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([`[discret] bridge: message from null ignored; allowed origins: ${chatOrigin}`]);
    });

    it('"null" on the allowlist is refused with a warning and lets no opaque origin in', async () => {
      const iframe = frame({ sandbox: 'allow-scripts' });
      keep(connectChatFrame(iframe, chatOrigin, { allowedOrigins: ['null'] }));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      await post(iframe, deleted());
      expect(seen.events.map((event) => event.type)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([
        '[discret] bridge allowed-origins "null": not an origin such as https://chat.example; ignored',
        '[discret] bridge: message from null ignored; allowed origins: none',
      ]);
    });

    const LOOK_ALIKES: [string, string][] = [
      ['a look-alike host (https://chat.example.evil)', 'https://chat.example.evil'],
      ['a look-alike subdomain (https://evil.chat.example)', 'https://evil.chat.example'],
      ['a look-alike registrable name (https://chat-example.com)', 'https://chat-example.com'],
      ['http instead of https (http://chat.example)', 'http://chat.example'],
      ['another port (https://chat.example:8443)', 'https://chat.example:8443'],
    ];
    for (const [what, origin] of LOOK_ALIKES) {
      it(`${what} is ignored, with one warning, while the exact origin is heard`, async () => {
        const iframe = frame();
        document.body.append(iframe);
        keep(connectChatFrame(iframe, 'https://chat.example'));
        const seen = watch(relays(iframe, window));
        // What the browser would deliver from that origin; this machine cannot serve it.
        const deliver = (from: string, conversationId: string) =>
          window.dispatchEvent(new MessageEvent('message', { data: deleted(conversationId), origin: from, source: iframe.contentWindow }));
        deliver(origin, 'look-alike');
        deliver(origin, 'look-alike again');
        expect(seen.events.map((event) => event.detail), 'relayed from a look-alike origin').to.deep.equal([]);
        deliver('https://chat.example', 'exact');
        expect(seen.events.map((event) => event.detail)).to.deep.equal([{ conversationId: 'exact' }]);
        expect(warnings.discret).to.deep.equal([`[discret] bridge: message from ${origin} ignored; allowed origins: https://chat.example`]);
      });
    }
  });

  describe('what may be said', () => {
    it('messages not shaped like discret’s are ignored without a word', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      await post(
        iframe,
        'discret-conversation-deleted',
        null,
        [1, 'discret-conversation-deleted', {}],
        { type: 'discret-conversation-deleted', detail: {} },
        { discret: '1', type: 'discret-conversation-deleted', detail: {} },
        { discret: 2, type: 'discret-conversation-deleted', detail: {} },
        { discret: true, type: 'discret-conversation-deleted', detail: {} },
      );
      expect(seen.events.map((event) => event.type)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    });

    it('an event type the host does not know is ignored, with one warning each', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      await post(
        iframe,
        { discret: 1, type: 'discret-evil', detail: {} },
        { discret: 1, type: 'click', detail: {} },
        { discret: 1, type: 'discret-evil', detail: {} },
        { discret: 1, type: 42, detail: {} },
      );
      expect(seen.events.map((event) => event.type)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([
        `[discret] bridge: message "discret-evil" from ${chatOrigin} ignored; not an event this side accepts`,
        `[discret] bridge: message "click" from ${chatOrigin} ignored; not an event this side accepts`,
        `[discret] bridge: message "42" from ${chatOrigin} ignored; not an event this side accepts`,
      ]);
      expect(errors).to.deep.equal([]);
    });

    it('a type that is an object which cannot be turned into text is ignored, with one warning, throwing nothing', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      // Structured clone keeps data, not functions: `toString` arrives as a string, and String() of the object throws.
      await post(iframe, { discret: 1, type: { toString: 'discret-conversation-deleted' }, detail: {} });
      expect(errors.map(String), 'errors thrown by the bridge').to.deep.equal([]);
      expect(seen.events.map((event) => event.type)).to.deep.equal([]);
      expect(warnings.discret).to.have.length(1);
      expect(warnings.discret[0]).to.match(/^\[discret\] bridge: message .* ignored; not an event this side accepts$/);
    });

    it('a chat frame cannot decide consent for the host: a forged discret-consent-change is ignored, with one warning', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      const forged = { record: { purposes: { necessary: true, analytics: true, marketing: true } }, changed: ['analytics', 'marketing'], method: 'accept-all' };
      await post(iframe, { discret: 1, type: 'discret-consent-change', detail: forged });
      expect(seen.events.map((event) => event.type)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([
        `[discret] bridge: message "discret-consent-change" from ${chatOrigin} ignored; not an event this side accepts`,
      ]);
    });

    it('a chat frame cannot start a deletion on the host: a forged discret-conversation-delete-request is ignored', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe, window, document));
      await load(iframe);
      await post(iframe, { discret: 1, type: 'discret-conversation-delete-request', detail: { conversationId: 'someone-else' } });
      expect(seen.events.map((event) => event.type)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([
        `[discret] bridge: message "discret-conversation-delete-request" from ${chatOrigin} ignored; not an event this side accepts`,
      ]);
    });

    it('a known event whose detail holds a "__proto__" key pollutes no prototype', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe));
      await load(iframe);
      const detail: unknown = JSON.parse('{"conversationId": "c-1", "__proto__": {"polluted": "yes", "conversationId": "forged"}}');
      await post(iframe, { discret: 1, type: 'discret-conversation-deleted', detail });
      expect(seen.events).to.have.length(1);
      const relayed = seen.events[0].detail as Record<string, unknown>;
      expect(relayed.conversationId).to.equal('c-1');
      expect(Object.getPrototypeOf(relayed)).to.equal(Object.prototype);
      expect(relayed.polluted, 'the forged prototype took effect').to.equal(undefined);
      expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').to.equal(undefined);
      expect(errors).to.deep.equal([]);
    });

    it('a consent change to the chat side whose detail holds "constructor.prototype" pollutes no prototype', async () => {
      const iframe = frame();
      await load(iframe);
      // This page as the chat side: it hears consent changes from the host in `iframe`.
      keep(new Bridge({ peer: () => iframe.contentWindow, origin: chatOrigin, receive: ['discret-consent-change'] }));
      const seen = watch(relays(window));
      const detail: unknown = JSON.parse(
        '{"record": null, "changed": [], "method": "withdraw", "constructor": {"prototype": {"polluted": "yes"}}, "__proto__": {"polluted": "yes"}}',
      );
      await post(iframe, { discret: 1, type: 'discret-consent-change', detail });
      expect(seen.events).to.have.length(1);
      const relayed = seen.events[0].detail as Record<string, unknown>;
      expect(Object.getPrototypeOf(relayed)).to.equal(Object.prototype);
      expect(relayed.constructor, 'the detail’s constructor was replaced').to.not.equal(Object);
      expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').to.equal(undefined);
      expect((Object as unknown as Record<string, unknown>).polluted).to.equal(undefined);
      expect(errors).to.deep.equal([]);
    });

    it('a huge message (4 MB) of a known event is relayed once, throwing nothing', async function () {
      this.timeout(20_000);
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe));
      await load(iframe);
      const huge = 'x'.repeat(4 * 1024 * 1024);
      await post(iframe, { discret: 1, type: 'discret-conversation-deleted', detail: { conversationId: 'c-1', padding: huge } });
      expect(seen.events).to.have.length(1);
      expect((seen.events[0].detail as { padding: string }).padding.length).to.equal(huge.length);
      expect(warnings.discret).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    });

    it('a huge unknown event type (1 MB) is ignored with one warning that does not echo the megabyte', async function () {
      this.timeout(20_000);
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      const type = `discret-${'x'.repeat(1024 * 1024)}`;
      await post(iframe, { discret: 1, type, detail: {} }, { discret: 1, type, detail: {} });
      expect(seen.events.map((event) => event.type.length)).to.deep.equal([]);
      expect(warnings.discret, 'not one warning').to.have.length(1);
      expect(warnings.discret[0].length, 'length of the warning line, in characters').to.be.below(1000);
    });

    it('the host’s own consent change, replayed at it ten times by the chat frame, is ignored with one warning', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const got = watch(received(iframe));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      consentChange({ record: null, changed: ['analytics'], method: 'withdraw' });
      await flush(iframe);
      const captured = fromBridge(got.messages)[0];
      expect(captured, 'the chat frame never got the consent change to replay').to.include({ discret: 1, type: 'discret-consent-change' });
      const hostEvents = seen.events.length;
      await post(iframe, ...Array.from({ length: 10 }, () => captured));
      expect(seen.events.length - hostEvents, 'replays relayed').to.equal(0);
      expect(warnings.discret).to.deep.equal([
        `[discret] bridge: message "discret-consent-change" from ${chatOrigin} ignored; not an event this side accepts`,
      ]);
    });
  });

  describe('where the host sends', () => {
    it('the host asking for "*" sends nothing, with one warning', async () => {
      const iframe = frame();
      const bridge = keep(connectChatFrame(iframe, '*'));
      const got = watch(received(iframe));
      await load(iframe);
      consentChange();
      expect(bridge.post('discret-consent-change', { record: null })).to.equal(false);
      await flush(iframe);
      expect(fromBridge(got.messages)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal(['[discret] bridge origin="*": not an origin such as https://chat.example; nothing is sent']);
    });

    it('"*" on the allowlist is refused with a warning and lets nobody in', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin, { allowedOrigins: ['*'] }));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      await post(iframe, deleted());
      expect(seen.events.map((event) => event.type)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([
        '[discret] bridge allowed-origins "*": not an origin such as https://chat.example; ignored',
        `[discret] bridge: message from ${chatOrigin} ignored; allowed origins: none`,
      ]);
    });

    it('an origin with a path sends nothing and hears nothing, with one warning', async () => {
      const iframe = frame();
      const origin = `${chatOrigin}/tests/reliability/`;
      keep(connectChatFrame(iframe, origin));
      const got = watch(received(iframe));
      const seen = watch(relays(iframe));
      await load(iframe);
      consentChange();
      await post(iframe, deleted());
      await flush(iframe);
      expect(fromBridge(got.messages), 'sent to the frame').to.deep.equal([]);
      expect(seen.events.map((event) => event.type), 'heard from the frame').to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([
        `[discret] bridge origin="${origin}": not an origin such as https://chat.example; nothing is sent`,
        `[discret] bridge: message from ${chatOrigin} ignored; allowed origins: none`,
      ]);
    });

    it('a wildcard origin (http://*.0.0.1) sends nothing and hears nothing, with one warning each', async () => {
      const iframe = frame();
      const origin = `http://*.0.0.1:${location.port}`;
      keep(connectChatFrame(iframe, origin, { allowedOrigins: [origin] }));
      const got = watch(received(iframe));
      const seen = watch(relays(iframe));
      await load(iframe);
      consentChange();
      await post(iframe, deleted());
      await flush(iframe);
      expect(fromBridge(got.messages), 'sent to the frame').to.deep.equal([]);
      expect(seen.events.map((event) => event.type), 'heard from the frame').to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([
        `[discret] bridge origin="${origin}": not an origin such as https://chat.example; nothing is sent`,
        `[discret] bridge allowed-origins "${origin}": not an origin such as https://chat.example; ignored`,
        `[discret] bridge: message from ${chatOrigin} ignored; allowed origins: none`,
      ]);
    });

    it('a frame navigated to another origin after connect never receives consent: the target origin is explicit', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const got = watch(received(iframe));
      await load(iframe);
      consentChange({ record: null, changed: ['analytics'], method: 'withdraw' });
      await flush(iframe);
      expect(fromBridge(got.messages), 'the chat origin got the consent change').to.have.length(1);
      // The frame goes elsewhere (a redirect, a link, a compromised widget): here, to this page's own origin.
      await load(iframe, location.origin);
      consentChange({ record: null, changed: ['marketing'], method: 'withdraw' });
      await flush(iframe);
      const navigated = (iframe.contentWindow as Window & { received: unknown[] }).received;
      expect(fromBridge(navigated), 'what the page now in the frame received').to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    });

    it('a frame removed after connect: nothing is sent, nothing thrown', async () => {
      const iframe = frame();
      const bridge = keep(connectChatFrame(iframe, chatOrigin));
      await load(iframe);
      iframe.remove();
      consentChange();
      expect(bridge.post('discret-consent-change', { record: null })).to.equal(false);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(warnings.discret).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    });
  });

  describe('when', () => {
    it('messages posted before connect are not relayed once connected', async () => {
      const iframe = frame();
      await load(iframe);
      await post(iframe, deleted('before'));
      keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe, window));
      await post(iframe, deleted('after'));
      expect(seen.events.map((event) => event.detail)).to.deep.equal([{ conversationId: 'after' }]);
    });

    it('messages posted after disconnect are not relayed, and not warned about', async () => {
      const iframe = frame();
      const bridge = keep(connectChatFrame(iframe, chatOrigin));
      const seen = watch(relays(iframe, window));
      await load(iframe);
      await post(iframe, deleted('connected'));
      bridge.close();
      await post(iframe, deleted('disconnected'), { discret: 1, type: 'discret-evil', detail: {} });
      expect(seen.events.map((event) => event.detail)).to.deep.equal([{ conversationId: 'connected' }]);
      expect(warnings.discret).to.deep.equal([]);
    });

    it('consent changes after disconnect are not sent', async () => {
      const iframe = frame();
      const bridge = keep(connectChatFrame(iframe, chatOrigin));
      const got = watch(received(iframe));
      await load(iframe);
      consentChange({ record: null, changed: ['analytics'], method: 'withdraw' });
      await flush(iframe);
      bridge.close();
      consentChange({ record: null, changed: ['marketing'], method: 'withdraw' });
      await flush(iframe);
      expect(fromBridge(got.messages).map((message) => (message as { detail: { changed: string[] } }).detail.changed)).to.deep.equal([['analytics']]);
    });
  });

  describe('what the chat frame is told', () => {
    let database: string | undefined;
    let store: ConsentStore | undefined;

    afterEach(async () => {
      store?.close();
      store = undefined;
      if (database) await deleteDatabase(database);
      database = undefined;
    });

    /** A store announcing on this window, as the page's one store does, configured and read. */
    async function pageStore(): Promise<ConsentStore> {
      database = uniqueName('reliability-bridge');
      store = new ConsentStore({ storage: new IndexedDBStorage(database), channel: null, gpc: false });
      store.configure({ revision: '1', purposes: [{ name: 'analytics', services: [{ name: 'matomo' }] }, { name: 'marketing' }] });
      await store.ready;
      return store;
    }

    const RECORD_FIELDS = ['configHash', 'decidedAt', 'expiresAt', 'id', 'locale', 'method', 'purposes', 'revision', 'schema', 'services'];

    it('a decision reaches the chat frame as the record, what changed and the method, nothing more', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const got = watch(received(iframe));
      await load(iframe);
      const decided = await (await pageStore()).decide({ analytics: true });
      await flush(iframe);
      const messages = fromBridge(got.messages) as { discret: number; type: string; detail: Record<string, unknown> }[];
      expect(messages).to.have.length(1);
      expect(Object.keys(messages[0]).sort()).to.deep.equal(['detail', 'discret', 'type']);
      expect(Object.keys(messages[0].detail).sort()).to.deep.equal(['changed', 'method', 'record']);
      expect(messages[0].detail.record).to.deep.equal(decided);
      expect(Object.keys(messages[0].detail.record as object).sort()).to.deep.equal(RECORD_FIELDS);
    });

    it('a decision whose event another listener enriched still reaches the chat frame as the record alone', async () => {
      const iframe = frame();
      // An analytics integration on the host page, listening before the bridge connects, adds what it knows about the visitor.
      const enrich = (event: Event) => {
        const detail = (event as CustomEvent<Record<string, unknown>>).detail;
        detail.visitor = { email: 'visitor@example.com' };
        detail.history = ['every earlier decision'];
      };
      window.addEventListener('discret-consent-change', enrich);
      stops.push(() => window.removeEventListener('discret-consent-change', enrich));
      keep(connectChatFrame(iframe, chatOrigin));
      const got = watch(received(iframe));
      await load(iframe);
      const decided = await (await pageStore()).decide({ analytics: true });
      await flush(iframe);
      const messages = fromBridge(got.messages) as { detail: Record<string, unknown> }[];
      expect(messages).to.have.length(1);
      expect(Object.keys(messages[0].detail).sort(), 'what the chat origin was told').to.deep.equal(['changed', 'method', 'record']);
      expect(messages[0].detail.record).to.deep.equal(decided);
    });

    it('a consent change whose detail cannot be serialised throws nothing and sends nothing', async () => {
      const iframe = frame();
      keep(connectChatFrame(iframe, chatOrigin));
      const got = watch(received(iframe));
      await load(iframe);
      // What the chat is told of a change (record, changed, method) cannot be serialised: `changed` holds itself.
      const changed: unknown[] = ['analytics'];
      changed.push(changed);
      consentChange({ record: null, changed, method: 'withdraw' });
      await flush(iframe);
      expect(errors.map(String), 'errors thrown by the bridge').to.deep.equal([]);
      expect(fromBridge(got.messages)).to.deep.equal([]);
    });

    it('two chat frames of two origins: each is heard, once, and neither bridge warns about the other’s messages', async () => {
      const vendor = frame();
      const own = frame();
      keep(connectChatFrame(vendor, chatOrigin));
      keep(connectChatFrame(own, location.origin));
      const seen = watch(relays(vendor, own));
      await Promise.all([load(vendor), load(own, location.origin)]);
      await post(vendor, deleted('vendor'));
      await post(own, deleted('own'));
      expect(seen.events.map((event) => [event.target === vendor ? 'vendor frame' : 'own frame', event.detail])).to.deep.equal([
        ['vendor frame', { conversationId: 'vendor' }],
        ['own frame', { conversationId: 'own' }],
      ]);
      expect(warnings.discret, 'warnings about messages another bridge of the page accepted').to.deep.equal([]);
    });
  });
});
