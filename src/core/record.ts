/**
 * The consent record: the proof of what a visitor decided, on which
 * revision of the policy, and until when. Stored data is only ever trusted
 * after `parseRecord` has checked every field.
 */

import { isObject } from './values.js';

export const SCHEMA_VERSION = 1;

/** 13 months of 31 days: no record may promise consent longer than the CNIL allows. */
const MAX_LIFETIME_MS = 13 * 31 * 24 * 3600 * 1000;

/** The purpose every site has and no visitor can refuse. */
export const NECESSARY = 'necessary';

/** `contextual`: granted from an embed's placeholder ("Always allow"), one service at a time. */
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'gpc' | 'api' | 'contextual';

const METHODS: readonly ConsentMethod[] = ['accept-all', 'reject-all', 'custom', 'gpc', 'api', 'contextual'];

export interface ConsentRecord {
  schema: typeof SCHEMA_VERSION;
  /** Random UUID, pseudonymous; shown to the visitor as their consent reference. */
  id: string;
  /** Policy/config version the visitor saw. */
  revision: string;
  /**
   * One entry per purpose; `necessary` is always true. For a purpose exempt
   * from consent, false records the visitor's objection.
   */
  purposes: Record<string, boolean>;
  /** `purpose/service` keys, when services are declared. */
  services: Record<string, boolean>;
  method: ConsentMethod;
  locale: string;
  /** ISO 8601. */
  decidedAt: string;
  /** ISO 8601; decidedAt + max-age. */
  expiresAt: string;
  /** Hash of the texts and purposes shown: what was consented to. */
  configHash: string;
  /** The purposes that needed no consent (CNIL-exempt audience measurement), when any: their entry in `purposes` says whether the visitor objected. */
  exempt?: string[];
}

/** Why a stored value could not be used as a record, or `null` when it can. */
export type RecordProblem = string;


const isString = (value: unknown): value is string => typeof value === 'string';

const isIsoDate = (value: unknown): value is string => isString(value) && value.length >= 10 && !Number.isNaN(Date.parse(value));

const isBooleanMap = (value: unknown): value is Record<string, boolean> =>
  isObject(value) && Object.values(value).every((v) => typeof v === 'boolean');

/** What each field of a record must be; a record has these fields and no others. */
const FIELDS: Record<keyof ConsentRecord, (value: unknown) => boolean> = {
  schema: (value) => value === SCHEMA_VERSION,
  id: (value) => isString(value) && value !== '',
  revision: isString,
  purposes: (value) => isBooleanMap(value) && value[NECESSARY] === true,
  services: isBooleanMap,
  method: (value) => METHODS.includes(value as ConsentMethod),
  locale: isString,
  decidedAt: isIsoDate,
  expiresAt: isIsoDate,
  configHash: isString,
  exempt: (value) => value === undefined || (Array.isArray(value) && value.every(isString)),
};

/**
 * Checks stored data field by field. Returns a copy of the record, or the
 * reason it was refused: a record that does not validate is "no record",
 * never consent.
 */
export function parseRecord(value: unknown): ConsentRecord | RecordProblem {
  if (!isObject(value)) return 'not an object';
  const record: Record<string, unknown> = {};
  for (const [field, valid] of Object.entries(FIELDS)) {
    if (!valid(value[field])) return `${field} is missing or wrong`;
    if (value[field] !== undefined) record[field] = Array.isArray(value[field]) ? [...value[field]] : isObject(value[field]) ? { ...value[field] } : value[field];
  }
  const lifetime = Date.parse(value.expiresAt as string) - Date.parse(value.decidedAt as string);
  return lifetime > 0 && lifetime <= MAX_LIFETIME_MS ? (record as unknown as ConsentRecord) : 'expiresAt is not within 13 months of decidedAt';
}

export const isRecord = (parsed: ConsentRecord | RecordProblem): parsed is ConsentRecord =>
  typeof parsed !== 'string';

/** A withdrawal: the visitor took their decision back. Kept where the record was, and in the history. */
export interface Withdrawal {
  id: string;
  method: 'withdraw';
  withdrawnAt: string;
}

