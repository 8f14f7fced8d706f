import type { ChatTranslation } from './chat.js';
import type { EmbedTranslation } from './embed.js';
import type { PrivacyTranslation } from './privacy.js';
import type { ConsentTranslation } from './translation.js';
import type { VendorTranslation } from './vendors.js';

/**
 * Every string of every element in one language: what a locale module
 * (`locales/<code>.ts`) exports as its default. French and English are built
 * into the elements; the other languages are fetched when spoken.
 */
export interface LocaleStrings {
  consent: ConsentTranslation;
  chat: ChatTranslation;
  privacy: PrivacyTranslation;
  embed: EmbedTranslation;
  vendors: VendorTranslation;
}
