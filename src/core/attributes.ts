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

/** A label or description in another language (`label-en`, `description-de`), read by `<discret-purpose>` and `<discret-service>`. */
export const LOCALIZED = /^(label|description)-[a-z]{2}$/;

/** The attributes `<discret-service>` reads; `<discret-purpose>` reads `gpc-opt-out`, `exempt` and `objectable` too. */
export const SERVICE_ATTRIBUTES = ['name', 'label', 'description', 'cookies'];
