import type { ConsentConfig } from './core/config.js';
import type { ConsentStore, HistoryEntry } from './core/consent-store.js';
import type { ConsentChangeDetail, ConsentReadyDetail } from './core/events.js';
import type { ConsentRecord } from './core/record.js';
import type { ChatApi } from './chat-api.js';

interface ApiEvents {
  change: ConsentChangeDetail;
  ready: ConsentReadyDetail;
}

/** What `window.discret` offers a host page about consent; bundlers get the same from `createApi(consentStore())`. */
export interface DiscretApi {
  consent: {
    granted(key: string): boolean;
    acceptAll(): Promise<ConsentRecord>;
    rejectAll(): Promise<ConsentRecord>;
    decide(purposes: Record<string, boolean>, services?: Record<string, boolean>): Promise<ConsentRecord>;
    withdraw(): Promise<void>;
    readonly record: ConsentRecord | null;
    readonly needsDecision: boolean;
    readonly ready: Promise<ConsentRecord | null>;
    history(): Promise<HistoryEntry[]>;
    export(): Promise<string>;
  };
  configure(config: ConsentConfig): void;
  showPreferences(): void;
  /** Subscribes to `discret-consent-<type>` on window; returns the unsubscribe function. */
  on<K extends keyof ApiEvents>(type: K, listener: (detail: ApiEvents[K]) => void): () => void;
  readonly store: ConsentStore;
  /** Present with the chat elements (`discret.js`, not `discret-consent.js`). */
  chat?: ChatApi;
}

export function createApi(store: ConsentStore): DiscretApi {
  return {
    consent: {
      granted: (key) => store.granted(key),
      acceptAll: () => store.acceptAll(),
      rejectAll: () => store.rejectAll(),
      decide: (purposes, services) => store.decide({ purposes, services }, 'api'),
      withdraw: () => store.withdraw(),
      get record() {
        return store.record;
      },
      get needsDecision() {
        return store.needsDecision;
      },
      ready: store.ready,
      history: () => store.history(),
      export: () => store.export(),
    },
    configure: (config) => store.configure(config, 'discret.configure()'),
    showPreferences: () => store.showPreferences(),
    on(type, listener) {
      const handle = (event: Event) => listener((event as CustomEvent).detail);
      window.addEventListener(`discret-consent-${type}`, handle);
      return () => window.removeEventListener(`discret-consent-${type}`, handle);
    },
    store,
  };
}
