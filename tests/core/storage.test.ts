import { expect } from '@open-wc/testing';
import { get } from 'idb-keyval';
import { DEFAULT_DATABASE, FallbackStorage, IndexedDBStorage, MemoryStorage } from '../../src/core/storage.js';
import { breakIndexedDBOpen, deleteDatabase, onDisk, refuses, uniqueName } from './helpers/test-database.js';
import { watchWarnings } from './helpers/warnings.js';

describe('IndexedDBStorage', () => {
  let database: string;
  let warnings: ReturnType<typeof watchWarnings>;
  let repair: (() => void) | undefined;

  beforeEach(() => {
    database = uniqueName();
    warnings = watchWarnings();
  });

  afterEach(async () => {
    repair?.();
    repair = undefined;
    warnings.restore();
    await deleteDatabase(database);
  });

  it('keeps discret in its own database by default, not idb-keyval’s keyval-store', () => {
    expect(DEFAULT_DATABASE).to.equal('discret');
    expect(new IndexedDBStorage().database).to.equal('discret');
  });

  it('reads back what it wrote, as IndexedDB storage', async () => {
    const storage = new IndexedDBStorage(database);
    await storage.set('consent', { purposes: { analytics: true } });
    expect(await storage.get('consent')).to.deep.equal({ purposes: { analytics: true } });
    expect(storage.kind).to.equal('indexeddb');
  });

  it('writes to the "state" object store of its database', async () => {
    await new IndexedDBStorage(database).set('consent', 'stored');
    expect(await get('consent', onDisk(database))).to.equal('stored');
  });

  it('reads what was already on disk when a new instance opens the database', async () => {
    await new IndexedDBStorage(database).set('receipt', 42);
    expect(await new IndexedDBStorage(database).get('receipt')).to.equal(42);
  });

  it('answers undefined for a key never written', async () => {
    expect(await new IndexedDBStorage(database).get('nothing')).to.equal(undefined);
  });

  it('deletes a key', async () => {
    const storage = new IndexedDBStorage(database);
    await storage.set('consent', 1);
    await storage.del('consent');
    expect(await storage.get('consent')).to.equal(undefined);
  });

  it('lists its keys as strings', async () => {
    const storage = new IndexedDBStorage(database);
    await storage.set('consent', 1);
    await storage.set('consent-history', []);
    expect((await storage.keys()).sort()).to.deep.equal(['consent', 'consent-history']);
  });

  it('lets the database be deleted while it is open, and opens it again afterwards', async () => {
    const storage = new IndexedDBStorage(database);
    await storage.set('consent', 1);
    await deleteDatabase(database);
    expect(await storage.get('consent')).to.equal(undefined);
    await storage.set('consent', 2);
    expect(await storage.get('consent')).to.equal(2);
    expect(storage.kind).to.equal('indexeddb');
    expect(warnings.discret).to.deep.equal([]);
  });

  it('rejects, saying why, when indexedDB.open throws, and fails at once afterwards', async () => {
    repair = breakIndexedDBOpen(refuses);
    const storage = new IndexedDBStorage(database);
    let reason: unknown;
    await storage.set('consent', 'x').catch((error: unknown) => (reason = error));
    expect((reason as DOMException).name).to.equal('SecurityError');
    expect(storage.unavailable).to.equal(reason);
    repair();
    repair = undefined;
    let again: unknown;
    await storage.get('consent').catch((error: unknown) => (again = error));
    expect(again, 'a broken database is not waited for twice').to.equal(reason);
    expect(warnings.discret).to.deep.equal([]);
  });

  it('reads the one transaction update() committed: what it read, then what it wrote', async () => {
    const storage = new IndexedDBStorage(database);
    await storage.set('count', 1);
    const seen: unknown[] = [];
    expect(await storage.update('count', (stored) => (seen.push(stored), (stored as number) + 1))).to.equal(2);
    expect(seen).to.deep.equal([1]);
    expect(await storage.get('count')).to.equal(2);
  });

  it('rejects an update whose write fails, and leaves what was stored', async () => {
    const storage = new IndexedDBStorage(database);
    await storage.set('consent', 'accepted');
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    };
    let reason: unknown;
    try {
      await storage.update('consent', () => 'refused').catch((error: unknown) => (reason = error));
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect((reason as DOMException).name).to.equal('QuotaExceededError');
    expect(await storage.get('consent')).to.equal('accepted');
  });
});

