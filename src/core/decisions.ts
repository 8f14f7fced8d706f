/**
 * Making and keeping decisions: the part of the store a page needs only
 * when someone decides. The script tag's page core fetches it on demand
 * (with the banner, or on the first decision made in code); bundles hold it
 * as they hold the rest.
 */
import { isSafeUrl, type ConfigProblem, type NormalizedConfig } from './config.js';
import { ATTRIBUTES, COOKIE_ATTRIBUTES, LOCALIZED, SERVICE_ATTRIBUTES, VENDOR_ATTRIBUTES } from './attributes.js';
import type { ConsentStore } from './consent-store.js';
export { expireCookies } from './cookies.js';
import { writeCopy } from './copy.js';
import type { ConsentChangeDetail } from './events.js';
import {
  NECESSARY,
  SCHEMA_VERSION,
  addDuration,
  fingerprint,
  grants,
  isNewer,
  parseDuration,
  parseEntry,
  randomId,
  type ConsentEntry,
  type ConsentMethod,
  type ConsentRecord,
} from './record.js';
import type { ConsentStorage } from './storage.js';
import { warn } from './warn.js';

export const RECORD_KEY = 'consent';
const HISTORY_KEY = 'consent-history';

/**
 * The record of a decision made at `at`: purposes by name, services by
 * `purpose/service`, anything left out refused. `true` and `false` accept or
 * refuse every declared purpose, except that Global Privacy Control keeps
 * its purposes refused on "accept all", and then the method says so (`gpc`).
 * Otherwise declared purposes left out are refused; the services of a
 * refused purpose are refused; a granted purpose's services left out follow
 * it; undeclared names are kept as given.
 *
 * A purpose exempt from consent is not consented to: "accept all" and
 * "reject all" leave it as it was (refusing consent is no objection), and
 * left out it stays as it was, granted unless the visitor objected. A
 * `contextual` decision (an embed's "Always allow") decides only what it
 * names: purposes it leaves out stay undecided, and the banner still asks.
 */
export function makeRecord(
  config: NormalizedConfig,
  chosen: Record<string, boolean> | boolean,
  chosenServices: Record<string, boolean>,
  method: ConsentMethod,
  at: Date,
  previous: ConsentRecord | null,
  gpc: boolean,
): ConsentRecord {
  if (typeof chosen === 'boolean') {
    const all = chosen;
    chosen = {};
    for (const purpose of config.purposes) if (!purpose.exempt) chosen[purpose.name] = all && !(gpc && purpose.gpcOptOut);
    if (all && Object.values(chosen).some((granted) => !granted)) method = 'gpc';
  }
  const purposes: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  for (const [name, value] of Object.entries(chosen ?? {})) purposes[name] = value === true;
  for (const [key, value] of Object.entries(chosenServices ?? {})) services[key] = value === true;
  purposes[NECESSARY] = true;
  for (const purpose of config.purposes) {
    if (purpose.exempt) purposes[purpose.name] ??= previous?.purposes[purpose.name] !== false;
    else if (method !== 'contextual') purposes[purpose.name] ??= false;
    for (const service of purpose.services ?? []) {
      const key = `${purpose.name}/${service.name}`;
      // Granted with its purpose unless refused on its own; without its purpose, only when granted alone.
      services[key] = purposes[purpose.name] === true ? (services[key] ?? true) : services[key] === true;
    }
  }
  return {
    schema: SCHEMA_VERSION,
    id: previous?.id ?? randomId(),
    revision: config.revision ?? '',
    purposes,
    services,
    method,
    locale: config.locale || globalThis.document?.documentElement.lang || '',
    decidedAt: at.toISOString(),
    expiresAt: addDuration(at, parseDuration(config.maxAge)!).toISOString(),
    configHash:
      config.configHash ??
      fingerprint(JSON.stringify([config.revision, config.purposes, config.texts, config.locale, config.policyHref])),
    ...(config.exempt.length ? { exempt: [...config.exempt] } : {}),
  };
}

export interface SaveOptions {
  /** Whether this tab had a record before: a withdrawal of nothing is no event in the history. */
  withdrawsRecord: boolean;
  historyLimit: number;
  /** sessionStorage key for the decisions storage cannot keep; none for no fallback. */
  sessionKey?: string;
  /** localStorage key of the synchronous copy of the committed entry (`copy.ts`); none for no copy. */
  copyKey?: string;
  logEndpoint?: string;
  /** Judges the entry storage holds: null when it cannot be trusted. */
  trusted: (stored: unknown) => ConsentEntry | null;
}

/** Storages already said to be unable to keep consent: once each is enough. */
const unsaved = new WeakSet<ConsentStorage>();

