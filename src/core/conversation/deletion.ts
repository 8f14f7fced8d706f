import type { ConsentStorage } from '../storage.js';
import { warn } from '../warn.js';
import { chatStorage } from './chat-storage.js';
import { readReceipt, saveReceipt, type DeletionFailure, type DeletionReceipt } from './receipt.js';

/**
 * How the provider is asked to delete: by HTTP (`url`, sent again until it
 * answers), by the promise a page script gave to the request event
 * (`answer`, which resolves with an optional reference), or not at all.
 */
export type DeletionChannel = { url: string; credentials: RequestCredentials } | { answer: Promise<unknown> } | null;

/** A deletion waiting to reach its provider; kept in storage so that it survives the page. */
interface QueueEntry {
  conversationId: string;
  url: string;
  credentials: RequestCredentials;
  attempts: number;
  /** Epoch milliseconds; before it, only `online`, a page load or the visitor sends it again. */
  nextAttemptAt: number;
}

type Outcome =
  | { status: 'confirmed'; httpStatus?: number; reference?: string }
  | { status: 'queued'; httpStatus?: number }
  | { status: 'failed'; failure: DeletionFailure; httpStatus?: number };

const QUEUE_KEY = 'delete-queue';
/** A provider that does not answer in this time is treated as unreachable: the request is queued. */
const REQUEST_TIMEOUT_MS = 20_000;

/** `/api/conversations/{id}` gets the id in place of `{id}`; any other endpoint gets it appended as a path segment. */
export function endpointFor(endpoint: string, conversationId: string): string {
  const id = encodeURIComponent(conversationId);
  const base = globalThis.location?.href ?? 'http://localhost/';
  if (endpoint.includes('{id}')) return new URL(endpoint.replaceAll('{id}', id), base).href;
  const url = new URL(endpoint, base);
  url.pathname = url.pathname.replace(/\/?$/, '/') + id;
  return url.href;
}

/**
 * Sends one DELETE and judges the answer: 2xx, 404 and 410 mean the
 * conversation is gone; a network error, a timeout, 408, 429 and 5xx mean
 * "try again later"; anything else (401/403 first) is a refusal. Redirects
 * are not followed: a redirect to a sign-in page answering 200 must not read
 * as a confirmation.
 */
export async function sendDeletion(url: string, credentials: RequestCredentials): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'DELETE', credentials, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch {
    return { status: 'queued' };
  }
  const httpStatus = response.status || undefined;
  if (response.ok || httpStatus === 404 || httpStatus === 410) return { status: 'confirmed', httpStatus, reference: await referenceOf(response) };
  if (httpStatus === 408 || httpStatus === 429 || (httpStatus ?? 0) >= 500) return { status: 'queued', httpStatus };
  return { status: 'failed', failure: httpStatus === 401 || httpStatus === 403 ? 'unauthorized' : 'refused', httpStatus };
}

/** The provider's reference: `reference` in a JSON body, else an `X-Request-Id` header. */
async function referenceOf(response: Response): Promise<string | undefined> {
  try {
    if (response.headers.get('content-type')?.includes('json')) {
      const body = (await response.json()) as { reference?: unknown };
      if (typeof body?.reference === 'string') return body.reference;
    }
  } catch {
    // A body that is not JSON carries no reference; the deletion still stands.
  }
  return response.headers.get('x-request-id') ?? undefined;
}

async function answerOutcome(answer: Promise<unknown>, source: string): Promise<Outcome> {
  try {
    const value = await answer;
    const reference = typeof value === 'string' ? value : (value as { reference?: unknown } | undefined)?.reference;
    return { status: 'confirmed', reference: typeof reference === 'string' ? reference : undefined };
  } catch (error) {
    warn(`${source} the answer to discret-conversation-delete-request was rejected (${String(error)}); deletion not confirmed`);
    return { status: 'failed', failure: 'provider' };
  }
}

/**
 * The deletion requests of one storage: each is written down before it is
 * sent, sent once at a time, sent again with backoff, on `online` and on the
 * next page load while the provider cannot be reached, and reported done only
 * once the provider confirmed. Fires `receipt` (a `CustomEvent<DeletionReceipt>`)
 * on itself at every change of a receipt.
 */
