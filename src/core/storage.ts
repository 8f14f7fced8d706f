import { get, set, del, keys, promisifyRequest, type UseStore } from 'idb-keyval';
import { warn } from './warn.js';

/** Where discret keeps consent records, history, receipts and acknowledgements. */
export interface ConsentStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** `memory` once IndexedDB has failed: choices last for the page's life only. */
  readonly kind: 'indexeddb' | 'memory';
}

/** discret's own database, never the host page's default `keyval-store`. */
export const DEFAULT_DATABASE = 'discret';
const OBJECT_STORE = 'state';
/**
 * Some private modes leave `indexedDB.open` pending forever instead of
 * failing; past this delay the storage gives up and keeps to memory.
 */
const OPEN_TIMEOUT_MS = 3000;

export class MemoryStorage implements ConsentStorage {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, unknown>();

  async get<T>(key: string): Promise<T | undefined> {
    return structuredClone(this.entries.get(key)) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    this.entries.set(key, structuredClone(value));
  }

  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async keys(): Promise<string[]> {
    return [...this.entries.keys()];
  }
}

/**
 * IndexedDB through idb-keyval, falling back to memory for the rest of the
 * page's life the first time IndexedDB is missing, throws, hangs or is full.
 * Values written to memory after the fall are kept; the visitor is asked
 * again on the next visit, which is the safe side.
 */
export class IndexedDBStorage implements ConsentStorage {
  private store: UseStore | undefined;
  private memory: MemoryStorage | undefined;

  constructor(readonly database: string = DEFAULT_DATABASE) {}

  get kind(): 'indexeddb' | 'memory' {
    return this.memory ? 'memory' : 'indexeddb';
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.run((store) => get<T>(key, store), (memory) => memory.get<T>(key));
  }

  set(key: string, value: unknown): Promise<void> {
    return this.run((store) => set(key, value, store), (memory) => memory.set(key, value));
  }

  del(key: string): Promise<void> {
    return this.run((store) => del(key, store), (memory) => memory.del(key));
  }

  keys(): Promise<string[]> {
    return this.run(
      async (store) => (await keys(store)).map(String),
      (memory) => memory.keys(),
    );
  }

  private async run<T>(onDisk: (store: UseStore) => Promise<T>, inMemory: (memory: MemoryStorage) => Promise<T>): Promise<T> {
    if (!this.memory) {
      try {
        this.store ??= openStore(this.database, OBJECT_STORE);
        return await withTimeout(onDisk(this.store), OPEN_TIMEOUT_MS);
      } catch (error) {
        this.fallBack(error);
      }
    }
    return inMemory(this.memory!);
  }

  private fallBack(error: unknown): void {
    if (this.memory) return;
    this.memory = new MemoryStorage();
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    warn(`IndexedDB "${this.database}" is unavailable (${reason}); choices are kept in memory for this page only`);
  }
}

/**
 * idb-keyval's `createStore`, except that the connection closes when another
 * one asks to delete or upgrade the database. idb-keyval keeps it open, so
 * `indexedDB.deleteDatabase('discret')` from a "delete my data" control,
 * another tab or a test stays blocked for as long as this page is open. The
 * next read or write opens the database again.
 */
function openStore(database: string, objectStore: string): UseStore {
  let connection: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    if (connection) return connection;
    const request = indexedDB.open(database);
    request.onupgradeneeded = () => request.result.createObjectStore(objectStore);
    const opened = promisifyRequest(request);
    const forget = () => {
      if (connection === opened) connection = undefined;
    };
    connection = opened;
    opened.then((db) => {
      db.onclose = forget;
      db.onversionchange = () => {
        db.close();
        forget();
      };
    }, forget);
    return opened;
  };
  return (mode, callback) => open().then((db) => callback(db.transaction(objectStore, mode).objectStore(objectStore)));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
