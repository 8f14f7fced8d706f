import type { ConsentStorage } from '../storage.js';
import { warn } from '../warn.js';
import { chatStorage } from './chat-storage.js';

/** What proves that a visitor read a chat notice: which text, and when. */
export interface Acknowledgement {
  noticeId: string;
  /** Fingerprint of the notice's text as shown; another text must be acknowledged again. */
  hash: string;
  /** ISO 8601. */
  acknowledgedAt: string;
}

/**
 * `opt-in`: conversations are used for training only once the visitor
 * turns it on. `opt-out`: used unless the visitor objects.
 */
export type TrainingMode = 'opt-in' | 'opt-out';

/** A choice the visitor made about training; absent until they touch the switch. */
export interface TrainingChoice {
  noticeId: string;
  allowed: boolean;
  /** The mode the notice was in when the visitor chose. */
  mode: TrainingMode;
  /** ISO 8601. */
  decidedAt: string;
}

/** The notice id used when a notice has no `notice-id`. */
export const DEFAULT_NOTICE_ID = 'chat';

const ackKey = (noticeId: string) => `ack:${noticeId}`;
const trainingKey = (noticeId: string) => `training:${noticeId}`;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isDate = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** The stored acknowledgement of a notice, or null; malformed data is ignored with a warning, never taken as read. */
export async function readAcknowledgement(noticeId = DEFAULT_NOTICE_ID, storage = chatStorage()): Promise<Acknowledgement | null> {
  const value = await storage.get<unknown>(ackKey(noticeId));
  if (value === undefined) return null;
  if (isObject(value) && typeof value.hash === 'string' && isDate(value.acknowledgedAt)) {
    return { noticeId, hash: value.hash, acknowledgedAt: value.acknowledgedAt };
  }
  warn(`stored acknowledgement "${ackKey(noticeId)}" is malformed; the visitor will be asked again`);
  return null;
}

export async function saveAcknowledgement(
  noticeId: string,
  hash: string,
  storage: ConsentStorage = chatStorage(),
  now = new Date(),
): Promise<Acknowledgement> {
  const acknowledgement: Acknowledgement = { noticeId, hash, acknowledgedAt: now.toISOString() };
  await storage.set(ackKey(noticeId), acknowledgement);
  return acknowledgement;
}

/**
 * What the visitor chose about training on their conversations, or null when
 * they never touched the switch: then the notice's mode decides (`opt-in`:
 * not allowed, `opt-out`: allowed). Providers read this before using a
 * conversation; malformed data is ignored with a warning.
 */
export async function readTrainingChoice(noticeId = DEFAULT_NOTICE_ID, storage = chatStorage()): Promise<TrainingChoice | null> {
  const value = await storage.get<unknown>(trainingKey(noticeId));
  if (value === undefined) return null;
  if (isObject(value) && typeof value.allowed === 'boolean' && (value.mode === 'opt-in' || value.mode === 'opt-out') && isDate(value.decidedAt)) {
    return { noticeId, allowed: value.allowed, mode: value.mode, decidedAt: value.decidedAt };
  }
  warn(`stored training choice "${trainingKey(noticeId)}" is malformed; it is ignored`);
  return null;
}

/** Every acknowledgement kept in this storage, oldest first; malformed ones are left out with a warning. */
export async function listAcknowledgements(storage: ConsentStorage = chatStorage()): Promise<Acknowledgement[]> {
  const ids = noticeIds(await storage.keys(), ackKey(''));
  const read = await Promise.all(ids.map((id) => readAcknowledgement(id, storage)));
  return read.filter((ack): ack is Acknowledgement => ack !== null).sort((a, b) => a.acknowledgedAt.localeCompare(b.acknowledgedAt));
}

/** Every training choice kept in this storage, oldest first; malformed ones are left out with a warning. */
export async function listTrainingChoices(storage: ConsentStorage = chatStorage()): Promise<TrainingChoice[]> {
  const ids = noticeIds(await storage.keys(), trainingKey(''));
  const read = await Promise.all(ids.map((id) => readTrainingChoice(id, storage)));
  return read.filter((choice): choice is TrainingChoice => choice !== null).sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
}

const noticeIds = (keys: string[], prefix: string): string[] => keys.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));

export async function saveTrainingChoice(
  noticeId: string,
  allowed: boolean,
  mode: TrainingMode,
  storage: ConsentStorage = chatStorage(),
  now = new Date(),
): Promise<TrainingChoice> {
  const choice: TrainingChoice = { noticeId, allowed, mode, decidedAt: now.toISOString() };
  await storage.set(trainingKey(noticeId), choice);
  return choice;
}
