import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/discret-privacy-center.js';
import type { DiscretPrivacyCenter } from '../../src/components/privacy-center/privacy-center.js';
import type { ConsentStore } from '../../src/core/consent-store.js';
import { saveAcknowledgement, saveTrainingChoice } from '../../src/core/conversation/notice.js';
import { receiptChannel, saveReceipt, type DeletionReceipt } from '../../src/core/conversation/receipt.js';
import { ConsentStore as Store } from '../../src/core/consent-store.js';
import { IndexedDBStorage, type ConsentStorage } from '../../src/core/storage.js';
import { deleteDatabase, freshStorage, uniqueName } from '../core/helpers/test-database.js';
import { captureWarnings, cleanUp, focusedPart, has, makeSlowStore, makeStore, part, parts, settled, size } from './consent-fixtures.js';

/** The site of these tests: two purposes with labels, one with a service. */
const PURPOSES = [
  { name: 'analytics', label: 'Audience', services: [{ name: 'matomo', label: 'Matomo' }] },
  { name: 'marketing', label: 'Advertising' },
];
const configure = (store: ConsentStore, revision = '1') => store.configure({ revision, purposes: PURPOSES, policyHref: '/privacy' });

const chatStorages: IndexedDBStorage[] = [];
function chat(): IndexedDBStorage {
  const storage = freshStorage();
  chatStorages.push(storage);
  return storage;
}

/** A store, configured, whose database holds `decisions` made one after the other. */
async function storeWith(...decisions: [Record<string, boolean>, Record<string, boolean>?][]): Promise<ConsentStore> {
  const store = makeStore();
  configure(store);
  for (const [purposes, services] of decisions) await store.decide(purposes, services ?? {}, 'custom');
  return store;
}

async function center(store: ConsentStore, storage: ConsentStorage = chat()): Promise<DiscretPrivacyCenter> {
  const element = fixtureSync<DiscretPrivacyCenter>(html`<discret-privacy-center .store=${store} .stateStorage=${storage} lang="en"></discret-privacy-center>`);
  await settled(element, store);
  await element.ready;
  return element;
}

const text = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').replace(/[\u00a0\u202f]/g, ' ').trim();
const shadowText = (element: Element) => text(element.shadowRoot!.querySelector('section'));

/** Waits until what the element shows includes `expected`. */
const shows = (element: Element, expected: string) => waitUntil(() => shadowText(element).includes(expected), `never showed "${expected}"`);

const receipt = (conversationId: string, status: DeletionReceipt['status']): DeletionReceipt => ({
  conversationId,
  requestedAt: '2026-11-20T10:00:00.000Z',
  status,
  via: '/api/conversations/{id}',
  attempts: 1,
  ...(['deleted', 'accepted', 'nothing-to-delete'].includes(status) && { confirmedAt: '2026-11-20T10:00:01.000Z' }),
});

