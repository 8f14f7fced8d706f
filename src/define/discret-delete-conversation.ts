import { DiscretDeleteConversation } from '../components/delete-conversation/delete-conversation.js';
import { defineElement } from './define.js';

defineElement('discret-delete-conversation', DiscretDeleteConversation);

declare global {
  interface HTMLElementTagNameMap {
    'discret-delete-conversation': DiscretDeleteConversation;
  }
}
