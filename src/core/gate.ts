import { isSafeUrl } from './config.js';
import type { ConsentStore } from './consent-store.js';
import { isParsed } from './parsing.js';
import { warn } from './warn.js';

export interface GateOptions {
  /** Reload the page when a purpose whose scripts already ran is withdrawn: a running script cannot be stopped. */
  reloadOnWithdraw?: boolean;
  /**
   * The nonce of discret's own script tag. When there is one, only gated
   * scripts that carry the same nonce are run: under a strict CSP, a script
   * the page did not vouch for (HTML injected with innerHTML) must not become
   * running script because the gate re-created it.
   */
  nonce?: string;
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
 * a `src` script without `async` finishes before the next starts, and one
 * that cannot run never stops the others.
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
      if (node instanceof HTMLIFrameElement) load(node);
      else if (options.nonce && node.nonce !== options.nonce) {
        warn(`<script data-purpose="${node.dataset.purpose}">: without the nonce of discret's script tag; not run (a strict CSP page vouches for its gated scripts with the nonce)`);
        continue;
      } else queue = queue.then(() => run(node as HTMLScriptElement)).catch((error: unknown) => warn(`<script data-purpose="${node.dataset.purpose}">: could not run (${String(error)}); the next scripts run anyway`));
      needed.forEach((key) => ran.add(key));
    }
  };

  const load = (frame: HTMLIFrameElement): void => {
    const src = frame.dataset.src!;
    if (isSafeUrl(src)) frame.src = src;
    else warn(`<iframe data-src="${src}">: only http(s) or relative URLs are loaded; iframe left empty`);
  };

  const run = (original: HTMLScriptElement): Promise<void> | void => {
    // A page whose Trusted Types do not allow discret's policy keeps its gated scripts held back (said once, at start).
    if (!original.parentNode || policy === null) return;
    const script = root.createElement('script');
    // Under Trusted Types an event handler attribute (onload) is script too.
    for (const { name, value } of original.attributes) {
      if (!/^(type|data-type|src)$/.test(name)) script.setAttribute(name, (name.startsWith('on') ? trusted('createScript', value) : value) as string);
    }
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
      trusted('createScript', '');
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
/** The page's "discret" Trusted Types policy; null when the page does not allow it. */
let policy: TrustedTypePolicyLike | null | undefined;

/**
 * Under Trusted Types, script text and URLs must come through a policy. The
 * text is the page's own markup, held back only until consent; a site that
 * enforces Trusted Types allows it with `trusted-types discret lit-html`.
 * Without it the gate fails closed: nothing is released, and the console
 * says which policy to allow, once.
 */
function trusted(kind: TrustedKind, value: string): unknown {
  if (policy === undefined) {
    const factory = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): TrustedTypePolicyLike } }).trustedTypes;
    try {
      policy = factory?.createPolicy('discret', { createScript: (s: string) => s, createScriptURL: (s: string) => s }) ?? { createScript: String, createScriptURL: String };
    } catch {
      policy = null;
      trustedTypesRefused('discret', 'which releases gated scripts');
    }
  }
  return policy?.[kind](value);
}

let refused = false;

/**
 * Says once, as an error, that the page's Trusted Types policy refuses one
 * of the two policies discret needs: nothing non-essential can run, and no
 * consent can be asked, until it is allowed.
 */
export function trustedTypesRefused(name: string, what: string): void {
  if (refused) return;
  refused = true;
  console.error(
    `[discret] this page's Trusted Types do not allow the policy "${name}", ${what}: allow both of discret's ("trusted-types discret lit-html" in the Content-Security-Policy); until then nothing non-essential runs`,
  );
}
