// Every class of answer a provider can give to a deletion, against the demo
// chat backend: what the visitor reads (in French), what the receipt says,
// and whether the request is kept in the queue to be sent again. The rule:
// "deleted" only when the provider said so; "nothing left to delete" and
// "accepted, to be carried out" read differently; a redirect is not followed.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define/discret-delete-conversation.js';
import type { DiscretDeleteConversation } from '../../src/components/delete-conversation/delete-conversation.js';
import { deletionQueue } from '../../src/core/conversation/deletion.js';
import type { DeletionReceipt } from '../../src/core/conversation/receipt.js';
import type { IndexedDBStorage } from '../../src/core/storage.js';
import { deleteDatabase, freshStorage } from '../core/helpers/test-database.js';
import { watchWarnings } from '../core/helpers/warnings.js';

interface ScriptedAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  deletes?: boolean;
  hang?: boolean;
  reset?: boolean;
}

interface Seen {
  receipt: DeletionReceipt;
  /** The status line, as the visitor reads it (no-break spaces as spaces). */
  shown: string;
  /** Whether the request waits in the queue to be sent again. */
  queued: boolean;
  /** Whether the conversation is still on the server. */
  kept: boolean;
}

let backend: string;

async function createConversation(): Promise<string> {
  const response = await fetch(`${backend}/api/conversations`, { method: 'POST', credentials: 'include' });
  return ((await response.json()) as { id: string }).id;
}

const DATE = '\\d+ \\S+ \\d{4} à \\d\\d:\\d\\d';
const UNREACHABLE = 'Le service est injoignable pour l’instant. Votre demande est enregistrée et sera envoyée automatiquement dès que possible.';
const busy = (status: number) =>
  `Le service n’a pas pu traiter la demande pour l’instant (erreur ${status}). Elle est enregistrée et sera renvoyée automatiquement.`;

