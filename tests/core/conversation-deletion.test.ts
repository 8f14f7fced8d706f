import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { DeletionQueue, deletionQueue, drainDeletionQueue, endpointFor, sendDeletion, type DeletionChannel } from '../../src/core/conversation/deletion.js';
import { exportReceipts, listReceipts, parseReceipt, readReceipt, saveReceipt, type DeletionReceipt } from '../../src/core/conversation/receipt.js';
import type { IndexedDBStorage } from '../../src/core/storage.js';
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

  describe('endpointFor', () => {
    it('puts the id in place of {id}, encoded', () => {
      expect(endpointFor('https://chat.example/api/conversations/{id}', 'a b/c')).to.equal('https://chat.example/api/conversations/a%20b%2Fc');
    });

    it('appends the id as a path segment, keeping the query', () => {
      expect(endpointFor('https://chat.example/api/conversations?tenant=flyme', 'c-1')).to.equal(
        'https://chat.example/api/conversations/c-1?tenant=flyme',
      );
      expect(endpointFor('https://chat.example/api/conversations/', 'c-1')).to.equal('https://chat.example/api/conversations/c-1');
    });

    it('resolves a relative endpoint against the page', () => {
      expect(endpointFor('/api/conversations/{id}', 'c-1')).to.equal(new URL('/api/conversations/c-1', location.href).href);
    });
  });

  describe('sendDeletion', () => {
    it('confirms a 204, with the provider’s X-Request-Id as reference', async () => {
      const id = await createConversation();
      const outcome = await sendDeletion(`${backend}/api/conversations/${id}`, 'include');
      expect(outcome).to.include({ status: 'confirmed', httpStatus: 204 });
      expect((outcome as { reference?: string }).reference).to.match(/^del_/);
      expect((await onServer(id)).exists).to.equal(false);
    });

    it('confirms a 404: nothing is left to delete', async () => {
      expect(await sendDeletion(`${backend}/api/conversations/unknown`, 'include')).to.deep.include({ status: 'confirmed', httpStatus: 404 });
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
      expect(again.status).to.equal('confirmed');
    });

    it('asks again after a failure', async () => {
      const id = await createConversation();
      const queue = deletionQueue(storage);
      expect((await queue.request(id, http(id, 'omit'))).status).to.equal('failed');
      const retried = await queue.request(id, http(id));
      expect(retried).to.include({ status: 'confirmed', attempts: 2 });
    });

    it('announces each receipt change', async () => {
      const id = await createConversation();
      const queue = deletionQueue(storage);
      const seen: string[] = [];
      queue.addEventListener('receipt', (event) => seen.push((event as CustomEvent<DeletionReceipt>).detail.status));
      await queue.request(id, http(id));
      expect(seen).to.deep.equal(['pending', 'confirmed']);
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
      expect(await readReceipt(id, storage)).to.include({ status: 'confirmed', attempts: 2 });
      expect(await onServer(id)).to.deep.equal({ exists: false, deleteRequests: 1 });
      expect(await deletionQueue(storage).entries()).to.deep.equal([]);
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
      status: 'confirmed',
      confirmedAt: requestedAt,
      via: 'event',
      attempts: 1,
    });

    it('refuses a receipt that claims confirmation without a date, or an unknown status', () => {
      expect(parseReceipt({ ...receipt('a', '2026-11-02T10:00:00.000Z'), confirmedAt: undefined })).to.equal(null);
      expect(parseReceipt({ ...receipt('a', '2026-11-02T10:00:00.000Z'), status: 'done' })).to.equal(null);
      expect(parseReceipt('receipt')).to.equal(null);
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
