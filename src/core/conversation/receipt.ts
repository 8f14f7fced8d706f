import type { ConsentStorage } from '../storage.js';
import { warn } from '../warn.js';
import { chatStorage } from './chat-storage.js';

/**
 * Where a deletion request stands, each outcome its own word:
 * `pending`: being sent now. `queued`: the provider could not be reached or
 * could not handle it for now (offline, timeout, 408, 429, 5xx); it waits to
 * be sent again. `deleted`: the provider said it deleted the conversation
 * (2xx, or a page script's answer). `nothing-to-delete`: the provider said it
 * holds nothing under this id (404, 410). `scheduled`: the provider accepted
 * the request and said by when it will erase the conversation (202 with
 * `{ erasedBy }`, kept in `erasedBy`). `awaiting-verification`: the provider
 * wants the visitor to confirm from an e-mail it sent (202 with
 * `{ verification: "email" }`). `accepted`: the provider received the request
 * without saying when it will carry it out (any other 202): not confirmed.
 * `failed`: the provider refused, redirected, or no provider answered; only
 * the visitor's retry sends it again.
 */
export type DeletionStatus = 'pending' | 'queued' | 'deleted' | 'nothing-to-delete' | 'scheduled' | 'awaiting-verification' | 'accepted' | 'failed';

/** The provider took the request: it says so, and it is not asked again. */
export const ANSWERED_STATUSES: readonly DeletionStatus[] = ['deleted', 'nothing-to-delete', 'scheduled', 'awaiting-verification', 'accepted'];

/** Answered, but the conversation is not erased yet as far as this browser knows: never shown as done. */
export const isWaiting = (status: DeletionStatus | undefined): boolean => status === 'scheduled' || status === 'awaiting-verification' || status === 'accepted';

/** How the provider asks the visitor to confirm a deletion. */
export type DeletionVerification = 'email';

export const isAnswered = (status: DeletionStatus | undefined): boolean => ANSWERED_STATUSES.includes(status as DeletionStatus);

/** Why a deletion failed. */
export type DeletionFailure = 'unauthorized' | 'refused' | 'redirected' | 'provider' | 'no-provider' | 'interrupted';

/** The visitor's proof that they asked for a conversation to be deleted, and what came of it. */
export interface DeletionReceipt {
  conversationId: string;
  /** ISO 8601; when the visitor first asked. */
  requestedAt: string;
  status: DeletionStatus;
  /** ISO 8601; when the provider gave the answer that settled it: deleted, nothing to delete, or accepted. */
  confirmedAt?: string;
  /** The provider's own reference for the deletion, when it gave one. */
  reference?: string;
  /** ISO 8601; with `scheduled` (and possibly `awaiting-verification`): the date by which the provider said it will erase the conversation. */
  erasedBy?: string;
  /** With `awaiting-verification`: how the visitor confirms (`email`: from an e-mail the provider sent). */
  verification?: DeletionVerification;
  /** The endpoint asked, or `event` when a page script answered the request event. */
  via: string;
  /** Requests sent to the provider so far. */
  attempts: number;
  failure?: DeletionFailure;
  /** The HTTP status of the provider's last answer; absent when the last request got no answer. */
  httpStatus?: number;
  /** What was erased from this browser before the provider was asked. */
  local?: { keys: string[]; databases: string[] };
}

const PREFIX = 'receipt:';

/** The BroadcastChannel on which every change of a receipt kept in database `database` is told to the other pages. */
export const receiptChannel = (database: string): string => `discret-deletions:${database}`;
const STATUSES: readonly DeletionStatus[] = ['pending', 'queued', 'deleted', 'nothing-to-delete', 'scheduled', 'awaiting-verification', 'accepted', 'failed'];
const FAILURES: readonly DeletionFailure[] = ['unauthorized', 'refused', 'redirected', 'provider', 'no-provider', 'interrupted'];
const isDate = (text: string): boolean => !Number.isNaN(Date.parse(text));
const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * Receipts stored before the outcomes were told apart said `confirmed` for
 * all three; the HTTP status they kept says which it was.
 */
