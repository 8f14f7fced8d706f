import type { Locale } from './locale.js';

/**
 * A site writes its texts once for every language it speaks: the plain
 * field is the default, and the same field with a language suffix wins for
 * visitors in that language. In markup `label-en`, `description-en`,
 * `text-accept-all-en`; in JSON `labelEn`, `descriptionEn`, `acceptAllEn`
 * (the same rule that makes `policy-href` into `policyHref`).
 */
const suffix = (locale: Locale): string => locale[0].toUpperCase() + locale.slice(1);

/** A site's `label` or `description` in the visitor's language, else as written; undefined when empty or not text. */
export function localized(definition: object, field: string, locale: Locale): string | undefined {
  const fields = definition as Record<string, unknown>;
  const value = fields[field + suffix(locale)] ?? fields[field];
  return typeof value === 'string' && value ? value : undefined;
}

/** The built-in strings with the site's overrides on top, each in the visitor's language first; only known keys, of the same type. */
export function withTexts<T extends object>(strings: T, locale: Locale, ...overrides: object[]): T {
  const result = { ...strings } as Record<string, unknown>;
  for (const override of overrides as Record<string, unknown>[]) {
    for (const key of Object.keys(result)) {
      const value = override[key + suffix(locale)] ?? override[key];
      if (value !== undefined && typeof value === typeof result[key]) result[key] = value;
    }
  }
  return result as T;
}
