/** Registers every discret element. */
// The store's events on `window` (`discret-consent-change`, `discret-consent-ready`) are typed for whoever imports this entry alone.
export type { ConsentChangeEvent, ConsentReadyEvent } from './core/events.js';
import './define/discret-consent.js';
import './define/discret-purpose.js';
import './define/discret-service.js';
import './define/discret-cookie.js';
import './define/discret-consent-button.js';
import './define/discret-chat-notice.js';
import './define/discret-delete-conversation.js';
import './define/discret-privacy-center.js';
import './define/discret-embed-placeholder.js';
