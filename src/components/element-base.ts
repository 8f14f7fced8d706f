/**
 * `HTMLElement`, or a stand-in where there is none: a server importing
 * discret (to render a page that uses it) defines no element, and must not
 * throw when the configuration elements' classes are declared.
 */
export const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;
