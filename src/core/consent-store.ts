import { normalizeConfig, type ConsentConfig, type NormalizedConfig, type PurposeDefinition } from './config.js';
import { clearCookies } from './cookies.js';
import type { ChangeMethod, ConsentChangeDetail, ConsentReadyDetail } from './events.js';
import {
  NECESSARY,
  SCHEMA_VERSION,
  addDuration,
  isRecord,
  parseDuration,
  parseRecord,
  randomId,
  type ConsentMethod,
  type ConsentRecord,
} from './record.js';
import { IndexedDBStorage, type ConsentStorage } from './storage.js';
import { warn } from './warn.js';

const RECORD_KEY = 'consent';
const HISTORY_KEY = 'consent-history';
/** Enough to prove a year of changes of mind without growing without end. */
const DEFAULT_HISTORY_LIMIT = 50;

/** A withdrawal, as kept in the history next to the records. */
export interface Withdrawal {
  id: string;
  method: 'withdraw';
  withdrawnAt: string;
}

export type HistoryEntry = ConsentRecord | Withdrawal;

/** What a visitor chose: purposes by name, services by `purpose/service`. Anything left out is refused. */
export interface ConsentChoices {
  purposes: Record<string, boolean>;
  services?: Record<string, boolean>;
}

export interface ConsentStoreOptions {
  /** Defaults to IndexedDB database `discret`, with memory fallback. */
  storage?: ConsentStorage;
  /** BroadcastChannel name shared by the tabs of a site; null for none. */
  channel?: string | null;
  /** Where `discret-consent-ready` and `discret-consent-change` are fired; null for nowhere. */
  announce?: EventTarget | null;
  /** Clock, for expiry. */
  now?: () => Date;
  historyLimit?: number;
  /** Global Privacy Control; read from the browser by default. */
  gpc?: boolean;
}

type ChannelMessage = { type: 'record'; record: unknown } | { type: 'withdraw' };

/**
 * The page's one source of truth about consent. It reads the stored record
 * once, judges it against the configuration, records decisions, keeps the
 * other tabs in step and announces each decision once.
 *
 * Fires `update` on itself whenever what `granted()` answers may have
 * changed (decision, another tab, new configuration); controllers and the
 * gate listen to that. The page hears `discret-consent-*` on `announce`.
 */
export class ConsentStore extends EventTarget {
  /** Resolves once the stored record has been read (or found unusable). */
  readonly ready: Promise<ConsentRecord | null>;
  private current: ConsentRecord | null = null;
  private config = normalizeConfig({});
  private configured = false;
  private heardFromOtherTab = false;
  private readonly storage: ConsentStorage;
  private channel: BroadcastChannel | null;
  private readonly announceTarget: EventTarget | null;
  private readonly now: () => Date;
  private readonly historyLimit: number;
  /** Serialises writes so two quick decisions land in order. */
  private writes: Promise<unknown> = Promise.resolve();
  readonly gpc: boolean;

  constructor(options: ConsentStoreOptions = {}) {
    super();
    this.storage = options.storage ?? new IndexedDBStorage();
    this.announceTarget = options.announce === undefined ? globalThis.window ?? null : options.announce;
    this.now = options.now ?? (() => new Date());
    this.historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
    this.gpc = options.gpc ?? (globalThis.navigator as Navigator & { globalPrivacyControl?: boolean })?.globalPrivacyControl === true;
    const channelName = options.channel === undefined ? 'discret' : options.channel;
    this.channel = channelName !== null && typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
    this.channel?.addEventListener('message', this.handleChannelMessage);
    this.ready = this.load();
  }

  /** The stored record, whether or not it is still valid; null before any decision. */
  get record(): ConsentRecord | null {
    return this.current;
  }

  get purposes(): readonly PurposeDefinition[] {
    return this.config.purposes;
  }

  /** The configuration in force, as normalised: what the components render. */
  get settings(): Readonly<NormalizedConfig> {
    return this.config;
  }

  /** False until `configure()` was called once. */
  get isConfigured(): boolean {
    return this.configured;
  }

  /**
   * Asks whichever component shows the preferences to open them; the store
   * fires `preferences-request` and does not know who answers.
   */
  showPreferences(): void {
    this.dispatchEvent(new Event('preferences-request'));
  }

  /**
   * True when the visitor must be asked: no record, expired, another
   * revision, or a declared purpose or service that the record never decided.
   */
  get needsDecision(): boolean {
    const record = this.current;
    if (!record || !this.isValid(record)) return true;
    return this.config.purposes.some(
      (purpose) =>
        !(purpose.name in record.purposes) ||
        (purpose.services ?? []).some((service) => !(`${purpose.name}/${service.name}` in record.services)),
    );
  }

