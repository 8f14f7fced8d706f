/**
 * The consent promise under pressure: nothing is granted before the page's
 * configuration is known, decisions made early are kept in order, a decision
 * takes effect only once written (and a refusal that cannot be written never
 * lets an older acceptance come back), records are honest about their dates
 * and method, and two tabs deciding at once end with one answer.
 *
 * Real IndexedDB in real Chromium; data is put on disk behind the store's
 * back with `set('consent', record, onDisk(database))`.
 */
import { expect } from '@open-wc/testing';
import { get, set } from 'idb-keyval';
import type { ConsentConfig } from '../../src/core/config.js';
import { ConsentStore, type ConsentStoreOptions } from '../../src/core/consent-store.js';
import { SCHEMA_VERSION, type ConsentRecord } from '../../src/core/record.js';
import { IndexedDBStorage, type ConsentStorage } from '../../src/core/storage.js';
import { deleteDatabase, onDisk, uniqueName } from './helpers/test-database.js';
import { watchWarnings } from './helpers/warnings.js';

const CONFIG: ConsentConfig = {
  revision: 'r2',
  locale: 'fr',
  purposes: [
    { name: 'analytics', label: 'Mesure d’audience', services: [{ name: 'matomo', label: 'Matomo' }] },
    { name: 'marketing', label: 'Publicité', gpcOptOut: true },
  ],
};

const DAY = 86_400_000;
const LOADED_AT = Date.now();

/** A record as an earlier visit would have left it: accept-all for revision r2, decided yesterday, valid for months. */
const storedAcceptAll = (changes: Partial<ConsentRecord> = {}): ConsentRecord => ({
  schema: SCHEMA_VERSION,
  id: '6f1c2a4e-8d4b-4a7e-9c1d-2b3e4f5a6b7c',
  revision: 'r2',
  purposes: { necessary: true, analytics: true, marketing: true },
  services: { 'analytics/matomo': true },
  method: 'accept-all',
  locale: 'fr',
  decidedAt: new Date(LOADED_AT - DAY).toISOString(),
  expiresAt: new Date(LOADED_AT + 150 * DAY).toISOString(),
  configHash: '0123456789abcdef',
  ...changes,
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** 'ready' if the promise settles within `ms`, else 'still waiting'. */
const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => 'ready' as const), sleep(ms).then(() => 'still waiting' as const)]);

/** What a record says, in a form two tabs can be compared on. */
const answer = (record: ConsentRecord | null | undefined): string =>
  record
    ? `${record.method} ${JSON.stringify(Object.fromEntries(Object.entries(record.purposes).sort(([a], [b]) => a.localeCompare(b))))}`
    : 'no record';

/**
 * IndexedDB storage whose reads and writes the test can hold back, to make
 * "before the record is read" and "before the decision is written" certain.
 */
class HeldStorage implements ConsentStorage {
  readonly disk: IndexedDBStorage;
  /** Resolves once a read of the consent record has returned. */
  readonly recordRead: Promise<void>;
  private markRead!: () => void;
  private readGate: Promise<void> = Promise.resolve();
  private writeGate: Promise<void> = Promise.resolve();

  constructor(database: string) {
    this.disk = new IndexedDBStorage(database);
    this.recordRead = new Promise<void>((resolve) => (this.markRead = resolve));
  }

  get kind(): 'indexeddb' {
    return this.disk.kind;
  }

  /** Reads wait until the returned function is called. */
  holdReads(): () => void {
    let release!: () => void;
    this.readGate = new Promise<void>((resolve) => (release = resolve));
    return release;
  }

  /** Writes (`set`, `update`) wait until the returned function is called. */
  holdWrites(): () => void {
    let release!: () => void;
    this.writeGate = new Promise<void>((resolve) => (release = resolve));
    return release;
  }

  async get<T>(key: string): Promise<T | undefined> {
    await this.readGate;
    const value = await this.disk.get<T>(key);
    if (key === 'consent') this.markRead();
    return value;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.writeGate;
    return this.disk.set(key, value);
  }

  async update<T>(key: string, next: (stored: unknown) => T): Promise<T> {
    await this.writeGate;
    return this.disk.update(key, next);
  }

  del(key: string): Promise<void> {
    return this.disk.del(key);
  }

  keys(): Promise<string[]> {
    return this.disk.keys();
  }
}

/** Makes every IndexedDB put fail as a full disk does, until the returned function is called. */
function fillTheDisk(): () => void {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function () {
    throw new DOMException('quota exceeded', 'QuotaExceededError');
  };
  return () => {
    IDBObjectStore.prototype.put = put;
  };
}

