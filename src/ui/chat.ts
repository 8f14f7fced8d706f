/**
 * The chat chunk of the script tag: fetched when the page has a chat
 * element or a chat iframe to connect, when the script tag names a host
 * page (`data-host-origin`), when a deletion waits in the queue, or on the
 * first call to `discret.chat`.
 */
import { createChatApi } from '../chat-api.js';
import { DiscretChatNotice } from '../components/chat-notice/chat-notice.js';
import { DiscretDeleteConversation } from '../components/delete-conversation/delete-conversation.js';
import { drainDeletionQueue } from '../core/conversation/deletion.js';
import { page } from '../core/registry.js';
import { defineElement } from '../define/define.js';

defineElement('discret-chat-notice', DiscretChatNotice);
defineElement('discret-delete-conversation', DiscretDeleteConversation);

export const chat = createChatApi();

const words = (value: string | null | undefined): string[] | undefined => value?.split(/\s+/).filter(Boolean);

const script = page().script;
const hostOrigin = script?.getAttribute('data-host-origin');
if (hostOrigin) chat.connectHostPage(hostOrigin, { allowedOrigins: words(script?.getAttribute('data-allowed-origins')) });

const connected = new WeakSet<Element>();
const connectFrames = (): void => {
  for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe[data-discret-origin]')) {
    if (connected.has(frame)) continue;
    connected.add(frame);
    chat.connectChatFrame(frame, frame.dataset.discretOrigin!, { allowedOrigins: words(frame.dataset.discretAllowedOrigins) });
  }
};
connectFrames();
new MutationObserver(connectFrames).observe(document, { childList: true, subtree: true });

// A deletion queued offline on an earlier page is sent again now.
void drainDeletionQueue();
