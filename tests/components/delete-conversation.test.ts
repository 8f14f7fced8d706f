import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define/discret-chat-notice.js';
import '../../src/define/discret-delete-conversation.js';
import type { DiscretChatNotice } from '../../src/components/chat-notice/chat-notice.js';
import type { DiscretDeleteConversation } from '../../src/components/delete-conversation/delete-conversation.js';
import { DeletionQueue, deletionQueue } from '../../src/core/conversation/deletion.js';
import { exportReceipts, readReceipt, saveReceipt, type DeletionStatus } from '../../src/core/conversation/receipt.js';
import { IndexedDBStorage } from '../../src/core/storage.js';
import { deleteDatabase, freshStorage, uniqueName } from '../core/helpers/test-database.js';
import { watchWarnings } from '../core/helpers/warnings.js';

interface ServerView {
  exists: boolean;
  deleteRequests: number;
}

let backend: string;
const onServer = (id: string) => executeServerCommand<ServerView, { id: string }>('chat-backend-get', { id });
const stopServer = () => executeServerCommand<boolean, void>('chat-backend-stop');
const startServer = () => executeServerCommand<boolean, void>('chat-backend-start');

/** A conversation created by this browser, which holds its session cookie. */
async function createConversation(): Promise<string> {
  const response = await fetch(`${backend}/api/conversations`, { method: 'POST', credentials: 'include' });
  return ((await response.json()) as { id: string }).id;
}

