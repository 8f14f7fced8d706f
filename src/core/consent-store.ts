import { normalizeConfig, type ConsentConfig, type NormalizedConfig, type PurposeDefinition } from './config.js';
import { presentCookies } from './cookies.js';
import { readCopy, writeCopy } from './copy.js';
import { RECORD_KEY, changeOf, expireCookies, explainConfig, makeRecord, readHistory, save } from './decisions.js';
import type { ConsentChangeDetail, ConsentReadyDetail } from './events.js';
import { NECESSARY, addDuration, decidedAt, grants, isNewer, parseDuration, parseEntry, type ConsentEntry, type ConsentMethod, type ConsentRecord } from './record.js';
import { whenIdle } from './parsing.js';
import { page } from './registry.js';
import { IndexedDBStorage, type ConsentStorage } from './storage.js';
import { warn } from './warn.js';

export type { Withdrawal } from './record.js';
export type HistoryEntry = ConsentEntry;

const COPY = 'the consent copy in localStorage';
/** Enough to prove a year of changes of mind without growing without end. */
const DEFAULT_HISTORY_LIMIT = 50;
/** A record decided further ahead than this was not decided on this clock: it is no consent. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface ConsentStoreOptions {
  /** Defaults to IndexedDB database `discret`; when it fails, decisions are kept for the browsing session. */
  storage?: ConsentStorage;
  /** BroadcastChannel name shared by the tabs of a site; null for none. */
  channel?: string | null;
  /** Where `discret-consent-ready` and `discret-consent-change` are fired; null for nowhere. */
  announce?: EventTarget | null;
  /** Clock, for expiry and for the order of decisions. */
  now?: () => Date;
  historyLimit?: number;
  /** Global Privacy Control; read from the browser by default. */
  gpc?: boolean;
}

/**
 * The page's one source of truth about consent. It reads the stored
 * decision once, judges it against the configuration, records decisions,
 * keeps the other tabs in step and announces each decision once.
 *
 * Nothing is granted until both the stored decision is read and the
 * configuration is known (`ready`): a decision made for another revision
 * must not run anything in the meantime. Decisions made before that wait and
 * apply in order on top of what was read. A decision takes effect once it is
 * written; tabs agree on one order of decisions (the later wins, a refusal
 * wins a tie), checked inside the storage's own transaction. How decisions
 * are made and kept lives in `decisions.ts`, which the script tag fetches
 * only when someone decides.
 *
 * Fires on itself `update` whenever what `granted()` answers may have changed,
 * `change` and `ready` with the same details as the `discret-consent-*`
 * events it announces, and `preferences-request`.
 */
export class ConsentStore extends EventTarget {
  /** Resolves once the stored decision is read and the configuration known: `granted()` answers from then on. */
  readonly ready: Promise<ConsentRecord | null>;
  /** Resolves with the record found in storage, before any configuration judges it. */
  readonly stored: Promise<ConsentRecord | null>;
  readonly gpc: boolean;
  readonly storage: ConsentStorage;
  #latest: ConsentEntry | null = null;
  #config = normalizeConfig({});
  /** The last configuration given, as JSON: the same one given again changes nothing, says nothing. */
  #configKey?: string;
  #isConfigured = false;
  #configured!: () => void;
  #isReady = false;
  /** Changes announced before `ready`, dispatched once it is. */
  #deferred: [string, unknown][] | null = [];
  /** Decisions in the order they were made; the first waits for the read and the configuration. */
  #queue: Promise<unknown>;
  #pending = 0;
  #lastDecidedAt = 0;
  #channel: BroadcastChannel | null;
  readonly #options: ConsentStoreOptions;

