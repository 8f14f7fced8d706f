import { DiscretCookie } from '../components/cookie/cookie.js';
import { defineElement } from './define.js';

defineElement('discret-cookie', DiscretCookie);

declare global {
  interface HTMLElementTagNameMap {
    'discret-cookie': DiscretCookie;
  }
}
