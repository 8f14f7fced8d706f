/**
 * Reliability, XSS: one payload per class of the OWASP XSS Filter Evasion
 * cheat sheet, put in every text a site (or whatever feeds its markup and
 * configuration) hands to discret, in every way it can hand it over. Each
 * payload sets `window.__xss` (or calls `window.__xssHit()`) if it ever
 * runs. Every element is rendered with its preferences, details, dialog and
 * receipt open, so that each text is in the DOM, and then:
 * - nothing ran;
 * - no element came from the payload: no tag discret never renders, no more
 *   elements than the same family renders with a harmless value, no event
 *   handler or `srcdoc` attribute;
 * - the payload reads as text where the element shows it;
 * - every link is http(s), relative or mailto, never javascript: or data:.
 *
 * One `it` per payload class and family of inputs, generated from the two
 * tables below.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { DiscretChatNotice } from '../../src/components/chat-notice/chat-notice.js';
import type { DiscretConsent } from '../../src/components/consent/consent.js';
import type { DiscretDeleteConversation } from '../../src/components/delete-conversation/delete-conversation.js';
import type { ConsentConfig } from '../../src/core/config.js';
import { ConsentStore } from '../../src/core/consent-store.js';
import { deletionQueue } from '../../src/core/conversation/deletion.js';
import { MemoryStorage } from '../../src/core/storage.js';
import type { ChatTranslation } from '../../src/i18n/chat.js';
import type { ConsentTranslation } from '../../src/i18n/translation.js';
import '../../src/define/discret-chat-notice.js';
import '../../src/define/discret-consent.js';
import '../../src/define/discret-consent-button.js';
import '../../src/define/discret-delete-conversation.js';
import '../../src/define/discret-purpose.js';
import '../../src/define/discret-service.js';
import { openPreferences, settled } from '../components/consent-fixtures.js';
import { watchWarnings } from '../core/helpers/warnings.js';

declare global {
  interface Window {
    __xss?: boolean;
    __xssHit?: () => void;
  }
}

const RUN = 'window.__xss=true';

/** One payload per class of the OWASP XSS Filter Evasion cheat sheet (and a few from the browsers' own history). */
const PAYLOADS: [string, string][] = [
  ['basic <script>', `<script>${RUN}</script>`],
  ['<script src> of a data: URL', `<script src="data:text/javascript,${RUN}"></script>`],
  ['<img onerror>', `<img src=x onerror="${RUN}">`],
  ['event handler without quotes, mixed case', `<IMG SRC=/ oNeRrOr=${RUN}>`],
  ['event handler calling a global function', `<img src=x onerror=__xssHit()>`],
  ['<svg onload>', `<svg/onload=${RUN}>`],
  ['<body onload>', `<body onload=${RUN}>`],
  ['<iframe src=javascript:>', `<iframe src="javascript:parent.__xss=true"></iframe>`],
  ['<iframe srcdoc>', `<iframe srcdoc="<script>parent.__xss=true</script>"></iframe>`],
  ['javascript: URL', `javascript:${RUN}`],
  ['JaVaScRiPt: in mixed case', `JaVaScRiPt:${RUN}`],
  ['jav&#x09;ascript: with an entity-encoded tab', `jav&#x09;ascript:${RUN}`],
  ['jav<TAB>ascr<LF>ipt: with raw whitespace', `jav\tascr\nipt:${RUN}`],
  ['\\u0000javascript: behind a null byte', `\u0000javascript:${RUN}`],
  ['javascript: behind a space and a control character', ` \u0001javascript:${RUN}`],
  ['%6A%61vascript: percent-encoded', `%6A%61vascript:${RUN}`],
  ['&#106;&#97;… decimal entities', `&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${RUN}`],
  ['javascript&colon; named entity', `javascript&colon;${RUN}`],
  ['vbscript: URL', `vbscript:${RUN}`],
  ['data: URL with HTML', `data:text/html,<script>parent.__xss=true</script>`],
  ['data: URL with base64 HTML', `data:text/html;base64,${btoa('<script>parent.__xss=true</script>')}`],
  ['<a href=javascript:>', `<a href="javascript:${RUN}">x</a>`],
  ['attribute breaking "><script>', `"><script>${RUN}</script>`],
  ["attribute breaking '><img>", `'><img src=x onerror=${RUN}>`],
  ['template injection ${…}', '${' + RUN + '}'],
  ['template injection {{constructor.constructor(…)()}}', `{{constructor.constructor('${RUN}')()}}`],
  ['</script> breaking out of JSON', `</script><script>${RUN}</script>`],
  ['style with url(javascript:) and expression()', `<div style="background:url(javascript:${RUN});width:expression(${RUN})">x</div>`],
  ['<style> @import', `<style>@import "javascript:${RUN}";</style>`],
  ['<math> with a javascript: href', `<math href="javascript:${RUN}"><mi>x</mi></math>`],
  ['<details open ontoggle>', `<details open ontoggle=${RUN}>`],
  ['mutation XSS through <noscript>', `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`],
  ['mutation XSS through <math><style>', `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`],
  ['unicode escapes', `\\u003cimg src=x onerror=${RUN}\\u003e`],
  ['fullwidth brackets', `＜script＞${RUN}＜/script＞`],
  ['null bytes inside tags', `<scr\u0000ipt>${RUN}</scr\u0000ipt><img src=x on\u0000error=${RUN}>`],
  ['nested quotes', `<img src="x" alt='"' title="'" onerror="${RUN}">`],
  ['<object data=javascript:>', `<object data="javascript:${RUN}"></object>`],
  ['<embed src=data:>', `<embed src="data:text/html,<script>parent.__xss=true</script>">`],
  ['<meta http-equiv=refresh>', `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`],
  ['<input autofocus onfocus>', `<input autofocus onfocus=${RUN}>`],
  ['half-open <<script>', `<<script>${RUN};//<</script>`],
  ['comment break-out', `<!--<img src="--><img src=x onerror=${RUN}//">`],
  ['<base href=javascript:>', `<base href="javascript:/${RUN}//">`],
];

