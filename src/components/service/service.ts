import { ElementBase } from '../element-base.js';

/**
 * One service (a vendor or tool) within a `<discret-purpose>`, which the
 * visitor may switch on or off on its own (`granted('analytics/matomo')`).
 * A configuration element only: it renders nothing.
 *
 * @attr {string} name - Key of the service within its purpose: letters, digits, `-`, `_`.
 * @attr {string} label - Name shown to the visitor; the `name` when left out. `label-en`, `label-de`…: the same for visitors in that language.
 * @attr {string} description - What it does, shown in the preferences. `description-en`…: the same in that language.
 * @attr {string} cookies - Cookie names, space-separated, `prefix*` allowed ("cookies starting with …"); shown, and cleared when refused. The short form of `<discret-cookie>` children.
 * @attr {string} provider - Who provides the service (the vendor), by name; shown in the preferences.
 * @attr {string} policy-href - The provider's privacy policy, linked from its name; http(s) or relative only (anything else: not linked, and a console warning).
 * @attr {string} country - Where the provider processes the data: ISO 3166 codes (`US`, `IE`), space-separated, shown as the visitor's language names the countries.
 * @attr {string} transfers - The safeguard for a transfer outside the EU: `adequacy` (an adequacy decision, the EU–US Data Privacy Framework included), `scc` (standard contractual clauses), `bcr` (binding corporate rules), each said in the visitor's language, or the site's own words, shown as written.
 *
 * @slot - `<discret-cookie>` elements: the service's cookies described one by one (name, purpose, duration, domain), shown as a table.
 *
 * @tagname discret-service
 */
export class DiscretService extends ElementBase {}
