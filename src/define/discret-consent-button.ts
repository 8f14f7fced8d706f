import { DiscretConsentButton } from '../components/consent-button/consent-button.js';
import { defineElement } from './define.js';

defineElement('discret-consent-button', DiscretConsentButton);

declare global {
  interface HTMLElementTagNameMap {
    'discret-consent-button': DiscretConsentButton;
  }
}