  /**
   * Sets what the store judges records against. Before the first call, only
   * expiry is checked, so that a stored decision can apply as soon as it is
   * read, before the page has finished parsing its configuration.
   */
  configure(config: ConsentConfig, source?: string): void {
    this.config = normalizeConfig(config, source);
    this.configured = true;
    this.notify();
  }

  /** `granted('analytics')` or `granted('analytics/matomo')`; `necessary` is always granted. */
  granted(key: string): boolean {
    if (key === NECESSARY) return true;
    const record = this.current;
    if (!record || !this.isValid(record)) return false;
    const slash = key.indexOf('/');
    if (slash === -1) return record.purposes[key] === true;
    return record.purposes[key.slice(0, slash)] === true && record.services[key] === true;
  }

  acceptAll(): Promise<ConsentRecord> {
    return this.decide(this.everything(true), 'accept-all');
  }

  rejectAll(): Promise<ConsentRecord> {
    return this.decide(this.everything(false), 'reject-all');
  }

  /**
   * Records a decision. Declared purposes left out are refused; the services
   * of a refused purpose are refused; a granted purpose's services left out
   * follow it. Undeclared names are kept as given.
   */
  async decide(choices: ConsentChoices, method: ConsentMethod = 'custom'): Promise<ConsentRecord> {
    await this.ready;
    const purposes: Record<string, boolean> = { [NECESSARY]: true };
    const services: Record<string, boolean> = {};
    for (const [name, value] of Object.entries(choices.purposes ?? {})) purposes[name] = value === true;
    for (const [key, value] of Object.entries(choices.services ?? {})) services[key] = value === true;
    purposes[NECESSARY] = true;
    for (const purpose of this.config.purposes) {
      purposes[purpose.name] ??= false;
      for (const service of purpose.services ?? []) {
        const key = `${purpose.name}/${service.name}`;
        services[key] = purposes[purpose.name] && (services[key] ?? true);
      }
    }
    const decidedAt = this.now();
    const maxAge = parseDuration(this.config.maxAge)!;
    const record: ConsentRecord = {
      schema: SCHEMA_VERSION,
      id: this.current?.id ?? randomId(),
      revision: this.config.revision ?? '',
      purposes,
      services,
      method,
      locale: this.config.locale || globalThis.document?.documentElement.lang || '',
      decidedAt: decidedAt.toISOString(),
      expiresAt: addDuration(decidedAt, maxAge).toISOString(),
      configHash: this.config.configHash,
    };
    const before = this.snapshot();
    this.current = record;
    this.afterChange(before, method);
    this.channel?.postMessage({ type: 'record', record } satisfies ChannelMessage);
    await this.write(async () => {
      await this.storage.set(RECORD_KEY, record);
      await this.appendHistory(record);
    });
    this.sendToLog(record);
    return record;
  }

  /** Forgets the decision: everything non-essential is refused and the visitor is asked again. */
  async withdraw(): Promise<void> {
    await this.ready;
    const before = this.snapshot();
    const id = this.current?.id;
    this.current = null;
    this.afterChange(before, 'withdraw');
    this.channel?.postMessage({ type: 'withdraw' } satisfies ChannelMessage);
    await this.write(async () => {
      await this.storage.del(RECORD_KEY);
      if (id) await this.appendHistory({ id, method: 'withdraw', withdrawnAt: this.now().toISOString() });
    });
  }

  /** Every decision and withdrawal made in this browser, oldest first, bounded. */
  async history(): Promise<HistoryEntry[]> {
    // A decision is announced before it is written: a change listener asking
    // for the history must wait for that write too, queued while it waited.
    let writes: Promise<unknown>;
    do {
      writes = this.writes;
      await writes;
    } while (writes !== this.writes);
    const stored = await this.storage.get<unknown>(HISTORY_KEY);
    if (!Array.isArray(stored)) return [];
    return stored.filter(
      (entry): entry is HistoryEntry =>
        isRecord(parseRecord(entry)) ||
        (typeof entry === 'object' && entry !== null && (entry as Withdrawal).method === 'withdraw'),
    );
  }

  /** The visitor's copy of their consent: current record and history, as JSON. */
  async export(): Promise<string> {
    return JSON.stringify({ current: this.current, history: await this.history() }, null, 2);
  }

  /** Stops listening to other tabs; for tests and single-page apps tearing down. */
  close(): void {
    this.channel?.removeEventListener('message', this.handleChannelMessage);
    this.channel?.close();
    // A closed channel throws on postMessage: later decisions are still saved, only not shared.
    this.channel = null;
  }

