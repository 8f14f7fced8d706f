import { DiscretConsent } from '../components/consent/consent.js';
import { consentStore } from '../core/consent-store.js';
import { page } from '../core/registry.js';
import { defineElement } from './define.js';

// Without a page core (a bundler's import), the element makes the page's store on first use.
page().make ??= consentStore;

defineElement('discret-consent', DiscretConsent);

declare global {
  interface HTMLElementTagNameMap {
    'discret-consent': DiscretConsent;
  }
}
