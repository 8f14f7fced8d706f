import type { PageApi } from '../boot.js';
import type { ConsentStore } from './consent-store.js';

/**
 * What every copy of discret on a page shares, whoever loaded it first: the
 * host's script tag, a chat widget's npm bundle, a tag manager loading the
 * script again. One store per page, not one per copy of the code.
 */
export interface PageRegistry {
  /** The page's one store: the first made, adopted by every later copy. */
  store?: ConsentStore;
  /** Makes the store when no copy has yet; set by the registration entries of the npm package. */
  make?: () => ConsentStore;
  /** True once a page core (the script tag) runs here: it configures the store and loads the UI. */
  core?: boolean;
  /** The script tag the page core came from, whose attributes its chunks read too. */
  script?: HTMLOrSVGScriptElement | null;
  /** The page core's way to fetch one of its chunks. */
  load?: (chunk: string) => Promise<unknown>;
  /** True once the script tag's synchronous part ran: it fetches the page core's module. */
  head?: boolean;
  /** Calls made on `window.discret` before the page core's module ran, in order; it runs them as it starts. */
  queue?: ((api: PageApi) => void)[];
  /** The page core's `window.discret`, once its module ran. */
  api?: PageApi;
  /** True once Consent Mode's default is in the dataLayer. */
  consentMode?: boolean;
}

const KEY = Symbol.for('discret.page');

export const page = (): PageRegistry => ((globalThis as { [KEY]?: PageRegistry })[KEY] ??= {});

/** The page's store, made by whichever copy of discret can make one. */
export function pageStore(): ConsentStore {
  const registry = page();
  return (registry.store ??= registry.make!());
}
