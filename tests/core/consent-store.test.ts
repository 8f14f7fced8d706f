import { expect, oneEvent } from '@open-wc/testing';
import { get, set } from 'idb-keyval';
import type { ConsentConfig } from '../../src/core/config.js';
import { ConsentStore, type ConsentStoreOptions, type HistoryEntry } from '../../src/core/consent-store.js';
import type { ConsentChangeEvent, ConsentReadyEvent } from '../../src/core/events.js';
import { SCHEMA_VERSION, type ConsentRecord } from '../../src/core/record.js';
import { IndexedDBStorage, type ConsentStorage } from '../../src/core/storage.js';
import { breakIndexedDBOpen, deleteDatabase, neverAnswers, onDisk, refuses, uniqueName } from './helpers/test-database.js';
import { watchWarnings } from './helpers/warnings.js';

const CONFIG: ConsentConfig = {
  revision: '2026-11',
  locale: 'fr',
  purposes: [
    { name: 'analytics', label: 'Mesure d’audience', services: [{ name: 'matomo', label: 'Matomo' }] },
    { name: 'marketing', label: 'Publicité', gpcOptOut: true },
  ],
};

const withPurposes = (...names: string[]): ConsentConfig => ({
  ...CONFIG,
  purposes: [...CONFIG.purposes!, ...names.map((name) => ({ name }))],
});

const LOADED_AT = Date.now();

/** A record as it would sit on disk from an earlier visit: decided yesterday, valid until tomorrow. */
const storedRecord = (changes: Partial<ConsentRecord> = {}): ConsentRecord => ({
  schema: SCHEMA_VERSION,
  id: '6f1c2a4e-8d4b-4a7e-9c1d-2b3e4f5a6b7c',
  revision: '2026-11',
  purposes: { necessary: true, analytics: true, marketing: false },
  services: { 'analytics/matomo': true },
  method: 'custom',
  locale: 'fr',
  decidedAt: new Date(LOADED_AT - 86_400_000).toISOString(),
  expiresAt: new Date(LOADED_AT + 86_400_000).toISOString(),
  configHash: '0123456789abcdef',
  ...changes,
});