const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const dialogOf = (el: Element) => el.shadowRoot!.querySelector('dialog')!;
const statusText = (el: Element) => (part(el, 'status')!.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

const placed: HTMLElement[] = [];

/**
 * A plain <div> in the page, removed after the test. Not open-wc's `fixture`:
 * for an element that is not a Lit element it waits for an animation frame,
 * and frames never come while the runner keeps this page in the background
 * (it runs two test files at once).
 */
function placeholder(lang?: string): HTMLElement {
  const div = document.createElement('div');
  if (lang) div.lang = lang;
  document.body.append(div);
  placed.push(div);
  return div;
}

afterEach(() => {
  for (const div of placed.splice(0)) div.remove();
});

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Tabs until the element has focus, as a keyboard user would. */
async function tabTo(target: Element | null, label: string): Promise<void> {
  for (let i = 0; i < 15 && deepActiveElement() !== target; i++) await sendKeys({ press: 'Tab' });
  expect(deepActiveElement(), `focus on ${label}`).to.equal(target);
}

describe('<discret-delete-conversation>', () => {
  let storage: IndexedDBStorage;
  let warnings: ReturnType<typeof watchWarnings>;

  before(async () => {
    backend = await executeServerCommand<string, void>('chat-backend-url');
  });

  beforeEach(() => {
    storage = freshStorage();
    warnings = watchWarnings();
  });

  afterEach(async () => {
    warnings.restore();
    deletionQueue(storage).close();
    await startServer();
    await deleteDatabase(storage.database);
  });

  async function deleter(id: string, lang = 'fr', credentials = 'include', stateStorage = storage): Promise<DiscretDeleteConversation> {
    const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
      .stateStorage=${stateStorage}
      lang=${lang}
      conversation-id=${id}
      endpoint=${`${backend}/api/conversations/{id}`}
      credentials=${credentials}
    ></discret-delete-conversation>`);
    await el.ready;
    await el.updateComplete;
    return el;
  }

  async function settled(el: DiscretDeleteConversation, status: DeletionStatus): Promise<void> {
    await waitUntil(() => el.receipt?.status === status, `receipt never became ${status}`, { timeout: 5000 });
    await el.updateComplete;
  }

  describe('confirmation', () => {
    it('shows nothing until it has a conversation id', async () => {
      const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation .stateStorage=${storage}></discret-delete-conversation>`);
      expect(el.shadowRoot!.childElementCount).to.equal(0);
      el.conversationId = 'c-1';
      await el.updateComplete;
      expect(part(el, 'button')!.textContent!.trim()).to.equal('Delete this conversation');
    });

    it('opens a modal dialog by keyboard, with focus on Cancel, saying what goes and what the law keeps', async () => {
      const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
        .stateStorage=${storage}
        lang="fr"
        conversation-id="c-1"
        endpoint="/nowhere"
        retention-note="Les factures restent conservées 10 ans (Code de commerce, art. L123-22)."
      ></discret-delete-conversation>`);
      await tabTo(part(el, 'button'), 'delete button');
      await sendKeys({ press: 'Enter' });
      const dialog = dialogOf(el);
      expect(dialog.open).to.equal(true);
      expect(dialog.matches(':modal')).to.equal(true);
      expect(deepActiveElement()).to.equal(part(el, 'cancel-button'));
      expect(dialog.textContent).to.contain('Les messages gardés sur cet appareil sont effacés tout de suite.');
      expect(part(el, 'retention-note')!.textContent).to.equal('Les factures restent conservées 10 ans (Code de commerce, art. L123-22).');
    });

    it('closes on Escape, returns focus to the button and deletes nothing', async () => {
      const id = await createConversation();
      const el = await deleter(id);
      await tabTo(part(el, 'button'), 'delete button');
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Escape' });
      expect(dialogOf(el).open).to.equal(false);
      expect(deepActiveElement()).to.equal(part(el, 'button'));
      expect(await onServer(id)).to.deep.equal({ exists: true, deleteRequests: 0 });
      expect(await readReceipt(id, storage)).to.equal(null);
    });
  });

  describe('against the demo chat backend', () => {
    it('deletes by keyboard: the conversation is gone on the server and the receipt is confirmed', async () => {
      const id = await createConversation();
      const el = await deleter(id);
      await tabTo(part(el, 'button'), 'delete button');
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(part(el, 'confirm-button'));
      const deleted = oneEvent(el, 'discret-conversation-deleted');
      await sendKeys({ press: 'Enter' });
      expect(dialogOf(el).open).to.equal(false);
      // On the button while the request is under way, on the done line that replaces it once deleted.
      expect(['button', 'status'].includes(deepActiveElement()?.getAttribute('part') ?? ''), 'focus left the control').to.equal(true);
      const { detail } = await deleted;
      expect(detail.conversationId).to.equal(id);
      expect(detail.receipt).to.include({ conversationId: id, status: 'deleted', via: `${backend}/api/conversations/${id}`, attempts: 1, httpStatus: 204 });
      expect(detail.receipt.reference).to.match(/^del_/);
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
      expect(await readReceipt(id, storage)).to.deep.equal(detail.receipt);
      await el.updateComplete;
      expect(statusText(el)).to.match(/^Conversation supprimée par le service le \d+ \S+ \d{4} à \d\d:\d\d\.$/);
      expect(part(el, 'button') !== null, 'the delete button is still there').to.equal(false);
    });

    it('sends one request for two quick confirmations', async () => {
      const id = await createConversation();
      const el = await deleter(id);
      let asked = 0;
      el.addEventListener('discret-conversation-delete-request', () => asked++);
      const [first, second] = await Promise.all([el.delete(), el.delete()]);
      expect(first).to.deep.equal(second);
      expect(asked).to.equal(1);
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
    });

    it('says "deleting" while the request is under way, in a live region', async () => {
      const id = await createConversation();
      const el = await deleter(id, 'en');
      const request = el.delete();
      await el.updateComplete;
      expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
      expect(statusText(el)).to.equal('Deleting…');
      await request;
    });

    it('says that nothing was left to delete for a 404, never “supprimée”', async () => {
      const el = await deleter(crypto.randomUUID());
      const deleted = oneEvent(el, 'discret-conversation-deleted');
      const receipt = await el.delete();
      expect(receipt).to.include({ status: 'nothing-to-delete', httpStatus: 404 });
      expect((await deleted).detail.receipt.status).to.equal('nothing-to-delete');
      await el.updateComplete;
      expect(statusText(el)).to.match(/^Le service n’avait plus rien à supprimer : il ne détient pas \(ou plus\) cette conversation\. Réponse reçue le .+\.$/);
      expect(statusText(el)).not.to.contain('supprimée');
    });

    it('DELETEs an endpoint without {id} exactly as written', async () => {
      const id = await createConversation();
      const endpoint = `${backend}/api/conversations/${id}`;
      const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
        .stateStorage=${storage}
        lang="fr"
        conversation-id=${id}
        endpoint=${endpoint}
        credentials="include"
      ></discret-delete-conversation>`);
      await el.ready;
      expect(await el.delete()).to.include({ status: 'deleted', via: endpoint, httpStatus: 204 });
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
    });

    it('refuses a conversation-id made only of dots, with one warning, and sends nothing', async () => {
      const sent: string[] = [];
      const original = window.fetch;
      window.fetch = (input, init) => {
        sent.push(`${init?.method ?? 'GET'} ${String(input)}`);
        return original(input, init);
      };
      try {
        const endpoint = `${backend}/api/conversations/{id}`;
        const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
          .stateStorage=${storage}
          lang="fr"
          conversation-id=".."
          endpoint=${endpoint}
          credentials="include"
        ></discret-delete-conversation>`);
        await el.ready;
        const receipt = await el.delete();
        expect(sent).to.deep.equal([]);
        expect(receipt).to.include({ status: 'failed', failure: 'no-provider' });
        expect(warnings.discret).to.deep.equal([
          `[discret] <discret-delete-conversation> conversation-id="..": made only of dots, it cannot be one segment of endpoint="${endpoint}"; the endpoint is not called`,
        ]);
      } finally {
        window.fetch = original;
      }
    });

    it('reports 401 as a clear failure, keeps the conversation and offers a retry', async () => {
      const id = await createConversation();
      const el = await deleter(id, 'fr', 'omit');
      const failed = oneEvent(el, 'discret-conversation-delete-failed');
      await el.delete();
      const { detail } = await failed;
      expect(detail.receipt).to.include({ status: 'failed', failure: 'unauthorized', httpStatus: 401 });
      await el.updateComplete;
      expect(statusText(el)).to.equal('La suppression n’a pas abouti : le service n’a pas reconnu votre session. Reconnectez-vous puis réessayez.');
      expect(part(el, 'retry-button')).not.to.equal(null);
      expect(await onServer(id)).to.deep.equal({ exists: true, deleteRequests: 0 });
      expect(await deletionQueue(storage).entries()).to.deep.equal([]);
    });

    it('reports 403 (another visitor’s conversation) as a failure', async () => {
      await createConversation();
      const someoneElses = await executeServerCommand<string, void>('chat-backend-create');
      const el = await deleter(someoneElses);
      const receipt = await el.delete();
      expect(receipt).to.include({ status: 'failed', failure: 'unauthorized', httpStatus: 403 });
      expect((await onServer(someoneElses)).exists).to.equal(true);
    });

    it('queues the request while the server is down, sends it once when it is back and online fires', async () => {
      const id = await createConversation();
      const el = await deleter(id);
      await stopServer();
      expect((await el.delete())!.status).to.equal('queued');
      await el.updateComplete;
      expect(statusText(el)).to.contain('Votre demande est enregistrée et sera envoyée automatiquement');
      // A second click neither opens the dialog nor sends again.
      part(el, 'button')!.click();
      expect(dialogOf(el).open).to.equal(false);
      expect((await el.delete())!.status).to.equal('queued');
      expect((await deletionQueue(storage).entries()).map((entry) => entry.conversationId)).to.deep.equal([id]);

      await startServer();
      const deleted = oneEvent(el, 'discret-conversation-deleted');
      window.dispatchEvent(new Event('online'));
      await deleted;
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
      expect((await readReceipt(id, storage))!.status).to.equal('deleted');
      expect(await deletionQueue(storage).entries()).to.deep.equal([]);
    });

    it('sends a queued request again by itself, with backoff, once the server is back', async () => {
      deletionQueue(storage).retryDelay = 150;
      const id = await createConversation();
      const el = await deleter(id);
      await stopServer();
      expect((await el.delete())!.status).to.equal('queued');
      await startServer();
      await settled(el, 'deleted');
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
    });

    it('queues after a 503 and confirms only once the server really deleted it', async () => {
      deletionQueue(storage).retryDelay = 150;
      const id = await createConversation();
      const el = await deleter(id);
      await executeServerCommand('chat-backend-fail-deletes', { count: 2, status: 503 });
      const first = await el.delete();
      expect(first!.status).to.equal('queued');
      expect((await onServer(id)).exists, 'still on the server after the 503').to.equal(true);
      await el.updateComplete;
      expect(statusText(el)).not.to.contain('supprimée');
      await settled(el, 'deleted');
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 3 });
    });

    it('sends a queued request on the next page load', async () => {
      const id = await createConversation();
      const first = await deleter(id);
      await stopServer();
      expect((await first.delete())!.status).to.equal('queued');
      first.remove();
      // The page goes away: its queue stops, what it stored stays.
      deletionQueue(storage).close();
      await startServer();
      const next = await deleter(id);
      await settled(next, 'deleted');
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
    });

    it('sends a queued request again at once with "try again"', async () => {
      const id = await createConversation();
      const el = await deleter(id, 'en');
      await stopServer();
      await el.delete();
      await el.updateComplete;
      await startServer();
      await tabTo(part(el, 'retry-button'), 'retry button');
      await sendKeys({ press: 'Enter' });
      await settled(el, 'deleted');
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
    });

    it('shows the stored receipt on the next visit, without firing again', async () => {
      const id = await createConversation();
      await (await deleter(id)).delete();
      let fired = false;
      document.addEventListener('discret-conversation-deleted', () => (fired = true), { once: true });
      const again = await deleter(id);
      expect(again.receipt).to.include({ status: 'deleted' });
      expect(statusText(again)).to.contain('Conversation supprimée');
      await again.delete();
      expect(fired).to.equal(false);
      expect((await onServer(id)).deleteRequests).to.equal(1);
    });
  });

  describe('reliability: deletion — in two tabs', () => {
    /** Tab B: the same database, reached through its own connection and its own queue, as another tab does. */
    let tabB: IndexedDBStorage;

    beforeEach(() => {
      tabB = new IndexedDBStorage(storage.database);
    });

    afterEach(() => deletionQueue(tabB).close());

    it('shows in tab B a deletion made in tab A, and fires the event there', async () => {
      const id = await createConversation();
      const a = await deleter(id);
      const b = await deleter(id, 'fr', 'include', tabB);
      const heard: string[] = [];
      b.addEventListener('discret-conversation-deleted', (event) => heard.push(event.detail.receipt.status));
      await a.delete();
      await waitUntil(() => b.receipt?.status === 'deleted', 'tab B never showed the deletion', { timeout: 3000 });
      await b.updateComplete;
      expect(heard).to.deep.equal(['deleted']);
      expect(statusText(b)).to.match(/^Conversation supprimée par le service le /);
      expect(part(b, 'button') === null && part(b, 'done-mark') !== null, 'tab B still offers to delete').to.equal(true);
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
    });

    it('shows in tab B a request that a page script of tab A is still answering, and its answer once given', async () => {
      const a = await deleter('c-js');
      let confirm: (() => void) | undefined;
      a.addEventListener('discret-conversation-delete-request', (event) => event.respondWith(new Promise<void>((resolve) => (confirm = resolve))));
      const request = a.delete();
      await waitUntil(async () => confirm !== undefined && (await readReceipt('c-js', storage))?.status === 'pending', 'tab A never asked');
      const b = await deleter('c-js', 'fr', 'include', tabB);
      expect(b.receipt).to.include({ status: 'pending' });
      const heard = oneEvent(b, 'discret-conversation-deleted');
      confirm!();
      await request;
      expect((await heard).detail.receipt).to.include({ status: 'deleted', via: 'event' });
    });

    it('says a request left pending by a page script of a closed tab was interrupted', async () => {
      const at = new Date().toISOString();
      await saveReceipt({ conversationId: 'c-closed', requestedAt: at, status: 'pending', via: 'event', attempts: 1 }, storage);
      const b = await deleter('c-closed', 'en', 'include', tabB);
      expect(b.receipt).to.include({ status: 'failed', failure: 'interrupted' });
      expect(statusText(b)).to.equal('The deletion did not go through: the page was closed before the service answered.');
    });

    it('in a tab that missed the news, a deletion asked for says what happened and fires the event', async () => {
      const id = await createConversation();
      const b = await deleter(id, 'fr', 'include', tabB);
      // Tab A deletes it without a word to the other tabs (a browser without BroadcastChannel).
      const channel = window.BroadcastChannel;
      (window as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel = undefined;
      const tabA = new DeletionQueue(new IndexedDBStorage(storage.database));
      window.BroadcastChannel = channel;
      const done = await tabA.request(id, () => ({ url: `${backend}/api/conversations/${id}`, credentials: 'include' }));
      tabA.close();
      expect(b.receipt).to.equal(null);
      const heard: string[] = [];
      b.addEventListener('discret-conversation-deleted', (event) => heard.push(event.detail.receipt.status));
      const receipt = await b.delete();
      expect(receipt).to.deep.equal(done);
      expect(heard).to.deep.equal([done.status]);
      await b.updateComplete;
      expect(statusText(b)).to.match(/^Conversation supprimée par le service le /);
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
    });
  });

  describe('reliability: what a newcomer hit — the control once deleted', () => {
    it('reads as done: the delete button gives way to a done line, where focus stays', async () => {
      const id = await createConversation();
      const el = await deleter(id);
      await tabTo(part(el, 'button'), 'delete button');
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await settled(el, 'deleted');
      // Booleans: a failing check on an element would print the whole element.
      expect(el.shadowRoot!.querySelector('[aria-disabled="true"], button:disabled') !== null, 'a dimmed or disabled control is left').to.equal(false);
      expect(part(el, 'button') !== null, 'the delete button is still there').to.equal(false);
      const status = part(el, 'status')!;
      expect(statusText(el)).to.match(/^Conversation supprimée par le service le /);
      expect(part(el, 'done-mark') !== null, 'a done mark').to.equal(true);
      expect(getComputedStyle(status).opacity).to.equal('1');
      expect(deepActiveElement() === status, `focus is on ${deepActiveElement()?.localName}, not on the done line`).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('reads as done on the next visit too, without a delete button', async () => {
      const id = await createConversation();
      await (await deleter(id, 'en')).delete();
      const again = await deleter(id, 'en');
      expect(part(again, 'button') !== null, 'the delete button is still there').to.equal(false);
      expect(part(again, 'done-mark') !== null, 'a done mark').to.equal(true);
      expect(statusText(again)).to.match(/^Conversation deleted by the service on /);
      await expect(again).to.be.accessible();
    });
  });

  describe('erasing local copies', () => {
    it('erases the listed localStorage and sessionStorage keys and IndexedDB databases before asking the provider', async () => {
      const database = uniqueName('flyme-cache');
      await new Promise<void>((resolve) => {
        const request = indexedDB.open(database);
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
      });
      // Other test files share this origin's storage while they run: every key here is this test's own.
      const flyme = uniqueName('flyme');
      localStorage.setItem(`${flyme}:conversation`, 'c-1');
      localStorage.setItem(`${flyme}:draft`, 'Un vol pour Lisbonne');
      localStorage.setItem(`${flyme}-theme`, 'dark');
      sessionStorage.setItem(`${flyme}:session`, 'x');
      const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
        .stateStorage=${storage}
        conversation-id="c-1"
        local-keys=${`${flyme}:*`}
        local-databases=${database}
      ></discret-delete-conversation>`);
      el.addEventListener('discret-conversation-delete-request', (event) => {
        // The provider is asked only once the browser's copies are gone.
        expect(localStorage.getItem(`${flyme}:draft`)).to.equal(null);
        event.respondWith(Promise.resolve());
      });
      const receipt = await el.delete();
      expect(localStorage.getItem(`${flyme}-theme`)).to.equal('dark');
      expect(sessionStorage.getItem(`${flyme}:session`)).to.equal(null);
      expect((await indexedDB.databases()).map((db) => db.name)).not.to.include(database);
      expect(receipt!.local!.keys.sort()).to.deep.equal([`${flyme}:conversation`, `${flyme}:draft`, `${flyme}:session`]);
      expect(receipt!.local!.databases).to.deep.equal([database]);
      localStorage.removeItem(`${flyme}-theme`);
    });

    it('never deletes its own database, with a warning', async () => {
      const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
        .stateStorage=${storage}
        conversation-id="c-1"
        local-databases=${storage.database}
      ></discret-delete-conversation>`);
      el.addEventListener('discret-conversation-delete-request', (event) => event.respondWith(Promise.resolve()));
      const receipt = await el.delete();
      expect(receipt!.local!.databases).to.deep.equal([]);
      expect(await readReceipt('c-1', storage)).to.include({ status: 'deleted' });
      expect(warnings.discret).to.deep.equal([
        `[discret] <discret-delete-conversation> local-databases="${storage.database}": this is where receipts are kept; it is not deleted`,
      ]);
    });
  });

  describe('a provider answering in JavaScript', () => {
    it('takes over with respondWith(): no HTTP request, the reference it gives is kept', async () => {
      const id = await createConversation();
      const el = await deleter(id);
      let asked: string | undefined;
      el.addEventListener('discret-conversation-delete-request', (event) => {
        asked = event.detail.conversationId;
        event.respondWith(Promise.resolve({ reference: 'FLY-42' }));
      });
      const receipt = await el.delete();
      expect(asked).to.equal(id);
      expect(receipt).to.include({ status: 'deleted', via: 'event', reference: 'FLY-42' });
      expect(await onServer(id)).to.deep.equal({ exists: true, deleteRequests: 0 });
    });

    it('hears the request through a shadow root: the event is composed', async () => {
      const host = placeholder();
      const el = document.createElement('discret-delete-conversation');
      el.stateStorage = storage;
      el.conversationId = 'c-2';
      host.attachShadow({ mode: 'open' }).append(el);
      const answer = (event: Event) => (event as unknown as { respondWith(p: Promise<unknown>): void }).respondWith(Promise.resolve('REF-7'));
      document.addEventListener('discret-conversation-delete-request', answer, { once: true });
      expect(await el.delete()).to.include({ status: 'deleted', reference: 'REF-7' });
    });

    it('reports a rejected answer as a failure, and asks again on retry', async () => {
      const el = await deleter('c-3', 'en');
      let calls = 0;
      el.addEventListener('discret-conversation-delete-request', (event) => {
        calls++;
        event.respondWith(calls === 1 ? Promise.reject(new Error('provider down')) : Promise.resolve());
      });
      const failed = oneEvent(el, 'discret-conversation-delete-failed');
      await el.delete();
      expect((await failed).detail.receipt).to.include({ status: 'failed', failure: 'provider' });
      await el.updateComplete;
      expect(statusText(el)).to.equal('The deletion did not go through: the service reported an error.');
      expect(warnings.discret[0]).to.contain('provider down');
      const deleted = oneEvent(el, 'discret-conversation-deleted');
      part(el, 'retry-button')!.click();
      await deleted;
      expect(calls).to.equal(2);
    });

    it('says “nothing left to delete” or “accepted” when the answer says so, never “deleted”', async () => {
      const answers: unknown[] = [{ status: 'nothing-to-delete' }, { status: 'accepted', reference: 'LATER-1' }];
      for (const [i, answer] of answers.entries()) {
        const el = await deleter(`c-js-${i}`);
        el.addEventListener('discret-conversation-delete-request', (event) => event.respondWith(Promise.resolve(answer)));
        const deleted = oneEvent(el, 'discret-conversation-deleted');
        const receipt = await el.delete();
        expect(receipt).to.include({ status: (answer as { status: string }).status, via: 'event' });
        expect((await deleted).detail.receipt).to.deep.equal(receipt);
        await el.updateComplete;
        expect(statusText(el)).not.to.contain('supprimée par');
      }
      expect(warnings.discret).to.deep.equal([]);
    });

    it('fails, with one warning, on an answer whose status means nothing', async () => {
      const el = await deleter('c-js-odd');
      el.addEventListener('discret-conversation-delete-request', (event) => event.respondWith(Promise.resolve({ status: 'confirmed' })));
      expect(await el.delete()).to.include({ status: 'failed', failure: 'provider' });
      expect(warnings.discret).to.deep.equal([
        '[discret] <discret-delete-conversation> the answer to discret-conversation-delete-request says status "confirmed", not deleted, nothing-to-delete, accepted; deletion not confirmed',
      ]);
    });

    it('fails, with a warning, when there is neither an endpoint nor an answer', async () => {
      const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation .stateStorage=${storage} conversation-id="c-4"></discret-delete-conversation>`);
      expect(await el.delete()).to.include({ status: 'failed', failure: 'no-provider' });
      expect(warnings.discret).to.deep.equal(['[discret] <discret-delete-conversation> conversation-id="c-4": no endpoint and no respondWith(); the provider was not asked']);
    });
  });

  describe('bad attributes', () => {
    it('refuses a javascript: endpoint and unknown credentials, with one warning each', async () => {
      const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
        .stateStorage=${storage}
        conversation-id="c-5"
        endpoint="javascript:alert(1)"
        credentials="always"
      ></discret-delete-conversation>`);
      expect(warnings.discret).to.deep.equal([
        '[discret] <discret-delete-conversation> credentials="always": not omit, same-origin or include; same-origin used',
        '[discret] <discret-delete-conversation> endpoint="javascript:alert(1)": only http(s) or relative URLs are allowed; the endpoint is not called',
      ]);
      expect(await el.delete()).to.include({ status: 'failed', failure: 'no-provider' });
    });
  });

  describe('reliability: deletion — receipts', () => {
    it('shows a stored receipt whose dates cannot be read, and says once what was wrong', async () => {
      await storage.set('receipt:c-old', { conversationId: 'c-old', requestedAt: 'hier', status: 'confirmed', confirmedAt: 'bientôt', via: 'event', attempts: 1 });
      const el = await deleter('c-old');
      expect(statusText(el)).to.equal('Conversation supprimée par le service le bientôt.');
      part<HTMLDetailsElement>(el, 'receipt')!.open = true;
      expect(part(el, 'receipt')!.textContent).to.contain('hier');
      expect(warnings.discret).to.deep.equal(['[discret] stored receipt "receipt:c-old": requestedAt "hier" and confirmedAt "bientôt" are not dates; they are shown as stored']);
      await expect(el).to.be.accessible();
    });

    it('shows the receipt and exports it as JSON, by download and by copy', async () => {
      const id = await createConversation();
      const el = await deleter(id, 'en');
      const receipt = (await el.delete())!;
      await el.updateComplete;
      const details = part<HTMLDetailsElement>(el, 'receipt')!;
      expect(details.textContent).to.contain(id);
      expect(details.textContent).to.contain(receipt.reference!);
      expect(JSON.parse(el.exportReceipt())).to.deep.equal(receipt);

      const originalClick = HTMLAnchorElement.prototype.click;
      let downloaded: { name: string; body: string } | undefined;
      const clicked = new Promise<void>((resolve) => {
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          void fetch(this.href)
            .then((response) => response.text())
            .then((body) => {
              downloaded = { name: this.download, body };
              resolve();
            });
        };
      });
      try {
        part(el, 'download-button')!.click();
        await clicked;
      } finally {
        HTMLAnchorElement.prototype.click = originalClick;
      }
      expect(downloaded!.name).to.equal(`deletion-receipt-${id}.json`);
      expect(JSON.parse(downloaded!.body)).to.deep.equal(receipt);

      let copied = '';
      Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: async (text: string) => void (copied = text) });
      try {
        part(el, 'copy-button')!.click();
        await waitUntil(() => copied !== '');
      } finally {
        delete (navigator.clipboard as Partial<Clipboard>).writeText;
      }
      expect(JSON.parse(copied)).to.deep.equal(receipt);
      await el.updateComplete;
      expect(part(el, 'copy-button')!.textContent).to.equal('Receipt copied.');
      expect(JSON.parse(await exportReceipts(storage))).to.deep.equal({ receipts: [receipt] });
    });
  });

  describe('inside another element’s shadow root: the demo chat widget', () => {
    it('shows the notice before the first message, chats after the acknowledgement and deletes by keyboard', async () => {
      await import(new URL('../../demo/chat-widget.js', import.meta.url).href);
      for (const key of Object.keys(localStorage)) if (key.startsWith('demo-chat:')) localStorage.removeItem(key);
      const container = placeholder('fr');
      const widget = document.createElement('demo-chat-widget');
      widget.setAttribute('api', `${backend}/api/conversations`);
      widget.setAttribute('credentials', 'include');
      container.append(widget);
      const root = widget.shadowRoot!;
      const notice = root.querySelector('discret-chat-notice') as DiscretChatNotice;
      const remover = root.querySelector('discret-delete-conversation') as DiscretDeleteConversation;
      // Before their first update: the elements keep their state in this test's database.
      notice.stateStorage = storage;
      remover.stateStorage = storage;
      await notice.ready;
      await notice.updateComplete;
      const input = root.querySelector('input')!;

      expect(part(notice, 'disclosure')!.textContent).to.contain('assistant automatisé (intelligence artificielle)');
      expect(root.querySelectorAll('.message')).to.have.length(0);
      expect(input.disabled).to.equal(true);
      await expect(widget).to.be.accessible();

      await tabTo(part(notice, 'ack-button'), 'acknowledgement button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => deepActiveElement() === input, 'the input never got focus');
      await sendKeys({ type: 'Un vol pour Lisbonne' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root.querySelectorAll('.message').length === 2, 'no answer from the backend');
      const id = remover.conversationId;
      expect(await onServer(id)).to.deep.equal({ exists: true, deleteRequests: 0 });
      expect(localStorage.getItem(`demo-chat:messages:${id}`)).to.contain('Lisbonne');
      await remover.updateComplete;

      await tabTo(part(remover, 'button'), 'delete button');
      await sendKeys({ press: 'Enter' });
      expect(dialogOf(remover).open).to.equal(true);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await settled(remover, 'deleted');
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
      expect(Object.keys(localStorage).filter((key) => key.startsWith('demo-chat:'))).to.deep.equal([]);
      await waitUntil(() => root.querySelectorAll('.message').length === 0, 'the transcript stayed on screen');
      await expect(widget).to.be.accessible();
    });
  });

  describe('deletion that takes time: scheduled, confirmed by e-mail, backups', () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const day = (iso: string, lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(iso));
    const answer202 = (body?: unknown, headers?: Record<string, string>) =>
      executeServerCommand('chat-backend-answer-deletes', { count: 1, answer: { status: 202, body, headers } });
    const receiptRows = (el: Element) =>
      [...part(el, 'receipt')!.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling!.textContent}`.replace(/[\u00a0\u202f]/g, ' '));

    it('says “scheduled, erased by <date>” for a 202 with erasedBy, and keeps it so in the stored receipt (fr)', async () => {
      const erasedBy = inDays(30);
      await answer202({ erasedBy, reference: 'sched_7' });
      const el = await deleter(await createConversation(), 'fr');
      const deleted = oneEvent(el, 'discret-conversation-deleted');
      const receipt = await el.delete();
      expect(receipt).to.include({ status: 'scheduled', erasedBy, reference: 'sched_7', httpStatus: 202 });
      expect((await deleted).detail.receipt).to.include({ status: 'scheduled', erasedBy });
      await el.updateComplete;
      expect(statusText(el)).to.equal(`Suppression programmée : le service s’engage à effacer la conversation au plus tard le ${day(erasedBy, 'fr')}.`);
      expect(statusText(el)).not.to.contain('supprimée par');
      expect(receiptRows(el)).to.include.members(['État: suppression programmée', `Effacement au plus tard le: ${day(erasedBy, 'fr')}`]);
      expect(await readReceipt(el.conversationId, storage)).to.include({ status: 'scheduled', erasedBy });
      expect(JSON.parse(el.exportReceipt())).to.include({ status: 'scheduled', erasedBy });
      // A new page reads it back as it was: scheduled, never deleted.
      const again = await deleter(el.conversationId, 'en');
      expect(statusText(again)).to.equal(`Deletion scheduled: the service will erase the conversation by ${day(erasedBy, 'en')}.`);
      expect(warnings.discret).to.deep.equal([]);
    });

    it('says “confirm from the e-mail we sent” for a 202 asking for an e-mail verification, and keeps it so', async () => {
      await answer202({ verification: 'email' });
      const el = await deleter(await createConversation(), 'fr');
      const receipt = await el.delete();
      expect(receipt).to.include({ status: 'awaiting-verification', verification: 'email' });
      await el.updateComplete;
      expect(statusText(el)).to.equal(
        'Confirmez la suppression depuis l’e-mail que nous vous avons envoyé ; la conversation n’est effacée qu’après votre confirmation.',
      );
      expect(receiptRows(el)).to.include('État: à confirmer depuis l’e-mail envoyé');
      expect(await readReceipt(el.conversationId, storage)).to.include({ status: 'awaiting-verification', verification: 'email' });
      const en = await deleter(el.conversationId, 'en');
      expect(statusText(en)).to.equal('Confirm the deletion from the e-mail we sent you; the conversation is erased only once you have confirmed.');
      expect(warnings.discret).to.deep.equal([]);
    });

    it('lets a page script answer the same way: accepted with erasedBy or a verification', async () => {
      const erasedBy = inDays(10);
      const scheduled = await deleter('c-js-sched', 'en');
      scheduled.addEventListener('discret-conversation-delete-request', (event) => event.respondWith(Promise.resolve({ status: 'accepted', erasedBy })));
      expect(await scheduled.delete()).to.include({ status: 'scheduled', erasedBy, via: 'event' });
      const verified = await deleter('c-js-mail', 'en');
      verified.addEventListener('discret-conversation-delete-request', (event) => event.respondWith(Promise.resolve({ status: 'accepted', verification: 'email' })));
      expect(await verified.delete()).to.include({ status: 'awaiting-verification', verification: 'email' });
      expect(warnings.discret).to.deep.equal([]);
    });

    const bad: [string, unknown, string][] = [
      ['no body', undefined, 'the provider answered 202 without erasedBy or verification'],
      ['a body that is not JSON', 'soon', 'the provider answered 202 without erasedBy or verification'],
      ['an erasedBy that is not a date', { erasedBy: 'within 30 days' }, 'erasedBy "within 30 days" is not an ISO 8601 date'],
      ['an erasedBy already past', { erasedBy: '2020-01-01T00:00:00.000Z' }, 'erasedBy "2020-01-01T00:00:00.000Z" is already past'],
      ['an unknown verification', { verification: 'sms' }, 'verification "sms" is not "email"'],
    ];
    for (const [what, body, message] of bad) {
      it(`says “received, not confirmed”, with one warning, for a 202 with ${what}`, async () => {
        await executeServerCommand('chat-backend-answer-deletes', {
          count: 1,
          answer: { status: 202, ...(typeof body === 'string' ? { rawBody: body } : body !== undefined && { body }) },
        });
        const el = await deleter(await createConversation(), 'fr');
        const receipt = await el.delete();
        expect(receipt).to.include({ status: 'accepted' });
        expect(receipt).not.to.have.property('erasedBy');
        await el.updateComplete;
        expect(statusText(el)).to.match(/^Le service a reçu la demande le .+, sans dire quand il la supprimera : la suppression n’est pas confirmée\.$/);
        expect(receiptRows(el)).to.include('État: reçue, non confirmée');
        expect(warnings.discret).to.have.length(1);
        expect(warnings.discret[0]).to.contain(message);
        expect(warnings.discret[0]).to.contain('received, not confirmed');
      });
    }

    it('keeps the same meaning for a request queued offline and sent later', async () => {
      const el = await deleter(await createConversation(), 'en');
      await stopServer();
      expect(await el.delete()).to.include({ status: 'queued' });
      await startServer();
      const erasedBy = inDays(7);
      await answer202({ erasedBy });
      await el.updateComplete;
      part(el, 'retry-button')!.click();
      await settled(el, 'scheduled');
      expect(el.receipt).to.include({ status: 'scheduled', erasedBy, attempts: 2 });
      expect(statusText(el)).to.equal(`Deletion scheduled: the service will erase the conversation by ${day(erasedBy, 'en')}.`);
      expect(await readReceipt(el.conversationId, storage)).to.include({ status: 'scheduled', erasedBy });
    });

    it('keeps “received, not confirmed”, with one warning, for a queued request whose later answer has a past erasedBy', async () => {
      const el = await deleter(await createConversation(), 'en');
      await stopServer();
      expect(await el.delete()).to.include({ status: 'queued' });
      await startServer();
      await answer202({ erasedBy: '2021-06-01' });
      await el.updateComplete;
      part(el, 'retry-button')!.click();
      await settled(el, 'accepted');
      expect(statusText(el)).to.match(/^The service received the request on .+ without saying when it will delete it: the deletion is not confirmed\.$/);
      expect(warnings.discret).to.have.length(1);
      expect(warnings.discret[0]).to.contain('erasedBy "2021-06-01" is already past');
    });

    it('says how long backups keep the data, in words, in the dialog and once answered', async () => {
      const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
        .stateStorage=${storage}
        lang="fr"
        conversation-id=${await createConversation()}
        endpoint=${`${backend}/api/conversations/{id}`}
        credentials="include"
        backup-retention="P30D"
      ></discret-delete-conversation>`);
      part(el, 'button')!.click();
      const note = dialogOf(el).querySelector('[part="backup-note"]')!;
      expect(note.textContent!.replace(/[\u00a0\u202f]/g, ' ')).to.equal('Les sauvegardes du service peuvent encore contenir la conversation jusqu’à 30 jours après son effacement.');
      await expect(el).to.be.accessible();
      part(el, 'cancel-button')!.click();
      el.lang = 'en';
      el.backupRetention = 'P1M2W';
      await el.updateComplete;
      expect(dialogOf(el).querySelector('[part="backup-note"]')!.textContent).to.equal(
        'The service’s backups may still hold the conversation for up to 1 month and 2 weeks after it is erased.',
      );
      expect(warnings.discret).to.deep.equal([]);
    });

    it('warns once about a backup-retention that is not an ISO 8601 duration, and does not show it', async () => {
      const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
        .stateStorage=${storage}
        conversation-id="c-backup"
        backup-retention="30 jours"
      ></discret-delete-conversation>`);
      el.requestUpdate();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="backup-note"]')).to.equal(null);
      expect(warnings.discret).to.deep.equal([
        '[discret] <discret-delete-conversation> backup-retention="30 jours": not an ISO 8601 duration such as P30D; the backup period is not shown',
      ]);
    });

    it('fires discret-conversation-local-erased once the local copies are gone, before the provider answers', async () => {
      const id = await createConversation();
      localStorage.setItem(`demo-local:${id}`, 'transcript');
      const el = await deleter(id, 'en');
      el.setAttribute('local-keys', `demo-local:${id}`);
      await el.updateComplete;
      await executeServerCommand('chat-backend-hold', { on: true });
      const seen: { keyLeft: string | null; status: DeletionStatus | undefined; composed: boolean; bubbles: boolean }[] = [];
      const erased = new Promise<CustomEvent>((resolve) =>
        // On the document: the event bubbles out of the element and its shadow root.
        document.addEventListener('discret-conversation-local-erased', function heard(event) {
          document.removeEventListener('discret-conversation-local-erased', heard);
          seen.push({ keyLeft: localStorage.getItem(`demo-local:${id}`), status: el.receipt?.status, composed: event.composed, bubbles: event.bubbles });
          resolve(event as CustomEvent);
        }),
      );
      const done = el.delete();
      const event = await erased;
      expect(event.detail).to.deep.equal({ conversationId: id, keys: [`demo-local:${id}`], databases: [] });
      expect(seen).to.deep.equal([{ keyLeft: null, status: 'pending', composed: true, bubbles: true }]);
      await waitUntil(async () => (await executeServerCommand<number, void>('chat-backend-held')) === 1, 'the provider never got the request');
      expect(el.receipt?.status).to.equal('pending');
      await executeServerCommand('chat-backend-hold', { on: false });
      expect(await done).to.include({ status: 'deleted' });
      expect(seen).to.have.length(1);
    });

    it('fires discret-conversation-local-erased also when the provider cannot be reached or refuses', async () => {
      await stopServer();
      const offline = await deleter(crypto.randomUUID(), 'en');
      const erasedOffline = oneEvent(offline, 'discret-conversation-local-erased');
      expect(await offline.delete()).to.include({ status: 'queued' });
      expect((await erasedOffline).detail).to.include({ conversationId: offline.conversationId });
      await startServer();
      const refused = await deleter(await createConversation(), 'en', 'omit');
      const erasedRefused = oneEvent(refused, 'discret-conversation-local-erased');
      expect(await refused.delete()).to.include({ status: 'failed' });
      await erasedRefused;
    });

    for (const lang of ['fr', 'en']) {
      it(`is accessible scheduled and awaiting verification, focus on the status after a keyboard confirmation (${lang})`, async () => {
        await answer202({ erasedBy: inDays(30) });
        const scheduled = await deleter(await createConversation(), lang);
        await tabTo(part(scheduled, 'button'), 'delete button');
        await sendKeys({ press: 'Enter' });
        await tabTo(part(scheduled, 'confirm-button'), 'confirm button');
        await sendKeys({ press: 'Enter' });
        await settled(scheduled, 'scheduled');
        await waitUntil(() => deepActiveElement() === part(scheduled, 'status'), 'focus never went to the status');
        part<HTMLDetailsElement>(scheduled, 'receipt')!.open = true;
        await expect(scheduled).to.be.accessible();
        await answer202({ verification: 'email' });
        const verifying = await deleter(await createConversation(), lang);
        await verifying.delete();
        await verifying.updateComplete;
        part<HTMLDetailsElement>(verifying, 'receipt')!.open = true;
        await expect(verifying).to.be.accessible();
        expect(part(verifying, 'done-mark')).to.equal(null);
        expect(part(verifying, 'waiting-mark')).not.to.equal(null);
      });
    }
  });

  describe('accessibility', () => {
    for (const lang of ['fr', 'en']) {
      it(`is accessible idle and with the dialog open (${lang})`, async () => {
        const el = await deleter('c-a11y', lang);
        await expect(el).to.be.accessible();
        part(el, 'button')!.click();
        expect(dialogOf(el).open).to.equal(true);
        await expect(el).to.be.accessible();
      });

      it(`is accessible while pending and once done (${lang})`, async () => {
        const el = await deleter('c-a11y', lang);
        let confirm!: () => void;
        el.addEventListener('discret-conversation-delete-request', (event) => event.respondWith(new Promise<void>((resolve) => (confirm = resolve))));
        const request = el.delete();
        await settled(el, 'pending');
        await waitUntil(() => confirm !== undefined, 'the provider was never asked');
        await expect(el).to.be.accessible();
        confirm();
        await request;
        await el.updateComplete;
        part<HTMLDetailsElement>(el, 'receipt')!.open = true;
        await expect(el).to.be.accessible();
      });

      it(`is accessible queued and failed (${lang})`, async () => {
        await stopServer();
        const queued = await deleter(crypto.randomUUID(), lang);
        await queued.delete();
        await queued.updateComplete;
        await expect(queued).to.be.accessible();
        await startServer();
        const failed = await deleter(await createConversation(), lang, 'omit');
        await failed.delete();
        await failed.updateComplete;
        await expect(failed).to.be.accessible();
      });
    }

    for (const lang of ['fr', 'en']) {
      it(`is accessible when nothing was left to delete, and when the deletion was accepted for later (${lang})`, async () => {
        const gone = await deleter(crypto.randomUUID(), lang);
        expect(await gone.delete()).to.include({ status: 'nothing-to-delete' });
        await gone.updateComplete;
        part<HTMLDetailsElement>(gone, 'receipt')!.open = true;
        await expect(gone).to.be.accessible();
        await executeServerCommand('chat-backend-answer-deletes', { count: 1, answer: { status: 202, body: { reference: 'sched_1' } } });
        const later = await deleter(await createConversation(), lang);
        expect(await later.delete()).to.include({ status: 'accepted' });
        await later.updateComplete;
        part<HTMLDetailsElement>(later, 'receipt')!.open = true;
        await expect(later).to.be.accessible();
      });
    }

    it('gives every control a target of at least 24×24 px', async () => {
      const el = await deleter(await createConversation(), 'fr');
      const { width, height } = part(el, 'button')!.getBoundingClientRect();
      expect(width, 'delete button').to.be.at.least(24);
      expect(height, 'delete button').to.be.at.least(24);
      await el.delete();
      await el.updateComplete;
      part<HTMLDetailsElement>(el, 'receipt')!.open = true;
      const controls = [...el.shadowRoot!.querySelectorAll('button:not(dialog button), summary')];
      expect(controls.length).to.be.at.least(3);
      dialogOf(el).showModal();
      controls.push(...dialogOf(el).querySelectorAll('button'));
      for (const control of controls) {
        const { width, height } = control.getBoundingClientRect();
        expect(width, control.outerHTML).to.be.at.least(24);
        expect(height, control.outerHTML).to.be.at.least(24);
      }
    });
  });
});
