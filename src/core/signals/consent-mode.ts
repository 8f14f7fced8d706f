import type { ConsentStore } from '../consent-store.js';
import { page } from '../registry.js';
import { warn } from '../warn.js';

/** Google Consent Mode v2's consent types, each answered by one of the site's purposes by default. */
export const CONSENT_TYPES = {
  ad_storage: 'marketing',
  ad_user_data: 'marketing',
  ad_personalization: 'marketing',
  analytics_storage: 'analytics',
  functionality_storage: 'functional',
  personalization_storage: 'personalization',
  security_storage: 'necessary',
};

export type ConsentType = keyof typeof CONSENT_TYPES;

export interface ConsentModeOptions {
  /**
   * Which purpose (or `purpose/service`) grants each consent type, the
   * defaults above for those left out; as an object, or as the script tag
   * writes it: `analytics_storage:stats ad_storage:ads`.
   */
  map?: Partial<Record<ConsentType, string>> | string;
  /** `gtag('set', 'ads_data_redaction', true)`: ad clicks carry no identifier while ad_storage is denied. */
  adsDataRedaction?: boolean;
  /** `gtag('set', 'url_passthrough', true)`: ad click ids travel in links instead of cookies. */
  urlPassthrough?: boolean;
}

/** How long tags wait for the stored decision before going ahead denied. */
const WAIT_FOR_UPDATE_MS = 500;

const dataLayer = (): unknown[] => ((globalThis as { dataLayer?: unknown[] }).dataLayer ??= []);

// gtag.js reads commands as `arguments` objects, not arrays.
function gtag(..._: unknown[]): void {
  // eslint-disable-next-line prefer-rest-params
  dataLayer().push(arguments);
}

/**
 * Consent Mode's start, before any tag manager: every consent type `denied`
 * (with `wait_for_update`), and the options. The script tag's synchronous
 * part says it at once; the page core's module says the rest once the
 * decision is known. Said once per page, whichever copy of discret says it.
 */
export function consentModeDefault({ adsDataRedaction, urlPassthrough }: ConsentModeOptions): void {
  const registry = page();
  if (registry.consentMode) return;
  registry.consentMode = true;
  // gtag's `js` command or the tag manager's start already there: they ran without the default (discret's tag async, or after them).
  if (dataLayer().some((entry) => (entry as unknown[])[0] === 'js' || (entry as { event?: string }).event === 'gtm.js'))
    warn('Consent Mode: tags ran before the "denied" default; put discret.js first, without async');
  gtag('consent', 'default', { ...Object.fromEntries(Object.keys(CONSENT_TYPES).map((type) => [type, 'denied'])), wait_for_update: WAIT_FOR_UPDATE_MS });
  if (adsDataRedaction) gtag('set', 'ads_data_redaction', true);
  if (urlPassthrough) gtag('set', 'url_passthrough', true);
}

/**
 * Speaks Google Consent Mode v2 and the tag manager's dataLayer: the
 * default (`consentModeDefault`) unless already said; then an `update` from
 * the stored decision when it is known and after every change, followed by
 * a `discret_consent` event listing the granted purposes and services, for
 * tag manager triggers.
 */
export function startConsentMode(store: ConsentStore, options: ConsentModeOptions): void {
  consentModeDefault(options);
  const types: Record<string, string> = { ...CONSENT_TYPES };
  const { map } = options;
  const given = typeof map === 'string' ? map.split(/\s+/).filter(Boolean).map((entry) => entry.split(':')) : Object.entries(map ?? {});
  for (const [type, key] of given) {
    if (type in types && key) types[type] = key;
    else warn(`Consent Mode "${type}": not type:purpose with a Consent Mode type; ignored`);
  }
  const update = (): void => {
    gtag('consent', 'update', Object.fromEntries(Object.entries(types).map(([type, key]) => [type, store.granted(key) ? 'granted' : 'denied'])));
    const record = store.record;
    dataLayer().push({ event: 'discret_consent', discret_purposes: Object.keys({ ...record?.purposes, ...record?.services }).filter((key) => store.granted(key)) });
  };
  store.addEventListener('ready', update);
  store.addEventListener('change', update);
}
