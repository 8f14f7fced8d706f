/**
 * The script-tag entry (`dist/discret.js`): registers every element, holds
 * gated scripts back until consent and exposes `window.discret`. Loaded as a
 * classic script in <head>, it runs before any tag manager and before the
 * body is parsed.
 *
 * Attributes of the script tag:
 * - `data-reload-on-withdraw`: reload when a purpose whose scripts ran is withdrawn.
 * - `data-host-origin="https://site.example"` (inside a chat iframe): send the
 *   chat's facts to the host page at that origin and hear its consent changes;
 *   `data-allowed-origins` lists the origins heard, the host origin by default.
 * On the host page, `<iframe data-discret-origin="https://chat.example">`
 * connects that chat iframe the same way (`data-discret-allowed-origins` too).
 */
import './define.js';
import { boot } from './boot.js';
import { createChatApi } from './chat-api.js';
import { drainDeletionQueue } from './core/conversation/deletion.js';

const words = (value: string | null | undefined): string[] | undefined => value?.split(/\s+/).filter(Boolean);

const script = document.currentScript;
const api = boot(script);
if (api) {
  const chat = (api.chat = createChatApi());
  const hostOrigin = script?.getAttribute('data-host-origin');
  if (hostOrigin) chat.connectHostPage(hostOrigin, { allowedOrigins: words(script?.getAttribute('data-allowed-origins')) });
  const connectFrames = (): void => {
    for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe[data-discret-origin]')) {
      chat.connectChatFrame(frame, frame.dataset.discretOrigin!, { allowedOrigins: words(frame.dataset.discretAllowedOrigins) });
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', connectFrames, { once: true });
  else connectFrames();
  // A deletion request queued offline on an earlier page is sent again now, after the consent read.
  void api.store.ready.then(() => drainDeletionQueue());
}
