/**
 * The page core as an ES module (`dist/discret.mjs`), for `<script type="module">`.
 * A module runs after the document is parsed: Consent Mode defaults land
 * later than with the classic `discret.js`. Same attributes as `discret.js`.
 */
import { boot } from './boot.js';
import { chunksFrom } from './chunks.js';

const script = globalThis.document && [...document.scripts].find((candidate) => candidate.src === import.meta.url);
boot(script ?? null, chunksFrom(import.meta.url));
