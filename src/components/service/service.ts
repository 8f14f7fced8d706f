import { ElementBase } from '../element-base.js';

/**
 * One service (a vendor or tool) within a `<discret-purpose>`, which the
 * visitor may switch on or off on its own (`granted('analytics/matomo')`).
 * A configuration element only: it renders nothing.
 *
 * @attr {string} name - Key of the service within its purpose: letters, digits, `-`, `_`.
 * @attr {string} label - Name shown to the visitor; the `name` when left out. `label-en`, `label-de`…: the same for visitors in that language.
 * @attr {string} description - What it does, shown in the preferences. `description-en`…: the same in that language.
 * @attr {string} cookies - Cookie names, space-separated, `prefix*` allowed; shown, and cleared when refused.
 *
 * @tagname discret-service
 */
export class DiscretService extends ElementBase {}
