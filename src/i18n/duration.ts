import type { Locale } from './locale.js';

const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute'] as const;
/** ISO 8601 durations of whole units, dates then times: `P1Y`, `P6M`, `P2W`, `P1Y6M`, `PT48H`. */
const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/**
 * An ISO 8601 duration in words, in the locale: `P1Y` → "1 an" / "1 year",
 * `P1Y6M` → "1 an et 6 mois". Null when the text is not such a duration.
 * Weeks stay weeks ("2 semaines") and months months ("13 mois"): retention
 * periods and cookie lifetimes are stated as the site wrote them, not converted.
 */
export function durationInWords(duration: string, locale: Locale): string | null {
  const match = DURATION.exec(duration.trim());
  if (!match || /^PT?$/.test(duration.trim()) || duration.trim().endsWith('T')) return null;
  const parts: string[] = [];
  UNITS.forEach((unit, i) => {
    const count = match[i + 1];
    if (count !== undefined) parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(Number(count)));
  });
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}