/**
 * Writes a decision unless storage already holds a newer one, and resolves
 * with the entry storage holds afterwards: the decision, or the newer one
 * that supersedes it. When it cannot be written, the older record is
 * deleted, so that no later page can read a wider grant than the visitor
 * left, and the decision is kept in sessionStorage for the browsing
 * session, with one warning. A decision kept is also sent to the log
 * endpoint.
 */
export async function save(storage: ConsentStorage, entry: ConsentEntry, options: SaveOptions): Promise<ConsentEntry> {
  let kept = entry;
  const key = options.copyKey;
  const locks = key ? globalThis.navigator?.locks : undefined;
  const commit = () =>
    storage.update(RECORD_KEY, (stored) => {
      const current = options.trusted(stored);
      return current && !isNewer(entry, current) ? current : entry;
    });
  // No page may read the copy of an older entry once this one is committed: it goes first, and what IndexedDB holds comes back after.
  writeCopy(key, null);
  try {
    kept = locks
      ? await locks.request(key!, async () => {
          writeCopy(key, null);
          const written = await commit();
          writeCopy(key, written);
          return written;
        })
      : await commit();
    if (kept === entry) {
      // In memory, the session keeps it for the next pages of this tab; on disk, the session copy is stale.
      session(options.sessionKey, storage.kind === 'memory' ? entry : null);
      await appendHistory(storage, entry, options).catch((error: unknown) => warn(`the consent history could not be saved (${String(error)})`));
    }
  } catch (error) {
    await storage.del(RECORD_KEY).catch(() => {});
    session(options.sessionKey, entry);
    if (!unsaved.has(storage)) warn(`consent could not be saved (${String(error)}); it holds for this browsing session only`);
    unsaved.add(storage);
  }
  if (kept === entry && (entry.method !== 'withdraw' || options.withdrawsRecord)) sendToLog(entry, options.logEndpoint);
  return kept;
}

/** Keeps an entry in (or, for null, removes it from) sessionStorage, where there is one. */
function session(key: string | undefined, entry: ConsentEntry | null): void {
  try {
    if (key && entry) sessionStorage.setItem(key, JSON.stringify(entry));
    else if (key) sessionStorage.removeItem(key);
  } catch {
    // No sessionStorage here (a sandboxed frame): this page holds the decision, and the older record is gone.
  }
}

async function appendHistory(storage: ConsentStorage, entry: ConsentEntry, options: SaveOptions): Promise<void> {
  if (entry.method === 'withdraw' && !options.withdrawsRecord) return;
  await storage.update(HISTORY_KEY, (stored) => {
    const history = Array.isArray(stored) ? [...stored, entry] : [entry];
    // Not `slice(-limit)`: with a limit of 0 that keeps everything.
    return history.slice(Math.max(0, history.length - options.historyLimit));
  });
}

let warnedLog = false;

function sendToLog(entry: ConsentEntry, url: string | undefined): void {
  if (!url) return;
  if (!isSafeUrl(url)) {
    if (!warnedLog) warn(`log-endpoint="${url}": only http(s) or relative URLs are allowed; records are not sent`);
    warnedLog = true;
    return;
  }
  const body = JSON.stringify(entry);
  try {
    if (navigator.sendBeacon?.(url, new Blob([body], { type: 'application/json' }))) return;
  } catch {
    // Some browsers throw on beacons to other origins; fetch below still tries.
  }
  fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' } }).catch((error: unknown) =>
    warn(`log-endpoint="${url}" did not receive the record (${String(error)})`),
  );
}

const CONFIG_PROBLEMS: Record<ConfigProblem[0], (value: string) => string> = {
  list: () => ': not a list; nothing in it can be granted',
  name: (value) => ` name="${value}": not a name of letters, digits, - or _; ignored`,
  twice: (value) => ` name="${value}": declared twice, or reserved (necessary); ignored`,
  'max-age': (value) => `="${value}": not an ISO 8601 duration such as P6M; using P6M`,
  long: (value) => `="${value}": longer than the CNIL's 13 months; using P13M`,
  revision: (value) =>
    value === 'undefined' || !value.trim()
      ? ': missing; a decision cannot be told from one made for an older policy (revision="2026-11")'
      : `=${value}: a number; taken as the text "${value}" (write it as a string)`,
  attribute: (value) => ` ${value}=: not an attribute of this element; ignored${suggestion(value)}`,
  undeclared: (value) => `="${value}": no such purpose or service is declared; what it holds back never runs`,
  elements: (value) => `: several on the page, with revisions ${value}; only the first configures`,
  purposes: () => ': no purposes; no banner is shown and nothing non-essential is granted',
};


/** ` (revision?)` when a known attribute is one or two edits away. */
function suggestion(typed: string): string {
  const distance = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length];
  };
  const near = Object.values(READS).flat().find((known) => distance(typed, known) <= 2 || (typed.includes(known.split('-')[0]) && known.includes('-')));
  return near ? ` (${near}?)` : '';
}

