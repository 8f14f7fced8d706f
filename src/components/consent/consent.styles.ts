import { css } from 'lit';
import { theme } from '../theme.styles.js';

export { theme };

export const styles = [
  theme,
  css`
    /* Everything shown is fixed or in the top layer: the host page never moves. */
    :host {
      display: contents;
      --_switch-surface: var(--_bg);
      --_switch-thumb-on: var(--_on-accent);
    }
    :host([hidden]) {
      display: none;
    }
    .banner,
    dialog {
      box-sizing: border-box;
      max-height: calc(100dvh - 2rem);
      overflow: auto;
      margin: auto;
      padding: 1rem 1.25rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
      background: var(--_bg);
      color: var(--_fg);
      font: 1rem/1.5 var(--discret-font-family, system-ui, sans-serif);
      overflow-wrap: anywhere;
    }
    .banner {
      position: fixed;
      z-index: var(--discret-z-index, 2147483000);
    }
    .bar {
      inset: auto 0 0;
      max-height: 100dvh;
      border-width: 1px 0 0;
      border-radius: 0;
      padding-inline: max(1.25rem, (100% - 72rem) / 2);
    }
    .box {
      inset-block-end: 1rem;
      inset-inline-end: 1rem;
      width: min(26rem, 100% - 2rem);
    }
    .modal {
      width: min(36rem, 100% - 2rem);
    }
    dialog {
      width: min(40rem, 100% - 2rem);
    }
    /* The purposes scroll and the actions stay in view under them: saving never means scrolling past every purpose first. */
    dialog.preferences {
      padding: 0;
      overflow: hidden;
    }
    dialog.preferences[open] {
      display: flex;
      flex-direction: column;
    }
    .preferences .body {
      flex: 1 1 auto;
      min-height: 0;
      overflow: auto;
      padding: 1rem 1.25rem 0.25rem;
    }
    .preferences .footer {
      flex: none;
      padding: 0.75rem 1.25rem 1rem;
      border-top: 1px solid var(--_border);
    }
    .preferences .actions {
      margin: 0;
    }
    /* Next to "Save my choices", in view whatever the scroll. */
    .changed:empty {
      margin: 0;
    }
    .changed:not(:empty) {
      margin: 0 0 0.75rem;
      padding-inline-start: 0.75rem;
      border-inline-start: 4px solid var(--_accent);
      font-weight: 600;
    }
    dialog::backdrop {
      background: var(--discret-backdrop, rgb(0 0 0 / 0.5));
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.125rem;
      line-height: 1.3;
    }
    p {
      margin: 0 0 0.5rem;
    }
    a {
      display: inline-block;
      min-height: 24px;
      color: var(--_accent);
    }
    .actions {
      display: grid;
      grid-auto-columns: 1fr;
      grid-auto-flow: column;
      gap: 0.5rem;
      margin-top: 1rem;
    }
    .bar .actions {
      width: fit-content;
      margin-inline-start: auto;
    }
    .box .actions {
      grid-auto-flow: row;
    }
    /*
     * Small screens: a denser first layer, so that the bar leaves most of the
     * page in view (about a quarter of a 375×812 screen with the demos'
     * texts), and the actions two by two: "Reject all" and "Accept all" side
     * by side, alike, the last one across.
     */
    @media (max-width: 36rem) {
      .banner {
        padding: 0.625rem 1rem;
      }
      .banner h2 {
        margin-bottom: 0.25rem;
        font-size: 1rem;
      }
      .banner p {
        font-size: 0.875rem;
        line-height: 1.4;
      }
      /* Still a 24 px target, without making its line taller than the others. */
      .banner a {
        margin-block: -2px;
      }
      .actions.actions {
        grid-template-columns: repeat(2, minmax(0, 1fr));
        grid-auto-flow: row;
        width: auto;
        margin-top: 0.5rem;
      }
      .actions > :last-child {
        grid-column: 1 / -1;
      }
      /* "Tout accepter" stays on one line in half of a 320 px screen. */
      .actions button {
        padding-inline: 0.5rem;
        font-size: 0.9375rem;
      }
      /* Nearly the whole width (the browser's own limit for modal dialogs leaves 19 px a side): the buttons keep one line. */
      dialog {
        width: calc(100% - 0.5rem);
        max-width: none;
      }
      .preferences .body,
      .preferences .footer {
        padding-inline: 0.625rem;
      }
      /* Room for the cookie tables' four columns (doubled classes: these rules come before the general ones). */
      .services.services {
        padding-inline-start: 0.5rem;
      }
      table.cookies.cookies {
        font-size: 0.75rem;
      }
      /* Within the narrower padding: a wider pull would make the dialog scroll 2 px sideways at 320 px. */
      .close.close {
        margin-inline-end: -0.5rem;
      }
    }
    .head {
      display: flex;
      align-items: start;
      justify-content: space-between;
      gap: 1rem;
    }
    .close {
      flex: none;
      margin: -0.5rem -0.75rem 0 0;
      padding: 0;
      border-color: transparent;
      background: none;
      color: var(--_fg);
      font-size: 1.5rem;
      line-height: 1;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .purposes > li {
      padding-block: 0.75rem;
      border-top: 1px solid var(--_border);
    }
    .services {
      margin-top: 0.5rem;
      padding-inline-start: 1rem;
      border-inline-start: 2px solid var(--_border);
    }
    .services > li + li {
      margin-top: 0.5rem;
    }
    .row {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
    }
    label {
      font-weight: 600;
      cursor: pointer;
    }
    .details {
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .details p {
      margin: 0.25rem 0 0;
    }
    .vendor {
      margin: 0.25rem 0 0;
    }
    .vendor > div {
      display: flex;
      flex-wrap: wrap;
      column-gap: 0.25rem;
    }
    .vendor dt {
      font-weight: 600;
    }
    .vendor dd {
      margin: 0;
    }
    /*
     * Four columns in the width of a 320 px screen: a fixed layout shares the
     * width whatever the words' lengths; cookie names and domains (one long
     * token each) break anywhere, other text between words when it can.
     */
    table.cookies {
      width: 100%;
      table-layout: fixed;
      margin-top: 0.5rem;
      border-collapse: collapse;
      font-size: 0.8125rem;
      line-height: 1.4;
    }
    .cookies caption {
      margin-bottom: 0.25rem;
      font-weight: 600;
      text-align: start;
    }
    .cookies th,
    .cookies td {
      padding: 0.25rem;
      border: 1px solid var(--_border);
      overflow-wrap: break-word;
      text-align: start;
      vertical-align: top;
    }
    .cookies .token,
    .cookies td:last-child {
      overflow-wrap: anywhere;
    }
    .cookies thead th:nth-child(1) {
      width: 25%;
    }
    .cookies thead th:nth-child(2) {
      width: 31%;
    }
    .cookies thead th:nth-child(3) {
      width: 22%;
    }
    .cookies thead th:nth-child(4) {
      width: 22%;
    }
    .cookies thead th {
      background: color-mix(in srgb, var(--_border) 35%, transparent);
    }
    .cookies tbody th {
      font-weight: 600;
    }
    .status {
      position: fixed;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];
