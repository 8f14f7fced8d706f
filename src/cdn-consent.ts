/**
 * The consent-only script-tag entry (`dist/discret-consent.js`): the banner,
 * the preferences, the consent button and the gate, without the chat
 * elements, for sites that have no chat. Same attributes as `discret.js`.
 */
import './define/discret-consent.js';
import './define/discret-purpose.js';
import './define/discret-service.js';
import './define/discret-consent-button.js';
import { boot } from './boot.js';

boot(document.currentScript);
