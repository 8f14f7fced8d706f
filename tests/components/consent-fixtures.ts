/** Stores, fixtures and probes shared by the consent component tests. */
import { html } from 'lit';
import { fixture } from '@open-wc/testing';
import { ConsentStore, type ConsentStoreOptions } from '../../src/core/consent-store.js';
import { IndexedDBStorage, MemoryStorage } from '../../src/core/storage.js';
import type { DiscretConsent } from '../../src/components/consent/consent.js';
import '../../src/define/discret-consent.js';
import '../../src/define/discret-consent-button.js';
import '../../src/define/discret-purpose.js';
import '../../src/define/discret-service.js';

const made: { store: ConsentStore; database: string }[] = [];

/** A store on its own IndexedDB database, deleted by `cleanUp()`. */
export function makeStore(options: ConsentStoreOptions = {}, database = `test-${crypto.randomUUID()}`): ConsentStore {
  const store = new ConsentStore({ storage: new IndexedDBStorage(database), channel: null, announce: new EventTarget(), ...options });
  made.push({ store, database });
  return store;
}

/** A store whose stored record is read only when `release()` is called: the time before `ready`. */
export function makeSlowStore(options: ConsentStoreOptions = {}): { store: ConsentStore; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const storage = new (class extends MemoryStorage {
    override async get<T>(key: string): Promise<T | undefined> {
      await held;
      return super.get<T>(key);
    }
  })();
  return { store: new ConsentStore({ storage, channel: null, announce: new EventTarget(), ...options }), release };
}

/** The purposes of `consentFixture`, as a `ConsentConfig` would give them. */
export const FIXTURE_PURPOSES = [{ name: 'analytics', services: [{ name: 'matomo' }] }, { name: 'marketing' }];

/** A returning visitor: a store, configured with the fixture's purposes, on a database where a choice about them is already recorded. */
export async function returningStore(choices: Record<string, boolean>, revision = '1'): Promise<ConsentStore> {
  const database = `test-${crypto.randomUUID()}`;
  const first = makeStore({}, database);
  first.configure({ revision, purposes: FIXTURE_PURPOSES });
  await first.decide(choices);
  first.close();
  const store = makeStore({}, database);
  store.configure({ revision, purposes: FIXTURE_PURPOSES });
  return store;
}

