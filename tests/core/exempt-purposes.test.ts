import { expect } from '@open-wc/testing';
import type { ConsentConfig } from '../../src/core/config.js';
import { ConsentStore } from '../../src/core/consent-store.js';
import { isRecord, parseRecord } from '../../src/core/record.js';
import { IndexedDBStorage } from '../../src/core/storage.js';
import { deleteDatabase, uniqueName } from './helpers/test-database.js';

/** A site measuring its audience under the CNIL's exemption, next to a purpose that needs consent. */
const CONFIG: ConsentConfig = {
  revision: '2026-12',
  purposes: [
    { name: 'audience', label: 'Mesure d’audience', exempt: true, objectable: true, services: [{ name: 'matomo' }] },
    { name: 'marketing', label: 'Publicité' },
  ],
};

describe('a purpose exempt from consent', () => {
  const made: { store: ConsentStore; database: string }[] = [];
  const newStore = (config: ConsentConfig = CONFIG, database = uniqueName()): ConsentStore => {
    const store = new ConsentStore({ storage: new IndexedDBStorage(database), channel: null, announce: new EventTarget() });
    made.push({ store, database });
    store.configure(config);
    return store;
  };
  afterEach(async () => {
    for (const { store } of made) store.close();
    for (const { database } of made.splice(0)) await deleteDatabase(database).catch(() => {});
  });

  it('is granted on a first visit, before any decision, but not before the store is ready', async () => {
    const store = newStore();
    expect(store.granted('audience')).to.be.false;
    await store.ready;
    expect(store.granted('audience')).to.be.true;
    expect(store.granted('audience/matomo')).to.be.true;
    expect(store.granted('marketing')).to.be.false;
  });

  it('is nothing to ask about: a site with only exempt purposes needs no decision', async () => {
    const store = newStore({ revision: '1', purposes: [{ name: 'audience', exempt: true, objectable: true }] });
    await store.ready;
    expect(store.needsDecision).to.be.false;
    const both = newStore();
    await both.ready;
    expect(both.needsDecision).to.be.true;
    await both.decide({ marketing: false });
    expect(both.needsDecision).to.be.false;
  });

  it('stays granted after "Reject all": refusing consent is no objection', async () => {
    const store = newStore();
    const record = await store.rejectAll();
    expect(record.purposes).to.deep.equal({ necessary: true, audience: true, marketing: false });
    expect(record.exempt).to.deep.equal(['audience']);
    expect(store.granted('audience')).to.be.true;
    expect(store.granted('audience/matomo')).to.be.true;
  });

  it('is refused once the visitor objects, and the objection survives "Accept all" and "Reject all"', async () => {
    const store = newStore();
    await store.decide({ audience: false, marketing: false }, {}, 'custom');
    expect(store.granted('audience')).to.be.false;
    expect(store.granted('audience/matomo')).to.be.false;
    expect((await store.rejectAll()).purposes.audience).to.be.false;
    const accepted = await store.acceptAll();
    expect([accepted.purposes.audience, accepted.purposes.marketing, accepted.method]).to.deep.equal([false, true, 'accept-all']);
    expect(store.granted('audience')).to.be.false;
    await store.decide({ audience: true, marketing: true }, {}, 'custom');
    expect(store.granted('audience')).to.be.true;
  });

  it('keeps the objection in the stored record, read again on the next page', async () => {
    const database = uniqueName();
    const first = newStore(CONFIG, database);
    await first.decide({ audience: false, marketing: true }, {}, 'custom');
    first.close();
    const next = newStore(CONFIG, database);
    const record = await next.ready;
    expect(record?.purposes.audience).to.be.false;
    expect(record?.exempt).to.deep.equal(['audience']);
    expect(next.granted('audience')).to.be.false;
    expect(next.granted('marketing')).to.be.true;
  });

  it('keeps the objection when the policy\'s revision changes, before the visitor decides again, and after', async () => {
    const database = uniqueName();
    const first = newStore(CONFIG, database);
    await first.decide({ audience: false, marketing: true }, {}, 'custom');
    first.close();
    const next = newStore({ ...CONFIG, revision: '2027-01' }, database);
    await next.ready;
    expect(next.needsDecision).to.be.true;
    expect(next.granted('marketing')).to.be.false;
    expect(next.granted('audience')).to.be.false;
    const record = await next.acceptAll();
    expect(record.purposes.audience).to.be.false;
    expect(next.granted('audience')).to.be.false;
  });

  it('reads `exempt` and `objectable` from markup', async () => {
    const element = document.createElement('div');
    element.innerHTML = '<discret-consent revision="1"><discret-purpose name="audience" exempt objectable></discret-purpose><discret-purpose name="ads"></discret-purpose></discret-consent>';
    const { readConsentElement } = await import('../../src/core/markup.js');
    const { config } = readConsentElement(element.firstElementChild!);
    expect(config!.purposes!.map(({ name, exempt, objectable }) => [name, exempt, objectable])).to.deep.equal([
      ['audience', true, true],
      ['ads', false, false],
    ]);
  });

  it('is only objectable when exempt', async () => {
    const store = newStore({ revision: '1', purposes: [{ name: 'ads', objectable: true }] });
    await store.ready;
    expect(store.purposes[0].objectable).to.be.false;
    expect(store.granted('ads')).to.be.false;
  });
});

describe('parseRecord and exempt purposes', () => {
  const record = {
    schema: 1,
    id: 'a',
    revision: '1',
    purposes: { necessary: true, audience: false },
    services: {},
    method: 'custom',
    locale: 'fr',
    decidedAt: '2026-12-01T00:00:00.000Z',
    expiresAt: '2027-05-01T00:00:00.000Z',
    configHash: 'x',
  };

  it('accepts a record that lists its exempt purposes, and one that lists none', () => {
    const parsed = parseRecord({ ...record, exempt: ['audience'] });
    expect(isRecord(parsed) && parsed.exempt).to.deep.equal(['audience']);
    const without = parseRecord(record);
    expect(isRecord(without) && 'exempt' in without).to.be.false;
  });

  it('refuses a record whose exempt list is not a list of names', () => {
    expect(parseRecord({ ...record, exempt: 'audience' })).to.equal('exempt is missing or wrong');
    expect(parseRecord({ ...record, exempt: [1] })).to.equal('exempt is missing or wrong');
  });

  it('accepts the `contextual` method of an embed\'s "Always allow"', () => {
    expect(isRecord(parseRecord({ ...record, method: 'contextual' }))).to.be.true;
  });
});
