import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { isSafeUrl, type CookieDefinition, type NormalizedPurpose, type NormalizedService } from '../../core/config.js';
import type { ConsentStore } from '../../core/consent-store.js';
import { attributeTexts, readConsentElement } from '../../core/markup.js';
import { page } from '../../core/registry.js';
import { warn } from '../../core/warn.js';
import { durationInWords } from '../../i18n/duration.js';
import { resolveLocale, toLocale, type Locale } from '../../i18n/locale.js';
import { localized, withTexts } from '../../i18n/site-texts.js';
import { consentTranslation, fill, type ConsentTranslation } from '../../i18n/translation.js';
import { vendorTranslations, type VendorTranslation } from '../../i18n/vendors.js';
import { ConsentController } from '../consent-controller.js';
import { switchStyles } from '../switch.styles.js';
import { styles } from './consent.styles.js';

export type ConsentLayout = 'bar' | 'box' | 'modal';

const LAYOUTS: readonly string[] = ['bar', 'box', 'modal'] satisfies ConsentLayout[];
const SOURCE = '<discret-consent>';
/** UI events leave the shadow root and bubble, so a page can listen on document. */
const UI_EVENT = { bubbles: true, composed: true };

export interface BannerEventDetail {
  layout: ConsentLayout;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'discret-banner-show': CustomEvent<BannerEventDetail>;
    'discret-banner-hide': CustomEvent<BannerEventDetail>;
    'discret-preferences-show': Event;
    'discret-preferences-hide': Event;
  }
}

/**
 * The consent banner (first layer) and the preferences dialog (second layer).
 *
 * Configured by its attributes and `<discret-purpose>` / `<discret-service>`
 * children, or a `<script type="application/json">` child holding a
 * `ConsentConfig`; attributes win over the JSON, child elements over its
 * `purposes`. An element with neither children nor `revision` configures
 * nothing and renders whatever `store.configure()` (`discret.configure()`) set.
 *
 * The banner shows once the stored record has been read, and only when the
 * store needs a decision and has purposes to ask about; until then the
 * element renders nothing and takes no space. It offers no close button: the
 * visitor chooses, or ignores it and nothing non-essential runs. Escape
 * dismisses the `modal` layout for the page view, recording nothing.
 *
 * Speaks its own `lang`, else the configured `locale`, else `<html lang>`,
 * else the browser's language (French or English; English otherwise), and
 * follows `<html lang>` when it changes.
 * Every string can be replaced: `texts` in the configuration, or an attribute
 * `text-<key>` with the translation key in kebab-case (`text-banner-title`,
 * `text-accept-all`; keys in `ConsentTranslation`), for one language with
 * its suffix (`text-accept-all-en`, `acceptAllEn` in `texts`).
 *
 * @fires {CustomEvent<BannerEventDetail>} discret-banner-show - The banner appeared; `detail.layout`.
 * @fires {CustomEvent<BannerEventDetail>} discret-banner-hide - The banner went away (decision, or Escape on the modal layout).
 * @fires {Event} discret-preferences-show - The preferences dialog opened.
 * @fires {Event} discret-preferences-hide - The preferences dialog closed, saved or not.
 *
 * @csspart banner - The first layer (`role="region"`, or a modal `<dialog>` in the modal layout).
 * @csspart title - The banner's heading.
 * @csspart text - The banner's text.
 * @csspart policy-link - The link to the privacy policy.
 * @csspart gpc-notice - Says that Global Privacy Control was honoured.
 * @csspart actions - A row of buttons.
 * @csspart button - Every action button.
 * @csspart accept-button - "Accept all", in the banner and the dialog.
 * @csspart reject-button - "Reject all", in the banner and the dialog.
 * @csspart customize-button - Opens the preferences.
 * @csspart dialog - The preferences `<dialog>`.
 * @csspart dialog-title - The dialog's heading.
 * @csspart dialog-text - The dialog's introduction.
 * @csspart close-button - Closes the dialog without saving.
 * @csspart purposes - The list of purposes.
 * @csspart purpose - One purpose with its switch, details and services.
 * @csspart services - The list of a purpose's services.
 * @csspart service - One service.
 * @csspart label - A switch's label.
 * @csspart switch - A purpose or service switch (`<input type="checkbox" role="switch">`).
 * @csspart description - The details under a switch.
 * @csspart cookies - The cookies a purpose or service uses.
 * @csspart exempt - Under a purpose exempt from consent: why it needs none, and how to object.
 * @csspart exempt-notice - In the banner's text: the exempt audience measurement that runs unless the visitor objects.
 * @csspart save-button - "Save my choices".
 * @csspart preferences-changed - In the dialog, says that another tab or window changed the choices while it was open (a live region, empty until then).
 * @csspart status - The live region announcing that choices were saved (visually hidden).
 *
 * @cssprop [--discret-background=#fff (dark: #1e1e22)] - Surface of the banner and dialog.
 * @cssprop [--discret-color=#1b1b1f (dark: #f1f1f4)] - Text.
 * @cssprop [--discret-muted-color=#55555c (dark: #b9b9c2)] - Descriptions and switch outlines.
 * @cssprop [--discret-accent=#1d4ed8 (dark: #8fb1ff)] - Buttons, links, switches that are on, focus ring.
 * @cssprop [--discret-accent-contrast=#fff (dark: #0b1020)] - Text on the accent.
 * @cssprop [--discret-border-color=#c4c4cc (dark: #5a5a64)] - Borders and separators.
 * @cssprop [--discret-radius=0.5rem] - Corner radius of boxes and buttons.
 * @cssprop [--discret-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--discret-shadow=0 0.5rem 2rem rgb(0 0 0 / 0.25)] - Shadow of the banner and dialog.
 * @cssprop [--discret-backdrop=rgb(0 0 0 / 0.5)] - Behind modal dialogs.
 * @cssprop [--discret-z-index=2147483000] - Stacking of the bar and box layouts.
 *
 * @tagname discret-consent
 */
