/**
 * The returning visitor's decision, known at once: IndexedDB takes 40 to
 * 200 ms to open on a slow phone, so the store keeps a synchronous copy of
 * the entry it last committed in localStorage (`discret:<database>`). The
 * copy is removed before each commit and written after it, compared with
 * the copy already there, so that no page ever reads an entry older than
 * the one committed; IndexedDB stays the reference and is read once the
 * page is idle, its newer entry winning.
 *
 * Real IndexedDB and localStorage in real Chromium; "a new page" is a new
 * store on the same database, as another tab would be.
 */
import { expect } from '@open-wc/testing';
import { set } from 'idb-keyval';
import type { ConsentConfig } from '../../src/core/config.js';
import { ConsentStore } from '../../src/core/consent-store.js';
import { SCHEMA_VERSION, type ConsentEntry, type ConsentRecord } from '../../src/core/record.js';
import { IndexedDBStorage } from '../../src/core/storage.js';
import { breakIndexedDBOpen, deleteDatabase, neverAnswers, onDisk, uniqueName } from './helpers/test-database.js';
import { watchWarnings } from './helpers/warnings.js';

const CONFIG: ConsentConfig = {
  revision: 'r1',
  locale: 'fr',
  purposes: [
    { name: 'analytics', label: 'Mesure d’audience' },
    { name: 'marketing', label: 'Publicité' },
  ],
};

const DAY = 86_400_000;

const record = (changes: Partial<ConsentRecord> = {}): ConsentRecord => ({
  schema: SCHEMA_VERSION,
  id: '2b1c7a4e-8d4b-4a7e-9c1d-2b3e4f5a6b7c',
  revision: 'r1',
  purposes: { necessary: true, analytics: true, marketing: true },
  services: {},
  method: 'accept-all',
  locale: 'fr',
  decidedAt: new Date(Date.now() - DAY).toISOString(),
  expiresAt: new Date(Date.now() + 100 * DAY).toISOString(),
  configHash: '0123456789abcdef',
  ...changes,
});

const copyOf = (database: string): ConsentEntry | null => JSON.parse(localStorage.getItem(`discret:${database}`) ?? 'null') as ConsentEntry | null;

