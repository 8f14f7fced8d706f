import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsentStore } from '../core/consent-store.js';
import { pageStore } from '../core/registry.js';
import { PageLanguageController } from '../i18n/page-language.js';

export interface ConsentControllerOptions {
  /** The store to follow; the page's one store when left out. Tests pass their own. */
  store?: ConsentStore;
  /** Called when the store asks for the preferences (`store.showPreferences()`). */
  onPreferencesRequest?: () => void;
}

/**
 * Subscribes a host to the page's `ConsentStore`: the host re-renders on
 * every `update` (a decision, another tab, a new configuration) and knows
 * when the stored record has been read (`ready`), so that it can render
 * nothing until then and never flash a banner at a returning visitor.
 */
export class ConsentController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private current: ConsentStore | undefined;
  private connected = false;
  /** Stores whose record has been read; a store dropped for another may get there later. */
  private readonly readyStores = new WeakSet<ConsentStore>();
  private readonly onPreferencesRequest?: () => void;

  constructor(host: ReactiveControllerHost, { store, onPreferencesRequest }: ConsentControllerOptions = {}) {
    this.host = host;
    this.current = store;
    this.onPreferencesRequest = onPreferencesRequest;
    host.addController(this);
    // Every element that follows the store also speaks the page's language as it changes.
    new PageLanguageController(host);
  }

  /** True once the store's stored record has been read. */
  get ready(): boolean {
    return this.current !== undefined && this.readyStores.has(this.current);
  }

  get store(): ConsentStore {
    return (this.current ??= pageStore());
  }

  /** Follows another store from now on, e.g. one a test injected after construction. */
  set store(store: ConsentStore) {
    if (store === this.current) return;
    if (this.connected) this.unsubscribe();
    this.current = store;
    if (this.connected) this.subscribe();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe();
  }

  private subscribe(): void {
    const store = this.store;
    store.addEventListener('update', this.handleUpdate);
    if (this.onPreferencesRequest) store.addEventListener('preferences-request', this.onPreferencesRequest);
    if (this.readyStores.has(store)) return;
    store.ready.then(() => {
      this.readyStores.add(store);
      if (store === this.current) this.host.requestUpdate();
    });
  }

  private unsubscribe(): void {
    this.current?.removeEventListener('update', this.handleUpdate);
    if (this.onPreferencesRequest) this.current?.removeEventListener('preferences-request', this.onPreferencesRequest);
  }

  private readonly handleUpdate = (): void => this.host.requestUpdate();
}