  constructor(options: ConsentStoreOptions = {}) {
    super();
    this.#options = options;
    this.storage = options.storage ?? new IndexedDBStorage();
    this.gpc = options.gpc ?? (globalThis.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl === true;
    const channel = options.channel === undefined ? 'discret' : options.channel;
    this.#channel = channel !== null && globalThis.BroadcastChannel ? new BroadcastChannel(channel) : null;
    this.#channel?.addEventListener('message', this.#handleMessage);
    // A returning visitor's decision is known now, from its copy; IndexedDB is read once the page is idle.
    const copy = this.#readCopy();
    void this.#take(copy, false);
    if (copy) whenIdle(() => void this.#check(copy));
    const read = copy ? Promise.resolve(copy) : this.#read();
    this.stored = read.then((entry) => (entry?.method === 'withdraw' ? null : entry));
    const booted = Promise.all([read, new Promise<void>((resolve) => (this.#configured = resolve))]).then(([entry]) => {
      // What storage held is no change: `ready` says it.
      this.#take(entry, false);
      this.#clearRefusedCookies();
    });
    this.#queue = booted;
    this.ready = booted.then(async () => {
      while (this.#pending) await this.#queue;
      this.#isReady = true;
      // A refused purpose's cookie can come back (a script that ran before the refusal, the server): it goes again.
      (globalThis.cookieStore ?? globalThis.document)?.addEventListener(globalThis.cookieStore ? 'change' : 'visibilitychange', this.#handleCookies);
      this.#notify();
      const record = this.judge(this.#latest);
      this.emit<ConsentReadyDetail>('ready', { record, needsDecision: this.needsDecision });
      const deferred = this.#deferred!;
      this.#deferred = null;
      for (const [type, detail] of deferred) this.emit(type, detail);
      return record;
    });
  }

  /** The last decision stored, whether or not it is still valid; null before any, and after a withdrawal. */
  get record(): ConsentRecord | null {
    return this.#latest?.method === 'withdraw' ? null : this.#latest;
  }

  get purposes(): readonly PurposeDefinition[] {
    return this.#config.purposes;
  }

  /** The configuration in force, as normalised: what the components render. */
  get settings(): Readonly<NormalizedConfig> {
    return this.#config;
  }

  /** False until `configure()` was called once. */
  get isConfigured(): boolean {
    return this.#isConfigured;
  }

  /**
   * True when the visitor must be asked: no record, expired, another
   * revision, or a declared purpose or service that the record never decided.
   */
  get needsDecision(): boolean {
    const record = this.judge(this.#latest);
    // Purposes exempt from consent are nothing to ask about.
    const asked = this.#config.purposes.filter((purpose) => !purpose.exempt);
    return !record
      ? asked.length > 0 || !this.#config.purposes.length
      : asked.some((purpose) => !(purpose.name in record.purposes) || purpose.services!.some((service) => !(`${purpose.name}/${service.name}` in record.services)));
  }

  /**
   * Sets what the store judges records against; nothing is granted before
   * the first call. A configuration whose purposes or services are not lists
   * is said and ignored: the one in force stays.
   */
  configure(config: ConsentConfig, source = 'configure()'): void {
    if (!config || typeof config !== 'object' || Array.isArray(config)) return warn(`${source}: not an object; ignored`);
    const key = JSON.stringify(config);
    if (key === this.#configKey) return;
    this.#configKey = key;
    const normalized = normalizeConfig(config);
    if (normalized.problems.length) void explainConfig(source, normalized.problems, this);
    // Purposes or services that are not lists: the configuration is malformed, and the one in force stays.
    if (normalized.problems.some(([kind]) => kind === 'list')) return;
    this.#isConfigured = true;
    this.#config = normalized;
    this.#configured();
    this.#notify();
  }

  /**
   * `granted('analytics')` or `granted('analytics/matomo')`; `necessary` is
   * always granted. An objection to an exempt purpose holds even once its
   * record is no longer in force (another revision, expired): it was no consent.
   */
  granted(key: string): boolean {
    const exempt = this.#config.exempt;
    return key === NECESSARY || (this.#isReady && grants(this.judge(this.#latest), key, exempt) && grants(this.record, key, exempt));
  }

  /**
   * The record an entry holds if it is in force: of this revision, decided
   * in the past (within a few minutes of clock skew), not expired, and not
   * promising more than max-age allows; null otherwise. For `decisions.ts`.
   */
  judge(entry: ConsentEntry | null): ConsentRecord | null {
    if (!entry || entry.method === 'withdraw' || !this.isConfigured || entry.revision !== (this.#config.revision ?? '')) return null;
    const now = this.#now();
    const decided = decidedAt(entry);
    const expires = Math.min(Date.parse(entry.expiresAt), addDuration(new Date(decided), parseDuration(this.#config.maxAge)!).getTime());
    return decided <= now + CLOCK_SKEW_MS && now < expires ? entry : null;
  }

  /** Asks whichever element shows the preferences to open them. */
  showPreferences(): void {
    this.dispatchEvent(new Event('preferences-request'));
  }

  acceptAll(): Promise<ConsentRecord> {
    return this.decide(true, {}, 'accept-all');
  }

  rejectAll(): Promise<ConsentRecord> {
    return this.decide(false, {}, 'reject-all');
  }

  /**
   * Records a decision: purposes by name (`true` and `false`: every declared
   * purpose), services by `purpose/service`. Declared purposes left out are
   * refused; the services of a refused purpose are refused; a granted
   * purpose's services left out follow it. Resolves with the record once it
   * is written, or kept for the browsing session when it cannot be; a later
   * decision from another tab may already have superseded it (`record` then
   * holds that one).
   */
  decide(purposes: Record<string, boolean> | boolean, services: Record<string, boolean> = {}, method: ConsentMethod = 'api'): Promise<ConsentRecord> {
    return this.#enqueue(async (at) => makeRecord(this.#config, purposes, services, method, at, this.record, this.gpc)) as Promise<ConsentRecord>;
  }

  /** Forgets the decision: everything non-essential is refused and the visitor is asked again. */
  async withdraw(): Promise<void> {
    await this.#enqueue(async (at) => ({ id: this.record?.id ?? '', method: 'withdraw', withdrawnAt: at.toISOString() }));
  }

  /** Every decision and withdrawal made in this browser, oldest first, bounded. */
  async history(): Promise<HistoryEntry[]> {
    // A change listener asking for the history must see the decision it heard of.
    while (this.#pending) await this.#queue;
    return readHistory(this.storage);
  }

  /** The visitor's copy of their consent: current record and history, as JSON. */
  async export(): Promise<string> {
    return JSON.stringify({ current: this.record, history: await this.history() }, null, 2);
  }

  /** Stops listening to other tabs and to cookies; for tests and single-page apps tearing down. */
  close(): void {
    globalThis.cookieStore?.removeEventListener('change', this.#handleCookies);
    globalThis.document?.removeEventListener('visibilitychange', this.#handleCookies);
    this.#channel?.close();
    // A closed channel throws on postMessage: later decisions are still saved, only not shared.
    this.#channel = null;
  }

  /** Fires `type` on the store, and `discret-consent-<type>` where it announces; after `ready` for changes made before. */
  emit<T>(type: string, detail: T): void {
    if (this.#deferred && type !== 'ready') {
      this.#deferred.push([type, detail]);
      return;
    }
    this.dispatchEvent(new CustomEvent(type, { detail }));
    const announce = this.#options.announce === undefined ? globalThis.window : this.#options.announce;
    announce?.dispatchEvent(new CustomEvent(`discret-consent-${type}`, { detail }));
  }

  #now(): number {
    return (this.#options.now?.() ?? new Date()).getTime();
  }

  /**
   * Queues a decision. Its time is taken now, when the visitor made it (one
   * millisecond apart from the previous one in this tab, so that two quick
   * decisions keep their order); its content is made when its turn comes,
   * against the configuration and the record known by then. It is written,
   * told to the other tabs, then takes effect.
   */
  #enqueue(make: (at: Date) => Promise<ConsentEntry>): Promise<ConsentEntry> {
    const at = new Date((this.#lastDecidedAt = Math.max(this.#now(), this.#lastDecidedAt + 1)));
    this.#pending++;
    const done = this.#queue
      .then(() => make(at))
      .then(async (entry) => {
        const kept = await save(this.storage, entry, {
          withdrawsRecord: !!this.record,
          historyLimit: this.#options.historyLimit ?? DEFAULT_HISTORY_LIMIT,
          sessionKey: this.#sessionKey(),
          copyKey: this.#copyKey(),
          logEndpoint: this.#config.logEndpoint,
          trusted: (stored) => this.#parse(stored),
        });
        if (kept === entry) this.#channel?.postMessage(entry);
        await this.#take(kept);
        return entry;
      })
      .finally(() => this.#pending--);
    this.#queue = done.catch(() => {});
    // A decision made before `ready` resolves after it, when `granted()` answers.
    return done.then(async (entry) => (await this.ready, entry));
  }

  /**
   * Makes an entry the one in force if it is newer than what this tab knows
   * (before the configuration is known, only keeps it), and says what changed.
   */
  async #take(entry: ConsentEntry | null, announce = true): Promise<void> {
    const before = this.#latest;
    if (!isNewer(entry, before)) return;
    // Frozen: a page script editing the record it is told about must not change what is granted.
    if (entry && entry.method !== 'withdraw') {
      Object.freeze(entry.purposes);
      Object.freeze(entry.services);
    }
    this.#latest = Object.freeze(entry);
    if (!this.#isConfigured) return;
    this.#clearRefusedCookies();
    this.#notify();
    if (announce) this.emit<ConsentChangeDetail>('change', await changeOf(this, before, entry!));
  }

  /** Removes the cookies of the purposes and services not granted, whatever set them. */
  #clearRefusedCookies(): void {
    const record = this.judge(this.#latest);
    const cookies = this.#config.purposes.flatMap((purpose) => [
      ...(grants(record, purpose.name, this.#config.exempt) ? [] : purpose.cookies!),
      ...purpose.services!.flatMap((service) => (grants(record, `${purpose.name}/${service.name}`, this.#config.exempt) ? [] : service.cookies!)),
    ]);
    const present = cookies.length && globalThis.document ? presentCookies(cookies) : [];
    if (present.length) void expireCookies(present);
  }

  async #read(): Promise<ConsentEntry | null> {
    let stored: unknown;
    let session: string | null = null;
    try {
      stored = await this.storage.get<unknown>(RECORD_KEY);
    } catch (error) {
      warn(`stored consent could not be read (${String(error)}); the visitor will be asked`);
    }
    try {
      session = this.#sessionKey() ? sessionStorage.getItem(this.#sessionKey()!) : null;
    } catch {
      // No sessionStorage here (a sandboxed frame): storage alone tells.
    }
    const disk = stored === undefined ? null : this.#parse(stored, 'stored consent record');
    let kept: ConsentEntry | null = null;
    try {
      if (session) kept = this.#parse(JSON.parse(session), 'consent kept for this session');
    } catch {
      this.#parse(session, 'consent kept for this session');
    }
    return isNewer(kept, disk) ? kept : disk;
  }

  /** The copy of the committed entry (see `copy.ts`), or null; a malformed one is said, removed, and IndexedDB decides. */
  #readCopy(): ConsentEntry | null {
    const text = readCopy(this.#copyKey());
    if (!text) return null;
    let entry: ConsentEntry | null = null;
    try {
      entry = this.#parse(JSON.parse(text), COPY, 'IndexedDB decides');
    } catch {
      this.#parse(text, COPY, 'IndexedDB decides');
    }
    if (!entry) writeCopy(this.#copyKey(), null);
    return entry;
  }

  /**
   * IndexedDB, read once the page is idle: a newer entry there wins; a copy
   * that differs from what it holds is taken away.
   */
  async #check(copy: ConsentEntry): Promise<void> {
    let stored: unknown;
    try {
      stored = await this.storage.get<unknown>(RECORD_KEY);
    } catch {
      return;
    }
    const disk = stored === undefined ? null : this.#parse(stored, 'stored consent record');
    // The copy is not what IndexedDB holds (its write lost, or the site deleted the database): it goes, and the next page reads IndexedDB.
    if (!disk || JSON.stringify(disk) !== JSON.stringify(copy)) writeCopy(this.#copyKey(), null);
    await this.#take(disk);
  }

  /** Only IndexedDB's entries have a copy: other storages answer at once, or are the tests'. */
  #copyKey(): string | undefined {
    return this.storage.kind === 'indexeddb' ? this.#sessionKey() : undefined;
  }

  /** Where a decision storage could not keep is kept for the browsing session. */
  #sessionKey(): string | undefined {
    return this.storage.name && `discret:${this.storage.name}`;
  }

  /** A stored entry that can be trusted, or null (with a warning when `source` is given). */
  #parse(value: unknown, source?: string, then = 'the visitor will be asked'): ConsentEntry | null {
    let entry = parseEntry(value);
    if (typeof entry !== 'string' && decidedAt(entry) > this.#now() + CLOCK_SKEW_MS) entry = 'it is dated in the future';
    if (typeof entry !== 'string') return entry;
    if (source) warn(`${source} is malformed (${entry}); it is ignored and ${then}`);
    return null;
  }

  readonly #handleCookies = (): void => this.#clearRefusedCookies();

  readonly #handleMessage = (event: MessageEvent): void => {
    const entry = this.#parse(event.data, 'a consent record from another tab');
    if (entry) void this.#take(entry);
  };

  #notify(): void {
    this.dispatchEvent(new Event('update'));
  }
}

/** The page's one store, shared by every copy of discret on the page; made on first use. Tests make their own with `new ConsentStore()`. */
export function consentStore(): ConsentStore {
  return (page().store ??= new ConsentStore());
}
