import { DiscretPurpose } from '../components/purpose/purpose.js';
import { defineElement } from './define.js';

defineElement('discret-purpose', DiscretPurpose);

declare global {
  interface HTMLElementTagNameMap {
    'discret-purpose': DiscretPurpose;
  }
}
