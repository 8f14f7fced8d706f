/**
 * `window.discret`, typed. The script tag's page core defines it; a bundle
 * finds it only when the host page loaded that script. For script-tag users:
 * `/// <reference types="discret/window" />`; `import 'discret'` brings it too.
 */
import type { PageApi } from './boot.js';

export type { LazyChatApi, PageApi } from './boot.js';

declare global {
  interface Window {
    /** The page core's API; undefined until a `discret.js` script ran on this page. */
    discret?: PageApi;
  }
}