/** What every family renders with a harmless value: a link, an e-mail address and a name at once. */
const HARMLESS = 'https://example.com/a@b.c';

/** Tags discret never renders: any of them in a shadow root came from a payload. */
const FOREIGN = 'img, svg, iframe, script, math, object, embed, style, meta, base, noscript, body, link, video, audio, form, frame, marquee';
/** In the page itself, the JSON configuration a test puts there is no payload's. */
const FOREIGN_IN_PAGE = `:is(${FOREIGN}):not(script[type="application/json"])`;
/** Attributes discret never renders; `on…` handlers are checked apart. */
const FOREIGN_ATTRIBUTES = ['srcdoc', 'src', 'formaction', 'action', 'data', 'xlink:href'];

const CONSENT_TEXTS: (keyof ConsentTranslation)[] = [
  'bannerTitle',
  'bannerText',
  'policyLink',
  'acceptAll',
  'rejectAll',
  'customize',
  'gpcNotice',
  'gpcPurpose',
  'preferencesTitle',
  'preferencesText',
  'necessaryLabel',
  'necessaryDescription',
  'cookies',
  'save',
  'close',
  'saved',
  'manage',
];

const NOTICE_TEXTS: (keyof ChatTranslation)[] = [
  'rightsSpoken',
  'noticeLabel',
  'learnMore',
  'controller',
  'data',
  'purposes',
  'retention',
  'retentionNote',
  'legalBasis',
  'recipients',
  'processors',
  'storage',
  'transfers',
  'recordingLabel',
  'policy',
  'rights',
  'newTab',
  'ackPrompt',
  'ackButton',
  'ackDone',
  'training',
  'trainingOptIn',
  'trainingOptOut',
];

const DELETE_TEXTS: (keyof ChatTranslation)[] = [
  'deleteButton',
  'confirmTitle',
  'confirmLocal',
  'confirmProvider',
  'keptTitle',
  'keptDefault',
  'confirm',
  'cancel',
  'sending',
  'queued',
  'retry',
  'receipt',
  'receiptConversation',
  'receiptRequestedAt',
  'receiptStatus',
  'receiptAnsweredAt',
  'receiptReference',
  'download',
  'copy',
  'copied',
];

const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const every = <K extends string>(keys: K[], value: string) => Object.fromEntries(keys.map((key) => [key, value])) as Record<K, string>;
/** Cookie names as discret splits them. */
const cookieWords = (value: string) => value.split(/[\s,]+/).filter(Boolean);

/** What one family rendered: the elements whose shadow roots hold the texts, and texts that must read as given. */
interface Rendered {
  hosts: Element[];
  texts: string[];
}

const stores: ConsentStore[] = [];
const storages: MemoryStorage[] = [];
const placed: HTMLElement[] = [];

/**
 * A plain <div> in the page, removed after the test. Not open-wc's `fixture`:
 * for an element that is not a Lit element it waits for an animation frame,
 * and frames never come while the runner keeps this page in the background.
 */
function placeholder(): HTMLElement {
  const div = document.createElement('div');
  document.body.append(div);
  placed.push(div);
  return div;
}

function cleanUp(): void {
  for (const div of placed.splice(0)) div.remove();
  for (const store of stores.splice(0)) store.close();
  for (const storage of storages.splice(0)) deletionQueue(storage).close();
}