export class DiscretConsent extends LitElement {
  // The switches' look here, not in consent.styles.ts: `<discret-consent-button>` shares that file's theme and needs no switch.
  static override styles = [styles, switchStyles];

  /** Policy/config version; a stored decision of another revision is asked again. */
  @property() revision?: string;

  /** The privacy policy, linked from the banner and the dialog; http(s) or relative. */
  @property({ attribute: 'policy-href' }) policyHref?: string;

  /** How long a decision lasts, as an ISO 8601 duration (`P6M`, the default; at most `P13M`). */
  @property({ attribute: 'max-age' }) maxAge?: string;

  /** `bar` (bottom of the viewport, default), `box` (corner) or `modal` (centred, page inert). */
  @property() layout?: ConsentLayout;

  /** http(s) or relative URL receiving each record as JSON (sendBeacon), for server-side proof. */
  @property({ attribute: 'log-endpoint' }) logEndpoint?: string;

  private readonly consent = new ConsentController(this, { onPreferencesRequest: () => void this.showPreferences() });
  private readonly observer = new MutationObserver(() => this.requestUpdate());
  private readonly warned = new Set<string>();
  private bannerVisible = false;
  private bannerAnnounced = false;
  private bannerLayout: ConsentLayout = 'bar';
  private opener: HTMLElement | null = null;
  /** Where focus was before it entered the banner: it goes back there once the banner is gone. */
  private focusBeforeBanner: HTMLElement | null = null;
  /** The banner is going away with focus in it. */
  private bannerHadFocus = false;
  /** What was in force when the switches were last set from the store; a decision made elsewhere shows as a difference. */
  private inForce: Record<string, boolean> = {};
  /** Escape on the modal banner hides it for this page view; nothing is recorded. */
  @state() private dismissed = false;
  @state() private preferencesOpen = false;
  /** Switch states while the dialog is open, by purpose name and `purpose/service`. */
  @state() private draft: Record<string, boolean> = {};
  @state() private status = '';
  /** The store changed while the dialog was open: its switches were set again from what is now in force. */
  @state() private changedElsewhere = false;

