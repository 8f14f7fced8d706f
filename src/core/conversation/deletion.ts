import { randomId } from '../record.js';
import type { ConsentStorage } from '../storage.js';
import { warn } from '../warn.js';
import { chatStorage } from './chat-storage.js';
import {
  isAnswered,
  parseReceipt,
  readReceipt,
  receiptChannel,
  saveReceipt,
  type DeletionFailure,
  type DeletionReceipt,
  type DeletionVerification,
} from './receipt.js';

/**
 * How the provider is asked to delete: by HTTP (`url`, sent again until it
 * answers), by the promise a page script gave to the request event
 * (`answer`, which resolves with an optional reference), or not at all.
 */
export type DeletionChannel = { url: string; credentials: RequestCredentials } | { answer: Promise<unknown> } | null;

/** A page sending a queued request, and until when the other pages leave it to it. */
interface Lease {
  by: string;
  /** Epoch milliseconds. */
  until: number;
}

/** A deletion waiting to reach its provider; kept in storage so that it survives the page. */
interface QueueEntry {
  conversationId: string;
  url: string;
  credentials: RequestCredentials;
  attempts: number;
  /** Epoch milliseconds; before it, only `online`, a page load or the visitor sends it again. */
  nextAttemptAt: number;
  /** Taken in the same transaction that reads the entry, before it is sent; what keeps tabs apart where Web Locks are missing. */
  lease?: Lease;
  /** Who asked (the element's tag), named in the warnings about the provider's answer. */
  source?: string;
}

/** What the provider's answer, or its absence, means for the receipt. */
export type DeletionOutcome =
  | {
      status: 'deleted' | 'nothing-to-delete' | 'scheduled' | 'awaiting-verification' | 'accepted';
      httpStatus?: number;
      reference?: string;
      erasedBy?: string;
      verification?: DeletionVerification;
    }
  | { status: 'queued'; httpStatus?: number }
  | { status: 'failed'; failure: DeletionFailure; httpStatus?: number };

const QUEUE_KEY = 'delete-queue';
/** A provider that does not answer in this time is treated as unreachable: the request is queued. */
const REQUEST_TIMEOUT_MS = 20_000;
/** A lease outlives the request it covers by this much, so that a page never takes over a request still under way. */
const LEASE_MARGIN_MS = 5_000;
/**
 * Whether an id, percent-encoded, stays one segment of a URL's path: not
 * `.`, `..` or any other id made only of dots, which the URL parser (or a
 * server trimming trailing dots) reads as a step up the path.
 */
export const isPathSegment = (conversationId: string): boolean => !/^\.+$/.test(conversationId);

/**
 * The URL to send the DELETE to: the endpoint exactly as the site wrote it
 * (resolved against the page), each `{id}` replaced by the percent-encoded
 * id, which stays one path segment whatever it holds. Without `{id}`, the
 * URL does not carry the id: the provider knows the conversation by other
 * means, its session for one. Null for an id made only of dots, which
 * cannot be one segment.
 */
export function endpointFor(endpoint: string, conversationId: string): string | null {
  const base = globalThis.location?.href ?? 'http://localhost/';
  if (!endpoint.includes('{id}')) return new URL(endpoint, base).href;
  if (!isPathSegment(conversationId)) return null;
  return new URL(endpoint.replaceAll('{id}', encodeURIComponent(conversationId)), base).href;
}

/** An ISO 8601 date, with or without a time: `2026-12-31`, `2026-12-31T23:59:59Z`, `2026-12-31T23:59+01:00`. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

type LaterOutcome = { status: 'scheduled' | 'awaiting-verification' | 'accepted'; erasedBy?: string; verification?: DeletionVerification };

/**
 * What an answer "accepted, to be carried out later" means: `{ erasedBy }`
 * (an ISO 8601 date still to come) is a scheduled erasure; `{ verification:
 * "email" }` waits for the visitor to confirm from an e-mail (with its
 * `erasedBy`, if valid). Anything else reads as received, not confirmed,
 * with one warning (none for a page script's bare `accepted`, when
 * `bare` is false): a date past or unreadable, an unknown verification, or
 * nothing said at all.
 */