export class DeletionQueue extends EventTarget {
  /** Delay before the first retry, in ms; doubled at each failure up to `maxRetryDelay`. */
  retryDelay = 2000;
  maxRetryDelay = 5 * 60_000;
  private readonly running = new Map<string, Promise<DeletionReceipt>>();
  private writes: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private closed = false;

  constructor(readonly storage: ConsentStorage = chatStorage()) {
    super();
    globalThis.addEventListener?.('online', this.handleOnline);
  }

  /**
   * Asks the provider to delete a conversation, once. A conversation being
   * deleted, waiting in the queue or already confirmed is not asked again and
   * `channel` is not called; a failed one is asked again. Resolves with the
   * receipt after the first answer (or after the request was queued).
   */
  request(
    conversationId: string,
    channel: () => DeletionChannel,
    local?: DeletionReceipt['local'],
    source = 'deletion',
  ): Promise<DeletionReceipt> {
    return this.once(conversationId, async () => {
      const existing = await readReceipt(conversationId, this.storage);
      if (existing?.status === 'confirmed') return existing;
      if (existing && existing.status !== 'failed' && (await this.entry(conversationId))) return existing;
      const how = channel();
      const receipt: DeletionReceipt = {
        conversationId,
        requestedAt: existing?.requestedAt ?? new Date().toISOString(),
        status: 'pending',
        via: how === null ? 'none' : 'url' in how ? how.url : 'event',
        attempts: existing?.attempts ?? 0,
        ...((local ?? existing?.local) && { local: local ?? existing?.local }),
      };
      if (how === null) return this.settle(receipt, { status: 'failed', failure: 'no-provider' });
      if ('answer' in how) {
        await this.publish(receipt);
        receipt.attempts++;
        return this.settle(receipt, await answerOutcome(how.answer, source));
      }
      const entry: QueueEntry = { conversationId, url: how.url, credentials: how.credentials, attempts: 0, nextAttemptAt: 0 };
      await this.updateQueue((queue) => [...queue.filter((e) => e.conversationId !== conversationId), entry]);
      await this.publish(receipt);
      return this.attempt(entry, receipt);
    });
  }

  /** Sends a queued request now, whatever its backoff; the visitor's "try again". */
  flush(conversationId: string): Promise<DeletionReceipt | null> {
    return this.once(conversationId, async () => {
      const entry = await this.entry(conversationId);
      return entry ? this.attempt(entry) : readReceipt(conversationId, this.storage);
    });
  }

  /** Sends every queued request that is due, or all of them with `force`. */
  async drain(force = false): Promise<void> {
    if (this.closed) return;
    const due = (await this.entries()).filter((entry) => force || entry.nextAttemptAt <= Date.now());
    await Promise.all(due.map((entry) => this.flush(entry.conversationId)));
    await this.schedule();
  }

  /** Drains once per page, whatever its backoff: the page load is a fresh chance. */
  start(): Promise<void> {
    if (this.started) return Promise.resolve();
    this.started = true;
    return this.drain(true);
  }

  /** Requests still waiting to reach their provider. */
  async entries(): Promise<QueueEntry[]> {
    await this.writes;
    const stored = await this.storage.get<unknown>(QUEUE_KEY);
    return Array.isArray(stored) ? stored.filter(isEntry) : [];
  }

  /** Stops retrying in this page (timers and `online`); the queue stays stored for the next page. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    globalThis.removeEventListener?.('online', this.handleOnline);
    if (queues.get(this.storage) === this) queues.delete(this.storage);
  }

  private readonly handleOnline = (): void => {
    void this.drain(true);
  };

  private async entry(conversationId: string): Promise<QueueEntry | undefined> {
    return (await this.entries()).find((entry) => entry.conversationId === conversationId);
  }

  /** One request per conversation at a time: a second click, a drain and `online` join the one running. */
  private once<T extends DeletionReceipt | null>(conversationId: string, task: () => Promise<T>): Promise<T> {
    const running = this.running.get(conversationId);
    if (running) return running as Promise<T>;
    const run = task().finally(() => this.running.delete(conversationId));
    this.running.set(conversationId, run as Promise<DeletionReceipt>);
    return run;
  }

