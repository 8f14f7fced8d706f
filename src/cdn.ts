/**
 * The script-tag entry (`dist/discret.js`): a small classic script for
 * `<head>`, where it runs before any tag manager and before the body is
 * parsed. It says Consent Mode's default, defines `window.discret` and
 * fetches the page core's module (`discret.mjs`, next to it), which runs
 * without blocking the parser. The elements' code lives in ES chunks next to
 * them (`ui/*.js`), fetched only when the page needs them.
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
import { head } from './head.js';

const script = globalThis.document?.currentScript as HTMLScriptElement | null | undefined;
head(script ?? null, () => import(new URL('discret.mjs', script?.src || globalThis.location?.href).href));