function laterOutcome(value: unknown, from: string, bare: boolean): LaterOutcome {
  const given = typeof value === 'object' && value !== null ? (value as { erasedBy?: unknown; verification?: unknown }) : {};
  const unconfirmed = (problem: string): LaterOutcome => {
    warn(`${from}: ${problem}; the deletion is shown as received, not confirmed`);
    return { status: 'accepted' };
  };
  let erasedBy: string | undefined;
  if (given.erasedBy !== undefined && given.erasedBy !== null) {
    const text = String(given.erasedBy);
    if (typeof given.erasedBy !== 'string' || !ISO_DATE.test(text.trim()) || Number.isNaN(Date.parse(text.trim()))) {
      return unconfirmed(`erasedBy "${text}" is not an ISO 8601 date`);
    }
    if (Date.parse(text.trim()) <= Date.now()) return unconfirmed(`erasedBy "${text}" is already past`);
    erasedBy = text.trim();
  }
  if (given.verification !== undefined && given.verification !== null) {
    if (given.verification !== 'email') return unconfirmed(`verification "${String(given.verification)}" is not "email"`);
    return { status: 'awaiting-verification', verification: 'email', ...(erasedBy && { erasedBy }) };
  }
  if (erasedBy) return { status: 'scheduled', erasedBy };
  if (bare) return unconfirmed('the provider answered 202 without erasedBy or verification');
  return { status: 'accepted' };
}

/**
 * Sends one DELETE and says what its answer means. 202 means accepted, to
 * be carried out later: scheduled with `{ erasedBy }`, awaiting the
 * visitor's confirmation with `{ verification: "email" }`, else received and
 * not confirmed (with a warning); any other 2xx means deleted; 404 and 410 mean the
 * provider holds nothing under this id. A network error, a timeout, 408, 429
 * and 5xx mean "try again later". A redirect is not followed (a sign-in page
 * answering 200 must not read as a deletion): it fails, as do 401/403
 * (`unauthorized`) and any other status (`refused`).
 */
export async function sendDeletion(
  url: string,
  credentials: RequestCredentials,
  timeout = REQUEST_TIMEOUT_MS,
  source = 'deletion',
): Promise<DeletionOutcome> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'DELETE', credentials, redirect: 'manual', signal: AbortSignal.timeout(timeout) });
  } catch {
    return { status: 'queued' };
  }
  const httpStatus = response.status;
  // With `redirect: 'manual'` a redirect reaches the page as an opaque answer without its status.
  if (response.type === 'opaqueredirect' || (httpStatus >= 300 && httpStatus < 400)) {
    return { status: 'failed', failure: 'redirected', ...(httpStatus > 0 && { httpStatus }) };
  }
  if (httpStatus === 202) {
    const body = await bodyOf(response);
    const later = laterOutcome(body, `${source} ${url}: the provider's 202 answer`, true);
    return withReference({ ...later, httpStatus }, referenceOf(response, body));
  }
  if (response.ok) return withReference({ status: 'deleted', httpStatus }, referenceOf(response, await bodyOf(response)));
  if (httpStatus === 404 || httpStatus === 410) return { status: 'nothing-to-delete', httpStatus };
  if (httpStatus === 408 || httpStatus === 429 || httpStatus >= 500) return { status: 'queued', httpStatus };
  return { status: 'failed', failure: httpStatus === 401 || httpStatus === 403 ? 'unauthorized' : 'refused', httpStatus };
}

const withReference = <T extends DeletionOutcome>(outcome: T, reference: string | undefined): T => (reference ? { ...outcome, reference } : outcome);

