import type { Locale } from './locale.js';
import { withTexts } from './site-texts.js';

/**
 * The strings of an embed's placeholder. `{provider}`: who serves the
 * content (the service's label); `{purpose}`: the purpose it is gated on.
 */
export interface EmbedTranslation {
  /** The placeholder's heading. */
  title: string;
  /** What loading the content shares, and with whom. */
  shares: string;
  /** Loads this one embed now; nothing is recorded. */
  load: string;
  /** Grants the service, recorded, for every page (method `contextual`). */
  allow: string;
}

const translations: Record<Locale, EmbedTranslation> = {
  en: {
    title: 'Content from {provider}',
    shares:
      'Loading it connects your browser to {provider}, which receives your IP address and the address of this page, and may set cookies ({purpose}).',
    load: 'Load',
    allow: 'Always allow {provider}',
  },
  fr: {
    title: 'Contenu fourni par {provider}',
    shares:
      'Le charger connecte votre navigateur à {provider}, qui reçoit votre adresse IP et l’adresse de cette page, et peut déposer des cookies ({purpose}).',
    load: 'Charger',
    allow: 'Toujours autoriser {provider}',
  },
};

/** The strings of a locale with the site's overrides (`text-<key>` attributes of the embed, `text-<key>-<lang>` first) on top. */
export const embedTranslation = (locale: Locale, overrides: Record<string, string> = {}): EmbedTranslation => withTexts(translations[locale], locale, overrides);