  /** The store this element configures and renders; the page's one store by default. */
  get store(): ConsentStore {
    return this.consent.store;
  }

  set store(store: ConsentStore) {
    this.consent.store = store;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Loaded from <head>, the element connects before its children are parsed: watch them arrive.
    this.observer.observe(this, { childList: true, subtree: true, attributes: true, characterData: true });
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', this.handleDocumentParsed, { once: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
    document.removeEventListener('DOMContentLoaded', this.handleDocumentParsed);
  }

  /** Opens the preferences dialog, with the switches as the current record has them. */
  async showPreferences(): Promise<void> {
    await this.store.ready;
    await this.updateComplete;
    if (this.preferencesOpen || !this.renderRoot.querySelector('dialog.preferences')) return;
    this.opener = deepActiveElement();
    this.inForce = this.choicesInForce();
    this.draft = { ...this.inForce };
    this.changedElsewhere = false;
    this.preferencesOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.preferences')?.showModal();
    this.dispatchEvent(new Event('discret-preferences-show', UI_EVENT));
  }

  protected override willUpdate(): void {
    this.configureStore();
    const store = this.store;
    if (!store.needsDecision) this.dismissed = false;
    this.bannerLayout = this.resolveLayout();
    const wasVisible = this.bannerVisible;
    this.bannerVisible = this.consent.ready && !this.dismissed && store.needsDecision && store.purposes.length > 0;
    const active = this.shadowRoot?.activeElement;
    this.bannerHadFocus = wasVisible && !this.bannerVisible && !!active?.closest('.banner');
    if (this.preferencesOpen) this.followChoicesInForce();
  }

  protected override render(): unknown {
    if (!this.consent.ready) return nothing;
    const t = this.translation;
    return html`
      ${this.bannerVisible ? this.renderBanner(t) : nothing}
      <dialog
        class="preferences"
        part="dialog"
        aria-labelledby="preferences-title"
        @cancel=${this.handlePreferencesClose}
        @close=${this.handlePreferencesClose}
        @keydown=${this.handleDialogKeydown}
      >
        ${this.preferencesOpen ? this.renderPreferences(t) : nothing}
      </dialog>
      <div class="status" part="status" role="status">${this.status}</div>
    `;
  }

  protected override updated(): void {
    const banner = this.renderRoot.querySelector<HTMLDialogElement>('dialog.banner');
    if (banner?.isConnected && !banner.open) banner.showModal();
    if (this.bannerHadFocus) {
      this.bannerHadFocus = false;
      void this.moveFocusAfterBanner();
    }
    if (this.bannerVisible !== this.bannerAnnounced) {
      this.bannerAnnounced = this.bannerVisible;
      const init = { ...UI_EVENT, detail: { layout: this.bannerLayout } };
      if (this.bannerVisible) this.dispatchEvent(new CustomEvent<BannerEventDetail>('discret-banner-show', init));
      else this.dispatchEvent(new CustomEvent<BannerEventDetail>('discret-banner-hide', init));
    }
  }

  private renderBanner(t: Strings): TemplateResult {
    // Each label is a name, quoted, after a colon: it keeps the site's capitals and its own "and" without breaking the sentence.
    const list = (exempt: boolean): string =>
      new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(
        this.store.purposes.filter((purpose) => (exempt ? purpose.objectable : !purpose.exempt)).map((purpose) => fill(t.purposeLabel, { label: labelOf(purpose, this.locale) })),
      );
    // Exempt purposes are nothing to accept: those the visitor may object to are told apart, with the way to object.
    const exempt = list(true);
    const content = html`
      <h2 id="banner-title" part="title">${t.bannerTitle}</h2>
      <p part="text">${fill(t.bannerText, { purposes: list(false) })} ${exempt ? html`<span part="exempt-notice">${fill(t.exemptNotice, { purposes: exempt })}</span> ` : nothing}${this.renderPolicyLink(t)}</p>
      ${this.renderGpcNotice(t)}
      <div class="actions" part="actions">
        ${this.renderDecisionButtons(t)}
        <button class="secondary" part="button customize-button" @click=${this.handleCustomizeClick}>${t.customize}</button>
      </div>
    `;
    const layout = this.bannerLayout;
    return layout === 'modal'
      ? html`<dialog
          class="banner modal"
          part="banner"
          aria-labelledby="banner-title"
          @cancel=${this.handleBannerCancel}
          @keydown=${this.handleDialogKeydown}
          @focusin=${this.handleBannerFocusIn}
        >
          ${content}
        </dialog>`
      : html`<div class="banner ${layout}" part="banner" role="region" aria-labelledby="banner-title" @focusin=${this.handleBannerFocusIn}>
          ${content}
        </div>`;
  }

