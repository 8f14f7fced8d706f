import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Speaks the page's language as it changes: a site that switches language
 * without a reload (it sets `<html lang>`, or the `lang` of a container)
 * gets every connected discret element in the new language. One observer
 * for the whole page, created with the first element.
 */
const hosts = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

export class PageLanguageController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    if (!observer) {
      observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
      observer.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
    }
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }
}
