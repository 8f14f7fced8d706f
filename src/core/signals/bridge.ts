import { parseRecord } from '../record.js';
import { warn } from '../warn.js';

/** The facts a host page and a chat iframe tell each other. */
export const BRIDGED_EVENTS = [
  'discret-consent-change',
  'discret-notice-acknowledged',
  'discret-training-choice-change',
  'discret-conversation-deleted',
  'discret-conversation-delete-failed',
] as const;

export type BridgedEvent = (typeof BRIDGED_EVENTS)[number];

/** Events the chat side (iframe) sends to the host page. */
export const CHAT_EVENTS: readonly BridgedEvent[] = BRIDGED_EVENTS.slice(1);

/** What travels between the windows; anything else posted to the window is none of discret's business. */
export interface BridgeMessage {
  discret: 1;
  type: BridgedEvent;
  detail: unknown;
}

export interface BridgeOptions {
  /** The window on the other side: `iframe.contentWindow` on the host page, `window.parent` in the iframe. */
  peer: () => Window | null;
  /** The other side's exact origin (`https://chat.example`): where messages are posted. Never `*`. */
  origin: string;
  /** Origins whose messages are accepted; `origin` alone by default. */
  allowedOrigins?: readonly string[];
  /** Events of this page sent across, as they reach `listenOn`. */
  send?: readonly BridgedEvent[];
  /** Events accepted from the other side and dispatched on `dispatchOn`. */
  receive?: readonly BridgedEvent[];
  /** Where this page's events are heard; `window` by default (discret's events bubble and are composed). */
  listenOn?: EventTarget;
  /** Where the other side's events are dispatched, bubbling and composed; `window` by default. */
  dispatchOn?: EventTarget;
  /** The window whose `message` events are read; `window` by default. */
  self?: Window;
}

/** How many distinct problems a bridge says; a peer cannot fill the console and the page's memory with ever new ones. */
const WARNINGS_KEPT = 32;

/** The page's bridges, so that a message from one's peer is not taken by the others for an intruder's. */
const bridges = new Set<Bridge>();
/** Origins of windows that posted discret messages without being anyone's peer, said once each. */
const intruders = new Set<string>();

/** A consent change as the store announced it: the record's own fields, what changed, how; nothing another listener added. */
function consentChange(detail: unknown): unknown {
  const { record, changed, method } = (detail ?? {}) as { record?: unknown; changed?: unknown; method?: unknown };
  const parsed = record === null ? null : parseRecord(record);
  return { record: typeof parsed === 'string' ? null : parsed, changed, method };
}

