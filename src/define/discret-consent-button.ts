import { DiscretConsentButton } from '../components/consent-button/consent-button.js';
import { consentStore } from '../core/consent-store.js';
import { page } from '../core/registry.js';
import { defineElement } from './define.js';

// Without a page core (a bundler's import), the element makes the page's store on first use.
page().make ??= consentStore;

defineElement('discret-consent-button', DiscretConsentButton);

declare global {
  interface HTMLElementTagNameMap {
    'discret-consent-button': DiscretConsentButton;
  }
}
