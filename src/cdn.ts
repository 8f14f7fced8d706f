/**
 * The script-tag entry: registers every element, holds gated scripts back
 * until consent and exposes `window.discret`. Loaded as a classic script in
 * <head>, it runs before any tag manager and before the body is parsed.
 */
import './define.js';
import { createApi, type DiscretApi } from './api.js';
import { consentStore } from './core/consent-store.js';
import { Gate } from './core/gate.js';

declare global {
  interface Window {
    discret: DiscretApi;
  }
}

// A second copy of the script (a tag manager and the page) must not make a second store or gate.
if (!window.discret) {
  const store = consentStore();
  new Gate(store, document, { reloadOnWithdraw: document.currentScript?.hasAttribute('data-reload-on-withdraw') }).start();
  window.discret = createApi(store);
}
