import { css } from 'lit';

/** Shared by the consent elements: the `--discret-*` custom properties, their defaults and dark-mode defaults. */
export const theme = css`
  :host {
    --_bg: var(--discret-background, #fff);
    --_fg: var(--discret-color, #1b1b1f);
    --_muted: var(--discret-muted-color, #55555c);
    --_accent: var(--discret-accent, #1d4ed8);
    --_on-accent: var(--discret-accent-contrast, #fff);
    --_border: var(--discret-border-color, #c4c4cc);
    --_radius: var(--discret-radius, 0.5rem);
    --_shadow: var(--discret-shadow, 0 0.5rem 2rem rgb(0 0 0 / 0.25));
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--discret-background, #1e1e22);
      --_fg: var(--discret-color, #f1f1f4);
      --_muted: var(--discret-muted-color, #b9b9c2);
      --_accent: var(--discret-accent, #8fb1ff);
      --_on-accent: var(--discret-accent-contrast, #0b1020);
      --_border: var(--discret-border-color, #5a5a64);
    }
  }
  button {
    box-sizing: border-box;
    min-width: 2.75rem;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    font: inherit;
    font-family: var(--discret-font-family, system-ui, sans-serif);
    font-weight: 600;
    line-height: 1.25;
    cursor: pointer;
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .secondary {
    background: var(--_bg);
    color: var(--_accent);
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
`;