/** What the store holds under its key: the last decision, or its withdrawal. */
export type ConsentEntry = ConsentRecord | Withdrawal;

/** A record or a withdrawal, checked field by field; or why it is neither. */
export function parseEntry(value: unknown): ConsentEntry | RecordProblem {
  if (isObject(value) && value.method === 'withdraw') {
    return typeof value.id === 'string' && isIsoDate(value.withdrawnAt)
      ? { id: value.id, method: 'withdraw', withdrawnAt: value.withdrawnAt }
      : 'malformed withdrawal';
  }
  return parseRecord(value);
}

/** When a decision or withdrawal was made, in epoch milliseconds. */
export const decidedAt = (entry: ConsentEntry): number =>
  Date.parse(entry.method === 'withdraw' ? entry.withdrawnAt : entry.decidedAt);

/**
 * Whether a record grants `analytics`, or `analytics/matomo` (its purpose
 * too). A purpose in `exempt` needs no consent: granted, with its services,
 * unless the record holds the visitor's objection (false).
 */
export function grants(record: ConsentRecord | null, key: string, exempt: readonly string[] = []): boolean {
  const [purpose, service] = key.split('/');
  if (exempt.includes(purpose)) return record?.purposes[purpose] !== false && (!service || record?.services[key] !== false);
  // A service is granted with its purpose, or alone (an embed's "Always allow"): its own answer says which.
  return service ? record?.services[key] === true : record?.purposes[purpose] === true;
}

/** How many purposes and services an entry grants; a withdrawal grants nothing. */
const grantCount = (entry: ConsentEntry): number =>
  entry.method === 'withdraw' ? 0 : [...Object.values(entry.purposes), ...Object.values(entry.services)].filter(Boolean).length;

/**
 * The order every tab agrees on: the later decision wins; at the same
 * instant, the one that grants less (a refusal wins a tie). Equal entries
 * are not newer than each other, so the one already kept stays.
 */
export function isNewer(entry: ConsentEntry | null, than: ConsentEntry | null): boolean {
  if (!entry) return false;
  if (!than) return true;
  return (decidedAt(entry) - decidedAt(than) || grantCount(than) - grantCount(entry)) > 0;
}

/**
 * Max-age as an ISO 8601 duration of years, months, weeks and days
 * (`P6M`, `P1Y`, `P13M`, `P30D`), as the CNIL counts consent lifetimes.
 * Returns null for anything else.
 */
export function parseDuration(text: string): { years: number; months: number; days: number } | null {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(text.trim());
  if (!match || text.trim() === 'P') return null;
  const [, y = '0', m = '0', w = '0', d = '0'] = match;
  return { years: Number(y), months: Number(m), days: Number(w) * 7 + Number(d) };
}

/**
 * Calendar arithmetic in UTC. A day the target month lacks becomes its last
 * day (31 Jan + P1M = 28 Feb), as ISO 8601 and Temporal count: spilling into
 * March would keep consent past the 13 months the CNIL allows.
 */
export function addDuration(from: Date, duration: { years: number; months: number; days: number }): Date {
  const to = new Date(from.getTime());
  const month = to.getUTCMonth() + duration.months;
  const year = to.getUTCFullYear() + duration.years;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  to.setUTCFullYear(year, month, Math.min(to.getUTCDate(), lastDay) + duration.days);
  return to;
}

/**
 * Stable 64-bit fingerprint (hex) of what the visitor was shown. Not a
 * cryptographic hash on purpose: it must be synchronous and work on plain
 * http pages, where `crypto.subtle` does not exist; it only has to tell two
 * versions of a text apart.
 */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A version 4 UUID. `crypto.randomUUID` exists only in secure contexts; a
 * blob URL ends with one everywhere, plain http pages included.
 */
export function randomId(): string {
  if (globalThis.isSecureContext) return crypto.randomUUID();
  const url = URL.createObjectURL(new Blob());
  URL.revokeObjectURL(url);
  return url.slice(-36);
}
