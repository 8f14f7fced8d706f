import { FallbackStorage, type ConsentStorage } from '../storage.js';

let shared: ConsentStorage | undefined;

/**
 * The storage the chat elements and the deletion queue share unless given
 * another: discret's own IndexedDB database, with memory fallback.
 */
export function chatStorage(): ConsentStorage {
  return (shared ??= new FallbackStorage());
}
