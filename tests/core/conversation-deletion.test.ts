import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { DeletionQueue, deletionQueue, drainDeletionQueue, endpointFor, sendDeletion, type DeletionChannel } from '../../src/core/conversation/deletion.js';
import { exportReceipts, listReceipts, parseReceipt, readReceipt, saveReceipt, type DeletionReceipt } from '../../src/core/conversation/receipt.js';
import { IndexedDBStorage } from '../../src/core/storage.js';
import { deleteDatabase, freshStorage } from './helpers/test-database.js';
import { watchWarnings } from './helpers/warnings.js';

let backend: string;
const onServer = (id: string) => executeServerCommand<{ exists: boolean; deleteRequests: number }, { id: string }>('chat-backend-get', { id });

async function createConversation(): Promise<string> {
  const response = await fetch(`${backend}/api/conversations`, { method: 'POST', credentials: 'include' });
  return ((await response.json()) as { id: string }).id;
}

describe('deletion requests', () => {
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
    await executeServerCommand('chat-backend-start');
    await deleteDatabase(storage.database);
  });

  const http = (id: string, credentials: RequestCredentials = 'include'): (() => DeletionChannel) => () => ({
    url: `${backend}/api/conversations/${id}`,
    credentials,
  });

  describe('reliability: deletion — endpointFor', () => {
    it('puts the id in place of {id}, encoded', () => {
      expect(endpointFor('https://chat.example/api/conversations/{id}', 'a b/c')).to.equal('https://chat.example/api/conversations/a%20b%2Fc');
    });

    it('uses an endpoint without {id} exactly as written: the provider knows the conversation by other means', () => {
      expect(endpointFor('https://chat.example/api/conversations/c42', 'c42')).to.equal('https://chat.example/api/conversations/c42');
      expect(endpointFor('https://chat.example/api/conversation?tenant=flyme', 'c-1')).to.equal('https://chat.example/api/conversation?tenant=flyme');
      expect(endpointFor('https://chat.example/api/conversation/', 'c-1')).to.equal('https://chat.example/api/conversation/');
    });

    it('keeps any id one path segment, and refuses an id made only of dots', () => {
      expect(endpointFor('https://chat.example/api/conv/{id}', '..')).to.equal(null);
      expect(endpointFor('https://chat.example/api/conv/{id}', '.')).to.equal(null);
      expect(endpointFor('https://chat.example/api/conv/{id}', '...')).to.equal(null);
      // The URL parser reads %2e%2e as ".." too: the id's own percent signs are encoded.
      expect(endpointFor('https://chat.example/api/conv/{id}', '%2e%2e')).to.equal('https://chat.example/api/conv/%252e%252e');
      expect(endpointFor('https://chat.example/api/conv/{id}', '../../admin')).to.equal('https://chat.example/api/conv/..%2F..%2Fadmin');
      expect(endpointFor('https://chat.example/api/conv/{id}?x=1', 'a.b')).to.equal('https://chat.example/api/conv/a.b?x=1');
    });

    it('resolves a relative endpoint against the page', () => {
      expect(endpointFor('/api/conversations/{id}', 'c-1')).to.equal(new URL('/api/conversations/c-1', location.href).href);
    });
  });

  describe('reliability: deletion — sendDeletion', () => {
    it('reads a 204 as deleted, with the provider’s X-Request-Id as reference', async () => {
      const id = await createConversation();
      const outcome = await sendDeletion(`${backend}/api/conversations/${id}`, 'include');
      expect(outcome).to.include({ status: 'deleted', httpStatus: 204 });
      expect((outcome as { reference?: string }).reference).to.match(/^del_/);
      expect((await onServer(id)).exists).to.equal(false);
    });

    it('reads a 404 as “nothing left to delete”, not as deleted', async () => {
      expect(await sendDeletion(`${backend}/api/conversations/unknown`, 'include')).to.deep.equal({ status: 'nothing-to-delete', httpStatus: 404 });
    });

    it('fails on 401 without retrying', async () => {
      const id = await createConversation();
      expect(await sendDeletion(`${backend}/api/conversations/${id}`, 'omit')).to.deep.equal({ status: 'failed', failure: 'unauthorized', httpStatus: 401 });
    });

    it('fails on another refusal (405)', async () => {
      expect(await sendDeletion(`${backend}/api/conversations/a/b`, 'include')).to.deep.equal({ status: 'failed', failure: 'refused', httpStatus: 405 });
    });

    it('queues when the server cannot be reached', async () => {
      await executeServerCommand('chat-backend-stop');
      expect(await sendDeletion(`${backend}/api/conversations/x`, 'include')).to.deep.equal({ status: 'queued' });
    });
  });

  describe('DeletionQueue', () => {
    it('asks the provider once for two requests made at the same time', async () => {
      const id = await createConversation();
      const queue = deletionQueue(storage);
      let asked = 0;
      const channel = () => (asked++, http(id)());
      const [a, b] = await Promise.all([queue.request(id, channel), queue.request(id, channel)]);
      expect(a).to.equal(b);
      expect(asked).to.equal(1);
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
    });

    it('does not ask again once confirmed', async () => {
      const id = await createConversation();
      const queue = deletionQueue(storage);
      await queue.request(id, http(id));
      let asked = false;
      const again = await queue.request(id, () => ((asked = true), null));
      expect(asked).to.equal(false);
      expect(again.status).to.equal('deleted');
    });

    it('asks again after a failure', async () => {
      const id = await createConversation();
      const queue = deletionQueue(storage);
      expect((await queue.request(id, http(id, 'omit'))).status).to.equal('failed');
      const retried = await queue.request(id, http(id));
      expect(retried).to.include({ status: 'deleted', attempts: 2 });
    });

    it('announces each receipt change', async () => {
      const id = await createConversation();
      const queue = deletionQueue(storage);
      const seen: string[] = [];
      queue.addEventListener('receipt', (event) => seen.push((event as CustomEvent<DeletionReceipt>).detail.status));
      await queue.request(id, http(id));
      expect(seen).to.deep.equal(['pending', 'deleted']);
    });

    it('keeps an unreachable request in storage, where another page finds it', async () => {
      const id = await createConversation();
      await executeServerCommand('chat-backend-stop');
      const receipt = await deletionQueue(storage).request(id, http(id));
      expect(receipt.status).to.equal('queued');
      deletionQueue(storage).close();
      const entries = await new DeletionQueue(storage).entries();
      expect(entries).to.have.length(1);
      expect(entries[0]).to.include({ conversationId: id, url: `${backend}/api/conversations/${id}`, credentials: 'include', attempts: 1 });
    });

    it('waits longer after each failure', async () => {
      await executeServerCommand('chat-backend-stop');
      const queue = deletionQueue(storage);
      queue.retryDelay = 60_000;
      const start = Date.now();
      await queue.request('c-1', http('c-1'));
      const [first] = await queue.entries();
      await queue.flush('c-1');
      const [second] = await queue.entries();
      expect(first.nextAttemptAt - start).to.be.within(0.8 * 60_000 - 100, 1.2 * 60_000 + 1000);
      expect(second.attempts).to.equal(2);
      expect(second.nextAttemptAt - Date.now()).to.be.within(0.8 * 120_000 - 1000, 1.2 * 120_000);
    });

    it('drainDeletionQueue delivers what earlier pages left, once the server is back', async () => {
      const id = await createConversation();
      await executeServerCommand('chat-backend-stop');
      await deletionQueue(storage).request(id, http(id));
      deletionQueue(storage).close();
      await executeServerCommand('chat-backend-start');
      await drainDeletionQueue(storage);
      expect(await readReceipt(id, storage)).to.include({ status: 'deleted', attempts: 2 });
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
      expect(await deletionQueue(storage).entries()).to.deep.equal([]);
    });

    describe('reliability: deletion — across pages', () => {
      /** Another page of this browser: its own queue, on its own connection to the same database. */
      const page = () => new DeletionQueue(new IndexedDBStorage(storage.database));
      const pages: DeletionQueue[] = [];
      const held = () => executeServerCommand<number, void>('chat-backend-held');
      const hold = (on: boolean) => executeServerCommand('chat-backend-hold', { on });
      /** A page waits for another's lock on this database's deletions, or has given up: it is not about to send. */
      const waiting = async (settled: () => boolean) =>
        settled() || ((await navigator.locks?.query())?.pending ?? []).some((lock) => lock.name?.includes(storage.database));

      afterEach(async () => {
        for (const queue of pages.splice(0)) queue.close();
        await hold(false);
        delete (navigator as { locks?: LockManager }).locks;
      });

      /** A deletion that reached the queue after a 503, as an earlier page left it. */
      async function leftQueued(): Promise<string> {
        const id = await createConversation();
        await executeServerCommand('chat-backend-fail-deletes', { count: 1, status: 503 });
        expect((await deletionQueue(storage).request(id, http(id))).status).to.equal('queued');
        deletionQueue(storage).close();
        return id;
      }

      async function openTogether(): Promise<void> {
        const [a, b] = [page(), page()];
        pages.push(a, b);
        let settled = 0;
        await hold(true);
        const started = [a.start(), b.start()].map((start) => start.then(() => settled++));
        // The first DELETE is held at the server: a second page that does not wait for it sends its own now.
        await waitUntil(async () => (await held()) >= 1 && ((await held()) >= 2 || (await waiting(() => settled > 0))), 'no page sent the deletion', { timeout: 5000 });
        await hold(false);
        await Promise.all(started);
      }

      it('sends a queued deletion once when two pages open together (Web Locks)', async () => {
        const id = await leftQueued();
        await openTogether();
        expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 2 });
        expect(await readReceipt(id, storage)).to.include({ status: 'deleted', attempts: 2 });
      });

      it('sends a queued deletion once when two pages open together, without Web Locks: a lease taken in the queue’s transaction', async () => {
        Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
        const id = await leftQueued();
        await openTogether();
        expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 2 });
        expect(await readReceipt(id, storage)).to.include({ status: 'deleted', attempts: 2 });
      });

      it('without Web Locks, leaves a request to the page that leased it, until the lease runs out; then one page sends it', async () => {
        Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
        const id = await createConversation();
        const url = `${backend}/api/conversations/${id}`;
        const requestedAt = new Date().toISOString();
        // A page closed while its request was under way: its lease outlives it.
        await storage.set('delete-queue', [{ conversationId: id, url, credentials: 'include', attempts: 0, nextAttemptAt: 0, lease: { by: 'a closed page', until: Date.now() + 600 } }]);
        await saveReceipt({ conversationId: id, requestedAt, status: 'pending', via: url, attempts: 1 }, storage);
        const [a, b] = [page(), page()];
        pages.push(a, b);
        await Promise.all([a.start(), b.start()]);
        expect(await onServer(id), 'nothing sent while the lease holds').to.deep.equal({ exists: true, deleteRequests: 0 });
        await waitUntil(async () => (await readReceipt(id, storage))?.status === 'deleted', 'the deletion was never sent', { timeout: 5000 });
        expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
      });
    });

    it('ignores malformed queue entries', async () => {
      await storage.set('delete-queue', [{ conversationId: 'x' }, 'garbage']);
      expect(await deletionQueue(storage).entries()).to.deep.equal([]);
    });
  });

  describe('receipts', () => {
    const receipt = (id: string, requestedAt: string): DeletionReceipt => ({
      conversationId: id,
      requestedAt,
      status: 'deleted',
      confirmedAt: requestedAt,
      via: 'event',
      attempts: 1,
    });

    it('refuses a receipt that claims an answer without its date, or an unknown status', () => {
      expect(parseReceipt({ ...receipt('a', '2026-11-02T10:00:00.000Z'), confirmedAt: undefined })).to.equal(null);
      expect(parseReceipt({ ...receipt('a', '2026-11-02T10:00:00.000Z'), status: 'nothing-to-delete', confirmedAt: undefined })).to.equal(null);
      expect(parseReceipt({ ...receipt('a', '2026-11-02T10:00:00.000Z'), status: 'done' })).to.equal(null);
      expect(parseReceipt('receipt')).to.equal(null);
    });

    it('keeps a scheduled receipt with its date, and reads one without a readable date, or a verification that is not one, as received only', () => {
      const base = receipt('a', '2026-11-02T10:00:00.000Z');
      expect(parseReceipt({ ...base, status: 'scheduled', erasedBy: '2026-12-02' })).to.include({ status: 'scheduled', erasedBy: '2026-12-02' });
      expect(parseReceipt({ ...base, status: 'awaiting-verification', verification: 'email' })).to.include({ status: 'awaiting-verification', verification: 'email' });
      for (const odd of [{ status: 'scheduled' }, { status: 'scheduled', erasedBy: 'soon' }, { status: 'awaiting-verification', verification: 'sms' }]) {
        const parsed = parseReceipt({ ...base, ...odd })!;
        expect(parsed.status, JSON.stringify(odd)).to.equal('accepted');
        expect(parsed).not.to.have.any.keys('erasedBy', 'verification');
      }
      // A field of one status is not carried by another.
      expect(parseReceipt({ ...base, erasedBy: '2026-12-02', verification: 'email' })).not.to.have.any.keys('erasedBy', 'verification');
    });

    it('reads receipts stored before “deleted”, “nothing to delete” and “accepted” were told apart', () => {
      const old = (httpStatus?: number) => ({ ...receipt('a', '2026-11-02T10:00:00.000Z'), status: 'confirmed', via: 'https://chat.example/api/conversations/a', ...(httpStatus && { httpStatus }) });
      expect(parseReceipt(old(204))).to.include({ status: 'deleted', httpStatus: 204 });
      expect(parseReceipt(old(200))).to.include({ status: 'deleted' });
      expect(parseReceipt(old(404))).to.include({ status: 'nothing-to-delete', httpStatus: 404 });
      expect(parseReceipt(old(410))).to.include({ status: 'nothing-to-delete' });
      expect(parseReceipt(old(202))).to.include({ status: 'accepted' });
      expect(parseReceipt({ ...old(), via: 'event' })).to.include({ status: 'deleted' });
    });

    it('keeps a stored receipt whose dates cannot be read, saying once what was wrong', async () => {
      await storage.set('receipt:a', { ...receipt('a', 'hier'), confirmedAt: '2026-13-45' });
      expect(await readReceipt('a', storage)).to.include({ requestedAt: 'hier', confirmedAt: '2026-13-45' });
      expect(warnings.discret).to.deep.equal(['[discret] stored receipt "receipt:a": requestedAt "hier" and confirmedAt "2026-13-45" are not dates; they are shown as stored']);
    });

    it('ignores a malformed stored receipt, with a warning', async () => {
      await storage.set('receipt:a', { conversationId: 'a', status: 'confirmed' });
      expect(await readReceipt('a', storage)).to.equal(null);
      expect(warnings.discret).to.deep.equal(['[discret] stored receipt "receipt:a" is malformed; it is ignored']);
    });

    it('lists and exports every receipt, oldest first', async () => {
      await saveReceipt(receipt('b', '2026-11-03T10:00:00.000Z'), storage);
      await saveReceipt(receipt('a', '2026-11-02T10:00:00.000Z'), storage);
      await storage.set('consent', { not: 'a receipt' });
      expect((await listReceipts(storage)).map((r) => r.conversationId)).to.deep.equal(['a', 'b']);
      expect(JSON.parse(await exportReceipts(storage)).receipts).to.have.length(2);
    });
  });
});
