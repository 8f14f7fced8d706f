import { isSafeUrl } from '../../core/config.js';
import type { ConsentStore } from '../../core/consent-store.js';
import { warn } from '../../core/warn.js';
import { defineElement } from '../../define/define.js';
import { DiscretEmbedPlaceholder } from './embed-placeholder.js';

/** Embeds the gate holds back: iframes with `data-src`, and wrappers that gated scripts fill. */
export const EMBEDS = 'iframe[data-purpose][data-src],[data-embed][data-purpose]';

/**
 * Shows a `<discret-embed-placeholder>` for each embed held back until
 * consent, from the moment the store is ready: in an iframe's place (the
 * iframe hidden, its class, style, width and height given to the
 * placeholder, so that it fills the same box), or inside a `[data-embed]`
 * wrapper. A placeholder goes once what the embed is gated on is granted, or
 * once "Load" loaded the iframe; focus that was on it goes to the embed.
 * Returns a function that stops watching.
 */
export function showEmbedPlaceholders(store: ConsentStore, root: Document = document): () => void {
  defineElement('discret-embed-placeholder', DiscretEmbedPlaceholder);
  const shown = new Map<HTMLElement, { placeholder: HTMLElement; style: string | null }>();
  const granted = (node: HTMLElement): boolean => (node.dataset.purpose ?? '').split(/\s+/).every((key) => !key || store.granted(key));
  const isHeld = (node: HTMLElement): boolean => node.isConnected && !granted(node) && !(node instanceof HTMLIFrameElement && node.hasAttribute('src'));

  const place = (node: HTMLElement): void => {
    const frame = node instanceof HTMLIFrameElement;
    const placeholder = root.createElement('discret-embed-placeholder') as DiscretEmbedPlaceholder;
    placeholder.store = store;
    placeholder.purpose = node.dataset.purpose!;
    placeholder.loadable = frame;
    const texts: Record<string, string> = {};
    for (const [name, value] of Object.entries(node.dataset)) if (/^text[A-Z]/.test(name)) texts[name[4].toLowerCase() + name.slice(5)] = value!;
    placeholder.texts = texts;
    const style = node.getAttribute('style');
    if (frame) {
      if (node.className) placeholder.className = node.className;
      if (style) placeholder.setAttribute('style', style);
      for (const side of ['width', 'height'] as const) {
        const value = node.getAttribute(side);
        if (value) placeholder.style[side] = /^\d+(\.\d+)?$/.test(value) ? `${value}px` : value;
      }
      node.style.setProperty('display', 'none', 'important');
      node.before(placeholder);
    } else node.append(placeholder);
    placeholder.addEventListener('discret-embed-load', () => load(node as HTMLIFrameElement));
    shown.set(node, { placeholder, style });
  };

  const remove = (node: HTMLElement): void => {
    const { placeholder, style } = shown.get(node)!;
    shown.delete(node);
    const focused = root.activeElement === placeholder;
    placeholder.remove();
    if (node instanceof HTMLIFrameElement) {
      if (style === null) node.removeAttribute('style');
      else node.setAttribute('style', style);
    }
    if (focused && node.isConnected) {
      if (node.tabIndex < 0 && !(node instanceof HTMLIFrameElement)) node.tabIndex = -1;
      node.focus();
    }
  };

  /** "Load": this iframe now, nothing recorded; without its `data-src`, the gate leaves it alone afterwards. */
  const load = (frame: HTMLIFrameElement): void => {
    const src = frame.dataset.src!;
    if (!isSafeUrl(src)) return warn(`<iframe data-src="${src}">: only http(s) or relative URLs are loaded; iframe left empty`);
    frame.removeAttribute('data-src');
    frame.src = src;
    remove(frame);
  };

  const sync = (): void => {
    for (const node of shown.keys()) if (!isHeld(node)) remove(node);
    for (const node of root.querySelectorAll<HTMLElement>(EMBEDS)) if (!shown.has(node) && isHeld(node)) place(node);
  };

  const observer = new MutationObserver(sync);
  let stopped = false;
  void store.ready.then(() => {
    if (stopped) return;
    sync();
    store.addEventListener('update', sync);
    observer.observe(root, { childList: true, subtree: true });
  });
  return () => {
    stopped = true;
    store.removeEventListener('update', sync);
    observer.disconnect();
  };
}
