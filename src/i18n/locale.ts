/** Locales whose strings are complete; anything else falls back to English. */
export type Locale = 'fr' | 'en';

export const LOCALES: readonly Locale[] = ['fr', 'en'];

/**
 * The locale an element speaks: its own `lang` attribute, then the nearest
 * ancestor's (`<html lang>` included, across shadow roots), then the
 * browser's languages, then English.
 */
export function resolveLocale(element: Element): Locale {
  for (let at: Node | null = element; at; at = at.parentNode ?? (at as ShadowRoot).host ?? null) {
    if (at instanceof Element && at.hasAttribute('lang')) {
      const match = toLocale(at.getAttribute('lang')!);
      if (match) return match;
    }
  }
  for (const language of globalThis.navigator?.languages ?? []) {
    const match = toLocale(language);
    if (match) return match;
  }
  return 'en';
}

/** `fr-FR` → `fr`; null when the language has no complete strings. */
export function toLocale(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : null;
}