describe('reliability: deletion — each answer to a deletion: what the visitor sees and what is kept', () => {
  let storage: IndexedDBStorage;
  let warnings: ReturnType<typeof watchWarnings>;

  before(async () => {
    backend = await executeServerCommand<string, void>('chat-backend-url');
  });

  beforeEach(() => {
    storage = freshStorage();
    warnings = watchWarnings();
    // No retry of its own while a test looks at what was kept.
    deletionQueue(storage).retryDelay = 60_000;
  });

  afterEach(async () => {
    warnings.restore();
    deletionQueue(storage).close();
    await executeServerCommand('chat-backend-start');
    await executeServerCommand('chat-backend-answer-deletes', { count: 0, answer: {} });
    await deleteDatabase(storage.database);
  });

  /** Deletes `id` with the element, the server giving `answer` (its usual 204 without one) to the next `times` DELETEs. */
  async function deleteWith(id: string, answer?: ScriptedAnswer, credentials = 'include', times = 1): Promise<Seen> {
    if (answer) await executeServerCommand('chat-backend-answer-deletes', { count: times, answer });
    const el = await fixture<DiscretDeleteConversation>(html`<discret-delete-conversation
      .stateStorage=${storage}
      lang="fr"
      conversation-id=${id}
      endpoint=${`${backend}/api/conversations/{id}`}
      credentials=${credentials}
    ></discret-delete-conversation>`);
    await el.ready;
    const receipt = (await el.delete())!;
    await el.updateComplete;
    const shown = (el.shadowRoot!.querySelector('[part="status"]')!.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');
    const queued = (await deletionQueue(storage).entries()).some((entry) => entry.conversationId === id);
    const { exists } = await executeServerCommand<{ exists: boolean }, { id: string }>('chat-backend-get', { id });
    return { receipt, shown, queued, kept: exists };
  }

  it('200 with a body saying deleted: deleted', async () => {
    const seen = await deleteWith(await createConversation(), { status: 200, body: { deleted: true, reference: 'del_200' }, deletes: true });
    expect(seen.receipt).to.include({ status: 'deleted', httpStatus: 200, reference: 'del_200' });
    expect(seen.shown).to.match(new RegExp(`^Conversation supprimée par le service le ${DATE}\\.$`));
    expect(seen).to.include({ queued: false, kept: false });
  });

  it('204: deleted', async () => {
    const seen = await deleteWith(await createConversation());
    expect(seen.receipt).to.include({ status: 'deleted', httpStatus: 204 });
    expect(seen.shown).to.match(new RegExp(`^Conversation supprimée par le service le ${DATE}\\.$`));
    expect(seen).to.include({ queued: false, kept: false });
  });

  it('202 without erasedBy or verification: received, not confirmed; not “deleted”', async () => {
    const seen = await deleteWith(await createConversation(), { status: 202, body: { reference: 'sched_9' } });
    expect(seen.receipt).to.include({ status: 'accepted', httpStatus: 202, reference: 'sched_9' });
    expect(seen.shown).to.match(new RegExp(`^Le service a reçu la demande le ${DATE}, sans dire quand il la supprimera : la suppression n’est pas confirmée\\.$`));
    expect(seen).to.include({ queued: false, kept: true });
  });

  it('202 { erasedBy }: scheduled, erased by that day; kept until then; not “deleted”', async () => {
    const erasedBy = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const seen = await deleteWith(await createConversation(), { status: 202, body: { erasedBy, reference: 'sched_10' } });
    expect(seen.receipt).to.include({ status: 'scheduled', httpStatus: 202, erasedBy, reference: 'sched_10' });
    const day = new Intl.DateTimeFormat('fr', { dateStyle: 'long' }).format(new Date(erasedBy));
    expect(seen.shown).to.equal(`Suppression programmée : le service s’engage à effacer la conversation au plus tard le ${day}.`);
    expect(seen).to.include({ queued: false, kept: true });
  });

  it('202 { verification: "email" }: to confirm from the e-mail; kept until then; not “deleted”', async () => {
    const seen = await deleteWith(await createConversation(), { status: 202, body: { verification: 'email' } });
    expect(seen.receipt).to.include({ status: 'awaiting-verification', httpStatus: 202, verification: 'email' });
    expect(seen.shown).to.equal('Confirmez la suppression depuis l’e-mail que nous vous avons envoyé ; la conversation n’est effacée qu’après votre confirmation.');
    expect(seen).to.include({ queued: false, kept: true });
  });

  it('3xx: the redirect is not followed and never reads as deleted', async () => {
    const seen = await deleteWith(await createConversation(), { status: 302, headers: { location: '/login' } });
    expect(seen.receipt).to.include({ status: 'failed', failure: 'redirected' });
    expect(seen.shown).to.equal('La suppression n’a pas abouti : le service a renvoyé vers une autre page au lieu de répondre à la demande.');
    expect(seen).to.include({ queued: false, kept: true });
  });

  it('401: failed, the session was not recognised', async () => {
    const seen = await deleteWith(await createConversation(), undefined, 'omit');
    expect(seen.receipt).to.include({ status: 'failed', failure: 'unauthorized', httpStatus: 401 });
    expect(seen.shown).to.equal('La suppression n’a pas abouti : le service n’a pas reconnu votre session. Reconnectez-vous puis réessayez.');
    expect(seen).to.include({ queued: false, kept: true });
  });

  it('403: failed, not this visitor’s conversation', async () => {
    await createConversation();
    const seen = await deleteWith(await executeServerCommand<string, void>('chat-backend-create'));
    expect(seen.receipt).to.include({ status: 'failed', failure: 'unauthorized', httpStatus: 403 });
    expect(seen.shown).to.equal('La suppression n’a pas abouti : le service n’a pas reconnu votre session. Reconnectez-vous puis réessayez.');
    expect(seen).to.include({ queued: false, kept: true });
  });

  it('404: nothing was left to delete; not “deleted”', async () => {
    const seen = await deleteWith(crypto.randomUUID());
    expect(seen.receipt).to.include({ status: 'nothing-to-delete', httpStatus: 404 });
    expect(seen.shown).to.match(new RegExp(`^Le service n’avait plus rien à supprimer : il ne détient pas \\(ou plus\\) cette conversation\\. Réponse reçue le ${DATE}\\.$`));
    expect(seen).to.include({ queued: false });
  });

  it('410: nothing was left to delete; not “deleted”', async () => {
    const seen = await deleteWith(await createConversation(), { status: 410, body: { error: 'gone' } });
    expect(seen.receipt).to.include({ status: 'nothing-to-delete', httpStatus: 410 });
    expect(seen.shown).to.match(new RegExp(`^Le service n’avait plus rien à supprimer : il ne détient pas \\(ou plus\\) cette conversation\\. Réponse reçue le ${DATE}\\.$`));
    expect(seen).to.include({ queued: false });
  });

  it('408: queued, sent again later', async () => {
    // Chromium sends a request again by itself when a reused connection answers 408: the page sees the answer that follows.
    const seen = await deleteWith(await createConversation(), { status: 408 }, 'include', 4);
    expect(seen.receipt).to.include({ status: 'queued', httpStatus: 408 });
    expect(seen.shown).to.equal(busy(408));
    expect(seen).to.include({ queued: true, kept: true });
  });

  it('429: queued, sent again later', async () => {
    const seen = await deleteWith(await createConversation(), { status: 429, headers: { 'retry-after': '30' } });
    expect(seen.receipt).to.include({ status: 'queued', httpStatus: 429 });
    expect(seen.shown).to.equal(busy(429));
    expect(seen).to.include({ queued: true, kept: true });
  });

  it('5xx: queued, sent again later', async () => {
    const seen = await deleteWith(await createConversation(), { status: 500, body: { error: 'server error' } });
    expect(seen.receipt).to.include({ status: 'queued', httpStatus: 500 });
    expect(seen.shown).to.equal(busy(500));
    expect(seen).to.include({ queued: true, kept: true });
  });

  it('timeout: queued, sent again later', async () => {
    deletionQueue(storage).requestTimeout = 300;
    const seen = await deleteWith(await createConversation(), { hang: true });
    expect(seen.receipt.status).to.equal('queued');
    expect(seen.receipt).not.to.have.property('httpStatus');
    expect(seen.shown).to.equal(UNREACHABLE);
    expect(seen).to.include({ queued: true, kept: true });
  });

  it('offline (network error): queued, sent again later', async () => {
    const id = await createConversation();
    await executeServerCommand('chat-backend-stop');
    const seen = await deleteWith(id);
    expect(seen.receipt.status).to.equal('queued');
    expect(seen.receipt).not.to.have.property('httpStatus');
    expect(seen.shown).to.equal(UNREACHABLE);
    expect(seen).to.include({ queued: true, kept: true });
  });

  it('connection reset: queued, sent again later', async () => {
    // Chromium sends a request again by itself when a reused connection is cut before any answer.
    const seen = await deleteWith(await createConversation(), { reset: true }, 'include', 4);
    expect(seen.receipt.status).to.equal('queued');
    expect(seen.receipt).not.to.have.property('httpStatus');
    expect(seen.shown).to.equal(UNREACHABLE);
    expect(seen).to.include({ queued: true, kept: true });
  });
});
