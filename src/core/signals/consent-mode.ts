import type { ConsentStore } from '../consent-store.js';
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

/**
 * Speaks Google Consent Mode v2 and the tag manager's dataLayer: every
 * consent type `denied` by default, pushed at once (this runs from the
 * synchronous page core, before any tag manager); then an `update` from the
 * stored decision when it is known and after every change, followed by a
 * `discret_consent` event listing the granted purposes and services, for
 * tag manager triggers.
 */
export function startConsentMode(store: ConsentStore, { map, adsDataRedaction, urlPassthrough }: ConsentModeOptions): void {
  const dataLayer = ((globalThis as { dataLayer?: unknown[] }).dataLayer ??= []);
  // gtag's `js` command or the tag manager's start already there: they ran without the default (discret's tag async, or after them).
  if (dataLayer.some((entry) => (entry as unknown[])[0] === 'js' || (entry as { event?: string }).event === 'gtm.js'))
    warn('Consent Mode: tags ran before the "denied" default; put discret.js first, without async');
  // gtag.js reads commands as `arguments` objects, not arrays.
  function gtag(..._: unknown[]): void {
    // eslint-disable-next-line prefer-rest-params
    dataLayer.push(arguments);
  }
  const types: Record<string, string> = { ...CONSENT_TYPES };
  const given = typeof map === 'string' ? map.split(/\s+/).filter(Boolean).map((entry) => entry.split(':')) : Object.entries(map ?? {});
  for (const [type, key] of given) {
    if (type in types && key) types[type] = key;
    else warn(`Consent Mode "${type}": not type:purpose with a Consent Mode type; ignored`);
  }
  const state = (known: boolean): Record<string, string> =>
    Object.fromEntries(Object.entries(types).map(([type, key]) => [type, known && store.granted(key) ? 'granted' : 'denied']));
  gtag('consent', 'default', { ...state(false), wait_for_update: WAIT_FOR_UPDATE_MS });
  if (adsDataRedaction) gtag('set', 'ads_data_redaction', true);
  if (urlPassthrough) gtag('set', 'url_passthrough', true);
  const update = (): void => {
    gtag('consent', 'update', state(true));
    const record = store.record;
    dataLayer.push({ event: 'discret_consent', discret_purposes: Object.keys({ ...record?.purposes, ...record?.services }).filter((key) => store.granted(key)) });
  };
  store.addEventListener('ready', update);
  store.addEventListener('change', update);
}
