import { DiscretPrivacyCenter } from '../components/privacy-center/privacy-center.js';
import { consentStore } from '../core/consent-store.js';
import { page } from '../core/registry.js';
import { defineElement } from './define.js';

// Without a page core (a bundler's import), the element makes the page's store on first use.
page().make ??= consentStore;

defineElement('discret-privacy-center', DiscretPrivacyCenter);

declare global {
  interface HTMLElementTagNameMap {
    'discret-privacy-center': DiscretPrivacyCenter;
  }
}