describe('the decision copy', () => {
  let databases: string[];
  let stores: ConsentStore[];
  let warnings: ReturnType<typeof watchWarnings>;
  let repair: (() => void) | undefined;

  /** A configured store on `database`, as a page of this site would have. */
  const page = (database: string, channel: string | null = null): ConsentStore => {
    const store = new ConsentStore({ storage: new IndexedDBStorage(database), channel, announce: new EventTarget(), gpc: false });
    store.configure(CONFIG);
    stores.push(store);
    return store;
  };
  const newDatabase = (): string => {
    const database = uniqueName('copy');
    databases.push(database);
    return database;
  };

  beforeEach(() => {
    databases = [];
    stores = [];
    warnings = watchWarnings();
  });

  afterEach(async () => {
    repair?.();
    repair = undefined;
    warnings.restore();
    for (const store of stores) store.close();
    // Let the idle reads of IndexedDB finish before the databases go.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const database of databases) {
      localStorage.removeItem(`discret:${database}`);
      sessionStorage.removeItem(`discret:${database}`);
      await deleteDatabase(database);
    }
  });

  it('a new page grants what the visitor accepted even when IndexedDB never answers', async () => {
    const database = newDatabase();
    await page(database).acceptAll();
    repair = breakIndexedDBOpen(neverAnswers);
    const next = page(database);
    await next.ready;
    expect(next.granted('analytics')).to.equal(true);
    expect(next.needsDecision).to.equal(false);
  });

  it('a refusal made after an acceptance is what the next page reads, without IndexedDB', async () => {
    const database = newDatabase();
    const first = page(database);
    await first.acceptAll();
    await first.rejectAll();
    repair = breakIndexedDBOpen(neverAnswers);
    const next = page(database);
    await next.ready;
    expect(next.granted('analytics')).to.equal(false);
    expect(next.record?.method).to.equal('reject-all');
  });

  it('after a withdrawal, the next page asks again without waiting for IndexedDB', async () => {
    const database = newDatabase();
    const first = page(database);
    await first.acceptAll();
    await first.withdraw();
    repair = breakIndexedDBOpen(neverAnswers);
    const next = page(database);
    await next.ready;
    expect(next.granted('analytics')).to.equal(false);
    expect(next.needsDecision).to.equal(true);
  });

  it('the copy is gone while a decision is being written, so no page reads the older one as current', async () => {
    const database = newDatabase();
    const first = page(database);
    await first.acceptAll();
    expect(copyOf(database)).to.include({ method: 'accept-all' });
    // Hold the refusal's transaction: what does a page opening now find?
    const put = IDBObjectStore.prototype.put;
    let during: string | null = 'not written';
    IDBObjectStore.prototype.put = function (...args: Parameters<IDBObjectStore['put']>) {
      // The first put is the record's; the history's comes after the copy is back.
      if (during === 'not written') during = localStorage.getItem(`discret:${database}`);
      return put.apply(this, args);
    };
    repair = () => (IDBObjectStore.prototype.put = put);
    await first.rejectAll();
    repair();
    repair = undefined;
    expect(during).to.equal(null);
    expect(copyOf(database)).to.include({ method: 'reject-all' });
  });

  it('a decision that cannot be written leaves no copy behind to bring the older one back', async () => {
    const database = newDatabase();
    const first = page(database);
    await first.acceptAll();
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    };
    repair = () => (IDBObjectStore.prototype.put = put);
    await first.rejectAll();
    repair();
    repair = undefined;
    expect(copyOf(database)).to.equal(null);
    // Another tab: IndexedDB no longer holds the acceptance, and there is no copy of it.
    sessionStorage.removeItem(`discret:${database}`);
    const next = page(database);
    await next.ready;
    expect(next.granted('analytics')).to.equal(false);
  });

  it('three tabs deciding at once leave the copy equal to what IndexedDB holds (20 runs)', async function () {
    this.timeout(30_000);
    for (let run = 0; run < 20; run++) {
      const database = newDatabase();
      const channel = uniqueName('channel');
      const tabs = [page(database, channel), page(database, channel), page(database, channel)];
      await Promise.all(tabs.map((tab) => tab.ready));
      await Promise.all([tabs[0].acceptAll(), tabs[1].rejectAll(), tabs[2].decide({ analytics: true })]);
      const disk = await new IndexedDBStorage(database).get<ConsentEntry>('consent');
      expect(copyOf(database), `run ${run}`).to.deep.equal(disk);
    }
  });

  it('a copy older than IndexedDB gives way to it once the page is idle, and is taken away', async () => {
    const database = newDatabase();
    const older = record({ method: 'accept-all' });
    const newer = record({ method: 'reject-all', purposes: { necessary: true, analytics: false, marketing: false }, decidedAt: new Date(Date.now() - 1000).toISOString() });
    localStorage.setItem(`discret:${database}`, JSON.stringify(older));
    await set('consent', newer, onDisk(database));
    const next = page(database);
    const changed = new Promise<Event>((resolve) => next.addEventListener('change', resolve, { once: true }));
    await next.ready;
    await changed;
    expect(next.granted('analytics')).to.equal(false);
    expect(copyOf(database)).to.equal(null);
  });

  it('a copy whose record IndexedDB no longer holds (the site deleted the database) is dropped: the next page asks', async () => {
    const database = newDatabase();
    await page(database).acceptAll();
    await deleteDatabase(database);
    const next = page(database);
    await next.ready;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(copyOf(database)).to.equal(null);
    const after = page(database);
    await after.ready;
    expect(after.granted('analytics')).to.equal(false);
    expect(after.needsDecision).to.equal(true);
  });

  it('a copy that is not a record is said once and IndexedDB decides', async () => {
    const database = newDatabase();
    localStorage.setItem(`discret:${database}`, '{"method":"accept-all","purposes":{"analytics":true}}');
    await set('consent', record({ method: 'reject-all', purposes: { necessary: true, analytics: false, marketing: false } }), onDisk(database));
    const next = page(database);
    await next.ready;
    expect(next.granted('analytics')).to.equal(false);
    expect(next.record?.method).to.equal('reject-all');
    expect(warnings.discret.filter((line) => line.includes('copy'))).to.have.length(1);
  });

  it('a copy dated in the future is no consent', async () => {
    const database = newDatabase();
    localStorage.setItem(`discret:${database}`, JSON.stringify(record({ decidedAt: new Date(Date.now() + 30 * DAY).toISOString() })));
    const next = page(database);
    await next.ready;
    expect(next.granted('analytics')).to.equal(false);
    expect(next.needsDecision).to.equal(true);
  });
});
