/** The embeds chunk of the script tag: fetched when the page has embeds held back once the decision is known. */
import { showEmbedPlaceholders } from '../components/embed-placeholder/embeds.js';
import { page } from '../core/registry.js';

const store = page().store;
if (store) showEmbedPlaceholders(store);