  private renderPreferences(t: Strings): TemplateResult {
    const necessary = { name: 'necessary', label: t.necessaryLabel, description: t.necessaryDescription };
    return html`
      <div class="body">
        <div class="head">
          <h2 id="preferences-title" part="dialog-title">${t.preferencesTitle}</h2>
          <button class="close" part="close-button" aria-label=${t.close} @click=${this.handlePreferencesClose}>×</button>
        </div>
        <p part="dialog-text">${t.preferencesText} ${this.renderPolicyLink(t)}</p>
        ${this.renderGpcNotice(t)}
        <ul class="purposes" part="purposes">
          <li part="purpose">${this.renderSwitch(t, 'necessary', necessary, true)}</li>
          ${this.store.settings.purposes.map(
            (purpose) => html`<li part="purpose">
              ${this.renderSwitch(t, purpose.name, purpose)}
              ${purpose.services?.length
                ? html`<ul class="services" part="services" aria-label=${labelOf(purpose, this.locale)}>
                    ${purpose.services.map(
                      (service) => html`<li part="service">${this.renderSwitch(t, `${purpose.name}/${service.name}`, service)}</li>`,
                    )}
                  </ul>`
                : nothing}
            </li>`,
          )}
        </ul>
      </div>
      <div class="footer">
        <p class="changed" part="preferences-changed" role="status">${this.changedElsewhere ? t.preferencesChanged : ''}</p>
        <div class="actions" part="actions">
          ${this.renderDecisionButtons(t)}
          <button class="primary" part="button save-button" @click=${this.handleSaveClick}>${t.save}</button>
        </div>
      </div>
    `;
  }

  private renderSwitch(t: Strings, key: string, definition: Shown, locked = false): TemplateResult {
    const id = `switch-${key}`;
    // Where a problem is, as the site wrote it.
    const where = `<discret-${key.includes('/') ? 'service' : 'purpose'} name="${definition.name}">`;
    const described = this.describedCookies(where, definition);
    // Cookies described in the table are not listed again.
    const cookies = (definition.cookies ?? []).filter((name) => !described.some((cookie) => cookie.name === name));
    const gpc = this.store.gpc && definition.gpcOptOut;
    // An exempt purpose is on unless the visitor objected; without `objectable` it cannot be switched off here.
    const { exempt, objectable } = definition;
    if (exempt && !objectable) locked = true;
    const description = localized(definition, 'description', this.locale);
    // A vendor is a service's: on a purpose, `provider` and the rest are no attribute (the page's check says so).
    const vendor = key.includes('/') ? this.renderVendor(t, where, definition) : nothing;
    const details = description || cookies.length || gpc || exempt || vendor !== nothing;
    return html`
      <div class="row">
        <label for=${id} part="label">${labelOf(definition, this.locale)}</label>
        <input
          id=${id}
          type="checkbox"
          role="switch"
          part="switch"
          data-key=${key}
          .checked=${(locked && !exempt) || this.draft[key] === true}
          ?disabled=${locked}
          aria-describedby=${ifDefined(details ? `${id}-details` : undefined)}
          @change=${this.handleSwitchChange}
        />
      </div>
      ${details
        ? html`<div class="details" id="${id}-details" part="description">
            ${description ? html`<p>${description}</p>` : nothing}
            ${vendor}
            ${cookies.length
              ? html`<p part="cookies">${fill(t.cookies, { cookies: this.listOf(cookies.map((name) => cookieInWords(t, name))) })}</p>`
              : nothing}
            ${gpc ? html`<p>${t.gpcPurpose}</p>` : nothing}
            ${exempt ? html`<p part="exempt">${t.exemptPurpose} ${objectable ? t.exemptObjectable : ''}</p>` : nothing}
          </div>`
        : nothing}
      ${described.length ? this.renderCookieTable(t, definition, described) : nothing}
    `;
  }

