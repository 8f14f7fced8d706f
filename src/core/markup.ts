import { ATTRIBUTES, COOKIE_ATTRIBUTES, LOCALIZED, VENDOR_ATTRIBUTES } from './attributes.js';
import type { ConsentConfig, CookieDefinition, PurposeDefinition, ServiceDefinition } from './config.js';
import { isObject } from './values.js';

/**
 * Turns the page's markup into configuration, without Lit: the page core
 * reads it before any element is defined, and `<discret-consent>` reads the
 * same when no page core runs.
 */

const words = (value: string | null): string[] => (value ?? '').split(/[\s,]+/).filter(Boolean);

/** `policy-href` → `policyHref`, `accept-all` → `acceptAll`. */
const camel = (name: string): string => name.replace(/-(.)/g, (_, letter: string) => letter.toUpperCase());

/**
 * The attributes of an element that are present, by their field's name
 * (`policy-href` → `policyHref`), with its texts in other languages
 * (`label-en` → `labelEn`).
 */
const fields = (element: Element, names: string[]): Record<string, string> =>
  Object.fromEntries(
    [...element.attributes]
      .filter(({ name }) => names.includes(name) || LOCALIZED.test(name))
      .map(({ name, value }) => [camel(name), value]),
  );

function readService(element: Element): ServiceDefinition {
  return {
    ...fields(element, ['label', 'description', ...VENDOR_ATTRIBUTES]),
    name: element.getAttribute('name') ?? '',
    // The short form and `<discret-cookie>` children, as plain data: the consent chunk checks and words them.
    cookies: [...words(element.getAttribute('cookies')), ...[...element.querySelectorAll(':scope > discret-cookie')].map((cookie) => fields(cookie, COOKIE_ATTRIBUTES) as unknown as CookieDefinition)],
  };
}

function readPurpose(element: Element): PurposeDefinition {
  return {
    ...readService(element),
    gpcOptOut: element.hasAttribute('gpc-opt-out'),
    exempt: element.hasAttribute('exempt'),
    objectable: element.hasAttribute('objectable'),
    services: [...element.querySelectorAll(':scope > discret-service')].map(readService),
  };
}

/** `text-accept-all="OK"` → `{ acceptAll: 'OK' }`. */
export function attributeTexts(element: Element): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const { name, value } of element.attributes) {
    if (name.startsWith('text-')) texts[camel(name.slice(5))] = value;
  }
  return texts;
}


/** A JSON object from a `<script type="application/json">`, or why it is none. */
export function readJson(script: HTMLScriptElement): ConsentConfig | Error {
  try {
    const value: unknown = JSON.parse(script.text);
    return isObject(value) ? value : new Error('not a JSON object');
  } catch (error) {
    return error as Error;
  }
}



/**
 * What a `<discret-consent>` element configures: its attributes, its
 * `<discret-purpose>` children, and a `<script type="application/json">`
 * child under them (attributes win over the JSON, child elements over its
 * `purposes`). Nothing when it configures nothing (no revision, no purposes,
 * no JSON): it only shows what another source configured. A JSON child that
 * does not parse is reported in `problem`.
 */
export function readConsentElement(element: Element): { config?: ConsentConfig; problem?: Error } {
  const json = element.querySelector<HTMLScriptElement>(':scope > script[type="application/json"]');
  const purposes = [...element.querySelectorAll(':scope > discret-purpose')];
  if (!json && !purposes.length && !element.hasAttribute('revision')) return {};
  const parsed = json ? readJson(json) : {};
  // A JSON that does not parse configures nothing, unless the element says more itself.
  if (parsed instanceof Error && !purposes.length && !element.hasAttribute('revision')) return { problem: parsed };
  const base = parsed instanceof Error ? {} : parsed;
  const config: Record<string, unknown> = { ...base };
  for (const [attribute, field] of Object.entries(ATTRIBUTES)) if (element.hasAttribute(attribute)) config[field] = element.getAttribute(attribute);
  config.texts = { ...(isObject(base.texts) ? base.texts : {}), ...attributeTexts(element) };
  if (purposes.length) config.purposes = purposes.map(readPurpose);
  return { config, problem: parsed instanceof Error ? parsed : undefined };
}
