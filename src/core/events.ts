import type { ConsentMethod, ConsentRecord } from './record.js';

/** How a change came about: a decision's method, or a withdrawal. */
export type ChangeMethod = ConsentMethod | 'withdraw';

export interface ConsentReadyDetail {
  /** The stored, valid record, or null when the visitor never decided (or it expired). */
  record: ConsentRecord | null;
  needsDecision: boolean;
}

export interface ConsentChangeDetail {
  /** The new record; null after a withdrawal. */
  record: ConsentRecord | null;
  /** Purposes and `purpose/service` keys whose grant changed. */
  changed: string[];
  method: ChangeMethod;
}

export type ConsentReadyEvent = CustomEvent<ConsentReadyDetail>;
export type ConsentChangeEvent = CustomEvent<ConsentChangeDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'discret-consent-ready': ConsentReadyEvent;
    'discret-consent-change': ConsentChangeEvent;
  }
}