  /**
   * Who provides a service, where the data is processed and under which
   * safeguard it leaves the EU. The provider is linked to its privacy
   * policy when that is an http(s) or relative URL, named only otherwise.
   */
  private renderVendor(t: Strings, where: string, definition: Shown): TemplateResult | typeof nothing {
    const { provider, policyHref, country, transfers } = definition;
    const linked = typeof policyHref === 'string' && isSafeUrl(policyHref);
    if (policyHref !== undefined && !linked) {
      this.warnOnce(`${where} policy-href="${policyHref}": only http(s) or relative URLs are allowed; the provider is named, not linked`);
    }
    const name = typeof provider === 'string' && provider ? provider : linked ? labelOf(definition, this.locale) : '';
    const safeguard = typeof transfers === 'string' ? (Object.hasOwn(SAFEGUARDS, transfers) ? t[SAFEGUARDS[transfers as keyof typeof SAFEGUARDS]] : (localized(definition, 'transfers', this.locale) ?? '')) : '';
    const countries = typeof country === 'string' ? this.countriesInWords(where, country) : '';
    if (!name && !countries && !safeguard) return nothing;
    const entry = (term: string, value: unknown) => html`<div><dt>${term}</dt> <dd>${value}</dd></div>`;
    return html`<dl class="vendor" part="vendor">
      ${name ? entry(t.provider, linked ? html`<a part="provider-link" href=${policyHref!}>${name}</a>` : name) : nothing}
      ${countries ? entry(t.country, countries) : nothing} ${safeguard ? entry(t.transfers, safeguard) : nothing}
    </dl>`;
  }

  /** ISO 3166 codes (`US`, `IE`, space-separated) as the visitor's language names the countries; a code it does not know, as written. */
  private countriesInWords(where: string, country: string): string {
    const names = new Intl.DisplayNames(this.locale, { type: 'region', fallback: 'none' });
    return this.listOf(
      country
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((code) => {
          const name = /^[a-z]{2}$/i.test(code) ? names.of(code.toUpperCase()) : undefined;
          if (!name) this.warnOnce(`${where} country="${country}": "${code}" is not an ISO 3166 country code (US, IE, FR); shown as written`);
          return name ?? code;
        }),
    );
  }

