import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConsentStore } from '../../core/consent-store.js';
import { warn } from '../../core/warn.js';
import { resolveLocale, toLocale } from '../../i18n/locale.js';
import { consentTranslation } from '../../i18n/translation.js';
import { ConsentController } from '../consent-controller.js';
import { styles } from './consent-button.styles.js';

export type ConsentButtonPosition = 'inline' | 'bottom-left' | 'bottom-right';

const POSITIONS: readonly string[] = ['inline', 'bottom-left', 'bottom-right'] satisfies ConsentButtonPosition[];

/**
 * Reopens the consent preferences from any page, so that withdrawing takes
 * two clicks: this button, then "Reject all". It asks the store
 * (`store.showPreferences()`); whichever `<discret-consent>` is on the page
 * opens its dialog.
 *
 * Inline by default, for a footer. Floating (`bottom-left`, `bottom-right`),
 * it stays out of the way while the banner asks for a first decision.
 *
 * @slot - The button's label; "Gérer les cookies" / "Cookie settings" by default
 *   (also overridable with `text-manage` or `texts.manage` in the configuration).
 *
 * @csspart button - The `<button>`.
 *
 * @cssprop [--discret-accent=#1d4ed8 (dark: #8fb1ff)] - Outline and text.
 * @cssprop [--discret-background=#fff (dark: #1e1e22)] - Background.
 * @cssprop [--discret-radius=0.5rem] - Corner radius.
 * @cssprop [--discret-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--discret-shadow=0 0.5rem 2rem rgb(0 0 0 / 0.25)] - Shadow when floating.
 * @cssprop [--discret-z-index=2147483000] - Stacking when floating.
 *
 * @tagname discret-consent-button
 */
export class DiscretConsentButton extends LitElement {
  static override styles = styles;
  /** `focus()` on the element focuses its button: the banner hands focus here once the visitor decided. */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** `inline` (default), or floating at `bottom-left` / `bottom-right` of the viewport. */
  @property({ reflect: true }) position: ConsentButtonPosition = 'inline';

  private readonly consent = new ConsentController(this);
  private warnedPosition?: string;

  /** The store asked to show the preferences; the page's one store by default. */
  get store(): ConsentStore {
    return this.consent.store;
  }

  set store(store: ConsentStore) {
    this.consent.store = store;
  }

  protected override willUpdate(): void {
    if (!POSITIONS.includes(this.position) && this.warnedPosition !== this.position) {
      this.warnedPosition = this.position;
      warn(`<discret-consent-button> position="${this.position}": unknown position (inline, bottom-left or bottom-right); using inline`);
    }
  }

  protected override render(): unknown {
    const floating = this.position !== 'inline' && POSITIONS.includes(this.position);
    // A floating button would sit on the banner; it waits for a first decision.
    if (floating && (!this.consent.ready || this.store.needsDecision)) return nothing;
    const { locale, texts } = this.store.settings;
    const label = consentTranslation((!this.hasAttribute('lang') && toLocale(locale)) || resolveLocale(this), texts).manage;
    return html`<button class=${floating ? 'floating' : ''} part="button" @click=${this.handleClick}><slot>${label}</slot></button>`;
  }

  private readonly handleClick = (): void => this.store.showPreferences();
}
