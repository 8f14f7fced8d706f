import type { ChunkLoader } from './boot.js';

/** What each chunk in `ui/` imports; the build writes it in (`rollup.config.mjs`). */
declare const __CHUNK_IMPORTS__: Record<string, string[]>;

/**
 * Fetches the chunks in `ui/` next to `base` (the script's URL), each with
 * its imports at the same time: the browser would otherwise find them only
 * once it has fetched and parsed the chunk, one round trip later.
 */
export const chunksFrom =
  (base: string): ChunkLoader =>
  (chunk) => {
    const url = (file: string): string => new URL(`ui/${file}`, base).href;
    // Their errors, if any, are the chunk's own: it imports them too.
    for (const file of __CHUNK_IMPORTS__[chunk] ?? []) import(url(file)).catch(() => {});
    return import(url(`${chunk}.js`));
  };