  private async attempt(entry: QueueEntry, receipt?: DeletionReceipt): Promise<DeletionReceipt> {
    const current: DeletionReceipt = receipt ??
      (await readReceipt(entry.conversationId, this.storage)) ?? {
        conversationId: entry.conversationId,
        requestedAt: new Date().toISOString(),
        status: 'queued',
        via: entry.url,
        attempts: 0,
      };
    current.attempts++;
    const outcome = this.closed ? ({ status: 'queued' } as const) : await sendDeletion(entry.url, entry.credentials);
    await this.updateQueue((queue) => {
      const rest = queue.filter((e) => e.conversationId !== entry.conversationId);
      if (outcome.status !== 'queued') return rest;
      const attempts = entry.attempts + 1;
      const delay = Math.min(this.maxRetryDelay, this.retryDelay * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
      return [...rest, { ...entry, attempts, nextAttemptAt: Date.now() + delay }];
    });
    if (outcome.status === 'queued') await this.schedule();
    return this.settle(current, outcome);
  }

  private settle(receipt: DeletionReceipt, outcome: Outcome): Promise<DeletionReceipt> {
    const settled: DeletionReceipt = { ...receipt, status: outcome.status };
    delete settled.failure;
    if (outcome.httpStatus !== undefined) settled.httpStatus = outcome.httpStatus;
    if (outcome.status === 'confirmed') {
      settled.confirmedAt = new Date().toISOString();
      if (outcome.reference) settled.reference = outcome.reference;
    }
    if (outcome.status === 'failed') settled.failure = outcome.failure;
    return this.publish(settled);
  }

  private async publish(receipt: DeletionReceipt): Promise<DeletionReceipt> {
    await saveReceipt(receipt, this.storage);
    this.dispatchEvent(new CustomEvent<DeletionReceipt>('receipt', { detail: { ...receipt } }));
    return receipt;
  }

  private async schedule(): Promise<void> {
    clearTimeout(this.timer);
    const entries = await this.entries();
    if (this.closed || !entries.length) return;
    const next = Math.min(...entries.map((entry) => entry.nextAttemptAt));
    this.timer = setTimeout(() => void this.drain(), Math.max(0, next - Date.now()));
  }

  /** Read-modify-write of the stored queue, one at a time. */
  private updateQueue(change: (queue: QueueEntry[]) => QueueEntry[]): Promise<void> {
    const next = this.writes.then(async () => {
      const stored = await this.storage.get<unknown>(QUEUE_KEY);
      await this.storage.set(QUEUE_KEY, change(Array.isArray(stored) ? stored.filter(isEntry) : []));
    });
    this.writes = next.catch((error: unknown) => warn(`the deletion queue could not be saved (${String(error)})`));
    return next;
  }
}

function isEntry(value: unknown): value is QueueEntry {
  const e = value as QueueEntry;
  return (
    typeof e === 'object' && e !== null && typeof e.conversationId === 'string' && typeof e.url === 'string' &&
    ['omit', 'same-origin', 'include'].includes(e.credentials) && typeof e.attempts === 'number' && typeof e.nextAttemptAt === 'number'
  );
}

const queues = new WeakMap<ConsentStorage, DeletionQueue>();

/** The page's one queue for a storage, so that every element and drain shares its "once at a time". */
export function deletionQueue(storage: ConsentStorage = chatStorage()): DeletionQueue {
  let queue = queues.get(storage);
  if (!queue) queues.set(storage, (queue = new DeletionQueue(storage)));
  return queue;
}

/**
 * Sends the deletion requests left from earlier pages. Call it at startup
 * on pages without a `<discret-delete-conversation>`; the element does it
 * itself when it connects.
 */
export function drainDeletionQueue(storage: ConsentStorage = chatStorage()): Promise<void> {
  return deletionQueue(storage).drain(true);
}
