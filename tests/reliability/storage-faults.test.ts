/**
 * Reliability, storage faults: the consent store on IndexedDB when the
 * browser's storage misbehaves in each way it is known to (missing,
 * refusing, hanging, full, blocked, without discret's object store or with
 * another shape of it, holding corrupt data, no sessionStorage). For each:
 * the visitor is asked, or the decision holds for the browsing session as
 * documented; nothing non-essential is granted that the visitor did not
 * grant; at most one `[discret]` warning per problem; nothing thrown; and a
 * decision is still possible.
 *
 * Real IndexedDB in real Chromium, a database per test deleted after; data
 * is put on disk behind the store's back with `set(key, value, onDisk(name))`.
 */
import { expect } from '@open-wc/testing';
import { get, set } from 'idb-keyval';
import type { ConsentConfig } from '../../src/core/config.js';
import { ConsentStore } from '../../src/core/consent-store.js';
import { SCHEMA_VERSION, type ConsentRecord } from '../../src/core/record.js';
import { IndexedDBStorage } from '../../src/core/storage.js';
import { breakIndexedDBOpen, deleteDatabase, neverAnswers, onDisk, refuses, uniqueName } from '../core/helpers/test-database.js';
import { watchWarnings } from '../core/helpers/warnings.js';

const CONFIG: ConsentConfig = {
  revision: '2026-11',
  locale: 'fr',
  purposes: [
    { name: 'analytics', label: 'Mesure d’audience', services: [{ name: 'matomo', label: 'Matomo' }] },
    { name: 'marketing', label: 'Publicité' },
  ],
};

/** What a visitor can grant, and what nothing may grant unless they did. */
const NON_ESSENTIAL = ['analytics', 'analytics/matomo', 'marketing'];

const DAY = 86_400_000;
const LOADED_AT = Date.now();

/** A valid accept-all record of an earlier visit: decided yesterday, valid for months. */
const storedAcceptAll = (changes: Partial<Record<keyof ConsentRecord, unknown>> = {}): Record<string, unknown> => ({
  schema: SCHEMA_VERSION,
  id: '6f1c2a4e-8d4b-4a7e-9c1d-2b3e4f5a6b7c',
  revision: '2026-11',
  purposes: { necessary: true, analytics: true, marketing: true },
  services: { 'analytics/matomo': true },
  method: 'accept-all',
  locale: 'fr',
  decidedAt: new Date(LOADED_AT - DAY).toISOString(),
  expiresAt: new Date(LOADED_AT + 150 * DAY).toISOString(),
  configHash: '0123456789abcdef',
  ...changes,
});

const READ_FAILED = /^\[discret\] stored consent could not be read \(.+\); the visitor will be asked$/;
const SAVE_FAILED = /^\[discret\] consent could not be saved \(.+\); it holds for this browsing session only$/;
const MALFORMED = /^\[discret\] stored consent record is malformed \(.+\); it is ignored and the visitor will be asked$/;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** 'ready' if the promise settles within `ms`, else 'still waiting'. */
const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => 'ready' as const), sleep(ms).then(() => 'still waiting' as const)]);

/** What the store grants, purpose by purpose, in one readable line. */
const grantedBy = (store: ConsentStore) => NON_ESSENTIAL.filter((key) => store.granted(key));

/** Replaces a property of `window` (indexedDB, sessionStorage) by a getter until the returned function is called. */
function replaceGlobal(name: 'indexedDB' | 'sessionStorage', get: () => unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(window, name)!;
  Object.defineProperty(window, name, { get, configurable: true });
  return () => Object.defineProperty(window, name, own);
}

/** Replaces a method of an IndexedDB prototype until the returned function is called. */
function patch<T extends object, K extends keyof T>(prototype: T, name: K, replacement: (original: T[K]) => T[K]): () => void {
  const original = prototype[name];
  prototype[name] = replacement(original);
  return () => {
    prototype[name] = original;
  };
}

const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Every put fails as on a full disk, until the returned function is called. */
const fillTheDisk = () =>
  patch(IDBObjectStore.prototype, 'put', () => function () {
    throw quotaExceeded();
  });

