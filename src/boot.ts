import { createApi, type DiscretApi } from './api.js';
import { consentStore } from './core/consent-store.js';
import { Gate } from './core/gate.js';

declare global {
  interface Window {
    discret: DiscretApi;
  }
}

/**
 * What a script-tag bundle does once per page: the page's store, the gate
 * and `window.discret`. Returns null when discret already runs here (a tag
 * manager and the page both loading it must not make a second store or gate).
 */
export function boot(script: HTMLOrSVGScriptElement | null): DiscretApi | null {
  if (window.discret) return null;
  const store = consentStore();
  new Gate(store, document, { reloadOnWithdraw: script?.hasAttribute('data-reload-on-withdraw') }).start();
  return (window.discret = createApi(store));
}
