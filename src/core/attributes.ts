import type { ConsentConfig } from './config.js';

/** The attributes of `<discret-consent>` that configure, by the field they set. */
export const ATTRIBUTES: Record<string, keyof ConsentConfig> = {
  revision: 'revision',
  'policy-href': 'policyHref',
  'max-age': 'maxAge',
  layout: 'layout',
  'log-endpoint': 'logEndpoint',
  lang: 'locale',
};

/** A text in another language (`label-en`, `description-de`, `transfers-en`), read by `<discret-purpose>`, `<discret-service>` and `<discret-cookie>`. */
export const LOCALIZED = /^(label|description|transfers)-[a-z]{2}$/;

/** The attributes `<discret-service>` reads; `<discret-purpose>` reads `gpc-opt-out`, `exempt` and `objectable` too. */
export const SERVICE_ATTRIBUTES = ['name', 'label', 'description', 'cookies'];

/** What `<discret-service>` reads besides: its vendor. */
export const VENDOR_ATTRIBUTES = ['provider', 'policy-href', 'country', 'transfers'];

/** The attributes `<discret-cookie>` reads. */
export const COOKIE_ATTRIBUTES = ['name', 'duration', 'domain', 'description'];
