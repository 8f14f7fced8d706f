/**
 * The single-file build (`dist/discret-full.js`): the page core with every
 * element inside, for sites that want one file and no request after it, at
 * the cost of fetching and parsing the whole UI on every page, returning
 * visitors included. Same attributes as `discret.js`.
 */
import { boot } from './boot.js';

const chunks = {
  consent: () => import('./ui/consent.js'),
  button: () => import('./ui/button.js'),
  chat: () => import('./ui/chat.js'),
  decide: () => import('./ui/decide.js'),
  privacy: () => import('./ui/privacy.js'),
  embed: () => import('./ui/embed.js'),
};
boot(globalThis.document?.currentScript ?? null, (chunk) => chunks[chunk]());
