// The demo pages are written in French; `?lang=en` shows them in English.
// Loaded in <head> right after discret.js, before the body is parsed: it sets
// <html lang> first, which is where discret's elements take their locale
// from, then swaps attributes as the parser adds elements (`data-en-href`
// becomes `href`), before the chat widget and the consent store read them.
// discret's own labels need none of this: `label-en` and `description-en`
// sit next to the French ones, and discret picks them by the page's language.
// Texts (`data-en` on an element holding text only) are swapped once the
// document is parsed, when their French text is complete.
{
  const PREFIX = 'data-en-';
  const swapAttributes = (element) => {
    for (const { name, value } of [...element.attributes]) {
      if (name.startsWith(PREFIX)) element.setAttribute(name.slice(PREFIX.length), value);
    }
  };
  const swapTree = (root) => {
    swapAttributes(root);
    for (const element of root.querySelectorAll('*')) swapAttributes(element);
  };

  if (new URLSearchParams(location.search).get('lang') === 'en') {
    document.documentElement.lang = 'en';
    const observer = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) swapTree(node);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener(
      'DOMContentLoaded',
      () => {
        observer.disconnect();
        swapTree(document.documentElement);
        for (const element of document.querySelectorAll('[data-en]')) element.textContent = element.getAttribute('data-en');
      },
      { once: true },
    );
  }
}