/** A new tab shares IndexedDB with this one, not sessionStorage. */
function forgetSessionStorage(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('discret:')) sessionStorage.removeItem(key);
}

/** Creates a database as another script (or an older discret) would have left it. */
function createDatabase(name: string, version: number, upgrade: (db: IDBDatabase) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade(request.result);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

describe('reliability: storage faults', () => {
  let databases: string[];
  let stores: ConsentStore[];
  let repairs: (() => void)[];
  let warnings: ReturnType<typeof watchWarnings>;
  let errors: unknown[];
  const recordError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const recordRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);

  beforeEach(() => {
    databases = [];
    stores = [];
    repairs = [];
    errors = [];
    warnings = watchWarnings();
    window.addEventListener('error', recordError);
    window.addEventListener('unhandledrejection', recordRejection);
  });

  afterEach(async () => {
    for (const repair of repairs.splice(0).reverse()) repair();
    window.removeEventListener('error', recordError);
    window.removeEventListener('unhandledrejection', recordRejection);
    warnings.restore();
    for (const store of stores) store.close();
    forgetSessionStorage();
    for (const database of databases) await deleteDatabase(database);
  });

  /** Breaks something until the end of the test, or until the returned function is called. */
  function breaking(repair: () => void): () => void {
    let repaired = false;
    const once = () => {
      if (!repaired) repair();
      repaired = true;
    };
    repairs.push(once);
    return once;
  }

  function newDatabase(): string {
    const database = uniqueName('reliability-storage');
    databases.push(database);
    return database;
  }

  /** A store on `database`, as a page would make it: no channel, no GPC, announcing to a private target. */
  function storeOn(database: string, config: ConsentConfig = CONFIG): ConsentStore {
    const store = new ConsentStore({ storage: new IndexedDBStorage(database), channel: null, announce: new EventTarget(), gpc: false });
    store.configure(config);
    stores.push(store);
    return store;
  }

  /** The store asks, and grants nothing non-essential. */
  function expectAsked(store: ConsentStore, when: string): void {
    expect(grantedBy(store), `granted ${when}`).to.deep.equal([]);
    expect(store.needsDecision, `the visitor is asked ${when}`).to.equal(true);
    expect(store.granted('necessary')).to.equal(true);
  }

  /** Warnings, matched one by one, in order. */
  function expectWarnings(...patterns: RegExp[]): void {
    expect(warnings.discret.length, `[discret] warnings: ${JSON.stringify(warnings.discret)}`).to.equal(patterns.length);
    patterns.forEach((pattern, i) => expect(warnings.discret[i]).to.match(pattern));
  }

  const expectNothingThrown = () => expect(errors.map(String), 'errors thrown').to.deep.equal([]);

  /**
   * With storage that cannot be used at all: the visitor is asked; each
   * decision applies on this page at once; the next page of the tab keeps
   * the last one (sessionStorage); one warning for the read, one for the
   * first write that failed, however many decisions follow.
   */
  async function holdsForTheSession(database: string, repair?: () => void): Promise<void> {
    const store = storeOn(database);
    expect(await store.ready).to.equal(null);
    expectAsked(store, 'with storage broken');

    await store.acceptAll();
    expect(grantedBy(store), 'granted after acceptAll()').to.deep.equal(NON_ESSENTIAL);
    await store.rejectAll();
    expect(grantedBy(store), 'granted after rejectAll()').to.deep.equal([]);
    await store.withdraw();
    expectAsked(store, 'after withdraw()');
    await store.decide({ analytics: true }, { 'analytics/matomo': false });
    expect(grantedBy(store), 'granted after a custom choice').to.deep.equal(['analytics']);
    expect(store.needsDecision).to.equal(false);
    expectWarnings(READ_FAILED, SAVE_FAILED);

    repair?.();
    const nextPage = storeOn(database);
    await nextPage.ready;
    expect(grantedBy(nextPage), 'granted on the next page of the tab').to.deep.equal(['analytics']);
    expect(nextPage.needsDecision, 'the visitor is asked again on the next page of the tab').to.equal(false);
    expectNothingThrown();
  }

  describe('IndexedDB cannot be used', () => {
    it('indexedDB missing: asked; decisions hold for the session; one warning per problem', async () => {
      breaking(replaceGlobal('indexedDB', () => undefined));
      await holdsForTheSession(newDatabase());
    });

    it('indexedDB.open throws SecurityError: asked; decisions hold for the session; one warning per problem', async () => {
      breaking(breakIndexedDBOpen(refuses));
      await holdsForTheSession(newDatabase());
    });

    it('indexedDB.open never answers: gives up after 3 s; asked; decisions hold for the session, also once IndexedDB works again', async function () {
      this.timeout(10_000);
      const repair = breaking(breakIndexedDBOpen(neverAnswers));
      await holdsForTheSession(newDatabase(), repair);
      expect(warnings.discret[0]).to.contain('no answer after 3000 ms');
    });

    it('transactions cannot be started (InvalidStateError): asked; decisions hold for the session; one warning per problem', async () => {
      breaking(
        patch(IDBDatabase.prototype, 'transaction', () => function () {
          throw new DOMException('The database connection is closing.', 'InvalidStateError');
        }),
      );
      const database = newDatabase();
      await holdsForTheSession(database);
    });

    it('a transient read error at startup (UnknownError): asked, one warning, and the next decision is stored', async () => {
      const database = newDatabase();
      await set('consent', storedAcceptAll(), onDisk(database));
      let failures = 1;
      breaking(
        patch(IDBObjectStore.prototype, 'get', (original) => function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
          if (failures-- > 0) throw new DOMException('Internal error reading from the backing store.', 'UnknownError');
          return original.apply(this, args);
        }),
      );
      const store = storeOn(database);
      expect(await store.ready).to.equal(null);
      expectAsked(store, 'when the stored acceptance could not be read');
      const record = await store.rejectAll();
      expect(await get('consent', onDisk(database)), 'the refusal on disk').to.deep.equal(record);
      expectWarnings(READ_FAILED);
      expectNothingThrown();
    });
  });

  describe('the disk is full', () => {
    it('QuotaExceededError on acceptAll(): applies on this page and for the session, one warning; a new tab asks', async () => {
      const database = newDatabase();
      const store = storeOn(database);
      await store.ready;
      const repair = breaking(fillTheDisk());
      await store.acceptAll();
      repair();
      expect(grantedBy(store), 'granted on this page').to.deep.equal(NON_ESSENTIAL);
      expect(store.needsDecision).to.equal(false);
      expectWarnings(SAVE_FAILED);
      expect(warnings.discret[0]).to.contain('QuotaExceededError');

      const nextPage = storeOn(database);
      await nextPage.ready;
      expect(grantedBy(nextPage), 'granted on the next page of the tab').to.deep.equal(NON_ESSENTIAL);
      forgetSessionStorage();
      const newTab = storeOn(database);
      await newTab.ready;
      expectAsked(newTab, 'in a new tab');
      expectNothingThrown();
    });

    it('QuotaExceededError on rejectAll() over an acceptance: refused here, on the next page and in a new tab; one warning', async () => {
      const database = newDatabase();
      const store = storeOn(database);
      await store.acceptAll();
      const repair = breaking(fillTheDisk());
      await store.rejectAll();
      repair();
      expect(grantedBy(store), 'granted on this page after the refusal').to.deep.equal([]);
      expect(store.needsDecision).to.equal(false);
      expectWarnings(SAVE_FAILED);

      const nextPage = storeOn(database);
      await nextPage.ready;
      expect(grantedBy(nextPage), 'granted on the next page of the tab').to.deep.equal([]);
      expect(nextPage.needsDecision).to.equal(false);
      forgetSessionStorage();
      const newTab = storeOn(database);
      await newTab.ready;
      expectAsked(newTab, 'in a new tab, where only the old acceptance could have been left');
      expectNothingThrown();
    });

    it('QuotaExceededError on withdraw() after an acceptance: asked here, on the next page and in a new tab; one warning', async () => {
      const database = newDatabase();
      const store = storeOn(database);
      await store.acceptAll();
      const repair = breaking(fillTheDisk());
      await store.withdraw();
      repair();
      expectAsked(store, 'on this page after the withdrawal');
      expectWarnings(SAVE_FAILED);

      const nextPage = storeOn(database);
      await nextPage.ready;
      expectAsked(nextPage, 'on the next page of the tab');
      forgetSessionStorage();
      const newTab = storeOn(database);
      await newTab.ready;
      expectAsked(newTab, 'in a new tab');
      // A decision is still possible, and kept, once there is room again.
      const record = await newTab.decide({ marketing: true });
      expect(await get('consent', onDisk(database))).to.deep.equal(record);
      expectNothingThrown();
    });

    it('the write transaction aborts after the put was queued (as a full disk aborts it): holds for the session, one warning', async () => {
      const database = newDatabase();
      const store = storeOn(database);
      await store.ready;
      const repair = breaking(
        patch(IDBObjectStore.prototype, 'put', (original) => function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          const request = original.apply(this, args);
          this.transaction.abort();
          return request;
        }),
      );
      await store.decide({ analytics: true });
      repair();
      expect(grantedBy(store)).to.deep.equal(['analytics', 'analytics/matomo']);
      expectWarnings(SAVE_FAILED);
      const nextPage = storeOn(database);
      await nextPage.ready;
      expect(grantedBy(nextPage), 'granted on the next page of the tab').to.deep.equal(['analytics', 'analytics/matomo']);
      expectNothingThrown();
    });

    it('only the history no longer fits: the decision is stored, one warning', async () => {
      const database = newDatabase();
      const store = storeOn(database);
      await store.ready;
      breaking(
        patch(IDBObjectStore.prototype, 'put', (original) => function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          if (args[1] === 'consent-history') throw quotaExceeded();
          return original.apply(this, args);
        }),
      );
      const record = await store.acceptAll();
      expect(await get('consent', onDisk(database)), 'the record on disk').to.deep.equal(record);
      expect(grantedBy(store)).to.deep.equal(NON_ESSENTIAL);
      expectWarnings(/^\[discret\] the consent history could not be saved \(.*QuotaExceededError/);
      expectNothingThrown();
    });
  });

  describe('another connection stands in the way', () => {
    it('a deletion blocked by another tab’s connection holds discret’s open back; once that tab lets go, the visitor is asked and can decide', async () => {
      const database = newDatabase();
      await set('consent', storedAcceptAll(), onDisk(database));
      // Another tab's older script: an open connection with no versionchange handler.
      const other = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(database);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      // A "delete my data" control, blocked by that connection.
      const request = indexedDB.deleteDatabase(database);
      const blocked = new Promise((resolve) => (request.onblocked = resolve));
      const deletion = new Promise((resolve, reject) => {
        request.onsuccess = resolve;
        request.onerror = () => reject(request.error);
      });
      expect(await settlesWithin(blocked, 2000), 'the deletion was not blocked').to.equal('ready');

      const store = storeOn(database);
      expect(await settlesWithin(store.ready, 300), 'the store read storage past a pending deletion').to.equal('still waiting');
      expect(grantedBy(store), 'granted while the deletion is pending').to.deep.equal([]);
      other.close();
      await deletion;
      expect(await store.ready, 'the deleted acceptance was read').to.equal(null);
      expectAsked(store, 'once the data was deleted');
      const record = await store.rejectAll();
      expect(await get('consent', onDisk(database))).to.deep.equal(record);
      expect(warnings.discret).to.deep.equal([]);
      expectNothingThrown();
    });

    it('the browser evicts the database between two pages: the next page asks, and its decision is stored', async () => {
      const database = newDatabase();
      const store = storeOn(database);
      await store.acceptAll();
      store.close();
      // A browser evicts a site's whole storage: its databases and its localStorage (the decision's copy) together.
      await deleteDatabase(database);
      localStorage.removeItem(`discret:${database}`);
      const nextPage = storeOn(database);
      expect(await nextPage.ready).to.equal(null);
      expectAsked(nextPage, 'after eviction');
      const record = await nextPage.rejectAll();
      expect(await get('consent', onDisk(database))).to.deep.equal(record);
      expect(warnings.discret).to.deep.equal([]);
      expectNothingThrown();
    });

    it('discret’s own connection never blocks another tab’s deletion, and discret writes again afterwards', async () => {
      const database = newDatabase();
      const store = storeOn(database);
      await store.acceptAll();
      await deleteDatabase(database);
      const record = await store.rejectAll();
      expect(grantedBy(store)).to.deep.equal([]);
      expect(await get('consent', onDisk(database))).to.deep.equal(record);
      expect(warnings.discret).to.deep.equal([]);
      expectNothingThrown();
    });

    it('discret’s own connection never blocks an upgrade by another script, and the record survives it', async () => {
      const database = newDatabase();
      const store = storeOn(database);
      const decided = await store.decide({ analytics: true });
      const upgrade = new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(database, 7);
        request.onupgradeneeded = () => request.result.createObjectStore('someone-else');
        request.onblocked = () => reject(new Error('the upgrade was blocked by discret’s connection'));
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      });
      await upgrade;
      const nextPage = storeOn(database);
      expect(await nextPage.ready).to.deep.equal(decided);
      expect(grantedBy(nextPage)).to.deep.equal(['analytics', 'analytics/matomo']);
      await nextPage.rejectAll();
      expect(grantedBy(nextPage)).to.deep.equal([]);
      expect(warnings.discret).to.deep.equal([]);
      expectNothingThrown();
    });
  });

  describe('the database has another shape', () => {
    it('the "state" object store is missing: asked; decisions hold for the session; one warning per problem', async () => {
      const database = newDatabase();
      await createDatabase(database, 3, (db) => db.createObjectStore('someone-else'));
      await holdsForTheSession(database);
    });

    it('the "state" object store keeps its keys in-line (another schema): asked; decisions hold for the session; one warning', async () => {
      const database = newDatabase();
      await createDatabase(database, 1, (db) => db.createObjectStore('state', { keyPath: 'id' }));
      const store = storeOn(database);
      expect(await store.ready).to.equal(null);
      expectAsked(store, 'on a store of another shape');
      await store.decide({ marketing: true });
      expect(grantedBy(store)).to.deep.equal(['marketing']);
      await store.rejectAll();
      expect(grantedBy(store)).to.deep.equal([]);
      expectWarnings(SAVE_FAILED);
      const nextPage = storeOn(database);
      await nextPage.ready;
      expect(grantedBy(nextPage), 'granted on the next page').to.deep.equal([]);
      expect(nextPage.needsDecision, 'the refusal holds for the session').to.equal(false);
      expectNothingThrown();
    });
  });

  describe('the stored record is corrupt', () => {
    const CORRUPT: [string, unknown][] = [
      ['a string', 'analytics=yes'],
      ['null', null],
      ['a number', 1],
      ['an array', [storedAcceptAll()]],
      ['half a record', { schema: SCHEMA_VERSION, id: 'x', revision: '2026-11', purposes: { necessary: true, analytics: true } }],
      ['a purpose that is not a boolean', storedAcceptAll({ purposes: { necessary: true, analytics: 'true', marketing: 1 } })],
      ['a service that is not a boolean', storedAcceptAll({ services: { 'analytics/matomo': 'yes' } })],
      ['purposes as a list', storedAcceptAll({ purposes: [true, true, true] })],
      ['necessary refused', storedAcceptAll({ purposes: { necessary: false, analytics: true, marketing: true } })],
      ['an unknown schema (2)', storedAcceptAll({ schema: 2 })],
      ['no schema', storedAcceptAll({ schema: undefined })],
      ['an unknown method', storedAcceptAll({ method: 'implied' })],
      ['an empty id', storedAcceptAll({ id: '' })],
      ['dates that are not dates', storedAcceptAll({ decidedAt: 'yesterday', expiresAt: 'next year' })],
      ['dates stored as Date objects', storedAcceptAll({ decidedAt: new Date(LOADED_AT - DAY), expiresAt: new Date(LOADED_AT + 150 * DAY) })],
      ['a date in the future', storedAcceptAll({ decidedAt: '2099-01-01T00:00:00.000Z', expiresAt: '2099-07-01T00:00:00.000Z' })],
      ['expiresAt more than 13 months after decidedAt', storedAcceptAll({ expiresAt: new Date(LOADED_AT + 420 * DAY).toISOString() })],
      ['expiresAt before decidedAt', storedAcceptAll({ expiresAt: new Date(LOADED_AT - 2 * DAY).toISOString() })],
      ['a withdrawal without a date', { id: 'x', method: 'withdraw', withdrawnAt: 'now' }],
    ];

    for (const [what, value] of CORRUPT) {
      it(`${what}: asked, nothing granted, one warning, and the next decision replaces it`, async () => {
        const database = newDatabase();
        await set('consent', value, onDisk(database));
        const store = storeOn(database);
        expect(await store.ready).to.equal(null);
        expectAsked(store, `from ${what}`);
        expectWarnings(MALFORMED);
        const record = await store.decide({ analytics: true });
        expect(grantedBy(store)).to.deep.equal(['analytics', 'analytics/matomo']);
        expect(await get('consent', onDisk(database))).to.deep.equal(record);
        expect(warnings.discret, 'warnings once the decision was made').to.have.length(1);
        expectNothingThrown();
      });
    }

    it('purposes whose "__proto__" grants everything: asked, nothing granted', async () => {
      const database = newDatabase();
      const purposes: unknown = JSON.parse('{"necessary": true, "__proto__": {"analytics": true, "marketing": true}}');
      const services: unknown = JSON.parse('{"__proto__": {"analytics/matomo": true}}');
      await set('consent', storedAcceptAll({ purposes, services }), onDisk(database));
      const store = storeOn(database);
      await store.ready;
      expectAsked(store, 'from a record granting through __proto__');
      expect(({} as Record<string, unknown>).analytics, 'Object.prototype was polluted').to.equal(undefined);
      await store.rejectAll();
      expect(grantedBy(store)).to.deep.equal([]);
      expectNothingThrown();
    });
  });

  describe('the history is corrupt', () => {
    it('a history that is not a list: the next decision starts a new one, nothing said', async () => {
      const database = newDatabase();
      await set('consent-history', 'garbage', onDisk(database));
      const store = storeOn(database);
      await store.ready;
      expectAsked(store, 'with a corrupt history');
      const record = await store.acceptAll();
      expect(await store.history()).to.deep.equal([record]);
      expect(JSON.parse(await store.export())).to.deep.equal({ current: record, history: [record] });
      expect(warnings.discret).to.deep.equal([]);
      expectNothingThrown();
    });

    it('a history of garbage and a forged acceptance grants nothing, and keeps only real entries', async () => {
      const database = newDatabase();
      const forged = storedAcceptAll();
      await set('consent-history', ['garbage', null, 42, { method: 'withdraw' }, { purposes: { analytics: true } }, forged], onDisk(database));
      const store = storeOn(database);
      await store.ready;
      expectAsked(store, 'with an acceptance in the history but no record');
      const record = await store.rejectAll();
      expect(grantedBy(store)).to.deep.equal([]);
      expect(await store.history()).to.deep.equal([forged, record]);
      expect(warnings.discret).to.deep.equal([]);
      expectNothingThrown();
    });

    it('a history of 10,000 entries: the next decision is kept, the history back within its limit', async () => {
      const database = newDatabase();
      await set('consent-history', Array.from({ length: 10_000 }, (_, i) => ({ garbage: i })), onDisk(database));
      const store = storeOn(database);
      await store.ready;
      const record = await store.decide({ marketing: true });
      const history = await store.history();
      expect(history.at(-1)).to.deep.equal(record);
      expect(((await get<unknown[]>('consent-history', onDisk(database))) ?? []).length, 'entries kept on disk').to.equal(50);
      expect(grantedBy(store)).to.deep.equal(['marketing']);
      expectNothingThrown();
    });
  });

  describe('sessionStorage', () => {
    const throwsSecurityError = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };

    it('throws (a sandboxed page) while IndexedDB works: decisions are stored as usual, nothing said', async () => {
      breaking(replaceGlobal('sessionStorage', throwsSecurityError));
      const database = newDatabase();
      const store = storeOn(database);
      await store.ready;
      expectAsked(store, 'on a first visit without sessionStorage');
      await store.acceptAll();
      const record = await store.decide({ analytics: true });
      expect(await get('consent', onDisk(database))).to.deep.equal(record);
      const nextPage = storeOn(database);
      expect(await nextPage.ready).to.deep.equal(record);
      expect(warnings.discret).to.deep.equal([]);
      expectNothingThrown();
    });

    it('throws while IndexedDB is refused: the decision holds on this page only, the next page asks; one warning per problem', async () => {
      breaking(replaceGlobal('sessionStorage', throwsSecurityError));
      breaking(breakIndexedDBOpen(refuses));
      const database = newDatabase();
      const store = storeOn(database);
      await store.ready;
      expectAsked(store, 'with no storage at all');
      await store.acceptAll();
      expect(grantedBy(store), 'granted on this page').to.deep.equal(NON_ESSENTIAL);
      await store.rejectAll();
      expect(grantedBy(store), 'granted on this page after rejectAll()').to.deep.equal([]);
      expectWarnings(READ_FAILED, SAVE_FAILED);
      const nextPage = storeOn(database);
      await nextPage.ready;
      expectAsked(nextPage, 'on the next page, where nothing could be kept');
      expectNothingThrown();
    });

    it('is full (setItem throws QuotaExceededError) while IndexedDB is refused: the decision holds on this page; one warning per problem', async () => {
      breaking(patch(Storage.prototype, 'setItem', () => () => {
        throw quotaExceeded();
      }));
      breaking(breakIndexedDBOpen(refuses));
      const database = newDatabase();
      const store = storeOn(database);
      await store.ready;
      await store.decide({ analytics: true });
      expect(grantedBy(store)).to.deep.equal(['analytics', 'analytics/matomo']);
      expectWarnings(READ_FAILED, SAVE_FAILED);
      const nextPage = storeOn(database);
      await nextPage.ready;
      expectAsked(nextPage, 'on the next page, where nothing could be kept');
      expectNothingThrown();
    });

    it('the decision kept for the session is not JSON: asked, one warning, a decision still possible', async () => {
      const database = newDatabase();
      sessionStorage.setItem(`discret:${database}`, '{"schema": 1, "purposes": {"analytics": tr');
      const store = storeOn(database);
      let failure: unknown;
      const read = await store.ready.catch((error: unknown) => ((failure = error), 'rejected'));
      expect(String(failure ?? ''), 'ready rejected').to.equal('');
      expect(read).to.equal(null);
      expectAsked(store, 'from a session copy that is not JSON');
      expect(warnings.discret).to.have.length(1);
      const record = await store.acceptAll();
      expect(await get('consent', onDisk(database))).to.deep.equal(record);
      expectNothingThrown();
    });

    it('the decision kept for the session is JSON but no record: asked, one warning, a decision still possible', async () => {
      const database = newDatabase();
      sessionStorage.setItem(`discret:${database}`, JSON.stringify({ ...storedAcceptAll(), purposes: { necessary: true, analytics: 'yes' } }));
      const store = storeOn(database);
      expect(await store.ready).to.equal(null);
      expectAsked(store, 'from a session copy that is no record');
      expectWarnings(/^\[discret\] consent kept for this session is malformed \(.+\); it is ignored and the visitor will be asked$/);
      await store.rejectAll();
      expect(grantedBy(store)).to.deep.equal([]);
      expectNothingThrown();
    });
  });
});