/** The storage is not what is tried here: memory keeps ~300 renders fast. */
function memoryStore(): ConsentStore {
  const store = new ConsentStore({ storage: new MemoryStorage(), channel: null, announce: new EventTarget(), gpc: true });
  stores.push(store);
  return store;
}

/** A configuration with the payload in every field that is shown, and in the locale and layout, which are not. */
const configHolding = (value: string): ConsentConfig => ({
  revision: '1',
  policyHref: value,
  locale: value,
  layout: value,
  texts: every(CONSENT_TEXTS, value),
  purposes: [
    {
      name: 'analytics',
      label: value,
      description: value,
      // A string, as the markup gives it: discret splits it into names.
      cookies: value as unknown as string[],
      gpcOptOut: true,
      services: [{ name: 'matomo', label: value, description: value, cookies: [value] }],
    },
  ],
});

/** The banner (and the consent button), then the preferences opened, with everything they show in the DOM. */
async function renderConsent(element: DiscretConsent, store: ConsentStore, button = true): Promise<Element[]> {
  const holder = placeholder();
  element.store = store;
  holder.append(element);
  const hosts: Element[] = [element];
  if (button) {
    const consentButton = document.createElement('discret-consent-button') as HTMLElement & { store: ConsentStore };
    consentButton.store = store;
    holder.append(consentButton);
    hosts.push(consentButton);
  }
  await settled(element, store);
  await openPreferences(element);
  await settled(element);
  return hosts;
}

