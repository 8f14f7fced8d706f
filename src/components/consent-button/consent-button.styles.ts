import { css } from 'lit';
import { theme } from '../theme.styles.js';

export const styles = [
  theme,
  css`
    :host {
      display: inline-block;
    }
    :host([position='bottom-left']),
    :host([position='bottom-right']) {
      display: contents;
    }
    :host([hidden]) {
      display: none;
    }
    button {
      background: var(--_bg);
      color: var(--_accent);
    }
    .floating {
      position: fixed;
      z-index: var(--discret-z-index, 2147483000);
      bottom: 1rem;
      left: 1rem;
      box-shadow: var(--_shadow);
      font-size: 0.875rem;
    }
    :host([position='bottom-right']) .floating {
      left: auto;
      right: 1rem;
    }
  `,
];