/** What has been said already, by the store (or page) it was said for: a configuration read again says nothing new. */
const said = new WeakMap<object, Set<string>>();

/**
 * Says in words, one warning each, what `normalizeConfig` found wrong with
 * a configuration from `source`; once per `owner` (the store) when given.
 */
export function explainConfig(source: string, problems: ConfigProblem[], owner?: object): void {
  const saidHere = owner ? (said.get(owner) ?? said.set(owner, new Set()).get(owner)!) : new Set<string>();
  for (const [kind, where, value] of problems) {
    const message = `${source} ${where}${CONFIG_PROBLEMS[kind](String(value))}`;
    if (!saidHere.has(message)) warn(message);
    saidHere.add(message);
  }
}

/** Attributes any element may carry, and the families discret leaves alone (`data-`, `aria-`, `text-`, `on…`). */
const GLOBAL = /^(id|class|style|title|hidden|dir|lang|slot|part|exportparts|tabindex|role|translate|inert|nonce|is|(data|aria|text)-.+|on.+)$/;

/** What each configuring element reads. */
const READS: Record<string, string[]> = {
  'discret-consent': Object.keys(ATTRIBUTES),
  'discret-purpose': [...SERVICE_ATTRIBUTES, 'gpc-opt-out', 'exempt', 'objectable'],
  'discret-service': [...SERVICE_ATTRIBUTES, ...VENDOR_ATTRIBUTES],
  'discret-cookie': COOKIE_ATTRIBUTES,
};

/**
 * Looks over the page's markup once its configuration is known, for what
 * a site owner most often gets wrong and discret cannot fix: attributes
 * that are not read (`revison`, `lable`), a `data-purpose` naming nothing
 * declared (what it holds back never runs), several `<discret-consent>` with
 * different revisions, no purpose at all. Each is said once. The page core
 * runs it when the decisions' code arrives: on every first visit, and
 * whenever someone decides.
 */
export function inspectPage(store: ConsentStore, doc: Document = document): void {
  const problems: ConfigProblem[] = [];
  for (const element of doc.querySelectorAll(Object.keys(READS).join(','))) {
    for (const { name } of element.attributes) {
      if (!READS[element.localName].includes(name) && !GLOBAL.test(name) && !(element.localName !== 'discret-consent' && LOCALIZED.test(name))) problems.push(['attribute', `<${element.localName}>`, name]);
    }
  }
  const declared = new Set([NECESSARY, ...store.purposes.flatMap((purpose) => [purpose.name, ...(purpose.services ?? []).map((service) => `${purpose.name}/${service.name}`)])]);
  const keys = [...doc.querySelectorAll<HTMLElement>('[data-purpose]')].flatMap((node) => node.dataset.purpose!.split(/\s+/));
  for (const key of new Set(keys)) if (key && !declared.has(key)) problems.push(['undeclared', 'data-purpose', key]);
  const revisions = new Set([...doc.querySelectorAll('discret-consent[revision]')].map((element) => element.getAttribute('revision')));
  if (revisions.size > 1) problems.push(['elements', '<discret-consent>', [...revisions].join(', ')]);
  if (!store.purposes.length) problems.push(['purposes', 'configuration', '']);
  explainConfig('the page', problems, store);
}

/** Every decision and withdrawal kept in this browser, oldest first. */
export async function readHistory(storage: ConsentStorage): Promise<ConsentEntry[]> {
  // Storage that cannot be read kept no history: the visitor's copy is the current record alone.
  const stored = await storage.get<unknown>(HISTORY_KEY).catch(() => undefined);
  return Array.isArray(stored) ? stored.map(parseEntry).filter((entry): entry is ConsentEntry => typeof entry !== 'string') : [];
}

/**
 * What a change of decision changed: the purposes and services (declared, or
 * named by either record) whose grant flipped.
 */
export function changeOf(store: ConsentStore, before: ConsentEntry | null, after: ConsentEntry): ConsentChangeDetail {
  const keys = new Set<string>();
  for (const purpose of store.purposes) {
    keys.add(purpose.name);
    for (const service of purpose.services ?? []) keys.add(`${purpose.name}/${service.name}`);
  }
  for (const entry of [before, after]) {
    if (entry && entry.method !== 'withdraw') Object.keys({ ...entry.purposes, ...entry.services }).forEach((key) => keys.add(key));
  }
  keys.delete(NECESSARY);
  const [was, is] = [store.judge(before), store.judge(after)];
  return { record: store.record, changed: [...keys].filter((key) => grants(was, key, store.settings.exempt) !== grants(is, key, store.settings.exempt)), method: after.method };
}