  /** The cookies described one by one: a table whose header names each column, one row per cookie. */
  private renderCookieTable(t: Strings, definition: Shown, cookies: CookieDefinition[]): TemplateResult {
    return html`<table class="cookies" part="cookie-table">
      <caption>
        ${fill(t.cookieTable, { label: labelOf(definition, this.locale) })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.cookieName}</th>
          <th scope="col">${t.cookiePurpose}</th>
          <th scope="col">${t.cookieDuration}</th>
          <th scope="col">${t.cookieDomain}</th>
        </tr>
      </thead>
      <tbody>
        ${cookies.map(
          (cookie) => html`<tr>
            <th scope="row">${nameCell(t, cookie.name)}</th>
            <td>${localized(cookie, 'description', this.locale) ?? ''}</td>
            <td>${this.cookieDuration(t, cookie)}</td>
            <td>${text(cookie.domain)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** `session`, or an ISO 8601 duration in words; a duration that is neither is left out, and said. */
  private cookieDuration(t: Strings, cookie: CookieDefinition): string {
    const { duration } = cookie;
    if (duration === undefined) return '';
    if (duration === 'session') return t.sessionCookie;
    const words = typeof duration === 'string' ? durationInWords(duration, this.locale) : null;
    if (words === null) {
      this.warnOnce(
        `<discret-cookie name="${cookie.name}"> duration="${String(duration)}": not an ISO 8601 duration (P13M, P1Y, PT30M) nor "session"; shown without a duration`,
      );
    }
    return words ?? '';
  }

  /** The cookies a service or purpose describes one by one, those with a usable name; any other is left out, and said. */
  private describedCookies(where: string, definition: Shown): CookieDefinition[] {
    return (definition.cookieDetails ?? []).filter((cookie) => {
      if (typeof cookie.name === 'string' && cookie.name.trim()) return true;
      this.warnOnce(`${where} <discret-cookie name="${String(cookie.name ?? '')}">: a cookie needs a name; left out of the table`);
      return false;
    });
  }

  private listOf(items: string[]): string {
    return new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(items);
  }

  /** "Reject all" and "Accept all": same element, same class, same size, wherever they appear. */
  private renderDecisionButtons(t: Strings): TemplateResult {
    return html`
      <button class="primary" part="button reject-button" @click=${this.handleRejectClick}>${t.rejectAll}</button>
      <button class="primary" part="button accept-button" @click=${this.handleAcceptClick}>${t.acceptAll}</button>
    `;
  }

  private renderPolicyLink(t: Strings): TemplateResult | typeof nothing {
    const href = this.store.settings.policyHref;
    if (href !== undefined && !isSafeUrl(href)) this.warnOnce(`${SOURCE} policy-href="${href}": only http(s) or relative URLs are allowed; link left out`);
    return href && isSafeUrl(href) ? html`<a part="policy-link" href=${href}>${t.policyLink}</a>` : nothing;
  }

  private renderGpcNotice(t: Strings): TemplateResult | typeof nothing {
    return this.store.gpc && this.store.purposes.some((purpose) => purpose.gpcOptOut)
      ? html`<p class="gpc" part="gpc-notice">${t.gpcNotice}</p>`
      : nothing;
  }

  /** The element's own `lang`, then the configured locale, then `<html lang>` and the browser. */
  private get locale(): Locale {
    const configured = this.store.settings.locale;
    return (!this.hasAttribute('lang') && configured && toLocale(configured)) || resolveLocale(this);
  }

  private get translation(): Strings {
    const overrides = [this.store.settings.texts, attributeTexts(this)];
    return { ...consentTranslation(this.locale, ...overrides), ...withTexts(vendorTranslations[this.locale], this.locale, ...overrides) };
  }

  private resolveLayout(): ConsentLayout {
    const layout = this.layout ?? this.store.settings.layout;
    if (layout === undefined || LAYOUTS.includes(layout)) return (layout as ConsentLayout | undefined) ?? 'bar';
    this.warnOnce(`${SOURCE} layout="${layout}": unknown layout (bar, box or modal); using bar`);
    return 'bar';
  }

  /**
   * Without a page core (a bundler's import), hands the markup's
   * configuration to the store. With one, the page core reads the same
   * markup, with the other sources of configuration, and this element only
   * renders. While the page is still parsing, children may be half there:
   * problems are only reported once the document is parsed.
   */
  private configureStore(): void {
    if (page().core) return;
    const { config, problem } = readConsentElement(this);
    const parsed = document.readyState !== 'loading';
    if (problem && parsed) {
      this.warnOnce(
        `${SOURCE} <script type="application/json">: ${problem.message}; its configuration is ignored and nothing non-essential is granted from it`,
      );
    }
    if (!config) return;
    const store = this.store;
    store.configure(config, SOURCE);
    if (parsed && !problem && !store.purposes.length) {
      this.warnOnce(`${SOURCE}: no purposes declared (no <discret-purpose> child, no "purposes" in JSON); no banner is shown and nothing non-essential is granted`);
    }
  }

  /** What `granted()` answers for every purpose and service, by purpose name and `purpose/service`. */
  private choicesInForce(): Record<string, boolean> {
    const choices: Record<string, boolean> = {};
    for (const purpose of this.store.purposes) {
      for (const key of [purpose.name, ...(purpose.services ?? []).map((service) => `${purpose.name}/${service.name}`)]) {
        choices[key] = this.store.granted(key);
      }
    }
    return choices;
  }

  /**
   * Another tab decided or withdrew (or the page's code did) while the
   * dialog was open. Its switches showed what was in force when it opened;
   * saved as they are, they would grant again what was just withdrawn. They
   * are set again from what is now in force, switches the visitor had moved
   * included (their last word is the later decision), and the dialog says so.
   */
  private followChoicesInForce(): void {
    const now = this.choicesInForce();
    const keys = new Set([...Object.keys(now), ...Object.keys(this.inForce)]);
    if ([...keys].every((key) => now[key] === this.inForce[key])) return;
    this.inForce = now;
    this.draft = { ...now };
    this.changedElsewhere = true;
  }

  /**
   * The banner went away with focus in it: left alone, focus would fall to
   * <body> and a keyboard visitor would start again from the top of the
   * page (WCAG 2.4.3). It goes back where it was before it entered the
   * banner, so that a visitor who tabbed in from the page carries on from
   * there. When the banner had it first (a first Tab on arrival, the modal
   * layout), it goes to the page's `<discret-consent-button>`: the way back
   * to the choices just made, which takes the banner's place. Without one,
   * to the document's first focus stop, where a keyboard visitor would
   * start. Unless a listener of the decision already moved it.
   */
  private async moveFocusAfterBanner(): Promise<void> {
    const before = this.focusBeforeBanner;
    this.focusBeforeBanner = null;
    // On <body>, or still in this element: in a dialog just closed, with no banner left.
    const lost = () => {
      const active = deepActiveElement();
      return !active || active === document.body || this.shadowRoot!.contains(active);
    };
    if (!lost()) return;
    if (before?.isConnected && focusLands(before)) return;
    for (const button of document.querySelectorAll('discret-consent-button')) {
      if (button.store !== this.store) continue;
      // A floating button renders only once no decision is needed: after the update this decision started.
      await button.updateComplete;
      if (!lost()) return;
      if (focusLands(button)) return;
    }
    firstFocusStop(this)?.focus();
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    warn(message);
  }

  private async decide(decision: (store: ConsentStore) => Promise<unknown>): Promise<void> {
    this.handlePreferencesClose();
    await decision(this.store);
    // Emptied first so that the same sentence is announced again after a second save.
    this.status = '';
    await this.updateComplete;
    this.status = this.translation.saved;
  }

  private readonly handleDocumentParsed = (): void => this.requestUpdate();

  private readonly handleAcceptClick = (): Promise<void> => this.decide((store) => store.acceptAll());

  private readonly handleRejectClick = (): Promise<void> => this.decide((store) => store.rejectAll());

  private readonly handleSaveClick = (): Promise<void> => {
    const purposes: Record<string, boolean> = {};
    const services: Record<string, boolean> = {};
    for (const purpose of this.store.purposes) {
      // An exempt purpose with no switch is left as it is.
      if (purpose.exempt && !purpose.objectable) continue;
      purposes[purpose.name] = this.draft[purpose.name] === true;
      for (const service of purpose.services ?? []) {
        const key = `${purpose.name}/${service.name}`;
        services[key] = this.draft[key] === true;
      }
    }
    return this.decide((store) => store.decide(purposes, services, 'custom'));
  };

  private readonly handleCustomizeClick = (): Promise<void> => this.showPreferences();

  /**
   * Runs on Escape (`cancel`), on `close` and from the buttons, once per
   * opening: in a page in the background, Chromium closes the dialog on
   * Escape but may never deliver its `close` event.
   */
  private readonly handlePreferencesClose = (): void => {
    if (!this.preferencesOpen) return;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.preferences')?.close();
    this.preferencesOpen = false;
    // Opened from the banner, which another tab's decision took away meanwhile: focus goes where it would after the banner.
    if (this.opener?.isConnected) this.opener.focus();
    else void this.moveFocusAfterBanner();
    this.opener = null;
    this.dispatchEvent(new Event('discret-preferences-hide', UI_EVENT));
  };

  /** Remembers where focus came from when it enters the banner; moves within this element are no entry. */
  private readonly handleBannerFocusIn = (event: FocusEvent): void => {
    const from = event.relatedTarget;
    if (from instanceof HTMLElement && from !== this && !this.shadowRoot!.contains(from)) this.focusBeforeBanner = from;
  };

  private readonly handleBannerCancel = (): void => {
    this.dismissed = true;
  };

  /**
   * A modal <dialog> lets Tab leave the page for the browser's toolbar after
   * its last control; the APG dialog pattern (and WCAG testers) expect Tab to
   * cycle, so it wraps around here.
   */
  private readonly handleDialogKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab') return;
    const dialog = event.currentTarget as HTMLDialogElement;
    const controls = [...dialog.querySelectorAll<HTMLElement>('a[href], button, input:not(:disabled)')];
    const edge = event.shiftKey ? controls[0] : controls[controls.length - 1];
    if (this.shadowRoot!.activeElement !== edge) return;
    event.preventDefault();
    (event.shiftKey ? controls[controls.length - 1] : controls[0]).focus();
  };

  /** A purpose carries its services along; switching a service on switches its purpose on. */
  private readonly handleSwitchChange = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const key = input.dataset.key!;
    const [purposeName, serviceName] = key.split('/');
    const draft = { ...this.draft, [key]: input.checked };
    if (serviceName === undefined) {
      const purpose = this.store.purposes.find((candidate) => candidate.name === purposeName);
      for (const service of purpose?.services ?? []) draft[`${purposeName}/${service.name}`] = input.checked;
    } else if (input.checked) {
      draft[purposeName] = true;
    }
    this.draft = draft;
  };
}