/** The answer's body as JSON; undefined when there is none or it is not JSON (it then says nothing; the answer still stands). */
async function bodyOf(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text.trim() ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** The provider's reference: `reference` in a JSON body, else an `X-Request-Id` header. */
function referenceOf(response: Response, body: unknown): string | undefined {
  const reference = typeof body === 'object' && body !== null ? (body as { reference?: unknown }).reference : undefined;
  return typeof reference === 'string' ? reference : (response.headers.get('x-request-id') ?? undefined);
}

const EVENT_STATUSES = ['deleted', 'nothing-to-delete', 'accepted'] as const;

/**
 * A page script's answer: resolved means deleted, unless it says
 * `{ status: 'nothing-to-delete' | 'accepted' }`; `accepted` reads its
 * `erasedBy` and `verification` as a 202's body; a reference is a string or
 * `{ reference }`. A rejection, or a status it cannot mean, is a failure.
 */
async function answerOutcome(answer: Promise<unknown>, source: string): Promise<DeletionOutcome> {
  let value: unknown;
  try {
    value = await answer;
  } catch (error) {
    warn(`${source} the answer to discret-conversation-delete-request was rejected (${String(error)}); deletion not confirmed`);
    return { status: 'failed', failure: 'provider' };
  }
  const given = typeof value === 'object' && value !== null ? (value as { reference?: unknown; status?: unknown }) : {};
  const reference = typeof value === 'string' ? value : given.reference;
  const status = given.status ?? 'deleted';
  if (!EVENT_STATUSES.includes(status as (typeof EVENT_STATUSES)[number])) {
    warn(`${source} the answer to discret-conversation-delete-request says status "${String(status)}", not ${EVENT_STATUSES.join(', ')}; deletion not confirmed`);
    return { status: 'failed', failure: 'provider' };
  }
  const outcome: DeletionOutcome =
    status === 'accepted' ? laterOutcome(value, `${source} the answer to discret-conversation-delete-request`, false) : { status: status as 'deleted' | 'nothing-to-delete' };
  return withReference(outcome, typeof reference === 'string' ? reference : undefined);
}

/**
 * The deletion requests of one storage: each is written down before it is
 * sent, sent by one page at a time, sent again with backoff, on `online`
 * and on the next page load while the provider cannot be reached, and
 * settled only by the provider's answer. Fires `receipt` (a
 * `CustomEvent<DeletionReceipt>`) on itself at every change of a receipt,
 * in this page and, through a `BroadcastChannel`, in the other pages on
 * the same database.
 *
 * Pages of one browser share the stored queue: a request is sent under a
 * Web Lock named after the database and the conversation, and, before it is
 * sent, its entry is read and leased in one IndexedDB transaction. A page
 * that finds the entry gone or attempted since it looked sends nothing.
 * Where Web Locks are missing, the lease alone keeps the other pages off
 * until it runs out.
 */
export class DeletionQueue extends EventTarget {
  /** Delay before the first retry, in ms; doubled at each failure up to `maxRetryDelay`. */
  retryDelay = 2000;
  maxRetryDelay = 5 * 60_000;
  /** A provider that does not answer in this time, in ms, is treated as unreachable: the request is queued. */
  requestTimeout = REQUEST_TIMEOUT_MS;
  /** This page, as named in the leases it takes. */
  private readonly page = randomId();
  private readonly running = new Map<string, Promise<DeletionReceipt | null>>();
  private readonly channel: BroadcastChannel | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private closed = false;

  constructor(readonly storage: ConsentStorage = chatStorage()) {
    super();
    globalThis.addEventListener?.('online', this.handleOnline);
    if (storage.name && typeof globalThis.BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(receiptChannel(storage.name));
      this.channel.addEventListener('message', this.handleMessage);
    }
  }

  /**
   * Asks the provider to delete a conversation, once. A conversation being
   * deleted, waiting in the queue or already answered is not asked again
   * and `channel` is not called: the stored receipt is the answer. A failed
   * one is asked again. Resolves with the receipt after the first answer
   * (or after the request was queued).
   */
  async request(
    conversationId: string,
    channel: () => DeletionChannel,
    local?: DeletionReceipt['local'],
    source = 'deletion',
  ): Promise<DeletionReceipt> {
    const receipt = await this.once(conversationId, () => this.exclusive(conversationId, () => this.ask(conversationId, channel, local, source)));
    // A flush of this page found nothing to send: the request is this one's to make.
    return receipt ?? this.request(conversationId, channel, local, source);
  }

  /** Sends a queued request now, whatever its backoff; the visitor's "try again". */
  flush(conversationId: string): Promise<DeletionReceipt | null> {
    return this.send(conversationId);
  }

  /** Sends every queued request that is due, or all of them with `force`. */
  async drain(force = false): Promise<void> {
    if (this.closed) return;
    const due = (await this.entries()).filter((entry) => force || entry.nextAttemptAt <= Date.now());
    await Promise.all(due.map((entry) => this.send(entry.conversationId, entry.attempts)));
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
    return entriesOf(await this.storage.get<unknown>(QUEUE_KEY));
  }

  /** Whether a page of this browser is sending a request for this conversation now; false where Web Locks are missing. */
  async sending(conversationId: string): Promise<boolean> {
    const locks = this.locks();
    if (!locks) return false;
    const { held = [] } = await locks.query();
    return held.some((lock) => lock.name === this.lockName(conversationId));
  }

  /** Stops retrying in this page (timers, `online`, other pages' news); the queue stays stored for the next page. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    globalThis.removeEventListener?.('online', this.handleOnline);
    this.channel?.close();
    if (queues.get(this.storage) === this) queues.delete(this.storage);
  }

  private readonly handleOnline = (): void => {
    void this.drain(true);
  };

  /** Another page's receipt change: told here as if it were this page's own. */
  private readonly handleMessage = (event: MessageEvent): void => {
    const receipt = parseReceipt(event.data);
    if (receipt) this.dispatchEvent(new CustomEvent<DeletionReceipt>('receipt', { detail: receipt }));
  };

  private async ask(
    conversationId: string,
    channel: () => DeletionChannel,
    local: DeletionReceipt['local'] | undefined,
    source: string,
  ): Promise<DeletionReceipt | null> {
    const existing = await readReceipt(conversationId, this.storage);
    if (existing && isAnswered(existing.status)) return existing;
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
    const entry = await this.claim(conversationId, { conversationId, url: how.url, credentials: how.credentials, attempts: 0, nextAttemptAt: 0, source });
    // Another page leased it between the reads above and now: its answer will be the receipt.
    if (!entry) return (await readReceipt(conversationId, this.storage)) ?? existing ?? receipt;
    await this.publish(receipt);
    return this.attempt(entry, receipt);
  }

  /**
   * Sends the queued request of a conversation, unless it is gone, leased
   * by another page, or (given `seen`, the attempts counted when a drain
   * read it) attempted by another page since: then the stored receipt is
   * the answer.
   */
  private send(conversationId: string, seen?: number): Promise<DeletionReceipt | null> {
    return this.once(conversationId, () =>
      this.exclusive(conversationId, async () => {
        const entry = this.closed ? null : await this.claim(conversationId, undefined, seen);
        return entry ? this.attempt(entry) : readReceipt(conversationId, this.storage);
      }),
    );
  }

  private async entry(conversationId: string): Promise<QueueEntry | undefined> {
    return (await this.entries()).find((entry) => entry.conversationId === conversationId);
  }

  /** One request per conversation at a time in this page: a second click, a drain and `online` join the one running. */
  private once(conversationId: string, task: () => Promise<DeletionReceipt | null>): Promise<DeletionReceipt | null> {
    const running = this.running.get(conversationId);
    if (running) return running;
    const run = task().finally(() => this.running.delete(conversationId));
    this.running.set(conversationId, run);
    return run;
  }

  /** Web Locks, where this browser has them and the storage is shared with other pages. */
  private locks(): LockManager | undefined {
    return this.storage.kind === 'indexeddb' && this.storage.name ? globalThis.navigator?.locks ?? undefined : undefined;
  }

  private lockName(conversationId: string): string {
    return `discret-deletion ${this.storage.name ?? ''} ${conversationId}`;
  }

  /** One page at a time for a conversation: under its Web Lock, which the browser frees when the page goes away. */
  private exclusive<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    const locks = this.locks();
    return locks ? locks.request(this.lockName(conversationId), task) : task();
  }

  /**
   * In one transaction: reads the conversation's entry (or puts `fresh` in
   * its place) and leases it to this page. Null, with nothing changed, when
   * there is no entry, when it was attempted since `seen`, or when another
   * page holds a lease that has not run out; under a Web Lock such a lease
   * is a closed page's, and is taken over.
   */
  private async claim(conversationId: string, fresh?: QueueEntry, seen?: number): Promise<QueueEntry | null> {
    const locked = this.locks() !== undefined;
    const now = Date.now();
    let claimed: QueueEntry | null = null;
    await this.storage.update(QUEUE_KEY, (stored) => {
      const queue = entriesOf(stored);
      const current = queue.find((entry) => entry.conversationId === conversationId);
      const lease = current?.lease;
      if (!locked && lease && lease.by !== this.page && lease.until > now) return queue;
      const base = fresh ?? current;
      if (!base || (!fresh && seen !== undefined && current!.attempts !== seen)) return queue;
      claimed = { ...base, lease: { by: this.page, until: now + this.requestTimeout + LEASE_MARGIN_MS } };
      return [...queue.filter((entry) => entry !== current), claimed];
    });
    return claimed;
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
    const outcome = await sendDeletion(entry.url, entry.credentials, this.requestTimeout, typeof entry.source === 'string' ? entry.source : undefined);
    await this.storage.update(QUEUE_KEY, (stored) => {
      const rest = entriesOf(stored).filter((e) => e.conversationId !== entry.conversationId);
      if (outcome.status !== 'queued') return rest;
      const attempts = entry.attempts + 1;
      const delay = Math.min(this.maxRetryDelay, this.retryDelay * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
      const waiting: QueueEntry = { ...entry, attempts, nextAttemptAt: Date.now() + delay };
      delete waiting.lease;
      return [...rest, waiting];
    });
    if (outcome.status === 'queued') await this.schedule();
    return this.settle(current, outcome);
  }

  private settle(receipt: DeletionReceipt, outcome: DeletionOutcome): Promise<DeletionReceipt> {
    const settled: DeletionReceipt = { ...receipt, status: outcome.status };
    delete settled.failure;
    delete settled.httpStatus;
    delete settled.erasedBy;
    delete settled.verification;
    if (outcome.httpStatus !== undefined) settled.httpStatus = outcome.httpStatus;
    if (isAnswered(outcome.status)) {
      settled.confirmedAt = new Date().toISOString();
      if ('reference' in outcome && outcome.reference) settled.reference = outcome.reference;
      if ('erasedBy' in outcome && outcome.erasedBy) settled.erasedBy = outcome.erasedBy;
      if ('verification' in outcome && outcome.verification) settled.verification = outcome.verification;
    }
    if (outcome.status === 'failed') settled.failure = outcome.failure;
    return this.publish(settled);
  }

  private async publish(receipt: DeletionReceipt): Promise<DeletionReceipt> {
    await saveReceipt(receipt, this.storage);
    this.dispatchEvent(new CustomEvent<DeletionReceipt>('receipt', { detail: { ...receipt } }));
    // Memory is this page's own: the other pages could not read what they would be told.
    if (this.storage.kind === 'indexeddb') this.channel?.postMessage(receipt);
    return receipt;
  }

  /** The next drain: when the first entry is due, or when another page's lease on it runs out. */
  private async schedule(): Promise<void> {
    clearTimeout(this.timer);
    const entries = await this.entries();
    if (this.closed || !entries.length) return;
    const next = Math.min(...entries.map((entry) => Math.max(entry.nextAttemptAt, entry.lease && entry.lease.by !== this.page ? entry.lease.until : 0)));
    this.timer = setTimeout(() => void this.drain(), Math.max(0, next - Date.now()));
  }
}

/** The stored queue's valid entries; a malformed lease is dropped, not the request. */
function entriesOf(stored: unknown): QueueEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(isEntry).map((entry) => {
    const lease = entry.lease as Partial<Lease> | undefined;
    if (lease === undefined || (typeof lease?.by === 'string' && typeof lease.until === 'number')) return entry;
    const unleased = { ...entry };
    delete unleased.lease;
    return unleased;
  });
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
