import { createApi, type DiscretApi } from './api.js';
import type { ChatApi } from './chat-api.js';
import type { ConsentConfig } from './core/config.js';
import { consentStore } from './core/consent-store.js';
import { createGate, trustedTypesRefused } from './core/gate.js';
import { readConsentElement, readJson } from './core/markup.js';
import { isParsed, whenIdle, whenPainted, whenParsed } from './core/parsing.js';
import { page } from './core/registry.js';
import { startConsentMode, type ConsentModeOptions } from './core/signals/consent-mode.js';
import { warn } from './core/warn.js';

/** The chunks, fetched only when the page needs them: five UI ones, and the decisions. */
export type Chunk = 'consent' | 'button' | 'chat' | 'decide' | 'privacy' | 'embed';

export type ChunkLoader = (chunk: Chunk) => Promise<unknown>;

/** `window.discret.chat`: the chat API, its code fetched on first use. */
export type LazyChatApi = { [K in keyof ChatApi]: (...args: Parameters<ChatApi[K]>) => Promise<Awaited<ReturnType<ChatApi[K]>>> };

/** `window.discret` as the script tag offers it. */
export interface PageApi extends DiscretApi {
  chat: LazyChatApi;
  /** Defines every element now (fetching their code): for elements the page core cannot see, inside a shadow root. */
  define(): Promise<void>;
}

/** The JSON configuration in `<head>`: a `ConsentConfig`, plus Consent Mode. */
interface HeadConfig extends ConsentConfig {
  /** `true` for the default map, or a map of consent types to purposes. */
  consentMode?: boolean | ConsentModeOptions['map'];
  adsDataRedaction?: boolean;
  urlPassthrough?: boolean;
}

/**
 * What makes the page need a chunk: elements that render (`<discret-consent>`
 * renders only when asked to), chat iframes to connect, a host page to tell.
 */
const NEEDS: [string, Chunk][] = [
  ['discret-consent-button', 'button'],
  ['discret-privacy-center', 'privacy'],
  ['discret-chat-notice,discret-delete-conversation,iframe[data-discret-origin],script[data-host-origin]', 'chat'],
];
const CHAT_METHODS: (keyof ChatApi)[] = ['trainingChoice', 'acknowledgement', 'receipts', 'exportReceipts', 'connectChatFrame', 'connectHostPage'];
const CONFIG = 'discret-config';
const EMBEDS = 'iframe[data-purpose][data-src]:not([src]),[data-embed][data-purpose]';

/**
 * The page core: what the script tag runs, synchronously, in `<head>`.
 * It adopts the page's one store (or makes it) and configures it, each
 * source refining the one before: the JSON
 * `<script type="application/json" id="discret-config">`, the
 * `<discret-consent>` element once parsed, `discret.configure()`. It holds
 * gated content back, speaks Consent Mode, exposes `window.discret`, and
 * fetches chunks only when the page needs them. It does nothing when a page
 * core already runs here (a tag manager and the page both loading discret)
 * or when there is no document (a server importing the bundle).
 */
