/**
 * The page core's stand-in for `decisions.ts`: the same functions, whose
 * code is fetched on first use (the `decide` chunk). The script tag's build
 * puts this module in place of `decisions.ts`; bundles and tests use the
 * real one. Its callers await each call, whichever they get.
 */
import type * as Decisions from './decisions.js';
import { page } from './registry.js';

type Lazy = { [K in keyof typeof Decisions]: (typeof Decisions)[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

export const RECORD_KEY = 'consent';

export const { makeRecord, save, readHistory, changeOf, explainConfig, expireCookies } = new Proxy({} as Lazy, {
  get:
    (_, name: keyof Lazy) =>
    async (...args: unknown[]) =>
      ((await page().load!('decide')) as Record<string, (...args: unknown[]) => unknown>)[name](...args),
});
