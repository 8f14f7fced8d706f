import { css } from 'lit';
import { chatTheme } from '../chat-theme.styles.js';

export const styles = [
  chatTheme,
  css`
  :host {
    --_background: var(--discret-background, #ffffff);
    --_danger: var(--discret-danger, #b3261e);
    --_danger-text: var(--discret-danger-text, #ffffff);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_background: var(--discret-background, #23252a);
      --_danger: var(--discret-danger, #f2b8b5);
      --_danger-text: var(--discret-danger-text, #601410);
    }
  }
  button {
    font: inherit;
    min-height: 2.25rem;
    min-width: 2.25rem;
    padding: 0.25rem 0.875rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: transparent;
    color: var(--_text);
    cursor: pointer;
  }
  [aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  [part='button'],
  [part='confirm-button'] {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  [part='confirm-button'] {
    background: var(--_danger);
    color: var(--_danger-text);
    font-weight: 600;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  [part='status'] {
    margin: 0.5rem 0;
  }
  [part='status']:empty {
    display: none;
  }
  /* Done: a statement with a check mark where the button was, in full colour, not a control greyed out. */
  .done {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 600;
  }
  [part='done-mark'] {
    position: relative;
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 50%;
    background: var(--_accent);
  }
  /* The tick is a border: in forced colours it stays, in the text colour, where the disc's background goes. */
  [part='done-mark']::after {
    content: '';
    position: absolute;
    top: 0.2rem;
    left: 0.42rem;
    width: 0.3rem;
    height: 0.6rem;
    border: solid var(--_accent-text);
    border-width: 0 2px 2px 0;
    transform: rotate(45deg);
  }
  /* Answered, not erased yet (scheduled, awaiting the e-mail, received): a clock, never the check mark. Borders, so that forced colours keep it. */
  [part='waiting-mark'] {
    position: relative;
    flex: none;
    box-sizing: border-box;
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 50%;
    border: 2px solid var(--_accent);
  }
  [part='waiting-mark']::after {
    content: '';
    position: absolute;
    top: 0.2rem;
    left: 0.42rem;
    width: 0.25rem;
    height: 0.35rem;
    border: solid var(--_accent);
    border-width: 0 0 2px 2px;
  }
  [part='backup-note'] {
    margin: 0.5rem 0;
  }
  dialog {
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-width: min(32rem, calc(100vw - 2rem));
    padding: 1.25rem;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  h2 {
    font-size: 1.125rem;
    margin: 0 0 0.75rem;
  }
  h3 {
    font-size: 1rem;
    margin: 1rem 0 0.25rem;
  }
  p {
    margin: 0 0 0.5rem;
  }
  [part='dialog-actions'] {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 1rem;
  }
  details {
    margin-top: 0.5rem;
  }
  summary {
    cursor: pointer;
    min-height: 1.5rem;
    line-height: 1.5rem;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.125rem 0.75rem;
    margin: 0.5rem 0;
    font-size: 0.875rem;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  @media (forced-colors: active) {
    button,
    dialog {
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
