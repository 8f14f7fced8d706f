/**
 * Removes the cookies a refused purpose lists. A name ending in `*` is a
 * prefix (`_ga*` takes `_ga` and `_ga_XYZ`). Trackers set their cookies on
 * the parent domain (`.example.fr`) as often as on the host, so each is
 * expired on the host and on every parent domain, at every path from `/`
 * down to the page's own.
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
  // A cookie lives at the path it was set for, which may be any ancestor of the page's path (`/p` for
  // `/p/deep/int`; its directory when set without a path, RFC 6265 5.1.4), with or without a last slash.
  const paths = new Set(['/']);
  let path = '';
  for (const segment of doc.location.pathname.split('/').filter(Boolean)) paths.add((path += `/${segment}`)).add(`${path}/`);
  for (const name of names) {
    for (const domain of domains) {
      for (const path of paths) {
        doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain ? `; domain=${domain}` : ''}`;
      }
    }
  }
}
