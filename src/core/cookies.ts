/**
 * Removes the cookies a refused purpose lists. A name ending in `*` is a
 * prefix (`_ga*` takes `_ga` and `_ga_XYZ`). Trackers set their cookies on
 * the parent domain (`.example.fr`) as often as on the host, so each is
 * expired on the host and on every parent domain, at `/`, at the page's
 * directory (where a cookie set without a path lives) and at its own path.
 */
export function clearCookies(patterns: readonly string[], doc: Document = document): string[] {
  const names = presentCookies(patterns, doc);
  expireCookies(names, doc);
  return names;
}

/** The cookies of the page that match the patterns (`name`, or `prefix*`). */
export function presentCookies(patterns: readonly string[], doc: Document = document): string[] {
  return doc.cookie
    .split(';')
    .map((pair) => pair.split('=')[0].trim())
    .filter((name) => name && patterns.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern)));
}

/** Expires each named cookie on the host and its parent domains, at every path it may live at. */
export function expireCookies(names: readonly string[], doc: Document = document): void {
  const labels = doc.location.hostname.split('.');
  const domains: (string | undefined)[] = [undefined];
  for (let i = 0; i < labels.length - 1; i++) domains.push(labels.slice(i).join('.'));
  // A cookie set without a path belongs to the page's directory (RFC 6265 5.1.4): `/shop` for `/shop/cart`.
  const { pathname } = doc.location;
  const paths = new Set(['/', pathname.slice(0, pathname.lastIndexOf('/')) || '/', pathname]);
  for (const name of names) {
    for (const domain of domains) {
      for (const path of paths) {
        doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain ? `; domain=${domain}` : ''}`;
      }
    }
  }
}
