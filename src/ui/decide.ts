/**
 * The decisions chunk of the script tag: fetched with the banner, on the
 * first decision made in code, or to say what is wrong with a
 * configuration. Once here, it looks the page's markup over.
 */
import { inspectPage } from '../core/decisions.js';
import { whenParsed } from '../core/parsing.js';
import { page } from '../core/registry.js';

export * from '../core/decisions.js';

const store = page().store;
if (store) whenParsed(() => void store.ready.then(() => inspectPage(store)));