export function boot(script: HTMLOrSVGScriptElement | null, load: ChunkLoader): PageApi | undefined {
  const registry = page();
  if (registry.core || !globalThis.document) return;
  registry.core = true;
  registry.script = script;
  const store = consentStore();
  const has = (name: string): boolean => !!script?.hasAttribute(`data-${name}`);
  const chunks: Partial<Record<Chunk, Promise<unknown>>> = {};
  const ui = (chunk: Chunk): Promise<unknown> =>
    (chunks[chunk] ??= load(chunk).catch((error: unknown) => {
      delete chunks[chunk];
      // Lit renders through its own Trusted Types policy, which a strict page must allow.
      if (/lit-html/.test(String(error))) trustedTypesRefused('lit-html', "which renders discret's banner and elements");
      else warn(`the "${chunk}" chunk could not be loaded (${String(error)}); nothing non-essential runs`);
      throw error;
    }));
  registry.load = ui as (chunk: string) => Promise<unknown>;

  // Configuration: the head JSON, the element, discret.configure(); each refines the one before.
  const layers: ConsentConfig[] = [{}, {}, {}];
  const configure = (layer: number, config: ConsentConfig, source: string): void => {
    if (typeof config !== 'object' || !config || Array.isArray(config)) return warn(`${source}: not an object; ignored`);
    layers[layer] = config;
    const merged: Record<string, unknown> = {};
    for (const layer of layers) for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
    if (merged.revision !== undefined || merged.purposes !== undefined) store.configure(merged, source);
  };
  let head: HeadConfig | undefined;
  let element: Element | undefined;
  let problem: string | undefined;
  let lookingAtEmbeds = false;
  const scan = (): void => {
    // A JSON or an element still being parsed is read once the parser is past it.
    const json = document.getElementById(CONFIG);
    if (!head && json instanceof HTMLScriptElement && isParsed(json)) {
      const parsed = readJson(json);
      if (parsed instanceof Error) warn(`<script id="${CONFIG}">: ${parsed.message}; ignored`);
      configure(0, (head = parsed instanceof Error ? {} : parsed), `<script id="${CONFIG}">`);
    }
    const found = element ?? document.querySelector('discret-consent');
    if (found && isParsed(found)) {
      if (!element) new MutationObserver(scan).observe((element = found), { subtree: true, attributes: true, characterData: true });
      const read = readConsentElement(found);
      if (read.problem && read.problem.message !== problem) warn(`<discret-consent> JSON: ${read.problem.message}; ignored`);
      problem = read.problem?.message;
      configure(1, read.config ?? {}, '<discret-consent>');
    }
    for (const [selector, chunk] of NEEDS) if (!chunks[chunk] && document.querySelector(selector)) ui(chunk).catch(() => {});
    // Embeds still held back once the decision is known: their placeholders (an embed gated on several keys always fetches them; they look closer).
    // One look at a time: scan runs on every mutation while the page is parsed, and the look covers every embed there by then.
    if (!chunks.embed && !lookingAtEmbeds && document.querySelector(EMBEDS)) {
      lookingAtEmbeds = true;
      store.ready
        .then(() => {
          lookingAtEmbeds = false;
          return [...document.querySelectorAll<HTMLElement>(EMBEDS)].some((node) => !store.granted(node.dataset.purpose!)) && ui('embed');
        })
        .catch(() => {});
    }
  };
  scan();

  // Consent Mode must say "denied" before any tag manager runs: it starts now, from what is known now.
  const consentMode = script?.getAttribute('data-consent-mode') ?? head?.consentMode;
  if (consentMode != null && consentMode !== false) {
    startConsentMode(store, {
      map: consentMode === true ? undefined : consentMode,
      adsDataRedaction: has('ads-data-redaction') || head?.adsDataRedaction,
      urlPassthrough: has('url-passthrough') || head?.urlPassthrough,
    });
  }

  createGate(store, document, { reloadOnWithdraw: has('reload-on-withdraw'), nonce: (script as HTMLScriptElement | null)?.nonce || undefined }).start();

  new MutationObserver(scan).observe(document, { childList: true, subtree: true });
  whenParsed(() => {
    scan();
    setTimeout(() => store.isConfigured || warn(`no configuration (<discret-consent revision>, <script id="${CONFIG}">, discret.configure()): nothing non-essential runs`), 3000);
  });

  // The banner decides: its decisions' code comes with it, once storage holds nothing to honour and the page has painted.
  const painted = new Promise<void>((resolve) => whenPainted(resolve));
  const showConsent = (): Promise<unknown> =>
    painted.then(() => {
      whenParsed(() => document.querySelector('discret-consent') || document.body.append(document.createElement('discret-consent')));
      return Promise.all([ui('consent'), ui('decide')]);
    });
  // No decision copy: most likely a first visit. The banner's code need not wait for IndexedDB to say so, only
  // for the page's first paint: fetched and run earlier, it pushes that paint back.
  if (!store.record) painted.then(() => Promise.all([ui('consent'), ui('decide')])).catch(() => {});
  store.stored.then((record) => record || showConsent()).catch(() => {});
  const ask = (): void => {
    if (store.needsDecision && store.purposes.length) showConsent().catch(() => {});
  };
  store.ready.then(() => {
    ask();
    store.addEventListener('update', ask);
  });
  // Until the banner's code is here, nobody answers a request for the preferences: it asks again once it is.
  let preferences = false;
  store.addEventListener('preferences-request', () => {
    if (!preferences) showConsent().then(() => whenParsed(() => store.showPreferences()), () => (preferences = false));
    preferences = true;
  });
  // A deletion queued offline on an earlier page: the chat chunk sends it again.
  whenIdle(() =>
    void store.storage
      .get<unknown[]>('delete-queue')
      .then((queue) => queue?.length && ui('chat'))
      .catch(() => {}),
  );

  const chat: Record<string, unknown> = {};
  for (const name of CHAT_METHODS) {
    chat[name] = (...args: unknown[]) => ui('chat').then((chunk) => (chunk as { chat: Record<string, (...args: unknown[]) => unknown> }).chat[name](...args));
  }
  const api: PageApi = {
    ...createApi(store),
    configure: (config: ConsentConfig) => configure(2, config, 'discret.configure()'),
    define: () => Promise.all((['consent', 'button', 'chat', 'embed'] as Chunk[]).map(ui)).then(() => {}),
    chat: chat as LazyChatApi,
  };
  window.discret = registry.api = api;
  // Calls made on discret.js's stand-in before this module ran, in order, before any decision is known.
  for (const call of registry.queue?.splice(0) ?? []) call(api);
  return api;
}