describe('FallbackStorage', () => {
  let database: string;
  let warnings: ReturnType<typeof watchWarnings>;
  let repair: (() => void) | undefined;

  beforeEach(() => {
    database = uniqueName();
    warnings = watchWarnings();
  });

  afterEach(async () => {
    repair?.();
    repair = undefined;
    warnings.restore();
    await deleteDatabase(database);
  });

  const fallback = () => new FallbackStorage(new IndexedDBStorage(database));

  it('is IndexedDB while IndexedDB works', async () => {
    const storage = fallback();
    await storage.set('consent', 'on disk');
    expect(storage.kind).to.equal('indexeddb');
    expect(await get('consent', onDisk(database))).to.equal('on disk');
  });

  it('falls back to memory with one warning when indexedDB.open throws', async () => {
    repair = breakIndexedDBOpen(refuses);
    const storage = fallback();
    await storage.set('consent', 'kept for this page');
    expect(await storage.get('consent')).to.equal('kept for this page');
    expect(storage.kind).to.equal('memory');
    expect(warnings.discret).to.have.length(1);
    expect(warnings.discret[0]).to.match(/^\[discret\] IndexedDB ".+" is unavailable \(SecurityError/);
  });

  it('says once that it falls back, however many reads and writes failed at once', async () => {
    repair = breakIndexedDBOpen(refuses);
    const storage = fallback();
    await Promise.all([storage.get('consent'), storage.get('receipts'), storage.set('notice', 1), storage.keys()]);
    expect(warnings.discret).to.have.length(1);
    expect(await storage.get('notice')).to.equal(1);
  });

  it('falls back to memory when the browser has no indexedDB at all', async () => {
    const own = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
    repair = () => Object.defineProperty(window, 'indexedDB', own);
    const storage = fallback();
    expect(await storage.get('consent')).to.equal(undefined);
    expect(storage.kind).to.equal('memory');
    expect(warnings.discret).to.have.length(1);
  });

  it('falls back to memory when its database lacks the "state" object store', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(database);
      request.onupgradeneeded = () => request.result.createObjectStore('someone-else');
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const storage = fallback();
    expect(await storage.get('consent')).to.equal(undefined);
    expect(storage.kind).to.equal('memory');
    expect(warnings.discret).to.have.length(1);
  });

  it('stays in memory for the rest of the page once IndexedDB has failed', async () => {
    repair = breakIndexedDBOpen(refuses);
    const storage = fallback();
    await storage.set('consent', 'in memory');
    repair();
    repair = undefined;
    await storage.set('consent-history', ['in memory too']);
    expect(await storage.get('consent')).to.equal('in memory');
    expect(await storage.keys()).to.have.members(['consent', 'consent-history']);
    expect(storage.kind).to.equal('memory');
    expect(warnings.discret).to.have.length(1);
    expect(await get('consent', onDisk(database))).to.equal(undefined);
  });

  it('passes on a failed write of a working database instead of hiding it in memory', async () => {
    const storage = fallback();
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    };
    let reason: unknown;
    try {
      await storage.set('consent', 'x').catch((error: unknown) => (reason = error));
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect((reason as DOMException).name).to.equal('QuotaExceededError');
    expect(storage.kind).to.equal('indexeddb');
  });
});

describe('MemoryStorage', () => {
  it('is memory storage', () => {
    expect(new MemoryStorage().kind).to.equal('memory');
  });

  it('keeps a copy, so changing the written object later changes nothing stored', async () => {
    const storage = new MemoryStorage();
    const record = { purposes: { analytics: false } };
    await storage.set('consent', record);
    record.purposes.analytics = true;
    expect(await storage.get('consent')).to.deep.equal({ purposes: { analytics: false } });
  });

  it('hands out copies, so changing what was read changes nothing stored', async () => {
    const storage = new MemoryStorage();
    await storage.set('consent', { purposes: { analytics: false } });
    const read = (await storage.get<{ purposes: Record<string, boolean> }>('consent'))!;
    read.purposes.analytics = true;
    expect(await storage.get('consent')).to.deep.equal({ purposes: { analytics: false } });
  });

  it('deletes and lists keys', async () => {
    const storage = new MemoryStorage();
    await storage.set('a', 1);
    await storage.set('b', 2);
    await storage.del('a');
    expect(await storage.keys()).to.deep.equal(['b']);
  });
});
