import { isSafeUrl } from './config.js';
import type { ConsentStore } from './consent-store.js';
import { isParsed } from './markup.js';
import { warn } from './warn.js';

export interface GateOptions {
  /** Reload the page when a purpose whose scripts already ran is withdrawn: a running script cannot be stopped. */
  reloadOnWithdraw?: boolean;
}

export interface Gate {
  /** Releases what is granted now, and from then on what is granted and what is added. */
  start(): void;
  /** Releases nothing more. */
  stop(): void;
  /** Resolves once every script released so far has run (or failed to load). */
  settled(): Promise<void>;
}

const SELECTOR = 'script[type="text/plain"][data-purpose],iframe[data-purpose][data-src]';

/**
 * Holds back `<script type="text/plain" data-purpose="X">` and
 * `<iframe data-purpose="X" data-src="…">` until X is granted, then runs or
 * loads them in document order, including nodes added later. `data-purpose`
 * may list several keys (`analytics marketing`, `analytics/matomo`): all must
 * be granted.
 *
 * A gated script is re-created from the node the page wrote (a script the
 * parser or innerHTML saw once never runs again), with its nonce, its
 * attributes and its place in the document. Scripts run one after another:
 * a `src` script without `async` finishes before the next starts.
 */
export function createGate(store: ConsentStore, root: Document = document, options: GateOptions = {}): Gate {
  const released = new WeakSet<Element>();
  /** Keys whose scripts ran: withdrawing one of them reloads the page when asked to. */
  const ran = new Set<string>();
  let queue = Promise.resolve();
  const keys = (node: HTMLElement): string[] => (node.dataset.purpose ?? '').split(/\s+/).filter(Boolean);

  const release = (): void => {
    for (const node of root.querySelectorAll<HTMLElement>(SELECTOR)) {
      const needed = keys(node);
      // While the page is parsing, an inline script's text may not all be in the DOM yet.
      if (released.has(node) || !needed.length || !needed.every((key) => store.granted(key)) || !(node.hasAttribute('src') || isParsed(node))) continue;
      released.add(node);
      needed.forEach((key) => ran.add(key));
      if (node instanceof HTMLIFrameElement) load(node);
      else queue = queue.then(() => run(node as HTMLScriptElement));
    }
  };

  const load = (frame: HTMLIFrameElement): void => {
    const src = frame.dataset.src!;
    if (isSafeUrl(src)) frame.src = src;
    else warn(`<iframe data-src="${src}">: only http(s) or relative URLs are loaded; iframe left empty`);
  };

  const run = (original: HTMLScriptElement): Promise<void> | void => {
    if (!original.parentNode) return;
    const script = root.createElement('script');
    for (const { name, value } of original.attributes) if (!/^(type|data-type|src)$/.test(name)) script.setAttribute(name, value);
    // The parser hides `nonce` from getAttribute; only the property still holds it.
    script.nonce = original.nonce;
    if (original.dataset.type) script.type = original.dataset.type;
    script.async = original.hasAttribute('async');
    const src = original.getAttribute('src');
    let done: Promise<void> | undefined;
    if (src === null) script.text = trusted('createScript', original.text) as string;
    else {
      done = new Promise((resolve) => {
        script.onload = () => resolve();
        script.onerror = () => {
          warn(`<script src="${src}" data-purpose="${original.dataset.purpose}">: failed to load; the next scripts run anyway`);
          resolve();
        };
      });
      script.src = trusted('createScriptURL', src) as string;
    }
    original.replaceWith(script);
    // An `async` script is not waited for, as the page asked; the others keep document order.
    return script.async ? undefined : done;
  };

  const update = (): void => {
    if (options.reloadOnWithdraw && [...ran].some((key) => !store.granted(key))) root.location.reload();
    else release();
  };
  const observer = new MutationObserver(release);
  let started = false;

  return {
    start() {
      if (started) return;
      started = true;
      store.addEventListener('update', update);
      observer.observe(root, { childList: true, subtree: true });
      root.addEventListener('DOMContentLoaded', update, { once: true });
      release();
    },
    stop() {
      started = false;
      store.removeEventListener('update', update);
      root.removeEventListener('DOMContentLoaded', update);
      observer.disconnect();
    },
    settled: () => queue,
  };
}

type TrustedKind = 'createScript' | 'createScriptURL';
interface TrustedTypePolicyLike {
  createScript(text: string): unknown;
  createScriptURL(url: string): unknown;
}
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
