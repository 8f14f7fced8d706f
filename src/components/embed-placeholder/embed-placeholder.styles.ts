import { css } from 'lit';
import { theme } from '../consent/consent.styles.js';

export const styles = [
  theme,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      max-width: 100%;
      min-height: 10rem;
      overflow: auto;
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      background: var(--discret-embed-background, var(--_bg));
      color: var(--_fg);
      font-family: var(--discret-font-family, system-ui, sans-serif);
      line-height: 1.4;
    }
    .box {
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 0.5rem;
      min-height: 100%;
      padding: 1rem;
    }
    p {
      margin: 0;
    }
    .title {
      font-weight: 700;
    }
    .text {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    @media (forced-colors: active) {
      :host {
        border-color: CanvasText;
      }
      button {
        border-color: ButtonText;
      }
    }
  `,
];
