import { ElementBase } from '../element-base.js';

/**
 * One cookie a `<discret-service>` (or a `<discret-purpose>`) sets, described
 * for the visitor: the preferences show a table per service with each
 * cookie's name, purpose, lifetime in words and domain. Its name joins the
 * cookies cleared when the service is refused, as the short `cookies`
 * attribute's do. A configuration element only: it renders nothing.
 *
 * In JSON configuration, the same cookie is an object in the service's
 * `cookies` list, next to plain names:
 * `"cookies": ["_gid", { "name": "_ga", "duration": "P13M", "domain": ".example.fr", "description": "…" }]`.
 *
 * @attr {string} name - The cookie's name, exact or `prefix*` ("cookies starting with prefix" to the visitor).
 * @attr {string} duration - How long it lives: an ISO 8601 duration (`P13M`, `P1Y`, `P30D`, `PT30M`), shown in words, or `session` for a cookie deleted when the browser closes. Anything else is left out, with a console warning.
 * @attr {string} domain - The domain it is set on (`.example.fr`), shown as written.
 * @attr {string} description - What it is for, shown as text.
 *
 * @tagname discret-cookie
 */
export class DiscretCookie extends ElementBase {}
