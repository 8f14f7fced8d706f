import { DiscretEmbedPlaceholder } from '../components/embed-placeholder/embed-placeholder.js';
import { defineElement } from './define.js';

defineElement('discret-embed-placeholder', DiscretEmbedPlaceholder);

declare global {
  interface HTMLElementTagNameMap {
    'discret-embed-placeholder': DiscretEmbedPlaceholder;
  }
  interface GlobalEventHandlersEventMap {
    'discret-embed-load': Event;
  }
}