/** A new tab shares IndexedDB with this one, not sessionStorage. */
function forgetSessionStorage(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('discret')) sessionStorage.removeItem(key);
}

describe('ConsentStore integrity', () => {
  let databases: string[];
  let stores: ConsentStore[];
  let warnings: ReturnType<typeof watchWarnings>;

  beforeEach(() => {
    databases = [];
    stores = [];
    warnings = watchWarnings();
  });

  afterEach(async () => {
    for (const store of stores) store.close();
    warnings.restore();
    forgetSessionStorage();
    for (const database of databases) await deleteDatabase(database);
  });

  function newDatabase(): string {
    const database = uniqueName();
    databases.push(database);
    return database;
  }

  /** A store on `database` (or a storage over it), no GPC, no channel, announcing to a private target; configured with CONFIG unless told otherwise. */
  function storeOn(
    database: string | ConsentStorage,
    options: ConsentStoreOptions = {},
    config: ConsentConfig | null = CONFIG,
  ): ConsentStore {
    const storage = typeof database === 'string' ? new IndexedDBStorage(database) : database;
    const store = new ConsentStore({ storage, channel: null, announce: new EventTarget(), gpc: false, ...options });
    if (config) store.configure(config);
    stores.push(store);
    return store;
  }

  /** granted(key) as seen at every `update` the store fires, from now on. */
  function sampleGranted(store: ConsentStore, key: string): boolean[] {
    const seen: boolean[] = [];
    store.addEventListener('update', () => seen.push(store.granted(key)));
    return seen;
  }

  describe('before the page has configured the store', () => {
    it('grants nothing from a valid stored record until the configuration is known', async () => {
      const database = newDatabase();
      await set('consent', storedAcceptAll(), onDisk(database));
      const storage = new HeldStorage(database);
      const store = storeOn(storage, {}, null);
      const seen = sampleGranted(store, 'analytics');
      await Promise.race([storage.recordRead, sleep(1000)]);
      await sleep(50);
      seen.push(store.granted('analytics'));
      expect(seen, 'analytics was granted at some moment before configure() was called').to.not.include(true);
    });

    it('is not ready before configure() is called, and ready with the stored record once it is', async () => {
      const database = newDatabase();
      await set('consent', storedAcceptAll(), onDisk(database));
      const store = storeOn(database, {}, null);
      expect(await settlesWithin(store.ready, 200), 'ready resolved although the page never configured the store').to.equal(
        'still waiting',
      );
      store.configure(CONFIG);
      expect(await settlesWithin(store.ready, 2000), 'ready did not resolve once the store was configured').to.equal('ready');
      expect(store.granted('analytics'), 'the stored acceptance for this revision is not granted once configured').to.equal(true);
    });

    it('never grants, not even for a moment, what a record of the previous revision granted', async () => {
      const database = newDatabase();
      await set('consent', storedAcceptAll({ revision: 'r1' }), onDisk(database));
      const storage = new HeldStorage(database);
      const store = storeOn(storage, {}, null);
      const seen = sampleGranted(store, 'analytics');
      await Promise.race([storage.recordRead, sleep(1000)]);
      await sleep(50);
      seen.push(store.granted('analytics'));
      store.configure(CONFIG);
      await store.ready;
      seen.push(store.granted('analytics'));
      expect(seen, 'the r1 acceptance granted analytics at some moment on an r2 page').to.not.include(true);
      expect(store.needsDecision, 'the visitor is not asked again for the new revision').to.equal(true);
    });

    it('acceptAll() called before configure() grants every purpose the configuration declares later', async () => {
      const database = newDatabase();
      const store = storeOn(database, {}, null);
      const accepted = store.acceptAll();
      await sleep(100);
      store.configure(CONFIG);
      const record = await accepted;
      expect(record.method, 'the decision is not recorded as accept-all').to.equal('accept-all');
      expect(store.granted('analytics'), 'analytics is not granted on this page').to.equal(true);
      expect(store.granted('marketing'), 'marketing is not granted on this page').to.equal(true);
      const onDiskRecord = await get<ConsentRecord>('consent', onDisk(database));
      expect(onDiskRecord?.purposes, 'the stored record does not grant both declared purposes').to.include({
        analytics: true,
        marketing: true,
      });
    });
  });

  describe('decisions made before the stored record is read', () => {
    it('a rejectAll() over a stored acceptance never lets the acceptance apply, and the refusal is what is kept', async () => {
      const database = newDatabase();
      await set('consent', storedAcceptAll(), onDisk(database));
      const storage = new HeldStorage(database);
      const releaseRead = storage.holdReads();
      const store = storeOn(storage);
      const seen = sampleGranted(store, 'analytics');
      const rejected = store.rejectAll();
      releaseRead();
      await store.ready;
      seen.push(store.granted('analytics'));
      await rejected;
      seen.push(store.granted('analytics'));
      expect(seen, 'the stored acceptance granted analytics at some moment although the visitor had refused').to.not.include(true);
      expect(store.record?.method, 'the final record is not the refusal').to.equal('reject-all');
      store.close();

      const reloaded = storeOn(database);
      await reloaded.ready;
      expect(reloaded.record?.method, 'a reload does not read the refusal').to.equal('reject-all');
      expect(reloaded.granted('analytics'), 'a reload grants analytics').to.equal(false);
    });

    it('acceptAll() then rejectAll() before ready ends refused: the later call wins', async () => {
      const database = newDatabase();
      const storage = new HeldStorage(database);
      const releaseRead = storage.holdReads();
      const store = storeOn(storage);
      const calls = Promise.all([store.acceptAll(), store.rejectAll()]);
      releaseRead();
      await calls;
      expect(store.record?.method, 'the page does not end with the later refusal').to.equal('reject-all');
      expect(store.granted('analytics'), 'analytics is granted after the later refusal').to.equal(false);
      expect((await get<ConsentRecord>('consent', onDisk(database)))?.method, 'the disk does not hold the later refusal').to.equal(
        'reject-all',
      );
    });

    it('rejectAll() then acceptAll() before ready ends accepted: the later call wins', async () => {
      const database = newDatabase();
      const storage = new HeldStorage(database);
      const releaseRead = storage.holdReads();
      const store = storeOn(storage);
      const calls = Promise.all([store.rejectAll(), store.acceptAll()]);
      releaseRead();
      await calls;
      expect(store.record?.method, 'the page does not end with the later acceptance').to.equal('accept-all');
      expect(store.granted('analytics'), 'analytics is refused after the later acceptance').to.equal(true);
      expect((await get<ConsentRecord>('consent', onDisk(database)))?.method, 'the disk does not hold the later acceptance').to.equal(
        'accept-all',
      );
    });
  });

  describe('a decision takes effect only once written', () => {
    it('grants nothing and announces nothing while the acceptance is still being written', async () => {
      const database = newDatabase();
      const storage = new HeldStorage(database);
      const announce = new EventTarget();
      const store = storeOn(storage, { announce });
      await store.ready;
      let changes = 0;
      announce.addEventListener('discret-consent-change', () => changes++);
      const seen = sampleGranted(store, 'analytics');
      const releaseWrite = storage.holdWrites();
      const accepted = store.acceptAll();
      await sleep(100);
      seen.push(store.granted('analytics'));
      expect(seen, 'analytics was granted before the acceptance was written').to.not.include(true);
      expect(changes, 'a change was announced before the acceptance was written').to.equal(0);

      releaseWrite();
      await accepted;
      expect(store.granted('analytics'), 'analytics is not granted once the acceptance is written').to.equal(true);
      expect(changes, 'the written acceptance was not announced exactly once').to.equal(1);
    });
  });

  describe('reliability: storage faults — when the disk is full', () => {
    let repair: (() => void) | undefined;

    afterEach(() => {
      repair?.();
      repair = undefined;
    });

    /** A store that accepted everything on a disk that then filled up, and the decision `then` made on it. */
    async function fullDiskAfterAcceptance(database: string, then: (store: ConsentStore) => Promise<unknown>): Promise<ConsentStore> {
      const store = storeOn(database);
      await store.acceptAll();
      repair = fillTheDisk();
      try {
        await then(store);
      } finally {
        repair();
        repair = undefined;
      }
      return store;
    }

    it('a refusal that cannot be written still refuses on this page, with one warning', async () => {
      const store = await fullDiskAfterAcceptance(newDatabase(), (store) => store.rejectAll());
      expect(store.granted('analytics'), 'this page still grants analytics after the refusal').to.equal(false);
      expect(warnings.discret, 'the failed write was not reported in exactly one [discret] warning').to.have.length(1);
    });

    it('a refusal that cannot be written never lets the next page in this tab run the old acceptance', async () => {
      const database = newDatabase();
      await fullDiskAfterAcceptance(database, (store) => store.rejectAll());
      const next = storeOn(database);
      await next.ready;
      expect(next.granted('analytics'), 'the next page granted analytics from the acceptance the visitor had refused').to.equal(false);
    });

    it('a refusal that cannot be written never lets a new tab run the old acceptance', async () => {
      const database = newDatabase();
      await fullDiskAfterAcceptance(database, (store) => store.rejectAll());
      forgetSessionStorage();
      const newTab = storeOn(database);
      await newTab.ready;
      expect(newTab.granted('analytics'), 'a new tab granted analytics from the acceptance the visitor had refused').to.equal(false);
    });

    it('a withdrawal that cannot be written still refuses on this page, with one warning', async () => {
      const store = await fullDiskAfterAcceptance(newDatabase(), (store) => store.withdraw());
      expect(store.granted('analytics'), 'this page still grants analytics after the withdrawal').to.equal(false);
      expect(warnings.discret, 'the failed write was not reported in exactly one [discret] warning').to.have.length(1);
    });

    it('a withdrawal that cannot be written never lets the next page in this tab run the old acceptance', async () => {
      const database = newDatabase();
      await fullDiskAfterAcceptance(database, (store) => store.withdraw());
      const next = storeOn(database);
      await next.ready;
      expect(next.granted('analytics'), 'the next page granted analytics from the acceptance the visitor had withdrawn').to.equal(false);
    });

    it('a withdrawal that cannot be written never lets a new tab run the old acceptance', async () => {
      const database = newDatabase();
      await fullDiskAfterAcceptance(database, (store) => store.withdraw());
      forgetSessionStorage();
      const newTab = storeOn(database);
      await newTab.ready;
      expect(newTab.granted('analytics'), 'a new tab granted analytics from the acceptance the visitor had withdrawn').to.equal(false);
    });

    it('an acceptance that cannot be written still applies on this page, and says so once', async () => {
      const store = storeOn(newDatabase());
      await store.ready;
      repair = fillTheDisk();
      await store.acceptAll();
      repair();
      repair = undefined;
      expect(store.granted('analytics'), 'the acceptance does not apply on this page').to.equal(true);
      expect(store.needsDecision, 'the visitor is asked again on this page right after deciding').to.equal(false);
      expect(warnings.discret, 'the failed write was not reported in exactly one [discret] warning').to.have.length(1);
    });
  });

  describe('records dated in the future', () => {
    async function readBack(record: ConsentRecord): Promise<ConsentStore> {
      const database = newDatabase();
      await set('consent', record, onDisk(database));
      const store = storeOn(database);
      await store.ready;
      return store;
    }

    it('a record decided in 2099 is no consent: nothing granted, the visitor is asked', async () => {
      const store = await readBack(storedAcceptAll({ decidedAt: '2099-01-01T00:00:00.000Z', expiresAt: '2099-07-01T00:00:00.000Z' }));
      expect(store.granted('analytics'), 'a record dated 2099 grants analytics').to.equal(false);
      expect(store.needsDecision, 'the visitor is not asked despite a record dated 2099').to.equal(true);
    });

    it('a record decided one year from now is no consent: nothing granted, the visitor is asked', async () => {
      const decidedAt = LOADED_AT + 365 * DAY;
      const store = await readBack(
        storedAcceptAll({ decidedAt: new Date(decidedAt).toISOString(), expiresAt: new Date(decidedAt + 182 * DAY).toISOString() }),
      );
      expect(store.granted('analytics'), 'a record dated a year ahead grants analytics').to.equal(false);
      expect(store.needsDecision, 'the visitor is not asked despite a record dated a year ahead').to.equal(true);
    });

    it('a record decided 30 seconds from now (clock skew between tabs or devices) is still consent', async () => {
      const decidedAt = Date.now() + 30_000;
      const store = await readBack(
        storedAcceptAll({ decidedAt: new Date(decidedAt).toISOString(), expiresAt: new Date(decidedAt + 182 * DAY).toISOString() }),
      );
      expect(store.granted('analytics'), 'a record 30 s ahead is not honoured').to.equal(true);
      expect(store.needsDecision, 'the visitor is asked again despite a record 30 s ahead').to.equal(false);
    });
  });

  it('a record claiming a longer life than the configured max-age is not honoured past decidedAt + max-age', async () => {
    const database = newDatabase();
    const decidedAt = new Date(LOADED_AT - DAY);
    const claimedExpiry = new Date(decidedAt);
    claimedExpiry.setUTCMonth(claimedExpiry.getUTCMonth() + 12);
    await set('consent', storedAcceptAll({ decidedAt: decidedAt.toISOString(), expiresAt: claimedExpiry.toISOString() }), onDisk(database));
    let clock = new Date(LOADED_AT);
    const store = storeOn(database, { now: () => clock }, { ...CONFIG, maxAge: 'P6M' });
    await store.ready;

    clock = new Date(decidedAt);
    clock.setUTCMonth(clock.getUTCMonth() + 7);
    expect(store.granted('analytics'), 'a 12-month record is honoured 7 months after it was made on a 6-month site').to.equal(false);
    expect(store.needsDecision, 'the visitor is not asked 7 months after deciding on a 6-month site').to.equal(true);
  });

  describe('Global Privacy Control', () => {
    it('acceptAll() with GPC on records what was decided: method gpc, the GPC purpose refused', async () => {
      const store = storeOn(newDatabase(), { gpc: true });
      const record = await store.acceptAll();
      expect(record.method, 'a GPC-limited acceptance is recorded as accept-all').to.equal('gpc');
      expect(record.purposes.marketing, 'the GPC purpose is granted').to.equal(false);
      expect(record.purposes.analytics, 'analytics is not granted').to.equal(true);
      expect(store.granted('marketing'), 'the GPC purpose is granted on this page').to.equal(false);
    });

    it('acceptAll() without GPC is recorded as accept-all and grants everything', async () => {
      const store = storeOn(newDatabase(), { gpc: false });
      const record = await store.acceptAll();
      expect(record.method, 'a plain acceptance is not recorded as accept-all').to.equal('accept-all');
      expect(record.purposes, 'a plain acceptance does not grant every purpose').to.include({ analytics: true, marketing: true });
    });
  });

  describe('what the page is told', () => {
    it('lets no change listener grant anything by editing the record it is told about', async () => {
      const store = storeOn(newDatabase());
      store.addEventListener('change', (event) => {
        try {
          (event as CustomEvent<{ record: ConsentRecord }>).detail.record.purposes.marketing = true;
        } catch {
          // A frozen record may refuse the edit out loud; refusing it quietly is as good.
        }
      });
      await store.decide({ analytics: true });
      expect(store.granted('marketing'), 'a listener granted marketing by editing the event').to.equal(false);
      expect(store.record!.purposes.marketing, 'the store keeps what the listener wrote').to.equal(false);
    });
  });

  describe('reliability: cross-tab races — two tabs deciding at once', () => {
    /** Two ready stores on one database and one channel, as two tabs of one browser. */
    async function twoTabs(options: ConsentStoreOptions = {}): Promise<[ConsentStore, ConsentStore, string]> {
      const database = newDatabase();
      const channel = uniqueName('ch');
      const a = storeOn(database, { channel, ...options });
      const b = storeOn(database, { channel, ...options });
      await Promise.all([a.ready, b.ready]);
      return [a, b, database];
    }

    it('opposite decisions at the same moment end with one answer in both tabs and in a new tab (20 runs)', async function () {
      this.timeout(10_000);
      const runs = 20;
      const disagreements: string[] = [];
      for (let run = 0; run < runs; run++) {
        const [a, b, database] = await twoTabs();
        await Promise.all([a.acceptAll(), b.rejectAll()]);
        await sleep(200);
        const newTab = storeOn(database);
        await newTab.ready;
        const answers = [answer(a.record), answer(b.record), answer(newTab.record)];
        if (new Set(answers).size !== 1) disagreements.push(`run ${run + 1}: tab A ${answers[0]} / tab B ${answers[1]} / new tab ${answers[2]}`);
        for (const store of [a, b, newTab]) store.close();
      }
      expect(disagreements.length, `tabs disagreed in ${disagreements.length} of ${runs} runs, e.g. ${disagreements.slice(0, 2).join('; ')}`).to.equal(0);
    });

    it('a refusal wins a tie: accept and reject at the same instant end refused everywhere', async function () {
      this.timeout(10_000);
      const instant = new Date(LOADED_AT);
      const outcomes: string[] = [];
      for (let run = 0; run < 6; run++) {
        const [a, b, database] = await twoTabs({ now: () => instant });
        // Alternate who calls first, so that call order cannot be what decides.
        await (run % 2 === 0 ? Promise.all([a.acceptAll(), b.rejectAll()]) : Promise.all([b.rejectAll(), a.acceptAll()]));
        await sleep(200);
        const newTab = storeOn(database, { now: () => instant });
        await newTab.ready;
        const methods = [a.record?.method, b.record?.method, newTab.record?.method];
        if (methods.some((method) => method !== 'reject-all')) outcomes.push(`run ${run + 1}: tab A ${methods[0]} / tab B ${methods[1]} / new tab ${methods[2]}`);
        for (const store of [a, b, newTab]) store.close();
      }
      expect(outcomes.length, `a tie did not end with the refusal everywhere in ${outcomes.length} of 6 runs, e.g. ${outcomes.slice(0, 2).join('; ')}`).to.equal(0);
    });
  });
});
