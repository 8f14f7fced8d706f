/**
 * discret for bundlers: classes, the store and types, with no side effects.
 * Import `discret/define` (or a single `discret/define/<tag>`) to register the elements.
 */
export { ConsentStore, consentStore } from './core/consent-store.js';
export type { ConsentChoices, ConsentStoreOptions, HistoryEntry, Withdrawal } from './core/consent-store.js';
export type { ConsentConfig, NormalizedConfig, PurposeDefinition, ServiceDefinition } from './core/config.js';
export type { ConsentMethod, ConsentRecord } from './core/record.js';
export { parseRecord } from './core/record.js';
export type { ChangeMethod, ConsentChangeDetail, ConsentChangeEvent, ConsentReadyDetail, ConsentReadyEvent } from './core/events.js';
export { IndexedDBStorage, MemoryStorage } from './core/storage.js';
export type { ConsentStorage } from './core/storage.js';
export { Gate } from './core/gate.js';
export type { GateOptions } from './core/gate.js';
export { clearCookies } from './core/cookies.js';
export { createApi } from './api.js';
export type { DiscretApi } from './api.js';
