/**
 * Registers a tag unless it already is: a consent script is often loaded
 * twice (a tag manager and the page, or two widgets bundling discret).
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  // No registry on a server: importing the registration entries there defines nothing and throws nothing.
  if (globalThis.customElements && !customElements.get(tag)) customElements.define(tag, element);
}
