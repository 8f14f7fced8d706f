import { promisifyRequest, type UseStore } from 'idb-keyval';
import { IndexedDBStorage } from '../../../src/core/storage.js';

/** A database name no other test, tab or test file uses. */
export const uniqueName = (prefix = 'test'): string => `${prefix}-${crypto.randomUUID()}`;

/** Storage on a database of its own; delete it with `deleteDatabase(storage.database)`. */
export const freshStorage = (): IndexedDBStorage => new IndexedDBStorage(uniqueName());

/** Deletes a test database, failing loudly if an open connection blocks the deletion. */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`deleting database "${name}" is blocked by an open connection`));
  });
}

/**
 * The test database's `state` object store as idb-keyval sees it, to read or
 * write behind the storage's back: `set('consent', garbage, onDisk(name))`.
 * Unlike idb-keyval's `createStore`, it closes its connection after each
 * call, so that the database can still be deleted after the test.
 */
export function onDisk(database: string): UseStore {
  return async (mode, callback) => {
    const request = indexedDB.open(database);
    request.onupgradeneeded = () => request.result.createObjectStore('state');
    const db = await promisifyRequest(request);
    try {
      return await callback(db.transaction('state', mode).objectStore('state'));
    } finally {
      db.close();
    }
  };
}

type Open = IDBFactory['open'];

/**
 * Makes `indexedDB.open` behave as a broken browser's would (throw, or never
 * answer, as some private modes do) until the returned function is called.
 */
export function breakIndexedDBOpen(open: Open): () => void {
  Object.defineProperty(indexedDB, 'open', { value: open, configurable: true, writable: true });
  return () => {
    delete (indexedDB as Partial<IDBFactory>).open;
  };
}

/** An open request that never succeeds nor fails. */
export const neverAnswers: Open = () => ({}) as IDBOpenDBRequest;

export const refuses: Open = () => {
  throw new DOMException('The user denied permission to access the database.', 'SecurityError');
};
