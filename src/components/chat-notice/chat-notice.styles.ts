import { css } from 'lit';
import { chatTheme } from '../chat-theme.styles.js';
import { switchStyles } from '../switch.styles.js';

export const styles = [
  chatTheme,
  switchStyles,
  css`
  :host {
    --_background: var(--discret-background, #f6f7f9);
    --_switch-surface: var(--_background);
    --_switch-thumb-on: var(--_accent-text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_background: var(--discret-background, #23252a);
    }
  }
  [hidden] {
    display: none !important;
  }
  section {
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
  }
  p {
    margin: 0 0 0.5rem;
  }
  button {
    font: inherit;
    min-height: 2.25rem;
    min-width: 2.25rem;
    padding: 0.25rem 0.875rem;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  [part='more-button'] {
    background: transparent;
    color: var(--_text);
    border: 1px solid var(--_border);
  }
  [part='more-button']::after {
    content: ' ▾';
  }
  [aria-expanded='true']::after {
    content: ' ▴';
  }
  [part='ack-button'] {
    background: var(--_accent);
    color: var(--_accent-text);
    border: 1px solid var(--_accent);
    font-weight: 600;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  dl {
    margin: 0.75rem 0 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0 0 0.5rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  a {
    color: inherit;
    display: inline-block;
    min-height: 1.5rem;
    line-height: 1.5rem;
  }
  [part='training'] {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.625rem;
    align-items: center;
    margin-top: 0.75rem;
  }
  [part='training'] label {
    cursor: pointer;
  }
  [part='training'] p {
    grid-column: 2;
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part='ack'] {
    margin-top: 0.75rem;
  }
  /* Empty, it takes no room; it stays rendered so that screen readers hear it fill. */
  [part='status'] {
    margin: 0;
  }
  [part='status']:not(:empty) {
    margin-top: 0.75rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    section,
    button {
      border: 1px solid CanvasText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 0.15s;
    }
  }
`,
];
