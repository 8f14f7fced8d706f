import { en } from './en.js';
import { fr } from './fr.js';
import type { Locale } from './locale.js';
import { withTexts } from './site-texts.js';

/**
 * Every string the consent banner, the preferences dialog and the consent
 * button show. `{name}` marks a value filled in at render time; any key can
 * be overridden by `texts` in the configuration or a `text-<key>` attribute.
 */
export interface ConsentTranslation {
  bannerTitle: string;
  /** `{purposes}`: the purposes' labels, each as `purposeLabel` makes it, as a list ("« a », « b » et « c »"). */
  bannerText: string;
  /** `{label}`: one purpose's label as the site wrote it, quoted as a name in `bannerText`. */
  purposeLabel: string;
  policyLink: string;
  acceptAll: string;
  rejectAll: string;
  customize: string;
  /** Shown in the banner and the dialog when the browser sends Global Privacy Control. */
  gpcNotice: string;
  /** Under each purpose that Global Privacy Control refuses. */
  gpcPurpose: string;
  preferencesTitle: string;
  preferencesText: string;
  /** In the open dialog, once another tab or window decided: the switches were set again from what is now in force. */
  preferencesChanged: string;
  necessaryLabel: string;
  necessaryDescription: string;
  /** `{purposes}`: the purposes exempt from consent, as in `bannerText`; after it in the banner. */
  exemptNotice: string;
  /** Under a purpose exempt from consent: why it needs none. */
  exemptPurpose: string;
  /** Under an exempt purpose the visitor may object to, after `exemptPurpose`. */
  exemptObjectable: string;
  /** `{cookies}`: the cookies not described in a table, as a list ("_ga and cookies starting with _ga_"). */
  cookies: string;
  save: string;
  close: string;
  /** Announced (aria-live) once a choice is recorded. */
  saved: string;
  /** The `<discret-consent-button>` label. */
  manage: string;
}

export type TranslationKey = keyof ConsentTranslation;

const translations: Record<Locale, ConsentTranslation> = { fr, en };

/** The strings of a locale with the site's overrides on top (`acceptAllEn` before `acceptAll` for English); only known keys and string values are taken. */
export const consentTranslation = (locale: Locale, ...overrides: Record<string, string>[]): ConsentTranslation => withTexts(translations[locale], locale, ...overrides);

/** Fills `{name}` placeholders; values are plain text and stay text when rendered. */
export const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
