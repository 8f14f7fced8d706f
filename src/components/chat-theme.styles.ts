import { css } from 'lit';

/** The chat elements' share of the `--discret-*` theme: the same custom properties and defaults as the consent elements. */
export const chatTheme = css`
  :host {
    display: block;
    --_font: var(--discret-font-family, system-ui, sans-serif);
    --_text: var(--discret-color, #1b1b1f);
    --_muted: var(--discret-muted-color, #55555c);
    --_border: var(--discret-border-color, #c4c4cc);
    --_accent: var(--discret-accent, #1d4ed8);
    --_accent-text: var(--discret-accent-contrast, #fff);
    --_focus: var(--_accent);
    --_radius: var(--discret-radius, 0.5rem);
    font: 0.9375rem/1.45 var(--_font);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--discret-color, #f1f1f4);
      --_muted: var(--discret-muted-color, #b9b9c2);
      --_border: var(--discret-border-color, #5a5a64);
      --_accent: var(--discret-accent, #8fb1ff);
      --_accent-text: var(--discret-accent-contrast, #0b1020);
    }
  }
`;