const FAMILIES: Record<string, (value: string) => Promise<Rendered>> = {
  '<discret-consent> attributes (policy-href, lang, text-*)': async (value) => {
    const store = memoryStore();
    const element = document.createElement('discret-consent') as DiscretConsent;
    element.setAttribute('revision', '1');
    element.setAttribute('policy-href', value);
    element.setAttribute('lang', value);
    for (const key of CONSENT_TEXTS) element.setAttribute(`text-${kebab(key)}`, value);
    const purpose = document.createElement('discret-purpose');
    purpose.setAttribute('name', 'analytics');
    purpose.setAttribute('gpc-opt-out', '');
    element.append(purpose);
    return { hosts: await renderConsent(element, store), texts: [value] };
  },

  '<discret-purpose> and <discret-service> label, description, cookies': async (value) => {
    const store = memoryStore();
    const element = document.createElement('discret-consent') as DiscretConsent;
    element.setAttribute('revision', '1');
    element.setAttribute('lang', 'en');
    const purpose = document.createElement('discret-purpose');
    const service = document.createElement('discret-service');
    for (const [node, name] of [
      [purpose, 'analytics'],
      [service, 'matomo'],
    ] as const) {
      node.setAttribute('name', name);
      node.setAttribute('label', value);
      node.setAttribute('description', value);
      node.setAttribute('cookies', value);
    }
    purpose.append(service);
    element.append(purpose);
    // The cookies as the preferences list them: each name as text, a `prefix*` in words.
    const cookies = cookieWords(value).map((name) => (name.endsWith('*') ? `cookies starting with ${name.slice(0, -1)}` : name));
    return { hosts: await renderConsent(element, store, false), texts: [value, new Intl.ListFormat('en', { type: 'conjunction' }).format(cookies)] };
  },

  'the JSON configuration child (fields and texts)': async (value) => {
    const store = memoryStore();
    const element = document.createElement('discret-consent') as DiscretConsent;
    const json = document.createElement('script');
    json.type = 'application/json';
    json.textContent = JSON.stringify(configHolding(value));
    element.append(json);
    return { hosts: await renderConsent(element, store), texts: [value] };
  },

  'store.configure() fields and texts': async (value) => {
    const store = memoryStore();
    store.configure(configHolding(value));
    const element = document.createElement('discret-consent') as DiscretConsent;
    return { hosts: await renderConsent(element, store), texts: [value] };
  },

  '<discret-chat-notice> attributes and texts': async (value) => {
    const storage = new MemoryStorage();
    const element = await fixture<DiscretChatNotice>(html`<discret-chat-notice
      .stateStorage=${storage}
      .texts=${every(NOTICE_TEXTS, value)}
      lang="en"
      require-ack
      training="opt-in"
      assistant=${value}
      channel=${value}
      recording=${value}
      notice-id=${value}
      controller=${value}
      data=${value}
      purposes=${value}
      storage=${value}
      transfers=${value}
      retention=${value}
      retention-note=${value}
      legal-basis=${value}
      recipients=${value}
      processors=${value}
      policy-href=${value}
      rights-href=${value}
      rights-email=${value}
      authority=${value}
      authority-href=${value}
    ></discret-chat-notice>`);
    await element.ready;
    await element.updateComplete;
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="more-button"]')!.click();
    await element.updateComplete;
    return { hosts: [element], texts: [value.trim()] };
  },

  '<discret-delete-conversation> texts, conversation-id, retention-note, provider reference': async (value) => {
    const storage = new MemoryStorage();
    storages.push(storage);
    const element = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
      .stateStorage=${storage}
      .texts=${every(DELETE_TEXTS, value)}
      lang="en"
      conversation-id=${value}
      retention-note=${value}
    ></discret-delete-conversation>`);
    await element.ready;
    await element.updateComplete;
    // The dialog's content is in the DOM, open or not; opened once as a visitor would.
    element.show();
    await element.updateComplete;
    element.shadowRoot!.querySelector('dialog')!.close();
    element.addEventListener('discret-conversation-delete-request', (event) => event.respondWith(Promise.resolve({ reference: value })));
    await element.delete();
    await waitUntil(() => element.receipt?.status === 'deleted', 'the deletion was never confirmed', { timeout: 2000 });
    await element.updateComplete;
    element.shadowRoot!.querySelector('details')!.open = true;
    await element.updateComplete;
    return { hosts: [element], texts: [value.trim()] };
  },
};

/** Every element in the shadow roots of `hosts`, nested shadow roots included. */
function collect(hosts: Element[]): Element[] {
  const found: Element[] = [];
  const walk = (root: ParentNode) => {
    for (const element of root.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  for (const host of hosts) if (host.shadowRoot) walk(host.shadowRoot);
  return found;
}

const textOf = (hosts: Element[]) => hosts.map((host) => host.shadowRoot!.textContent ?? '').join('\n');

function tagCounts(elements: Element[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const element of elements) counts[element.localName] = (counts[element.localName] ?? 0) + 1;
  return counts;
}

/** Tags rendered more often than with a harmless value, as `tag: n > m`. */
function extraTags(elements: Element[], baseline: Record<string, number>): string[] {
  return Object.entries(tagCounts(elements))
    .filter(([tag, count]) => count > (baseline[tag] ?? 0))
    .map(([tag, count]) => `${tag}: ${count} > ${baseline[tag] ?? 0}`);
}

/** Event handler and foreign attributes, as `tag[attribute]`. */
const foreignAttributes = (elements: Element[]): string[] =>
  elements.flatMap((element) =>
    [...element.attributes].filter(({ name }) => /^on/i.test(name) || FOREIGN_ATTRIBUTES.includes(name.toLowerCase())).map(({ name }) => `${element.localName}[${name}]`),
  );

/** Links whose scheme is neither http(s) nor mailto, once resolved as the browser would follow them. */
const unsafeLinks = (elements: Element[]): string[] =>
  elements
    .filter((element) => element.hasAttribute('href'))
    .map((element) => element.getAttribute('href')!)
    .filter((href) => {
      try {
        return !['http:', 'https:', 'mailto:'].includes(new URL(href, document.baseURI).protocol);
      } catch {
        return true;
      }
    });

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('reliability: xss', () => {
  let warnings: ReturnType<typeof watchWarnings>;
  let foreignInDocument: number;

  before(() => {
    window.__xssHit = () => (window.__xss = true);
  });

  after(() => {
    delete window.__xssHit;
  });

  beforeEach(() => {
    delete window.__xss;
    warnings = watchWarnings();
    foreignInDocument = document.querySelectorAll(FOREIGN_IN_PAGE).length;
  });

  afterEach(() => {
    warnings.restore();
    cleanUp();
  });

  for (const [family, render] of Object.entries(FAMILIES)) {
    describe(family, () => {
      let baseline: Record<string, number>;

      before(async () => {
        const silent = watchWarnings();
        try {
          baseline = tagCounts(collect((await render(HARMLESS)).hosts));
        } finally {
          silent.restore();
          cleanUp();
        }
      });

      for (const [name, payload] of PAYLOADS) {
        it(`${name}: never runs, adds no element, reads as text, links stay http(s)`, async () => {
          const rendered = await render(payload);
          await settle();
          const elements = collect(rendered.hosts);

          expect(window.__xss, 'the payload ran').to.equal(undefined);
          expect(
            elements.filter((element) => element.matches(FOREIGN)).map((element) => element.localName),
            'elements discret never renders',
          ).to.deep.equal([]);
          expect(extraTags(elements, baseline), 'more elements than with a harmless value').to.deep.equal([]);
          expect(foreignAttributes(elements), 'event handler or embedding attributes').to.deep.equal([]);
          expect(document.querySelectorAll(FOREIGN_IN_PAGE).length, 'elements added to the page itself').to.equal(foreignInDocument);
          expect(unsafeLinks(elements), 'links that are not http(s), relative or mailto').to.deep.equal([]);
          const text = textOf(rendered.hosts);
          for (const expected of rendered.texts) expect(text.includes(expected), `"${expected}" is shown as text`).to.equal(true);
        });
      }
    });
  }
});
