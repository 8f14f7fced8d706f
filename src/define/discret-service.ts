import { DiscretService } from '../components/service/service.js';
import { defineElement } from './define.js';

defineElement('discret-service', DiscretService);

declare global {
  interface HTMLElementTagNameMap {
    'discret-service': DiscretService;
  }
}
