import type { Locale } from './locale.js';

/**
 * A date and time as the visitor reads them: "12 novembre 2026 à 14:05".
 * Text that is not a date comes back as it is, never as an exception.
 */
export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** A day as the visitor reads it, without the time: "20 décembre 2026". Text that is not a date comes back as it is. */
export function formatDay(iso: string, locale: Locale): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(date);
}
