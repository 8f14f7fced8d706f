import { warn } from './warn.js';

/** Where discret keeps consent records, history, receipts and acknowledgements. */
export interface ConsentStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /**
   * Reads a value and writes what `next` makes of it in one transaction,
   * which no other tab can come between; resolves with the value written.
   */
  update<T>(key: string, next: (stored: unknown) => T): Promise<T>;
  /** `memory` once IndexedDB has failed: choices last for the page's life only. */
  readonly kind: 'indexeddb' | 'memory';
  /** Tells the data of one site or test from another's: the database name. */
  readonly name?: string;
}

/** discret's own database, never the host page's default `keyval-store`. */
export const DEFAULT_DATABASE = 'discret';
const OBJECT_STORE = 'state';
/**
 * Some private modes leave `indexedDB.open` pending forever instead of
 * failing, and a blocked deletion can hold a request back: past this delay
 * the storage gives up.
 */
const TIMEOUT_MS = 3000;

export class MemoryStorage implements ConsentStorage {
  readonly kind = 'memory' as const;
  readonly #entries = new Map<string, unknown>();

  async get<T>(key: string): Promise<T | undefined> {
    return structuredClone(this.#entries.get(key)) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    this.#entries.set(key, structuredClone(value));
  }

  async del(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async keys(): Promise<string[]> {
    return [...this.#entries.keys()];
  }

  async update<T>(key: string, next: (stored: unknown) => T): Promise<T> {
    const value = next(await this.get(key));
    await this.set(key, value);
    return value;
  }
}

/**
 * Sets up the requests of one transaction; returns what to answer once it
 * has committed. `fail` aborts it with a reason.
 */
type Operation<T> = (store: IDBObjectStore, fail: (error: unknown) => void) => () => T;

/** What a request answered, read once its transaction has committed. */
const answer =
  <T>(request: IDBRequest<T>) =>
  (): T =>
    request.result;

/**
 * IndexedDB, in discret's own database and object store. Every read and
 * write rejects when IndexedDB cannot be used (missing, refused, hanging,
 * without its object store, full): the consent store then keeps a decision
 * for the browsing session, and `FallbackStorage` keeps chat data in memory.
 * After an open that failed, it fails at once rather than wait again.
 */
export class IndexedDBStorage implements ConsentStorage {
  readonly kind = 'indexeddb';
  #connection: Promise<IDBDatabase> | undefined;
  /** Why the database could not be opened, once it could not. */
  unavailable: unknown;

  constructor(readonly name: string = DEFAULT_DATABASE) {}

  /** The IndexedDB database's name. */
  get database(): string {
    return this.name;
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.#run('readonly', (store) => answer(store.get(key)));
  }

  set(key: string, value: unknown): Promise<void> {
    return this.#run('readwrite', (store) => answer(store.put(value, key))).then(() => {});
  }

  del(key: string): Promise<void> {
    return this.#run('readwrite', (store) => answer(store.delete(key)));
  }

  keys(): Promise<string[]> {
    return this.#run('readonly', (store) => answer(store.getAllKeys())).then((keys) => keys.map(String));
  }

  update<T>(key: string, next: (stored: unknown) => T): Promise<T> {
    return this.#run('readwrite', (store, fail) => {
      let value: T;
      const read = store.get(key);
      read.onsuccess = () => {
        try {
          store.put((value = next(read.result)), key);
        } catch (error) {
          fail(error);
        }
      };
      return () => value;
    });
  }

  async #run<T>(mode: IDBTransactionMode, operation: Operation<T>): Promise<T> {
    if (this.unavailable) throw this.unavailable;
    let db: IDBDatabase;
    try {
      db = await withTimeout(this.#open());
      if (!db.objectStoreNames.contains(OBJECT_STORE)) throw new Error(`IndexedDB "${this.name}" has no "${OBJECT_STORE}" object store`);
    } catch (error) {
      throw (this.unavailable = error);
    }
    const transaction = db.transaction(OBJECT_STORE, mode);
    return withTimeout(
      new Promise<T>((resolve, reject) => {
        // A request that fails (a full disk refusing a put) aborts the whole transaction.
        let failure: unknown;
        transaction.addEventListener('error', (event) => (failure ??= (event.target as IDBRequest).error), true);
        const result = operation(transaction.objectStore(OBJECT_STORE), (error) => {
          failure = error;
          transaction.abort();
        });
        transaction.oncomplete = () => resolve(result());
        transaction.onabort = () => reject(failure ?? transaction.error);
      }),
    );
  }

  /**
   * The connection closes when another one asks to delete or upgrade the
   * database: otherwise `indexedDB.deleteDatabase('discret')` from a "delete
   * my data" control, another tab or a test stays blocked while this page
   * is open. The next read or write opens the database again.
   */
  #open(): Promise<IDBDatabase> {
    if (this.#connection) return this.#connection;
    const request = indexedDB.open(this.name);
    request.onupgradeneeded = () => request.result.createObjectStore(OBJECT_STORE);
    const opened = (this.#connection = new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }));
    const forget = (): void => {
      if (this.#connection === opened) this.#connection = undefined;
    };
    opened.then((db) => {
      db.onclose = forget;
      db.onversionchange = () => {
        db.close();
        forget();
      };
    }, forget);
    return opened;
  }
}

/**
 * A storage that keeps to memory, with one warning, for the rest of the
 * page's life once IndexedDB turns out to be unusable (some private modes):
 * what the chat elements keep lasts for the page, and the visitor is asked
 * again next time, which is the safe side.
 */
export class FallbackStorage implements ConsentStorage {
  #memory: MemoryStorage | undefined;

  constructor(readonly primary: IndexedDBStorage = new IndexedDBStorage()) {}

  get name(): string {
    return this.primary.name;
  }

  get kind(): 'indexeddb' | 'memory' {
    return this.#memory ? 'memory' : 'indexeddb';
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.#run((storage) => storage.get<T>(key));
  }

  set(key: string, value: unknown): Promise<void> {
    return this.#run((storage) => storage.set(key, value));
  }

  del(key: string): Promise<void> {
    return this.#run((storage) => storage.del(key));
  }

  keys(): Promise<string[]> {
    return this.#run((storage) => storage.keys());
  }

  update<T>(key: string, next: (stored: unknown) => T): Promise<T> {
    return this.#run((storage) => storage.update(key, next));
  }

  async #run<T>(operation: (storage: ConsentStorage) => Promise<T>): Promise<T> {
    if (!this.#memory) {
      try {
        return await operation(this.primary);
      } catch (error) {
        if (!this.primary.unavailable) throw error;
        // Several reads and writes may have failed at once: the first to fall back says so.
        if (!this.#memory) {
          this.#memory = new MemoryStorage();
          const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          warn(`IndexedDB "${this.name}" is unavailable (${reason}); chat data is kept in memory for this page only`);
        }
      }
    }
    return operation(this.#memory);
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
