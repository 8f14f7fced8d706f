import { css } from 'lit';
import { theme } from '../theme.styles.js';

export const styles = [
  theme,
  css`
    :host {
      display: block;
      --_danger: var(--discret-danger, #b3261e);
      --_danger-text: var(--discret-danger-text, #ffffff);
      color: var(--_fg);
      font: 1rem/1.5 var(--discret-font-family, system-ui, sans-serif);
      overflow-wrap: anywhere;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --_danger: var(--discret-danger, #f2b8b5);
        --_danger-text: var(--discret-danger-text, #601410);
      }
    }
    :host([hidden]) {
      display: none;
    }
    section {
      box-sizing: border-box;
      padding: 1rem 1.25rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    h2 {
      margin: 1.5rem 0 0.5rem;
      padding-top: 1rem;
      border-top: 1px solid var(--_border);
      font-size: 1.125rem;
      line-height: 1.3;
    }
    [part='intro'] + h2 {
      margin-top: 0.5rem;
    }
    h3 {
      margin: 1rem 0 0.25rem;
      font-size: 1rem;
    }
    p {
      margin: 0 0 0.5rem;
    }
    [part='state'] {
      padding-inline-start: 0.75rem;
      border-inline-start: 4px solid var(--_accent);
      font-weight: 600;
    }
    dl {
      display: grid;
      grid-template-columns: minmax(8rem, max-content) 1fr;
      gap: 0.25rem 1rem;
      margin: 0.5rem 0;
    }
    dl > div {
      display: contents;
    }
    dt {
      color: var(--_muted);
    }
    dd {
      margin: 0;
    }
    code {
      font-family: ui-monospace, monospace;
      font-size: 0.9375rem;
      font-weight: 600;
      user-select: all;
    }
    .hint {
      display: block;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    ul,
    ol {
      margin: 0.25rem 0 0.5rem;
      padding-inline-start: 1.25rem;
    }
    li + li {
      margin-top: 0.25rem;
    }
    [part='choices'],
    [part='choices'] ul {
      padding: 0;
      list-style: none;
    }
    [part='choices'] ul {
      margin: 0.25rem 0 0;
      padding-inline-start: 1rem;
      border-inline-start: 2px solid var(--_border);
    }
    [part='choices'] li {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0 1rem;
    }
    [part='choices'] li > ul {
      flex-basis: 100%;
    }
    .granted,
    .refused {
      font-weight: 600;
    }
    .granted {
      color: var(--_accent);
    }
    [part~='actions'],
    [part='dialog-actions'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
    [part~='button'] {
      background: var(--_bg);
      color: var(--_accent);
    }
    .danger {
      border-color: var(--_danger);
      color: var(--_danger);
    }
    .danger-filled {
      border-color: var(--_danger);
      background: var(--_danger);
      color: var(--_danger-text);
    }
    [part='cancel-button'] {
      background: var(--_bg);
      color: var(--_accent);
    }
    [part~='status'] {
      margin: 0.5rem 0 0;
      font-weight: 600;
    }
    [part~='status']:empty {
      margin: 0;
    }
    a {
      display: inline-block;
      min-height: 24px;
      color: var(--_accent);
    }
    dialog {
      box-sizing: border-box;
      width: min(34rem, 100% - 2rem);
      max-height: calc(100dvh - 2rem);
      padding: 1.25rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
      background: var(--_bg);
      color: var(--_fg);
    }
    dialog h2 {
      margin-top: 0;
      padding-top: 0;
      border-top: 0;
    }
    dialog::backdrop {
      background: var(--discret-backdrop, rgb(0 0 0 / 0.5));
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
      button,
      dialog,
      section {
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
