import { DiscretConsent } from '../components/consent/consent.js';
import { defineElement } from './define.js';

defineElement('discret-consent', DiscretConsent);

declare global {
  interface HTMLElementTagNameMap {
    'discret-consent': DiscretConsent;
  }
}