function statusOf(r: Record<string, unknown>): DeletionStatus | null {
  if (r.status !== 'confirmed') {
    if (!STATUSES.includes(r.status as DeletionStatus)) return null;
    // A scheduled receipt without its date, or a verification that is not one, says no more than "received".
    if (r.status === 'scheduled' && (typeof r.erasedBy !== 'string' || !isDate(r.erasedBy))) return 'accepted';
    if (r.status === 'awaiting-verification' && r.verification !== 'email') return 'accepted';
    return r.status as DeletionStatus;
  }
  if (r.httpStatus === 404 || r.httpStatus === 410) return 'nothing-to-delete';
  return r.httpStatus === 202 ? 'accepted' : 'deleted';
}

/** Keeps a stored receipt only if its fields are what they claim; anything else is dropped, never shown as done. */
export function parseReceipt(value: unknown): DeletionReceipt | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (typeof r.conversationId !== 'string' || typeof r.requestedAt !== 'string' || typeof r.via !== 'string') return null;
  const status = statusOf(r);
  if (!status || typeof r.attempts !== 'number') return null;
  if (isAnswered(status) && typeof r.confirmedAt !== 'string') return null;
  const local = r.local as Record<string, unknown> | undefined;
  return {
    conversationId: r.conversationId,
    requestedAt: r.requestedAt,
    status,
    ...(typeof r.confirmedAt === 'string' && { confirmedAt: r.confirmedAt }),
    ...(typeof r.reference === 'string' && { reference: r.reference }),
    ...((status === 'scheduled' || status === 'awaiting-verification') && typeof r.erasedBy === 'string' && isDate(r.erasedBy) && { erasedBy: r.erasedBy }),
    ...(status === 'awaiting-verification' && { verification: 'email' as const }),
    via: r.via,
    attempts: r.attempts,
    ...(status === 'failed' && { failure: FAILURES.includes(r.failure as DeletionFailure) ? (r.failure as DeletionFailure) : 'provider' }),
    ...(typeof r.httpStatus === 'number' && { httpStatus: r.httpStatus }),
    ...(local && strings(local.keys) && strings(local.databases) && { local: { keys: local.keys, databases: local.databases } }),
  };
}

export async function readReceipt(conversationId: string, storage: ConsentStorage = chatStorage()): Promise<DeletionReceipt | null> {
  const stored = await storage.get<unknown>(PREFIX + conversationId);
  if (stored === undefined) return null;
  const receipt = parseReceipt(stored);
  if (!receipt) {
    warn(`stored receipt "${PREFIX}${conversationId}" is malformed; it is ignored`);
    return null;
  }
  // The visitor's proof is kept even when a date in it cannot be read; it is shown as stored.
  const undated = (['requestedAt', 'confirmedAt'] as const).filter((field) => receipt[field] !== undefined && !isDate(receipt[field]));
  if (undated.length) {
    const listed = undated.map((field) => `${field} "${receipt[field]}"`).join(' and ');
    warn(`stored receipt "${PREFIX}${conversationId}": ${listed} ${undated.length > 1 ? 'are not dates; they are' : 'is not a date; it is'} shown as stored`);
  }
  return receipt;
}

export function saveReceipt(receipt: DeletionReceipt, storage: ConsentStorage = chatStorage()): Promise<void> {
  return storage.set(PREFIX + receipt.conversationId, receipt);
}

/** Every deletion receipt kept in this browser, oldest request first. */
export async function listReceipts(storage: ConsentStorage = chatStorage()): Promise<DeletionReceipt[]> {
  const keys = (await storage.keys()).filter((key) => key.startsWith(PREFIX));
  const receipts = await Promise.all(keys.map((key) => readReceipt(key.slice(PREFIX.length), storage)));
  return receipts.filter((r): r is DeletionReceipt => r !== null).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}

/** The visitor's copy of their deletion receipts, as JSON. */
export async function exportReceipts(storage: ConsentStorage = chatStorage()): Promise<string> {
  return JSON.stringify({ receipts: await listReceipts(storage) }, null, 2);
}
