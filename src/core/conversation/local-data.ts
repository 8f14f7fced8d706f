import { warn } from '../warn.js';

/** What was erased from this browser. */
export interface ErasedLocalData {
  keys: string[];
  databases: string[];
}

/** A database still open in another tab is deleted when that tab closes it; past this delay the deletion goes on without waiting. */
const BLOCKED_TIMEOUT_MS = 3000;

const matches = (name: string, patterns: readonly string[]) =>
  patterns.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));

/**
 * Erases a conversation's copies in this browser: localStorage and
 * sessionStorage keys, and IndexedDB databases, each by exact name or
 * `prefix*`. Never throws: what cannot be erased is reported by a warning.
 * `keep` names a database that must survive (the receipts' own).
 */
export async function eraseLocalData(
  keys: readonly string[],
  databases: readonly string[],
  source: string,
  keep?: string,
): Promise<ErasedLocalData> {
  const erased: ErasedLocalData = { keys: [], databases: [] };
  if (keys.length) {
    for (const area of ['localStorage', 'sessionStorage'] as const) {
      try {
        const storage = globalThis[area];
        const names = Array.from({ length: storage.length }, (_, i) => storage.key(i)!).filter((name) => matches(name, keys));
        for (const name of names) storage.removeItem(name);
        erased.keys.push(...names.filter((name) => !erased.keys.includes(name)));
      } catch (error) {
        warn(`${source} local-keys: ${area} could not be cleared (${String(error)})`);
      }
    }
  }
  let names = databases.filter((name) => !name.endsWith('*'));
  if (databases.some((name) => name.endsWith('*'))) {
    try {
      const existing = (await indexedDB.databases()).map((db) => db.name ?? '');
      names = [...new Set([...names, ...existing.filter((name) => matches(name, databases))])];
    } catch (error) {
      warn(`${source} local-databases: databases could not be listed (${String(error)}); prefixes skipped`);
    }
  }
  for (const name of names) {
    if (name === keep) {
      warn(`${source} local-databases="${name}": this is where receipts are kept; it is not deleted`);
      continue;
    }
    if (await deleteDatabase(name, source)) erased.databases.push(name);
  }
  return erased;
}

function deleteDatabase(name: string, source: string): Promise<boolean> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.deleteDatabase(name);
    } catch (error) {
      warn(`${source} local-databases="${name}": could not be deleted (${String(error)})`);
      resolve(false);
      return;
    }
    const timer = setTimeout(() => {
      warn(`${source} local-databases="${name}": still open elsewhere; it will be deleted once closed`);
      resolve(true);
    }, BLOCKED_TIMEOUT_MS);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve(true);
    };
    request.onerror = () => {
      clearTimeout(timer);
      warn(`${source} local-databases="${name}": could not be deleted (${String(request.error)})`);
      resolve(false);
    };
  });
}
