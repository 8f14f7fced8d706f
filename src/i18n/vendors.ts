import type { Locale } from './locale.js';

/**
 * What the preferences say about vendors and their cookies: the cookie
 * table, prefixes in words, provider, country and transfer safeguard. Apart
 * from `ConsentTranslation` so that the consent button and the embed
 * placeholders, which share that table, do not carry these strings; any key
 * can be overridden the same way (`texts`, or `text-<key>` on `<discret-consent>`).
 */
export interface VendorTranslation {
  /** `{prefix}`: a cookie pattern `prefix*` in words, in `cookies` and in the cookie table. */
  cookiePrefix: string;
  /** `{label}`: the service's (or purpose's) label; the caption of its cookie table. */
  cookieTable: string;
  /** The cookie table's column headers. */
  cookieName: string;
  cookiePurpose: string;
  cookieDuration: string;
  cookieDomain: string;
  /** The duration of a cookie whose `duration` is `session`. */
  sessionCookie: string;
  /** Before a service's provider (linked to its privacy policy when it has one). */
  provider: string;
  /** Before the countries where the provider processes the data. */
  country: string;
  /** Before the safeguard for transfers outside the EU. */
  transfers: string;
  /** `transfers="adequacy"`. */
  transferAdequacy: string;
  /** `transfers="scc"`. */
  transferScc: string;
  /** `transfers="bcr"`. */
  transferBcr: string;
}

const fr: VendorTranslation = {
  cookiePrefix: 'cookies commençant par {prefix}',
  cookieTable: 'Cookies de «\u00a0{label}\u00a0»',
  cookieName: 'Cookie',
  cookiePurpose: 'Finalité',
  cookieDuration: 'Durée',
  cookieDomain: 'Domaine',
  sessionCookie: 'Session (supprimé à la fermeture du navigateur)',
  provider: 'Prestataire\u00a0:',
  country: 'Pays de traitement\u00a0:',
  transfers: 'Transferts hors de l’Union européenne\u00a0:',
  transferAdequacy: 'Décision d’adéquation de la Commission européenne',
  transferScc: 'Clauses contractuelles types',
  transferBcr: 'Règles d’entreprise contraignantes',
};

const en: VendorTranslation = {
  cookiePrefix: 'cookies starting with {prefix}',
  cookieTable: 'Cookies of “{label}”',
  cookieName: 'Cookie',
  cookiePurpose: 'Purpose',
  cookieDuration: 'Duration',
  cookieDomain: 'Domain',
  sessionCookie: 'Session (deleted when the browser closes)',
  provider: 'Provider:',
  country: 'Data processed in:',
  transfers: 'Transfers outside the European Union:',
  transferAdequacy: 'Adequacy decision of the European Commission',
  transferScc: 'Standard contractual clauses',
  transferBcr: 'Binding corporate rules',
};

export const vendorTranslations: Record<Locale, VendorTranslation> = { fr, en };