export async function cleanUp(): Promise<void> {
  for (const { store, database } of made.splice(0)) {
    store.close();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(database);
      // idb-keyval keeps its connection open: the deletion completes when the page closes.
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
}

/** Waits until the stored record is read and the element has rendered everything that follows. */
export async function settled(element: { updateComplete: Promise<boolean> }, store?: ConsentStore): Promise<void> {
  await store?.ready;
  while (!(await element.updateComplete));
  // A task, not an animation frame: frames never come to a page in the background, and tests run two pages at once.
  await new Promise((resolve) => setTimeout(resolve));
  while (!(await element.updateComplete));
}

/** The site of the issue: two purposes, a service, cookies, a GPC opt-out purpose. */
export async function consentFixture(store: ConsentStore, { lang = 'en', layout }: { lang?: string; layout?: string } = {}): Promise<DiscretConsent> {
  const element = await fixture<DiscretConsent>(html`
    <discret-consent .store=${store} revision="1" policy-href="/privacy" lang=${lang} layout=${layout ?? 'bar'} max-age="P6M">
      <discret-purpose name="analytics" label="Audience" description="Counts visits." cookies="_ga _ga_*">
        <discret-service name="matomo" label="Matomo" description="Self-hosted statistics." cookies="_pk_*"></discret-service>
      </discret-purpose>
      <discret-purpose name="marketing" label="Advertising" gpc-opt-out></discret-purpose>
    </discret-consent>
  `);
  await settled(element, store);
  return element;
}

export const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null =>
  element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

/** Whether a part is rendered; a boolean, so that a failing check never prints a whole element. */
export const has = (element: Element, name: string): boolean => part(element, name) !== null;

export const parts = <T extends Element = HTMLElement>(element: Element, name: string): T[] => [
  ...element.shadowRoot!.querySelectorAll<T>(`[part~="${name}"]`),
];

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The `part` of the focused element, through shadow roots; a string, for readable failures. */
export const focusedPart = (): string | null => deepActive()?.getAttribute('part') ?? null;

/** A box's size in whole pixels: grid tracks split a width with sub-pixel remainders. */
export function size(element: Element): [number, number] {
  const box = element.getBoundingClientRect();
  return [Math.round(box.width), Math.round(box.height)];
}

/** Records the events of the given types that reach the document. */
export function recordEvents(...types: string[]): { types: string[]; stop: () => void } {
  const seen: string[] = [];
  const listener = (event: Event) => seen.push(event.type);
  for (const type of types) document.addEventListener(type, listener);
  return { types: seen, stop: () => types.forEach((type) => document.removeEventListener(type, listener)) };
}

/** Collects `console.warn` calls until `restore()`. */
export function captureWarnings(): { messages: string[]; restore: () => void } {
  const messages: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => messages.push(args.map(String).join(' '));
  return { messages, restore: () => (console.warn = original) };
}

/** Opens the preferences from the banner's "Customise" button and waits for the dialog. */
export async function openPreferences(element: DiscretConsent): Promise<HTMLDialogElement> {
  part(element, 'customize-button')!.click();
  await new Promise((resolve) => element.addEventListener('discret-preferences-show', resolve, { once: true }));
  return part<HTMLDialogElement>(element, 'dialog')!;
}

export const switchFor = (element: Element, key: string): HTMLInputElement =>
  element.shadowRoot!.querySelector<HTMLInputElement>(`input[data-key="${key}"]`)!;

/**
 * The Orbitalyntra77 demo's configuration, with its texts in French or
 * English: two long purpose labels, each with a service, long descriptions.
 * The longest first layer of the demos, for measuring small screens.
 */
export async function demoConsentFixture(store: ConsentStore, lang: 'fr' | 'en' = 'fr'): Promise<DiscretConsent> {
  const fr = lang === 'fr';
  const element = await fixture<DiscretConsent>(html`
    <discret-consent .store=${store} revision="2026-11" policy-href="/confidentialite" lang=${lang}>
      <discret-purpose
        name="analytics"
        label=${fr ? 'Suivi des visiteurs et analyses' : 'Visitor tracking and analytics'}
        description=${fr
          ? 'Données agrégées et anonymisées sur les pages visitées, le temps passé et le parcours de navigation, pour des analyses agrégées et améliorer l’engagement.'
          : 'Aggregated, anonymised data on the pages visited, the time spent and the navigation path, for aggregated analytics and better engagement.'}
        cookies="orb_vt_*"
      >
        <discret-service
          name="visitor-tracking"
          label=${fr ? 'Suivi des visiteurs Orbitalyntra77' : 'Orbitalyntra77 visitor tracking'}
          description=${fr ? 'L’outil de suivi des visiteurs d’Orbitalyntra77.' : 'Orbitalyntra77’s own visitor-tracking tool.'}
          cookies="orb_vt_*"
        ></discret-service>
      </discret-purpose>
      <discret-purpose
        name="personalisation"
        label=${fr ? 'Personnalisation' : 'Personalisation'}
        description=${fr
          ? 'Cookies qui retiennent votre navigation et vos préférences pour vous offrir une expérience personnalisée.'
          : 'Cookies that remember your browsing and preferences to give you a personalised experience.'}
        cookies="orb_pref"
      >
        <discret-service name="preferences" label=${fr ? 'Préférences d’affichage et d’aide' : 'Display and help preferences'} cookies="orb_pref"></discret-service>
      </discret-purpose>
    </discret-consent>
  `);
  await settled(element, store);
  return element;
}

/** Text with no-break spaces as plain ones (French typography puts them before : ; ? ! and inside « »). */
export const plain = (value: string | null | undefined): string => (value ?? '').replace(/[\u00a0\u202f]/g, ' ');
