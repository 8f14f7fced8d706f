import { isSafeUrl } from './config.js';
import type { ConsentStore } from './consent-store.js';
import { warn } from './warn.js';

export interface GateOptions {
  /** Reload the page when a purpose whose scripts already ran is withdrawn: a running script cannot be stopped. */
  reloadOnWithdraw?: boolean;
}

const SELECTOR = 'script[type="text/plain"][data-purpose], iframe[data-purpose][data-src]';

/**
 * Holds back `<script type="text/plain" data-purpose="X">` and
 * `<iframe data-purpose="X" data-src="…">` until X is granted, then runs or
 * loads them in document order, including nodes added later. `data-purpose`
 * may list several keys (`analytics marketing`, `analytics/matomo`): all must
 * be granted.
 *
 * A gated script is re-created from the node the page wrote (a script the
 * parser or innerHTML saw once never runs again), with its nonce, its
 * attributes and its place in the document.
 */
export class Gate {
  private readonly released = new WeakSet<Element>();
  private readonly releasedPurposes = new Set<string>();
  private readonly observer: MutationObserver;
  /** Scripts run one after another: a `src` script without `async` finishes before the next starts. */
  private queue: Promise<void> = Promise.resolve();
  private started = false;

  constructor(
    private readonly store: ConsentStore,
    private readonly root: Document = document,
    private readonly options: GateOptions = {},
  ) {
    this.observer = new MutationObserver(() => this.release());
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.store.addEventListener('update', this.handleUpdate);
    this.observer.observe(this.root, { childList: true, subtree: true });
    if (this.root.readyState === 'loading') this.root.addEventListener('DOMContentLoaded', this.handleUpdate, { once: true });
    this.release();
  }

  stop(): void {
    this.started = false;
    this.store.removeEventListener('update', this.handleUpdate);
    this.root.removeEventListener('DOMContentLoaded', this.handleUpdate);
    this.observer.disconnect();
  }

  /** Resolves once every script released so far has run (or failed to load). */
  settled(): Promise<void> {
    return this.queue;
  }

  private readonly handleUpdate = (): void => {
    if (this.options.reloadOnWithdraw && [...this.releasedPurposes].some((key) => !this.store.granted(key))) {
      this.root.location.reload();
      return;
    }
    this.release();
  };

  private release(): void {
    const ready = [...this.root.querySelectorAll<HTMLElement>(SELECTOR)].filter(
      (node) => !this.released.has(node) && this.isComplete(node) && this.allowed(node),
    );
    for (const node of ready) {
      this.released.add(node);
      for (const key of this.keys(node)) this.releasedPurposes.add(key);
      if (node instanceof HTMLIFrameElement) this.load(node);
      else this.queue = this.queue.then(() => this.run(node as HTMLScriptElement));
    }
  }

  private keys(node: HTMLElement): string[] {
    return (node.dataset.purpose ?? '').split(/\s+/).filter(Boolean);
  }

  private allowed(node: HTMLElement): boolean {
    const keys = this.keys(node);
    return keys.length > 0 && keys.every((key) => this.store.granted(key));
  }

  /**
   * While the page is still parsing, an inline script's text may not all be
   * in the DOM yet: wait until something follows it.
   */
  private isComplete(node: HTMLElement): boolean {
    if (this.root.readyState !== 'loading' || node.hasAttribute('src') || node instanceof HTMLIFrameElement) return true;
    for (let at: Node | null = node; at; at = at.parentNode) if (at.nextSibling) return true;
    return false;
  }

  private load(frame: HTMLIFrameElement): void {
    const src = frame.dataset.src!;
    if (!isSafeUrl(src)) {
      warn(`<iframe data-src="${src}">: only http(s) or relative URLs are loaded; iframe left empty`);
      return;
    }
    frame.src = src;
  }

  private run(original: HTMLScriptElement): Promise<void> {
    if (!original.parentNode) return Promise.resolve();
    const script = this.root.createElement('script');
    for (const { name, value } of original.attributes) {
      if (name !== 'type' && name !== 'data-type' && name !== 'src') script.setAttribute(name, value);
    }
    // The parser hides `nonce` from getAttribute; only the property still holds it.
    script.nonce = original.nonce;
    if (original.dataset.type) script.type = original.dataset.type;
    script.async = original.hasAttribute('async');
    const src = original.getAttribute('src');
    if (src === null) {
      script.text = trusted('createScript', original.text) as string;
      original.replaceWith(script);
      return Promise.resolve();
    }
    const done = new Promise<void>((resolve) => {
      script.addEventListener('load', () => resolve(), { once: true });
      script.addEventListener('error', () => {
        warn(`<script src="${src}" data-purpose="${original.dataset.purpose}">: failed to load; the next scripts run anyway`);
        resolve();
      }, { once: true });
    });
    script.src = trusted('createScriptURL', src) as string;
    original.replaceWith(script);
    // An `async` script is not waited for, as the page asked; the others keep document order.
    return script.async ? Promise.resolve() : done;
  }
}

type TrustedKind = 'createScript' | 'createScriptURL';
interface TrustedTypePolicyLike { createScript(text: string): unknown; createScriptURL(url: string): unknown }
let policy: TrustedTypePolicyLike | null | undefined;

/**
 * Under Trusted Types, script text and URLs must come through a policy. The
 * text is the page's own markup, held back only until consent; a site that
 * enforces Trusted Types allows it with `trusted-types discret`.
 */
function trusted(kind: TrustedKind, value: string): unknown {
  if (policy === undefined) {
    const factory = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): TrustedTypePolicyLike } }).trustedTypes;
    try {
      policy = factory?.createPolicy('discret', { createScript: (s: string) => s, createScriptURL: (s: string) => s }) ?? null;
    } catch {
      warn('Trusted Types policy "discret" is not allowed by the page; gated scripts may be blocked');
      policy = null;
    }
  }
  return policy ? policy[kind](value) : value;
}
