import { css } from 'lit';

/**
 * The look of every `<input type="checkbox" role="switch">`, in the consent
 * preferences and the chat notice alike: a 44×24 px track with a thumb that
 * moves to the end, on the accent, once on. Each host sets `--_switch-surface`
 * (the track while off) and `--_switch-thumb-on` (the thumb on the accent)
 * from its own theme, next to its `--_muted` and `--_accent`.
 */
export const switchStyles = css`
  input[role='switch'] {
    appearance: none;
    position: relative;
    flex: none;
    box-sizing: border-box;
    width: 2.75rem;
    height: 1.5rem;
    margin: 0;
    border: 2px solid var(--_muted);
    border-radius: 1rem;
    background: var(--_switch-surface);
    cursor: pointer;
  }
  input[role='switch']::before {
    content: '';
    position: absolute;
    top: 3px;
    inset-inline-start: 3px;
    width: 14px;
    height: 14px;
    border-radius: 50%;
    background: var(--_muted);
  }
  input[role='switch']:checked {
    border-color: var(--_accent);
    background: var(--_accent);
  }
  input[role='switch']:checked::before {
    inset-inline-start: calc(100% - 17px);
    background: var(--_switch-thumb-on);
  }
  input[role='switch']:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  @media (prefers-reduced-motion: no-preference) {
    input[role='switch']::before {
      transition: inset-inline-start 0.15s;
    }
  }
  @media (forced-colors: active) {
    /* The state is drawn with backgrounds, which forced colours would erase: system colours instead. */
    input[role='switch'] {
      forced-color-adjust: none;
      border-color: CanvasText;
      background: Canvas;
    }
    input[role='switch']::before {
      background: CanvasText;
    }
    input[role='switch']:checked {
      border-color: Highlight;
      background: Highlight;
    }
    input[role='switch']:checked::before {
      background: HighlightText;
    }
    input[role='switch']:disabled {
      opacity: 1;
      border-color: GrayText;
    }
  }
`;
