/**
 * The consent record: the proof of what a visitor decided, on which
 * revision of the policy, and until when. Stored data is only ever trusted
 * after `parseRecord` has checked every field.
 */

export const SCHEMA_VERSION = 1;

/** 13 months of 31 days: no record may promise consent longer than the CNIL allows. */
const MAX_LIFETIME_MS = 13 * 31 * 24 * 3600 * 1000;

/** The purpose every site has and no visitor can refuse. */
export const NECESSARY = 'necessary';

export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'gpc' | 'api';

const METHODS: readonly ConsentMethod[] = ['accept-all', 'reject-all', 'custom', 'gpc', 'api'];

export interface ConsentRecord {
  schema: typeof SCHEMA_VERSION;
  /** Random UUID, pseudonymous; shown to the visitor as their consent reference. */
  id: string;
  /** Policy/config version the visitor saw. */
  revision: string;
  /** One entry per purpose; `necessary` is always true. */
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
}

/** Why a stored value could not be used as a record, or `null` when it can. */
export type RecordProblem = string;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 10 && !Number.isNaN(Date.parse(value));

const isBooleanMap = (value: unknown): value is Record<string, boolean> =>
  isObject(value) && Object.values(value).every((v) => typeof v === 'boolean');

/**
 * Checks stored data field by field. Returns the record, or the reason it was
 * refused: a record that does not validate is "no record", never consent.
 */
export function parseRecord(value: unknown): ConsentRecord | RecordProblem {
  if (!isObject(value)) return 'not an object';
  if (value.schema !== SCHEMA_VERSION) return `unknown schema ${String(value.schema)}`;
  if (typeof value.id !== 'string' || value.id === '') return 'missing id';
  if (typeof value.revision !== 'string') return 'missing revision';
  if (!isBooleanMap(value.purposes)) return 'purposes is not a map of booleans';
  if (!isBooleanMap(value.services)) return 'services is not a map of booleans';
  if (!METHODS.includes(value.method as ConsentMethod)) return `unknown method ${String(value.method)}`;
  if (typeof value.locale !== 'string') return 'missing locale';
  if (!isIsoDate(value.decidedAt)) return 'decidedAt is not a date';
  if (!isIsoDate(value.expiresAt)) return 'expiresAt is not a date';
  if (typeof value.configHash !== 'string') return 'missing configHash';
  if (value.purposes[NECESSARY] !== true) return 'necessary is not granted';
  const lifetime = Date.parse(value.expiresAt) - Date.parse(value.decidedAt);
  if (!(lifetime > 0 && lifetime <= MAX_LIFETIME_MS)) return 'expiresAt is not within 13 months of decidedAt';
  return {
    schema: SCHEMA_VERSION,
    id: value.id,
    revision: value.revision,
    purposes: { ...value.purposes },
    services: { ...value.services },
    method: value.method as ConsentMethod,
    locale: value.locale,
    decidedAt: value.decidedAt,
    expiresAt: value.expiresAt,
    configHash: value.configHash,
  };
}

export const isRecord = (parsed: ConsentRecord | RecordProblem): parsed is ConsentRecord =>
  typeof parsed !== 'string';

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

/** `crypto.randomUUID` exists only in secure contexts; plain http pages get the same format from getRandomValues. */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
