/**
 * The script-tag entry (`dist/discret.js`): the page core, a classic script
 * for `<head>`, where it runs before any tag manager and before the body is
 * parsed. The elements' code lives in ES chunks next to it (`ui/*.js`),
 * fetched only when the page needs them.
 *
 * The configuration comes from the page (`<discret-consent>`, a JSON
 * `<script id="discret-config">`, `discret.configure()`). Attributes of the
 * script tag (all optional):
 * - `data-reload-on-withdraw`: reload when a purpose whose scripts ran is withdrawn;
 * - `data-consent-mode` (with an optional `type:purpose` map),
 *   `data-ads-data-redaction`, `data-url-passthrough`: Google Consent Mode v2;
 * - `data-host-origin="https://site.example"` (inside a chat iframe): send the
 *   chat's facts to the host page at that origin and hear its consent changes;
 *   `data-allowed-origins` lists the origins heard, the host origin by default.
 * On the host page, `<iframe data-discret-origin="https://chat.example">`
 * connects that chat iframe the same way (`data-discret-allowed-origins` too).
 */
import { boot } from './boot.js';
import { chunksFrom } from './chunks.js';

const script = globalThis.document?.currentScript as HTMLScriptElement | null | undefined;
boot(script ?? null, chunksFrom(script?.src || globalThis.location?.href));
