import type { PageApi } from './boot.js';
import { page } from './core/registry.js';
import { isParsed } from './core/parsing.js';
import { consentModeDefault } from './core/signals/consent-mode.js';
import { warn } from './core/warn.js';

/**
 * What the script tag runs synchronously in `<head>` (`dist/discret.js`):
 * only what cannot wait. Consent Mode's "denied" default, before any tag
 * manager; `window.discret`, whose calls wait for the page core; and the
 * fetch of the page core's module (`discret.mjs`, next to the script), which
 * then runs without blocking the parser. Nothing is granted in between:
 * gated content stays inert until the page core releases it.
 */
export function head(script: HTMLOrSVGScriptElement | null, core: () => Promise<unknown>): void {
  const registry = page();
  if (!globalThis.document || registry.core || registry.head) return;
  registry.head = true;
  registry.script = script;

  // The Consent Mode options the page core reads too, from the tag or a JSON configuration already parsed.
  const json = document.getElementById('discret-config');
  let config: { consentMode?: unknown; adsDataRedaction?: boolean; urlPassthrough?: boolean } | undefined;
  try {
    if (json && isParsed(json)) config = JSON.parse(json.textContent!);
  } catch {
    // The page core says what is wrong with it.
  }
  const has = (name: string): boolean => !!script?.hasAttribute(`data-${name}`);
  const mode = script?.getAttribute('data-consent-mode') ?? config?.consentMode;
  if (mode != null && mode !== false) consentModeDefault({ adsDataRedaction: has('ads-data-redaction') || config?.adsDataRedaction, urlPassthrough: has('url-passthrough') || config?.urlPassthrough });

  // Calls before the page core runs wait for it, in order; it runs them as it starts, before any decision is known.
  const queue: ((api: PageApi) => void)[] = (registry.queue = []);
  const failed: ((error: unknown) => void)[] = [];
  const later = <T>(run: (api: PageApi) => T): Promise<Awaited<T>> =>
    registry.api
      ? Promise.resolve(run(registry.api))
      : new Promise((resolve, reject) => {
          queue.push((api) => {
            try {
              resolve(run(api) as Awaited<T>);
            } catch (error) {
              reject(error);
            }
          });
          failed.push(reject);
        });
  type Calls = Record<string, (...args: unknown[]) => unknown>;
  const calls = (pick: (api: PageApi) => object, before: Record<string, unknown>): object =>
    new Proxy(
      {},
      {
        get(_, name: string) {
          const real = registry.api && (pick(registry.api) as Calls);
          if (real) return typeof real[name] === 'function' ? real[name].bind(real) : real[name];
          return name in before ? before[name] : (...args: unknown[]) => later((api) => (pick(api) as Calls)[name](...args));
        },
      },
    );
  const api = {
    // Before the page core knows the decision, nothing is granted and the visitor has yet to be asked.
    consent: calls((api) => api.consent, {
      granted: () => false,
      record: null,
      needsDecision: true,
      get ready() {
        return later((api) => api.consent.ready);
      },
    }),
    chat: calls((api) => api.chat, {}),
    configure: (config: object) => void later((api) => api.configure(config)),
    showPreferences: () => void later((api) => api.showPreferences()),
    define: () => later((api) => api.define()),
    on: ((type, listener) => {
      if (registry.api) return registry.api.on(type, listener);
      let off: (() => void) | undefined;
      let on = true;
      queue.push((api) => on && (off = api.on(type, listener)));
      return () => {
        on = false;
        off?.();
      };
    }) as PageApi['on'],
    get store() {
      return registry.api?.store;
    },
  };
  window.discret = api as unknown as PageApi;

  core().catch((error: unknown) => {
    warn(`the page core (discret.mjs, next to discret.js) could not be loaded (${String(error)}); nothing non-essential runs`);
    for (const reject of failed) reject(error);
  });
}