/** `https://chat.example` as written, or null for `*`, `null`, a path, or anything that is not an origin. */
export function toOrigin(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text.trim().replace(/\/$/, '') ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Carries discret's events between a host page and a cross-origin chat
 * iframe with `postMessage`, to one explicit target origin only. A message
 * is acted on only if it comes from the peer window, from an allowed origin,
 * and names a bridged event; others are ignored with a warning.
 */
export class Bridge {
  private readonly origin: string | null;
  private readonly allowed: ReadonlySet<string>;
  private readonly receive: ReadonlySet<string>;
  private readonly self: Window;
  private readonly listenOn: EventTarget;
  private readonly dispatchOn: EventTarget;
  private readonly send: readonly BridgedEvent[];
  /** Events this bridge dispatched, so that they are not sent back where they came from. */
  private readonly relayed = new WeakSet<Event>();
  private readonly warned = new Set<string>();

  constructor(private readonly options: BridgeOptions) {
    this.origin = toOrigin(options.origin);
    if (!this.origin) warn(`bridge origin="${options.origin}": not an origin such as https://chat.example; nothing is sent`);
    const allowed = (options.allowedOrigins ?? (this.origin ? [this.origin] : [])).map((text) => {
      const origin = toOrigin(text);
      if (!origin) warn(`bridge allowed-origins "${text}": not an origin such as https://chat.example; ignored`);
      return origin;
    });
    this.allowed = new Set(allowed.filter((origin): origin is string => origin !== null));
    this.receive = new Set(options.receive ?? BRIDGED_EVENTS);
    this.self = options.self ?? window;
    this.listenOn = options.listenOn ?? this.self;
    this.dispatchOn = options.dispatchOn ?? this.self;
    this.send = options.send ?? [];
    this.self.addEventListener('message', this.handleMessage);
    for (const type of this.send) this.listenOn.addEventListener(type, this.handleLocalEvent);
    bridges.add(this);
  }

  /** Posts one event's detail to the peer; false when there is no peer or no valid origin. */
  post(type: BridgedEvent, detail: unknown): boolean {
    const peer = this.options.peer();
    if (!this.origin || !peer) return false;
    try {
      peer.postMessage({ discret: 1, type, detail } satisfies BridgeMessage, this.origin);
      return true;
    } catch (error) {
      warn(`bridge: ${type} could not be sent to ${this.origin} (${String(error)})`);
      return false;
    }
  }

  close(): void {
    bridges.delete(this);
    this.self.removeEventListener('message', this.handleMessage);
    for (const type of this.send) this.listenOn.removeEventListener(type, this.handleLocalEvent);
  }

  private readonly handleLocalEvent = (event: Event): void => {
    if (this.relayed.has(event)) return;
    const type = event.type as BridgedEvent;
    let detail: unknown = (event as CustomEvent).detail ?? null;
    // The chat origin is told the decision, never what other listeners of this page hung on the event.
    if (type === 'discret-consent-change') detail = consentChange(detail);
    try {
      // Details are structured-cloned; a function (respondWith) or a node would make postMessage throw.
      detail = JSON.parse(JSON.stringify(detail));
    } catch (error) {
      this.warnOnce(`detail:${type}`, `bridge: ${type} could not be sent to ${this.origin} (${String(error)})`);
      return;
    }
    this.post(type, detail);
  };

  private readonly handleMessage = (event: MessageEvent): void => {
    const message = event.data as Partial<BridgeMessage> | null;
    if (typeof message !== 'object' || message === null || message.discret !== 1) return;
    if (event.source !== this.options.peer()) {
      // Another bridge's peer is that bridge's business; any other window is an intruder, said once for the page.
      const peers = [...bridges].map((bridge) => bridge.options.peer());
      if (!peers.includes(event.source as Window) && !intruders.has(event.origin) && intruders.size < WARNINGS_KEPT) {
        intruders.add(event.origin);
        warn(`bridge: message from ${event.origin} ignored; it does not come from the connected window`);
      }
      return;
    }
    if (!this.allowed.has(event.origin)) {
      this.warnOnce(`origin:${event.origin}`, `bridge: message from ${event.origin} ignored; allowed origins: ${[...this.allowed].join(' ') || 'none'}`);
      return;
    }
    if (typeof message.type !== 'string' || !this.receive.has(message.type)) {
      // An object's toString may throw, and a string may be a megabyte long: neither reaches the console as given.
      const text = typeof message.type === 'object' ? undefined : String(message.type);
      const type = text === undefined ? 'of type object' : `"${text.slice(0, 80)}${text.length > 80 ? '…' : ''}"`;
      this.warnOnce(`type:${type}`, `bridge: message ${type} from ${event.origin} ignored; not an event this side accepts`);
      return;
    }
    const relayed = new CustomEvent(message.type, { detail: message.detail, bubbles: true, composed: true });
    this.relayed.add(relayed);
    this.dispatchOn.dispatchEvent(relayed);
  };

  /** Says each problem once; past a few dozen, a peer sending ever new ones is heard no more. */
  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key) || this.warned.size >= WARNINGS_KEPT) return;
    this.warned.add(key);
    warn(message);
  }
}

export interface ConnectOptions {
  /** Origins whose messages are accepted; the connected origin alone by default. */
  allowedOrigins?: readonly string[];
}

/**
 * For the host page: tells the chat iframe at `origin` about consent
 * changes, and dispatches the chat's facts (acknowledgement, training
 * choice, deletion) on the iframe element, where they bubble to the page.
 */
export function connectChatFrame(frame: HTMLIFrameElement, origin: string, options: ConnectOptions = {}): Bridge {
  return new Bridge({
    peer: () => frame.contentWindow,
    origin,
    allowedOrigins: options.allowedOrigins,
    send: ['discret-consent-change'],
    receive: CHAT_EVENTS,
    dispatchOn: frame,
  });
}

/**
 * For the page inside the chat iframe: sends the chat elements' events to
 * the host page at `origin`, and dispatches the host's consent changes on
 * this window.
 */
export function connectHostPage(origin: string, options: ConnectOptions = {}): Bridge {
  return new Bridge({
    peer: () => (window.parent === window ? null : window.parent),
    origin,
    allowedOrigins: options.allowedOrigins,
    send: CHAT_EVENTS,
    receive: ['discret-consent-change'],
  });
}