/** Every string this element shows. */
type Strings = ConsentTranslation & VendorTranslation;

/** A purpose or a service as the preferences show it. */
type Shown = Partial<NormalizedPurpose> & Partial<NormalizedService> & { name: string };

/** The `transfers` keywords, by the translation that says them. */
const SAFEGUARDS = { adequacy: 'transferAdequacy', scc: 'transferScc', bcr: 'transferBcr' } as const;

/** A cookie name, or a pattern `prefix*` in words. */
const cookieInWords = (t: Strings, name: string): string => (name.endsWith('*') ? fill(t.cookiePrefix, { prefix: name.slice(0, -1) }) : name);

/** A cookie name in the table: the name itself may break anywhere in a narrow column, the words around it only between words. */
function nameCell(t: Strings, name: string): TemplateResult {
  const prefix = name.endsWith('*');
  const [before, after = ''] = prefix ? t.cookiePrefix.split('{prefix}') : ['', ''];
  return html`${before}<span class="token">${prefix ? name.slice(0, -1) : name}</span>${after}`;
}

/** A field of configuration shown as text only when it is text. */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A purpose's or service's label as the site wrote it, else its name. */
const labelOf = (definition: { name: string }, locale: Locale): string => localized(definition, 'label', locale) ?? definition.name;

/** Focuses an element and tells whether focus is now on it or inside it (a host that delegates focus). */
function focusLands(element: HTMLElement): boolean {
  element.focus();
  const active = deepActiveElement();
  return !!active && (active === element || element.contains(active) || !!element.shadowRoot?.contains(active));
}

/** The first element of the document that Tab reaches, outside `exclude`. */
function firstFocusStop(exclude: Element): HTMLElement | null {
  const candidates = document.body.querySelectorAll<HTMLElement>(
    'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"], [contenteditable=""]',
  );
  for (const element of candidates) {
    if (exclude.contains(element) || element.tabIndex < 0 || element.matches(':disabled') || element.closest('[inert]')) continue;
    if (element.checkVisibility({ visibilityProperty: true })) return element;
  }
  return null;
}

/** The focused element, looking inside shadow roots: the button that opened a dialog is often in one. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}