describe('<discret-privacy-center>', () => {
  afterEach(async () => {
    await cleanUp();
    for (const storage of chatStorages.splice(0)) await deleteDatabase(storage.database).catch(() => {});
  });

  it('says in English and in French that nothing was decided yet, and is accessible', async () => {
    const store = makeStore();
    configure(store);
    const element = await center(store);
    expect(text(part(element, 'state'))).to.equal('You have not decided anything on this site yet: nothing non-essential is switched on.');
    expect(has(element, 'withdraw-button')).to.be.false;
    await expect(element).to.be.accessible();
    element.setAttribute('lang', 'fr');
    await element.updateComplete;
    expect(text(part(element, 'state'))).to.equal('Vous n’avez encore rien décidé sur ce site : rien de non essentiel n’est activé.');
    expect(text(part(element, 'change-button'))).to.equal('Modifier mes choix');
  });

  it('says it is reading until the stored record is known, and is accessible meanwhile', async () => {
    const { store, release } = makeSlowStore();
    configure(store);
    const element = await fixture<DiscretPrivacyCenter>(html`<discret-privacy-center .store=${store} .stateStorage=${chat()} lang="en"></discret-privacy-center>`);
    expect(shadowText(element)).to.include('Reading your data…');
    expect(has(element, 'state')).to.be.false;
    await expect(element).to.be.accessible();
    release();
    await shows(element, 'You have not decided anything on this site yet');
    expect(shadowText(element)).to.not.include('Reading your data…');
  });

  it('shows the consent reference, when and how the visitor decided, the expiry and the revision', async () => {
    const store = await storeWith([{ analytics: true }, { 'analytics/matomo': false }]);
    const element = await center(store);
    const record = store.record!;
    expect(text(part(element, 'reference'))).to.equal(record.id);
    const rows = [...part(element, 'record')!.querySelectorAll('div')].map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]);
    const long = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
    expect(rows.slice(1)).to.deep.equal([
      ['Decided on', long(record.decidedAt)],
      ['How', 'purpose by purpose'],
      ['Valid until', long(record.expiresAt)],
      ['Policy version', '1'],
    ]);
    expect(has(element, 'state'), 'a record in force needs no warning').to.be.false;
    await expect(element).to.be.accessible();
  });

  it('lists each purpose and service with the configured label, granted or refused', async () => {
    const store = await storeWith([{ analytics: true }, { 'analytics/matomo': false }]);
    const element = await center(store);
    const choices = parts(element, 'choice').map((choice) => text(choice.firstElementChild) + ' ' + text(choice.querySelector('[part="granted"],[part="refused"]')));
    expect(choices).to.deep.equal(['Strictly necessary granted', 'Audience granted', 'Matomo refused', 'Advertising refused']);
  });

  it('says that a decision made for another revision is not in force', async () => {
    const database = uniqueName();
    const old = makeStore({}, database);
    configure(old, '2025');
    await old.acceptAll();
    old.close();
    const store = makeStore({}, database);
    configure(store, '2026');
    const element = await center(store);
    expect(text(part(element, 'state'))).to.equal(
      'This choice was made for another version of the policy (2025): nothing non-essential is switched on, and the site will ask you again.',
    );
    expect(text(part(element, 'reference'))).to.equal(old.record!.id);
    await expect(element).to.be.accessible();
  });

  it('says that an expired decision is not in force', async () => {
    const database = uniqueName();
    const old = makeStore({}, database);
    configure(old);
    await old.acceptAll();
    old.close();
    const later = new Date(Date.now() + 200 * 24 * 3600 * 1000);
    const store = makeStore({ now: () => later }, database);
    configure(store);
    const element = await center(store);
    expect(text(part(element, 'state'))).to.equal('This choice has expired: nothing non-essential is switched on, and the site will ask you again.');
    expect(store.granted('analytics')).to.be.false;
    await expect(element).to.be.accessible();
  });

  it('shows the history as a readable list, newest first', async () => {
    const store = await storeWith([{ analytics: true, marketing: true }], [{ analytics: false, marketing: false }]);
    const element = await center(store);
    const entries = parts(element, 'history-entry').map(text);
    expect(entries).to.have.length(2);
    expect(entries[0]).to.match(/: purpose by purpose Refused: Audience, Matomo, and Advertising\.$/);
    expect(entries[1]).to.match(/: purpose by purpose Granted: Audience, Matomo, and Advertising\.$/);
  });

  it('shows chat acknowledgements, training choices and deletion receipts with their states', async () => {
    const store = makeStore();
    configure(store);
    const storage = chat();
    await saveAcknowledgement('flyme', 'abc', storage, new Date('2026-11-20T09:00:00Z'));
    await saveTrainingChoice('flyme', false, 'opt-out', storage, new Date('2026-11-20T09:05:00Z'));
    await saveReceipt(receipt('c1', 'deleted'), storage);
    await saveReceipt(receipt('c2', 'queued'), storage);
    await saveReceipt(receipt('c3', 'nothing-to-delete'), storage);
    const element = await center(store, storage);
    element.noticeLabels = 'flyme=Fly Me assistant';
    await element.updateComplete;
    expect(text(part(element, 'acknowledgements'))).to.match(/^Fly Me assistant: notice read and acknowledged on November 20, 2026/);
    expect(text(part(element, 'training-choices'))).to.match(/^Fly Me assistant: refused on November 20, 2026/);
    expect([...part(element, 'receipts')!.querySelectorAll('li')].map((li) => text(li).replace(/ on .*(AM|PM):/, ' on …:'))).to.deep.equal([
      'Conversation c1, requested on …: deleted by the service.',
      'Conversation c2, requested on …: waiting to be sent.',
      'Conversation c3, requested on …: the service had nothing to delete.',
    ]);
    await expect(element).to.be.accessible();
  });

  it('shows a scheduled deletion with its date and one awaiting an e-mail confirmation as such, never as deleted', async () => {
    const store = makeStore();
    configure(store);
    const storage = chat();
    const answered = { confirmedAt: '2026-11-20T10:00:01.000Z' };
    await saveReceipt({ ...receipt('c4', 'scheduled'), ...answered, erasedBy: '2026-12-20T10:00:00.000Z' } as DeletionReceipt, storage);
    await saveReceipt({ ...receipt('c5', 'awaiting-verification'), ...answered, verification: 'email' } as DeletionReceipt, storage);
    await saveReceipt({ ...receipt('c6', 'accepted'), ...answered }, storage);
    const element = await center(store, storage);
    await element.updateComplete;
    const items = [...part(element, 'receipts')!.querySelectorAll('li')].map((li) => text(li).replace(/ on .*(AM|PM):/, ' on …:'));
    expect(items).to.deep.equal([
      'Conversation c4, requested on …: deletion scheduled by the service, to be erased by December 20, 2026.',
      'Conversation c5, requested on …: to be confirmed from the e-mail the service sent.',
      'Conversation c6, requested on …: received by the service, not confirmed.',
    ]);
    for (const item of items) expect(item).not.to.match(/deleted by/);
    await expect(element).to.be.accessible();
  });

  it('links the policy of the configuration, the rights page and address, and the CNIL’s complaint page by default', async () => {
    const store = makeStore();
    configure(store);
    const element = fixtureSync<DiscretPrivacyCenter>(
      html`<discret-privacy-center .store=${store} .stateStorage=${chat()} lang="en" rights-href="/rights" rights-email="dpo@example.com"></discret-privacy-center>`,
    );
    await settled(element, store);
    const links = parts<HTMLAnchorElement>(element, 'link').map((link) => [text(link), link.getAttribute('href')]);
    expect(links).to.deep.equal([
      ['Privacy policy', '/privacy'],
      ['Exercise your rights', '/rights'],
      ['dpo@example.com', 'mailto:dpo@example.com'],
      ['Complain to the supervisory authority (CNIL) (new tab)', 'https://www.cnil.fr/fr/plaintes'],
    ]);
  });

  it('leaves out a link that is not http(s), with one warning', async () => {
    const warnings = captureWarnings();
    try {
      const store = makeStore();
      configure(store);
      const element = fixtureSync<DiscretPrivacyCenter>(
        html`<discret-privacy-center .store=${store} .stateStorage=${chat()} lang="en" rights-href="javascript:alert(1)" authority="none"></discret-privacy-center>`,
      );
      await settled(element, store);
      element.requestUpdate();
      await element.updateComplete;
      expect(parts(element, 'link').map(text)).to.deep.equal(['Privacy policy']);
      expect(warnings.messages.filter((m) => m.includes('rights-href'))).to.deep.equal([
        '[discret] <discret-privacy-center> rights-href="javascript:alert(1)": only http(s) or relative URLs are allowed; link left out',
      ]);
    } finally {
      warnings.restore();
    }
  });

  it('takes a site’s own rights form in its rights slot and its own introduction', async () => {
    const store = makeStore();
    configure(store);
    const element = await fixture<DiscretPrivacyCenter>(html`<discret-privacy-center .store=${store} .stateStorage=${chat()} lang="en">
      <p slot="intro">What Example keeps.</p>
      <form slot="rights" aria-label="Ask us"><button type="submit">Send my request</button></form>
    </discret-privacy-center>`);
    await settled(element, store);
    const slot = (name: string) => element.shadowRoot!.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!;
    expect(slot('rights').assignedElements()[0].localName).to.equal('form');
    expect(text(slot('intro').assignedElements()[0])).to.equal('What Example keeps.');
    await expect(element).to.be.accessible();
  });

  it('opens the preferences with “Change my choices”, from the keyboard', async () => {
    const store = await storeWith([{ analytics: true }]);
    const element = await center(store);
    part(element, 'change-button')!.focus();
    const requested = oneEvent(store, 'preferences-request');
    await sendKeys({ press: 'Enter' });
    await requested;
  });

  it('withdraws everything in one click: nothing is granted, the visitor is asked again, the status says so and takes the focus', async () => {
    const store = await storeWith([{ analytics: true, marketing: true }]);
    const element = await center(store);
    expect(store.granted('analytics')).to.be.true;
    part(element, 'withdraw-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(part(element, 'status')) !== '');
    expect(store.record).to.equal(null);
    expect(store.needsDecision).to.be.true;
    expect(store.granted('analytics')).to.be.false;
    expect(text(part(element, 'status'))).to.equal('Your consent is withdrawn: nothing non-essential is switched on any more.');
    expect(focusedPart()).to.equal('status');
    expect(has(element, 'withdraw-button')).to.be.false;
    expect(text(part(element, 'state'))).to.match(/^You withdrew your consent on /);
    expect(text(parts(element, 'history-entry')[0])).to.match(/: consent withdrawn$/);
    await expect(element).to.be.accessible();
  });

  it('shows the banner again after a withdrawal', async () => {
    const store = await storeWith([{ analytics: true, marketing: true }]);
    const root = fixtureSync<HTMLDivElement>(html`<div>
      <discret-consent .store=${store} revision="1" lang="en">
        <discret-purpose name="analytics" label="Audience"><discret-service name="matomo" label="Matomo"></discret-service></discret-purpose>
        <discret-purpose name="marketing" label="Advertising"></discret-purpose>
      </discret-consent>
      <discret-privacy-center .store=${store} .stateStorage=${chat()} lang="en"></discret-privacy-center>
    </div>`);
    const consent = root.querySelector('discret-consent')!;
    const element = root.querySelector('discret-privacy-center')!;
    await settled(consent, store);
    await element.ready;
    expect(has(consent, 'banner')).to.be.false;
    const shown = oneEvent(consent, 'discret-banner-show');
    part(element, 'withdraw-button')!.click();
    await shown;
    expect(has(consent, 'banner')).to.be.true;
  });

  it('gives everything as one JSON file named with the date', async () => {
    const store = await storeWith([{ analytics: true }]);
    const storage = chat();
    await saveAcknowledgement('chat', 'h1', storage);
    await saveTrainingChoice('chat', true, 'opt-in', storage);
    await saveReceipt(receipt('c1', 'deleted'), storage);
    const element = await center(store, storage);
    // The file the browser is handed: the link discret clicks, caught before the browser saves it.
    const clicked: HTMLAnchorElement[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      part(element, 'download-button')!.click();
      await waitUntil(() => clicked.length === 1);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    const today = new Date();
    const day = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
    expect(clicked[0].download).to.equal(`my-data-${day}.json`);
    const data = await (await fetch(clicked[0].href)).json();
    expect(data.record).to.deep.equal(JSON.parse(JSON.stringify(store.record)));
    expect(data.inForce).to.be.true;
    expect(data.history.map((entry: { method: string }) => entry.method)).to.deep.equal(['custom']);
    expect(data.acknowledgements.map((ack: { noticeId: string; hash: string }) => [ack.noticeId, ack.hash])).to.deep.equal([['chat', 'h1']]);
    expect(data.trainingChoices.map((choice: { allowed: boolean }) => choice.allowed)).to.deep.equal([true]);
    expect(data.receipts.map((r: DeletionReceipt) => [r.conversationId, r.status])).to.deep.equal([['c1', 'deleted']]);
    await waitUntil(() => text(part(element, 'status')).startsWith('Your data was downloaded as my-data-'));
  });

  it('asks before erasing, in a dialog that starts on Cancel, cycles Tab and gives the focus back', async () => {
    const store = await storeWith([{ analytics: true }]);
    const element = await center(store);
    part(element, 'erase-button')!.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = part<HTMLDialogElement>(element, 'dialog')!;
    expect(dialog.open).to.be.true;
    expect(focusedPart()).to.equal('cancel-button');
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(focusedPart()).to.equal('confirm-button');
    await sendKeys({ press: 'Tab' });
    expect(focusedPart()).to.equal('cancel-button');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open);
    await waitUntil(() => focusedPart() === 'button erase-button');
    expect(store.granted('analytics'), 'nothing erased on Escape').to.be.true;
  });

  it('erases what discret and the page keep in this browser, keeping a deletion still on its way and a refusal of training', async () => {
    const database = uniqueName();
    const first = makeStore({}, database);
    configure(first);
    await first.acceptAll();
    const store = first;
    const storage = chat();
    await saveAcknowledgement('chat', 'h1', storage);
    await saveTrainingChoice('chat', false, 'opt-out', storage);
    await saveTrainingChoice('other', true, 'opt-in', storage);
    await saveReceipt(receipt('done', 'deleted'), storage);
    await saveReceipt(receipt('waiting', 'queued'), storage);
    localStorage.setItem('site:transcript', 'hello');
    localStorage.setItem('unrelated', 'stays');
    const element = await center(store, storage);
    element.localKeys = 'site:*';
    const erasedEvent = oneEvent(element, 'discret-privacy-erased');
    part(element, 'erase-button')!.click();
    part(element, 'confirm-button')!.click();
    const { detail } = await erasedEvent;
    try {
      expect(detail.keys).to.deep.equal(['site:transcript']);
      expect(localStorage.getItem('site:transcript')).to.equal(null);
      expect(localStorage.getItem('unrelated')).to.equal('stays');
      expect((await storage.keys()).sort()).to.deep.equal(['receipt:waiting', 'training:chat']);
      expect(detail.kept.sort()).to.deep.equal(['receipt:waiting', 'training:chat']);
      expect(await store.storage.keys()).to.deep.equal([]);
      // Nor the synchronous copy of the decision, withdrawal included.
      expect(localStorage.getItem(`discret:${database}`)).to.equal(null);
    } finally {
      localStorage.removeItem('unrelated');
    }
    expect(store.record).to.equal(null);
    expect(store.needsDecision).to.be.true;
    expect(store.granted('analytics')).to.be.false;
    await waitUntil(() => text(part(element, 'status')) !== '');
    expect(text(part(element, 'status'))).to.equal('Your data was erased from this browser. The site will ask for your choices again.');
    expect(focusedPart()).to.equal('status');
    expect(text(part(element, 'state'))).to.equal('You have not decided anything on this site yet: nothing non-essential is switched on.');
    expect(parts(element, 'history-entry')).to.have.length(0);
    await expect(element).to.be.accessible();
    // A page opened afterwards finds nothing to honour.
    const next = makeStore({}, database);
    configure(next);
    await next.ready;
    expect(next.record).to.equal(null);
    expect(await next.history()).to.deep.equal([]);
  });

  it('tells another tab to stop honouring the erased decision', async () => {
    const database = uniqueName();
    const channel = uniqueName('channel');
    const here = makeStore({ channel }, database);
    const there = makeStore({ channel }, database);
    configure(here);
    configure(there);
    await here.acceptAll();
    await waitUntil(() => there.granted('analytics'), 'the other tab heard of the decision');
    const element = await center(here);
    await element.erase();
    await waitUntil(() => !there.granted('analytics'), 'the other tab still honours the erased decision');
    expect(there.needsDecision).to.be.true;
  });

  it('shows a decision made elsewhere on the page as it happens', async () => {
    const store = makeStore();
    configure(store);
    const element = await center(store);
    await store.acceptAll();
    await shows(element, store.record!.id);
    expect(text(parts(element, 'history-entry')[0])).to.match(/: with “Accept all” Granted: /);
  });

  it('shows a decision made in another tab as it happens', async () => {
    const database = uniqueName();
    const channel = uniqueName('channel');
    const here = makeStore({ channel }, database);
    const there = makeStore({ channel }, database);
    configure(here);
    configure(there);
    const element = await center(here);
    await there.rejectAll();
    await shows(element, there.record!.id);
    expect(text(parts(element, 'history-entry')[0])).to.match(/: with “Reject all” Refused: /);
  });

  it('reads the chat data again when a notice is acknowledged on the page', async () => {
    const store = makeStore();
    configure(store);
    const storage = chat();
    const element = await center(store, storage);
    expect(has(element, 'acknowledgements')).to.be.false;
    await saveAcknowledgement('chat', 'h1', storage);
    document.body.dispatchEvent(new CustomEvent('discret-notice-acknowledged', { bubbles: true, composed: true }));
    await waitUntil(() => has(element, 'acknowledgements'));
  });

  it('shows a deletion answered in another tab', async () => {
    const store = makeStore();
    configure(store);
    const storage = chat();
    const element = await center(store, storage);
    // Another tab's deletion queue: it stores the receipt, then tells the other pages on the receipts' channel.
    await saveReceipt(receipt('elsewhere', 'deleted'), storage);
    const otherTab = new BroadcastChannel(receiptChannel(storage.database));
    otherTab.postMessage(receipt('elsewhere', 'deleted'));
    otherTab.close();
    await waitUntil(() => text(part(element, 'receipts')).includes('Conversation elsewhere'), 'the receipt from the other tab never showed');
  });

  it('says once that the site’s own database is emptied, not deleted', async () => {
    const warnings = captureWarnings();
    try {
      const store = await storeWith([{ analytics: true }]);
      const storage = chat();
      const element = await center(store, storage);
      element.localDatabases = storage.database;
      const erased = await element.erase();
      expect(erased.databases).to.deep.equal([]);
      expect(warnings.messages.filter((m) => m.includes('local-databases'))).to.deep.equal([
        `[discret] <discret-privacy-center> local-databases="${storage.database}": discret's own database is emptied entry by entry, keeping what must stay; it is not deleted`,
      ]);
    } finally {
      warnings.restore();
    }
  });

  it('has targets of at least 24 by 24 px', async () => {
    const store = await storeWith([{ analytics: true }]);
    const element = await center(store);
    for (const button of parts(element, 'button')) {
      const [width, height] = size(button);
      expect(width, button.getAttribute('part')!).to.be.at.least(24);
      expect(height, button.getAttribute('part')!).to.be.at.least(24);
    }
  });

  it('finishes an erase that a reload on withdrawal interrupted', async () => {
    const database = uniqueName();
    const before = makeStore({}, database);
    configure(before);
    await before.acceptAll();
    await before.withdraw();
    before.close();
    // What the page held when the reload came: the withdrawal and its history, and the erase still to finish.
    sessionStorage.setItem('discret:erase-pending', '1');
    const store = new Store({ storage: new IndexedDBStorage(database), channel: null, announce: new EventTarget() });
    try {
      configure(store);
      const element = await center(store);
      await waitUntil(() => sessionStorage.getItem('discret:erase-pending') === null, 'the erase never finished');
      expect(await store.storage.keys()).to.deep.equal([]);
      await waitUntil(() => parts(element, 'history-entry').length === 0, 'the history erased is still shown');
    } finally {
      store.close();
      sessionStorage.removeItem('discret:erase-pending');
      await deleteDatabase(database).catch(() => {});
    }
  });
});
