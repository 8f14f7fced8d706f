import type { ConsentConfig } from './core/config.js';
import type { ConsentStore } from './core/consent-store.js';
import type { ConsentChangeDetail, ConsentReadyDetail } from './core/events.js';

interface ApiEvents {
  change: ConsentChangeDetail;
  ready: ConsentReadyDetail;
}

/** What a page may call on the store: its decisions and what it answers, not its plumbing. */
export type ConsentApi = Pick<
  ConsentStore,
  'granted' | 'acceptAll' | 'rejectAll' | 'decide' | 'withdraw' | 'record' | 'needsDecision' | 'ready' | 'history' | 'export'
>;

/** What `window.discret` offers a host page about consent; bundlers get the same from `createApi(consentStore())`. */
export interface DiscretApi {
  /** `granted(key)`, `acceptAll()`, `rejectAll()`, `decide(purposes, services?)`, `withdraw()`, `record`, `needsDecision`, `ready`, `history()`, `export()`. */
  consent: ConsentApi;
  configure(config: ConsentConfig): void;
  showPreferences(): void;
  /** Subscribes to the store's decisions (`change`) and its first answer (`ready`); returns the unsubscribe function. */
  on<K extends keyof ApiEvents>(type: K, listener: (detail: ApiEvents[K]) => void): () => void;
  readonly store: ConsentStore;
}

export function createApi(store: ConsentStore): DiscretApi {
  return {
    consent: store,
    configure: (config) => store.configure(config, 'discret.configure()'),
    showPreferences: () => store.showPreferences(),
    on(type, listener) {
      const handle = (event: Event) => listener((event as CustomEvent).detail);
      store.addEventListener(type, handle);
      return () => store.removeEventListener(type, handle);
    },
    store,
  };
}
