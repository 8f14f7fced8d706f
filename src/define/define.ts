/**
 * Registers a tag unless it already is: a consent script is often loaded
 * twice (a tag manager and the page, or two widgets bundling discret).
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
