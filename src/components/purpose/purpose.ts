import { ElementBase } from '../element-base.js';

/**
 * One purpose the visitor decides, declared inside `<discret-consent>`.
 * A configuration element only: it renders nothing, and `<discret-consent>`
 * reads its attributes (and watches them change).
 *
 * @attr {string} name - Key of the purpose (`granted('analytics')`, `data-purpose="analytics"`): letters, digits, `-`, `_`.
 * @attr {string} label - Name shown to the visitor; the `name` when left out. `label-en`, `label-de`…: the same for visitors in that language.
 * @attr {string} description - What it is for, shown in the preferences. `description-en`…: the same in that language.
 * @attr {string} cookies - Cookie names, space-separated, `prefix*` allowed; shown, and cleared when refused.
 * @attr {boolean} gpc-opt-out - Refused when the browser sends Global Privacy Control, unless the visitor switches it on.
 * @attr {boolean} exempt - Needs no consent (audience measurement meeting the CNIL's conditions): always on unless the visitor objected, never among the banner's choices, not refused by "Reject all".
 * @attr {boolean} objectable - With `exempt`: the preferences offer a switch to object to it.
 *
 * @slot - `<discret-service>` elements: the services this purpose covers; `<discret-cookie>` elements: its own cookies described one by one.
 *
 * @tagname discret-purpose
 */
export class DiscretPurpose extends ElementBase {}
