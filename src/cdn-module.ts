/**
 * The page core as an ES module (`dist/discret.mjs`): what `discret.js`
 * fetches, and what a page may load itself with `<script type="module">`
 * (a module runs after the document is parsed: Consent Mode defaults land
 * later than with the classic `discret.js`). Same attributes as `discret.js`.
 */
import { boot } from './boot.js';
import { chunksFrom } from './chunks.js';
import { page } from './core/registry.js';

// Fetched by discret.js: its script tag holds the attributes.
const { head, script } = page();
boot((head ? script : globalThis.document && [...document.scripts].find((candidate) => candidate.src === import.meta.url)) ?? null, chunksFrom(import.meta.url));
