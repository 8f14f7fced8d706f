import type { ConsentEntry } from './record.js';

/**
 * The synchronous copy of the consent entry last committed to IndexedDB, in
 * localStorage under the same key as the session fallback
 * (`discret:<database>`): a returning visitor's decision is known as the
 * page core runs, not 40 to 200 ms later when IndexedDB has opened.
 * IndexedDB stays the reference. Tabs commit one at a time, under a Web
 * Lock named after the key: the copy is removed, the entry committed, and
 * what the transaction left in IndexedDB becomes the copy. No page reads an
 * entry older than the one committed, and the copy is what IndexedDB holds
 * (localStorage's own "compare and write" is not atomic across tabs: two
 * tabs deciding at once could each see the copy as it was). Without Web
 * Locks there is no copy. Anyone may remove the copy: the next page then
 * reads IndexedDB. The store reads IndexedDB once the page is idle and takes
 * the copy away when the two differ.
 */

/** The copy's text, or null (none, or no localStorage here: a sandboxed frame). */
export function readCopy(key: string | undefined): string | null {
  try {
    return key ? localStorage.getItem(key) : null;
  } catch {
    return null;
  }
}

/** Makes `entry` the copy; null removes it. */
export function writeCopy(key: string | undefined, entry: ConsentEntry | null): void {
  try {
    if (key && entry) localStorage.setItem(key, JSON.stringify(entry));
    else if (key) localStorage.removeItem(key);
  } catch {
    // localStorage full or absent: IndexedDB alone tells the next page.
  }
}