  private async load(): Promise<ConsentRecord | null> {
    let stored: unknown;
    try {
      stored = await this.storage.get<unknown>(RECORD_KEY);
    } catch (error) {
      warn(`stored consent could not be read (${String(error)}); the visitor will be asked`);
    }
    if (stored !== undefined) {
      const parsed = parseRecord(stored);
      // Another tab may have decided or withdrawn while this read was pending; its word is newer.
      if (isRecord(parsed)) {
        if (!this.heardFromOtherTab) this.current = parsed;
      }
      else warn(`stored consent record is malformed (${parsed}); it is ignored and the visitor will be asked`);
    }
    const valid = this.current && this.isValid(this.current) ? this.current : null;
    this.notify();
    this.announce<ConsentReadyDetail>('discret-consent-ready', { record: valid, needsDecision: this.needsDecision });
    return valid;
  }

  private isValid(record: ConsentRecord): boolean {
    if (Date.parse(record.expiresAt) <= this.now().getTime()) return false;
    return !this.configured || this.config.revision === undefined || record.revision === this.config.revision;
  }

  private everything(value: boolean): ConsentChoices {
    const purposes: Record<string, boolean> = {};
    for (const purpose of this.config.purposes) {
      // GPC is a refusal the visitor made in the browser; "accept all" on the page does not override it.
      purposes[purpose.name] = value && !(this.gpc && purpose.gpcOptOut);
    }
    return { purposes };
  }

  /** Every key `granted()` can answer for: declared purposes and services, and those of the record. */
  private snapshot(): Map<string, boolean> {
    const keys = new Set<string>();
    for (const purpose of this.config.purposes) {
      keys.add(purpose.name);
      for (const service of purpose.services ?? []) keys.add(`${purpose.name}/${service.name}`);
    }
    for (const name of Object.keys(this.current?.purposes ?? {})) keys.add(name);
    for (const key of Object.keys(this.current?.services ?? {})) keys.add(key);
    keys.delete(NECESSARY);
    return new Map([...keys].map((key) => [key, this.granted(key)]));
  }

  private afterChange(before: Map<string, boolean>, method: ChangeMethod): void {
    const after = this.snapshot();
    const keys = new Set([...before.keys(), ...after.keys()]);
    const changed = [...keys].filter((key) => (before.get(key) ?? false) !== (after.get(key) ?? false));
    this.clearRefusedCookies();
    this.notify();
    this.announce<ConsentChangeDetail>('discret-consent-change', { record: this.current, changed, method });
  }

  private clearRefusedCookies(): void {
    const names: string[] = [];
    for (const purpose of this.config.purposes) {
      const purposeGranted = this.granted(purpose.name);
      if (!purposeGranted) names.push(...(purpose.cookies ?? []));
      for (const service of purpose.services ?? []) {
        if (!purposeGranted || !this.granted(`${purpose.name}/${service.name}`)) names.push(...(service.cookies ?? []));
      }
    }
    if (names.length) clearCookies(names);
  }

  private readonly handleChannelMessage = (event: MessageEvent<ChannelMessage>): void => {
    const message = event.data;
    this.heardFromOtherTab = true;
    const before = this.snapshot();
    if (message?.type === 'withdraw') {
      this.current = null;
      this.afterChange(before, 'withdraw');
      return;
    }
    if (message?.type !== 'record') return;
    const parsed = parseRecord(message.record);
    if (!isRecord(parsed)) {
      warn(`a consent record from another tab is malformed (${parsed}); it is ignored`);
      return;
    }
    this.current = parsed;
    this.afterChange(before, parsed.method);
  };

  private notify(): void {
    this.dispatchEvent(new Event('update'));
  }

  private announce<T>(type: string, detail: T): void {
    this.announceTarget?.dispatchEvent(new CustomEvent<T>(type, { detail }));
  }

  private write(task: () => Promise<void>): Promise<void> {
    const next = this.writes.then(task).catch((error: unknown) => {
      warn(`consent could not be saved (${String(error)}); it applies to this page only`);
    });
    this.writes = next;
    return next;
  }

  private async appendHistory(entry: HistoryEntry): Promise<void> {
    const stored = await this.storage.get<unknown>(HISTORY_KEY);
    const history = Array.isArray(stored) ? stored : [];
    history.push(entry);
    // Not `slice(-limit)`: with a limit of 0 that keeps everything.
    await this.storage.set(HISTORY_KEY, history.slice(Math.max(0, history.length - this.historyLimit)));
  }

  private sendToLog(record: ConsentRecord): void {
    const url = this.config.logEndpoint;
    if (!url) return;
    const body = JSON.stringify(record);
    try {
      if (navigator.sendBeacon?.(url, new Blob([body], { type: 'application/json' }))) return;
    } catch {
      // Some browsers throw on beacons to other origins; fetch below still tries.
    }
    fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' } }).catch((error: unknown) =>
      warn(`log-endpoint="${url}" did not receive the record (${String(error)})`),
    );
  }
}

let pageStore: ConsentStore | undefined;

/** The page's one store, made on first use. Tests make their own with `new ConsentStore()`. */
export function consentStore(): ConsentStore {
  return (pageStore ??= new ConsentStore());
}
