/** Registers every discret element. */
import './define/discret-consent.js';
import './define/discret-purpose.js';
import './define/discret-service.js';
import './define/discret-consent-button.js';
import './define/discret-chat-notice.js';
import './define/discret-delete-conversation.js';
