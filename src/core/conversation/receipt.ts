import type { ConsentStorage } from '../storage.js';
import { warn } from '../warn.js';
import { chatStorage } from './chat-storage.js';

/**
 * `pending`: being sent now. `queued`: the provider could not be reached
 * (offline, network error, 5xx) and the request waits to be sent again.
 * `confirmed`: the provider said the conversation is gone (or already was).
 * `failed`: the provider refused, or no provider answered; only the visitor's
 * retry sends it again.
 */
export type DeletionStatus = 'pending' | 'queued' | 'confirmed' | 'failed';

/** Why a deletion failed. */
export type DeletionFailure = 'unauthorized' | 'refused' | 'provider' | 'no-provider' | 'interrupted';

/** The visitor's proof that they asked for a conversation to be deleted, and what came of it. */
export interface DeletionReceipt {
  conversationId: string;
  /** ISO 8601; when the visitor first asked. */
  requestedAt: string;
  status: DeletionStatus;
  /** ISO 8601; when the provider confirmed. */
  confirmedAt?: string;
  /** The provider's own reference for the deletion, when it gave one. */
  reference?: string;
  /** The endpoint asked, or `event` when a page script answered the request event. */
  via: string;
  /** Requests sent to the provider so far. */
  attempts: number;
  failure?: DeletionFailure;
  /** The provider's last HTTP status. */
  httpStatus?: number;
  /** What was erased from this browser before the provider was asked. */
  local?: { keys: string[]; databases: string[] };
}

const PREFIX = 'receipt:';
const STATUSES: readonly DeletionStatus[] = ['pending', 'queued', 'confirmed', 'failed'];
const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Keeps a stored receipt only if its fields are what they claim; anything else is dropped, never shown as done. */
export function parseReceipt(value: unknown): DeletionReceipt | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (typeof r.conversationId !== 'string' || typeof r.requestedAt !== 'string' || typeof r.via !== 'string') return null;
  if (!STATUSES.includes(r.status as DeletionStatus) || typeof r.attempts !== 'number') return null;
  if (r.status === 'confirmed' && typeof r.confirmedAt !== 'string') return null;
  const local = r.local as Record<string, unknown> | undefined;
  return {
    conversationId: r.conversationId,
    requestedAt: r.requestedAt,
    status: r.status as DeletionStatus,
    ...(typeof r.confirmedAt === 'string' && { confirmedAt: r.confirmedAt }),
    ...(typeof r.reference === 'string' && { reference: r.reference }),
    via: r.via,
    attempts: r.attempts,
    ...(typeof r.failure === 'string' && { failure: r.failure as DeletionFailure }),
    ...(typeof r.httpStatus === 'number' && { httpStatus: r.httpStatus }),
    ...(local && strings(local.keys) && strings(local.databases) && { local: { keys: local.keys, databases: local.databases } }),
  };
}

export async function readReceipt(conversationId: string, storage: ConsentStorage = chatStorage()): Promise<DeletionReceipt | null> {
  const stored = await storage.get<unknown>(PREFIX + conversationId);
  if (stored === undefined) return null;
  const receipt = parseReceipt(stored);
  if (!receipt) warn(`stored receipt "${PREFIX}${conversationId}" is malformed; it is ignored`);
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
