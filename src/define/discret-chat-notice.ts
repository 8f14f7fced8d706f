import { DiscretChatNotice } from '../components/chat-notice/chat-notice.js';
import { defineElement } from './define.js';

defineElement('discret-chat-notice', DiscretChatNotice);

declare global {
  interface HTMLElementTagNameMap {
    'discret-chat-notice': DiscretChatNotice;
  }
}