describe('ConsentStore', () => {
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
    for (const database of databases) await deleteDatabase(database);
  });

  function newDatabase(): string {
    const database = uniqueName();
    databases.push(database);
    return database;
  }

  /** A store on its own IndexedDB database, no channel, announcing to a private target; configured with CONFIG unless told otherwise. */
  function storeOn(database: string, options: ConsentStoreOptions = {}, config: ConsentConfig | null = CONFIG): ConsentStore {
    const store = new ConsentStore({ storage: new IndexedDBStorage(database), channel: null, announce: new EventTarget(), ...options });
    if (config) store.configure(config);
    stores.push(store);
    return store;
  }

  const newStore = (options: ConsentStoreOptions = {}, config: ConsentConfig | null = CONFIG) => storeOn(newDatabase(), options, config);

  describe('on a first visit', () => {
    it('has no record and asks for a decision', async () => {
      const store = newStore();
      expect(await store.ready).to.equal(null);
      expect(store.record).to.equal(null);
      expect(store.needsDecision).to.equal(true);
    });

    it('refuses every purpose and service and grants necessary', async () => {
      const store = newStore();
      await store.ready;
      expect(store.granted('analytics')).to.equal(false);
      expect(store.granted('analytics/matomo')).to.equal(false);
      expect(store.granted('marketing')).to.equal(false);
      expect(store.granted('necessary')).to.equal(true);
    });
  });

  describe('a stored decision', () => {
    it('survives a new store on the same database, as after a reload', async () => {
      const database = newDatabase();
      const first = storeOn(database);
      const decided = await first.decide({ analytics: true });
      first.close();

      const second = storeOn(database);
      expect(await second.ready).to.deep.equal(decided);
      expect(second.granted('analytics')).to.equal(true);
      expect(second.granted('marketing')).to.equal(false);
      expect(second.needsDecision).to.equal(false);
    });

    it('grants nothing until the configuration is known, then what the record of that revision grants', async () => {
      const database = newDatabase();
      await set('consent', storedRecord(), onDisk(database));
      const store = storeOn(database, {}, null);
      expect(await store.stored).to.deep.equal(storedRecord());
      expect(store.granted('analytics'), 'granted before the revision in force is known').to.equal(false);
      store.configure(CONFIG);
      await store.ready;
      expect(store.granted('analytics')).to.equal(true);
    });
  });

  describe('stored data that is not a valid record', () => {
    const garbage: [string, unknown][] = [
      ['a record of another schema', storedRecord({ schema: 2 as typeof SCHEMA_VERSION })],
      ['a record missing its id and expiry', { ...storedRecord(), id: undefined, expiresAt: undefined }],
      ['a string', 'analytics=yes'],
      ['null', null],
      ['a record where necessary is refused', storedRecord({ purposes: { necessary: false, analytics: true } })],
      ['purposes with non-boolean values', { ...storedRecord(), purposes: { necessary: true, analytics: 'true', marketing: 1 } }],
      ['dates that are not dates', { ...storedRecord(), decidedAt: 'yesterday', expiresAt: 'next year' }],
    ];
    for (const [what, value] of garbage) {
      it(`ignores ${what}: no consent, asks again, one warning`, async () => {
        const database = newDatabase();
        await set('consent', value, onDisk(database));
        const store = storeOn(database);
        expect(await store.ready).to.equal(null);
        expect(store.granted('analytics')).to.equal(false);
        expect(store.needsDecision).to.equal(true);
        expect(warnings.discret).to.have.length(1);
        expect(warnings.discret[0]).to.match(/^\[discret\] stored consent record is malformed/);
      });
    }

    it('is replaced by the next decision', async () => {
      const database = newDatabase();
      await set('consent', 'garbage', onDisk(database));
      const store = storeOn(database);
      const record = await store.rejectAll();
      expect(await get('consent', onDisk(database))).to.deep.equal(record);
    });
  });

  describe('when IndexedDB is unavailable', () => {
    let repair: (() => void) | undefined;

    afterEach(() => {
      repair?.();
      repair = undefined;
    });

    afterEach(() => {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith('discret:')) sessionStorage.removeItem(key);
    });

    it('asks, and keeps a decision for the browsing session, saying each once, when indexedDB.open throws', async () => {
      repair = breakIndexedDBOpen(refuses);
      const database = newDatabase();
      const store = new ConsentStore({ storage: new IndexedDBStorage(database), channel: null, announce: null });
      stores.push(store);
      store.configure(CONFIG);
      expect(await store.ready).to.equal(null);
      await store.decide({ analytics: true });
      expect(store.granted('analytics')).to.equal(true);
      expect(store.needsDecision).to.equal(false);
      expect(warnings.discret).to.have.length(2);
      expect(warnings.discret[0]).to.match(/^\[discret\] stored consent could not be read \(SecurityError/);
      expect(warnings.discret[1]).to.match(/^\[discret\] consent could not be saved \(SecurityError.*; it holds for this browsing session only$/);
      // The next page of this tab, IndexedDB still refused: the decision holds.
      const next = storeOn(database);
      await next.ready;
      expect(next.granted('analytics')).to.equal(true);
      expect(next.needsDecision).to.equal(false);
    });

    it('gives up on an open that never answers after 3 s: asks, and keeps the decision for the session', async function () {
      this.timeout(10_000);
      repair = breakIndexedDBOpen(neverAnswers);
      const storage = new IndexedDBStorage(newDatabase());
      const store = new ConsentStore({ storage, channel: null, announce: null });
      stores.push(store);
      store.configure(CONFIG);
      expect(await store.ready).to.equal(null);
      expect(store.needsDecision).to.equal(true);
      await store.acceptAll();
      expect(store.granted('marketing')).to.equal(true);
      expect(warnings.discret).to.have.length(2);
      expect(warnings.discret[0]).to.match(/^\[discret\] stored consent could not be read \(Error: no answer after 3000 ms\)/);
    });
  });

  describe('expiry', () => {
    it('asks again once the clock passes expiresAt', async () => {
      let clock = new Date('2026-11-02T10:00:00.000Z');
      const store = newStore({ now: () => clock });
      const record = await store.acceptAll();
      expect(store.granted('analytics')).to.equal(true);

      clock = new Date(Date.parse(record.expiresAt) + 1000);
      expect(store.needsDecision).to.equal(true);
      expect(store.granted('analytics')).to.equal(false);
    });

    it('still honours the record the second before it expires', async () => {
      let clock = new Date('2026-11-02T10:00:00.000Z');
      const store = newStore({ now: () => clock });
      const record = await store.acceptAll();
      clock = new Date(Date.parse(record.expiresAt) - 1000);
      expect(store.needsDecision).to.equal(false);
      expect(store.granted('analytics')).to.equal(true);
    });

    it('treats a stored record whose expiresAt is past as no decision, without a warning', async () => {
      const database = newDatabase();
      await set('consent', storedRecord({ decidedAt: '2025-01-01T00:00:00.000Z', expiresAt: '2025-07-01T00:00:00.000Z' }), onDisk(database));
      const store = storeOn(database);
      expect(await store.ready).to.equal(null);
      expect(store.needsDecision).to.equal(true);
      expect(store.granted('analytics')).to.equal(false);
      expect(warnings.discret).to.deep.equal([]);
    });

    it('lasts six months by default', async () => {
      const store = newStore({ now: () => new Date('2026-01-15T12:00:00.000Z') });
      const record = await store.acceptAll();
      expect(record.decidedAt).to.equal('2026-01-15T12:00:00.000Z');
      expect(record.expiresAt).to.equal('2026-07-15T12:00:00.000Z');
    });

    it('lasts as long as max-age says', async () => {
      const store = newStore({ now: () => new Date('2026-01-15T12:00:00.000Z') }, { ...CONFIG, maxAge: 'P1M' });
      const record = await store.acceptAll();
      expect(record.expiresAt).to.equal('2026-02-15T12:00:00.000Z');
    });

    it('uses six months, with one warning, when max-age is not a duration', async () => {
      const store = newStore({ now: () => new Date('2026-01-15T12:00:00.000Z') }, { ...CONFIG, maxAge: 'six months' });
      const record = await store.acceptAll();
      expect(record.expiresAt).to.equal('2026-07-15T12:00:00.000Z');
      expect(warnings.discret).to.have.length(1);
      expect(warnings.discret[0]).to.match(/^\[discret\] .*max-age="six months".*using P6M/);
    });

    it('caps max-age at the CNIL’s 13 months, with one warning', async () => {
      const store = newStore({ now: () => new Date('2026-01-15T12:00:00.000Z') }, { ...CONFIG, maxAge: 'P2Y' });
      const record = await store.acceptAll();
      expect(record.expiresAt).to.equal('2027-02-15T12:00:00.000Z');
      expect(warnings.discret).to.have.length(1);
    });
  });

  describe('a record made for another configuration', () => {
    it('asks again and grants nothing when the revision changed', async () => {
      const database = newDatabase();
      await set('consent', storedRecord({ revision: '2026-05' }), onDisk(database));
      const store = storeOn(database);
      expect(await store.ready).to.equal(null);
      expect(store.needsDecision).to.equal(true);
      expect(store.granted('analytics')).to.equal(false);
    });

    it('asks again when the page declares a purpose it never decided, while the purposes it granted stay granted', async () => {
      const database = newDatabase();
      await set('consent', storedRecord(), onDisk(database));
      const store = storeOn(database, {}, withPurposes('personalisation'));
      await store.ready;
      expect(store.needsDecision).to.equal(true);
      expect(store.granted('analytics')).to.equal(true);
      expect(store.granted('personalisation')).to.equal(false);
    });

    it('asks again when the page declares a service it never decided', async () => {
      const database = newDatabase();
      await set('consent', storedRecord({ services: {} }), onDisk(database));
      const store = storeOn(database);
      await store.ready;
      expect(store.needsDecision).to.equal(true);
    });

    it('does not ask again when the stored decision covers every declared purpose and service', async () => {
      const database = newDatabase();
      await set('consent', storedRecord(), onDisk(database));
      const store = storeOn(database);
      await store.ready;
      expect(store.needsDecision).to.equal(false);
    });
  });

  describe('decide()', () => {
    it('refuses the declared purposes the visitor left out: nothing is pre-ticked', async () => {
      const store = newStore();
      const record = await store.decide({ analytics: true });
      expect(record.purposes).to.deep.equal({ necessary: true, analytics: true, marketing: false });
      expect(store.granted('marketing')).to.equal(false);
    });

    it('refuses the services of a refused purpose, unless one is chosen on its own, which grants that service alone', async () => {
      const store = newStore();
      let record = await store.decide({ analytics: false });
      expect(record.services['analytics/matomo']).to.equal(false);
      expect(store.granted('analytics/matomo')).to.equal(false);
      // An embed's "Always allow Matomo": the service alone, not what is gated on the purpose.
      record = await store.decide({ analytics: false }, { 'analytics/matomo': true }, 'contextual');
      expect(record.services['analytics/matomo']).to.equal(true);
      expect(store.granted('analytics/matomo')).to.equal(true);
      expect(store.granted('analytics')).to.equal(false);
      await store.rejectAll();
      expect(store.granted('analytics/matomo'), '"Reject all" takes it back').to.equal(false);
    });

    it('grants the services of a granted purpose unless one is refused', async () => {
      const store = newStore();
      await store.decide({ analytics: true });
      expect(store.granted('analytics/matomo')).to.equal(true);
      await store.decide({ analytics: true }, { 'analytics/matomo': false });
      expect(store.granted('analytics')).to.equal(true);
      expect(store.granted('analytics/matomo')).to.equal(false);
    });

    it('grants necessary even when told to refuse it', async () => {
      const store = newStore();
      const record = await store.decide({ necessary: false });
      expect(record.purposes.necessary).to.equal(true);
      expect(store.granted('necessary')).to.equal(true);
    });

    it('counts only true as a grant', async () => {
      const store = newStore();
      await store.decide({ analytics: 'yes' as unknown as boolean });
      expect(store.granted('analytics')).to.equal(false);
    });

    it('records the revision, locale, method and configuration fingerprint seen', async () => {
      const store = newStore();
      const record = await store.decide({ analytics: true });
      expect(record.revision).to.equal('2026-11');
      expect(record.locale).to.equal('fr');
      expect(record.method, 'a decision made in code').to.equal('api');
      expect(record.configHash).to.match(/^[0-9a-f]{16}$/);
      expect((await store.acceptAll()).configHash, 'the same texts shown, the same fingerprint').to.equal(record.configHash);
    });

    it('keeps the same pseudonymous id across decisions', async () => {
      const store = newStore();
      const first = await store.acceptAll();
      const second = await store.rejectAll();
      expect(second.id).to.equal(first.id);
    });

    it('writes the record to IndexedDB', async () => {
      const database = newDatabase();
      const store = storeOn(database);
      const record = await store.decide({ marketing: true });
      expect(await get('consent', onDisk(database))).to.deep.equal(record);
    });

    it('acceptAll() grants every declared purpose and service', async () => {
      const store = newStore();
      const record = await store.acceptAll();
      expect(record.method).to.equal('accept-all');
      expect(['analytics', 'analytics/matomo', 'marketing'].map((key) => store.granted(key))).to.deep.equal([true, true, true]);
      expect(store.needsDecision).to.equal(false);
    });

    it('rejectAll() refuses every declared purpose and service', async () => {
      const store = newStore();
      await store.acceptAll();
      const record = await store.rejectAll();
      expect(record.method).to.equal('reject-all');
      expect(['analytics', 'analytics/matomo', 'marketing'].map((key) => store.granted(key))).to.deep.equal([false, false, false]);
      expect(store.needsDecision).to.equal(false);
    });
  });

  describe('Global Privacy Control', () => {
    it('makes acceptAll() refuse the purposes marked gpcOptOut', async () => {
      const store = newStore({ gpc: true });
      await store.acceptAll();
      expect(store.granted('analytics')).to.equal(true);
      expect(store.granted('marketing')).to.equal(false);
    });

    it('leaves an explicit choice of such a purpose to the visitor', async () => {
      const store = newStore({ gpc: true });
      await store.decide({ marketing: true });
      expect(store.granted('marketing')).to.equal(true);
    });

    it('is read from navigator.globalPrivacyControl by default', () => {
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
      try {
        expect(newStore().gpc).to.equal(true);
      } finally {
        delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
      }
      expect(newStore().gpc).to.equal(false);
    });
  });

  describe('withdraw()', () => {
    it('replaces the record in IndexedDB by the withdrawal, so that no tab can put an older decision back', async () => {
      const database = newDatabase();
      const store = storeOn(database);
      const record = await store.acceptAll();
      await store.withdraw();
      expect(await get('consent', onDisk(database))).to.include({ id: record.id, method: 'withdraw' });
    });

    it('refuses everything non-essential and asks again', async () => {
      const store = newStore();
      await store.acceptAll();
      await store.withdraw();
      expect(store.record).to.equal(null);
      expect(store.granted('analytics')).to.equal(false);
      expect(store.granted('analytics/matomo')).to.equal(false);
      expect(store.granted('marketing')).to.equal(false);
      expect(store.granted('necessary')).to.equal(true);
      expect(store.needsDecision).to.equal(true);
    });

    it('adds a withdrawal of the record’s id to the history', async () => {
      const store = newStore({ now: () => new Date('2026-11-02T10:00:00.000Z') });
      const record = await store.acceptAll();
      await store.withdraw();
      const history = await store.history();
      expect(history).to.have.length(2);
      // On a clock that stands still, each decision of a tab still comes one millisecond after the one before.
      expect(history[1]).to.deep.equal({ id: record.id, method: 'withdraw', withdrawnAt: '2026-11-02T10:00:00.001Z' });
    });

    it('is still asked again after a reload', async () => {
      const database = newDatabase();
      const first = storeOn(database);
      await first.acceptAll();
      await first.withdraw();
      first.close();
      const second = storeOn(database);
      expect(await second.ready).to.equal(null);
      expect(second.needsDecision).to.equal(true);
    });

    it('gives the next decision a new id', async () => {
      const store = newStore();
      const before = await store.acceptAll();
      await store.withdraw();
      const after = await store.acceptAll();
      expect(after.id).not.to.equal(before.id);
    });
  });

  describe('history and export()', () => {
    it('keeps every decision, oldest first', async () => {
      const store = newStore();
      await store.acceptAll();
      await store.rejectAll();
      await store.decide({ analytics: true });
      expect((await store.history()).map((entry) => entry.method)).to.deep.equal(['accept-all', 'reject-all', 'api']);
    });

    it('keeps only the last historyLimit entries', async () => {
      let clock = new Date();
      const store = newStore({ historyLimit: 3, now: () => clock });
      for (let minute = 0; minute < 5; minute++) {
        clock = new Date(Date.UTC(2026, 10, 2, 10, minute));
        await store.acceptAll();
      }
      const history = (await store.history()) as ConsentRecord[];
      expect(history.map((entry) => entry.decidedAt)).to.deep.equal([
        '2026-11-02T10:02:00.000Z',
        '2026-11-02T10:03:00.000Z',
        '2026-11-02T10:04:00.000Z',
      ]);
    });

    it('keeps no history when historyLimit is 0', async () => {
      const store = newStore({ historyLimit: 0 });
      await store.acceptAll();
      await store.rejectAll();
      expect(await store.history()).to.deep.equal([]);
    });

    it('survives a reload', async () => {
      const database = newDatabase();
      const first = storeOn(database);
      await first.acceptAll();
      await first.withdraw();
      first.close();
      const history = await storeOn(database).history();
      expect(history.map((entry: HistoryEntry) => entry.method)).to.deep.equal(['accept-all', 'withdraw']);
    });

    it('leaves out stored entries that are neither records nor withdrawals', async () => {
      const database = newDatabase();
      await set('consent-history', [storedRecord(), 'garbage', { method: 'accept-all' }, null], onDisk(database));
      const history = await storeOn(database).history();
      expect(history).to.deep.equal([storedRecord()]);
    });

    it('export() is JSON holding the current record and the history', async () => {
      const store = newStore();
      await store.rejectAll();
      const current = await store.acceptAll();
      const exported = JSON.parse(await store.export());
      expect(exported.current).to.deep.equal(current);
      expect(exported.history.map((entry: HistoryEntry) => entry.method)).to.deep.equal(['reject-all', 'accept-all']);
    });

    it('export() asked for while a decision is announced includes that decision', async () => {
      const announce = new EventTarget();
      const store = newStore({ announce });
      await store.ready;
      let exported: Promise<string> | undefined;
      announce.addEventListener('discret-consent-change', () => (exported = store.export()), { once: true });
      const record = await store.acceptAll();
      expect(JSON.parse(await exported!).history).to.deep.equal([record]);
    });
  });

  describe('events', () => {
    it('announces discret-consent-ready once, with the stored record and needsDecision', async () => {
      const database = newDatabase();
      const record = storedRecord();
      await set('consent', record, onDisk(database));
      const announce = new EventTarget();
      const seen: ConsentReadyEvent[] = [];
      announce.addEventListener('discret-consent-ready', (event) => seen.push(event as ConsentReadyEvent));
      const store = storeOn(database, { announce });
      await store.ready;
      await store.acceptAll();
      expect(seen).to.have.length(1);
      expect(seen[0].detail).to.deep.equal({ record, needsDecision: false });
    });

    it('announces discret-consent-ready with no record on a first visit', async () => {
      const announce = new EventTarget();
      newStore({ announce });
      const event = (await oneEvent(announce, 'discret-consent-ready')) as ConsentReadyEvent;
      expect(event.detail).to.deep.equal({ record: null, needsDecision: true });
    });

    it('announces on window unless told otherwise', async () => {
      const store = new ConsentStore({ storage: new IndexedDBStorage(newDatabase()), channel: null });
      stores.push(store);
      store.configure(CONFIG);
      const event = (await oneEvent(window, 'discret-consent-ready')) as ConsentReadyEvent;
      expect(event.detail.needsDecision).to.equal(true);
    });

    it('announces nothing on window when announce is null', async () => {
      let heard = 0;
      const count = () => heard++;
      window.addEventListener('discret-consent-ready', count);
      window.addEventListener('discret-consent-change', count);
      try {
        const store = newStore({ announce: null });
        await store.ready;
        await store.acceptAll();
      } finally {
        window.removeEventListener('discret-consent-ready', count);
        window.removeEventListener('discret-consent-change', count);
      }
      expect(heard).to.equal(0);
    });

    it('announces one discret-consent-change per decision, with the record, what changed and how', async () => {
      const announce = new EventTarget();
      const store = newStore({ announce });
      const seen: ConsentChangeEvent[] = [];
      announce.addEventListener('discret-consent-change', (event) => seen.push(event as ConsentChangeEvent));
      const record = await store.decide({ analytics: true });
      expect(seen).to.have.length(1);
      expect(seen[0].detail.record).to.deep.equal(record);
      expect(seen[0].detail.changed).to.have.members(['analytics', 'analytics/matomo']);
      expect(seen[0].detail.method).to.equal('api');
    });

    it('lists in changed exactly the keys that flipped', async () => {
      const announce = new EventTarget();
      const store = newStore({ announce });
      await store.decide({ analytics: true, marketing: false });
      const change = oneEvent(announce, 'discret-consent-change') as Promise<ConsentChangeEvent>;
      await store.decide({ analytics: true, marketing: true }, { 'analytics/matomo': false });
      expect((await change).detail.changed).to.have.members(['marketing', 'analytics/matomo']);
    });

    it('announces a decision that changes nothing with an empty changed list', async () => {
      const announce = new EventTarget();
      const store = newStore({ announce });
      await store.rejectAll();
      const change = oneEvent(announce, 'discret-consent-change') as Promise<ConsentChangeEvent>;
      await store.rejectAll();
      const { detail } = await change;
      expect(detail.method).to.equal('reject-all');
      expect(detail.changed).to.deep.equal([]);
    });

    it('announces a withdrawal with no record and the keys it refused', async () => {
      const announce = new EventTarget();
      const store = newStore({ announce });
      await store.decide({ marketing: true });
      const change = oneEvent(announce, 'discret-consent-change') as Promise<ConsentChangeEvent>;
      await store.withdraw();
      expect((await change).detail).to.deep.equal({ record: null, changed: ['marketing'], method: 'withdraw' });
    });

    it('fires update on itself when a decision changes what granted() answers', async () => {
      const store = newStore();
      await store.ready;
      const update = oneEvent(store, 'update');
      void store.acceptAll();
      await update;
      expect(store.granted('analytics')).to.equal(true);
    });
  });

  describe('across tabs, over BroadcastChannel', () => {
    it('grants in the other store what one store’s decision grants, and the other announces it', async () => {
      const channel = uniqueName('channel');
      const announceB = new EventTarget();
      const a = newStore({ channel });
      const b = newStore({ channel, announce: announceB });
      await Promise.all([a.ready, b.ready]);
      const change = oneEvent(announceB, 'discret-consent-change') as Promise<ConsentChangeEvent>;
      const record = await a.decide({ analytics: true });
      const { detail } = await change;
      expect(detail.record).to.deep.equal(record);
      expect(detail.changed).to.have.members(['analytics', 'analytics/matomo']);
      expect(detail.method).to.equal('api');
      expect(b.granted('analytics')).to.equal(true);
      expect(b.needsDecision).to.equal(false);
    });

    it('refuses in the other store what one store withdraws', async () => {
      const channel = uniqueName('channel');
      const announceB = new EventTarget();
      const database = newDatabase();
      const a = storeOn(database, { channel });
      const b = storeOn(database, { channel, announce: announceB });
      await Promise.all([a.ready, b.ready]);
      const granted = oneEvent(announceB, 'discret-consent-change');
      await a.acceptAll();
      await granted;
      expect(b.granted('marketing')).to.equal(true);

      const withdrawn = oneEvent(announceB, 'discret-consent-change') as Promise<ConsentChangeEvent>;
      await a.withdraw();
      expect((await withdrawn).detail.method).to.equal('withdraw');
      expect(b.granted('marketing')).to.equal(false);
      expect(b.needsDecision).to.equal(true);
    });

    it('leaves a store on another channel alone', async () => {
      const channel = uniqueName('channel');
      const a = newStore({ channel });
      const b = newStore({ channel: uniqueName('channel') });
      await Promise.all([a.ready, b.ready]);
      const sameChannel = new BroadcastChannel(channel);
      const delivered = oneEvent(sameChannel, 'message');
      await a.acceptAll();
      await delivered;
      sameChannel.close();
      expect(b.granted('analytics')).to.equal(false);
      expect(b.needsDecision).to.equal(true);
    });

    it('stops hearing other tabs once closed', async () => {
      const channel = uniqueName('channel');
      const a = newStore({ channel });
      const b = newStore({ channel });
      await Promise.all([a.ready, b.ready]);
      b.close();
      const sameChannel = new BroadcastChannel(channel);
      const delivered = oneEvent(sameChannel, 'message');
      await a.acceptAll();
      await delivered;
      sameChannel.close();
      expect(b.granted('analytics')).to.equal(false);
    });

    it('still saves decisions once closed, without telling other tabs', async () => {
      const channel = uniqueName('channel');
      const database = newDatabase();
      const store = storeOn(database, { channel });
      await store.ready;
      store.close();
      const record = await store.acceptAll();
      expect(store.granted('analytics')).to.equal(true);
      expect(await get('consent', onDisk(database))).to.deep.equal(record);
    });

    it('lets a withdrawal from another tab win over the record it was still reading', async () => {
      const channel = uniqueName('channel');
      const database = newDatabase();
      await set('consent', storedRecord(), onDisk(database));
      let releaseRead!: () => void;
      const readHeld = new Promise<void>((resolve) => (releaseRead = resolve));
      const disk = new IndexedDBStorage(database);
      const slowDisk: ConsentStorage = {
        kind: 'indexeddb',
        get: async <T>(key: string) => {
          await readHeld;
          return disk.get<T>(key);
        },
        set: (key, value) => disk.set(key, value),
        del: (key) => disk.del(key),
        keys: () => disk.keys(),
        update: (key, next) => disk.update(key, next),
      };
      const store = new ConsentStore({ storage: slowDisk, channel, announce: null });
      store.configure(CONFIG);
      stores.push(store);
      const listener = new BroadcastChannel(channel);
      const delivered = oneEvent(listener, 'message');
      const otherTab = new BroadcastChannel(channel);
      otherTab.postMessage({ id: storedRecord().id, method: 'withdraw', withdrawnAt: new Date().toISOString() });
      await delivered;
      otherTab.close();
      listener.close();
      releaseRead();
      expect(await store.ready).to.equal(null);
      expect(store.granted('analytics')).to.equal(false);
      expect(store.needsDecision).to.equal(true);
    });

    it('ignores, with one warning, a malformed record from another tab', async () => {
      const channel = uniqueName('channel');
      const store = newStore({ channel });
      await store.ready;
      // Channels receive in the order they were made: once `listener` has the message, so has the store.
      const listener = new BroadcastChannel(channel);
      const delivered = oneEvent(listener, 'message');
      const otherTab = new BroadcastChannel(channel);
      otherTab.postMessage({ type: 'record', record: { ...storedRecord(), purposes: { necessary: true, analytics: 'yes' } } });
      await delivered;
      otherTab.close();
      listener.close();
      expect(store.granted('analytics')).to.equal(false);
      expect(warnings.discret).to.have.length(1);
      expect(warnings.discret[0]).to.match(/^\[discret\] a consent record from another tab is malformed/);
    });
  });
});
