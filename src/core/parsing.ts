/** Where the HTML parser is: what the page core may read of the document yet. */

/** Whether the parser has gone past an element: something follows it or one of its ancestors. */
export function isParsed(element: Element): boolean {
  if (element.ownerDocument.readyState !== 'loading') return true;
  for (let at: Node | null = element; at; at = at.parentNode) if (at.nextSibling) return true;
  return false;
}

/** Runs `callback` once the document is parsed: now, or at DOMContentLoaded. */
export function whenParsed(callback: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', callback, { once: true });
  else callback();
}

/** Runs `callback` when the page is idle (within two seconds): work that must not delay the first paint. */
export function whenIdle(callback: () => void): void {
  if ('requestIdleCallback' in globalThis) requestIdleCallback(callback, { timeout: 2000 });
  else setTimeout(callback, 200);
}

/**
 * Runs `callback` once the page has painted its first content, or 300 ms
 * after its load event (a page that paints nothing, a tab in the
 * background, a browser without paint timing): what comes later must not
 * delay the page itself.
 */
export function whenPainted(callback: () => void): void {
  let run: (() => void) | undefined = callback;
  const once = (): void => {
    run?.();
    run = undefined;
  };
  try {
    new PerformanceObserver((entries) => entries.getEntriesByName('first-contentful-paint').length && once()).observe({ type: 'paint', buffered: true });
  } catch {
    // No paint timing here: the load event says it.
  }
  const late = (): unknown => setTimeout(once, 300);
  if (document.readyState === 'complete') late();
  else addEventListener('load', late, { once: true });
}
