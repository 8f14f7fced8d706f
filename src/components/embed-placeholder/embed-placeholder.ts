import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConsentStore } from '../../core/consent-store.js';
import { embedTranslation } from '../../i18n/embed.js';
import { resolveLocale, type Locale } from '../../i18n/locale.js';
import { localized } from '../../i18n/site-texts.js';
import { fill } from '../../i18n/translation.js';
import { ConsentController } from '../consent-controller.js';
import { styles } from './embed-placeholder.styles.js';

/**
 * Stands in for an embed held back until consent (a video, a map): who
 * serves it, what loading it shares, and two ways to load it. Placed by
 * discret in the embed's box (`showEmbedPlaceholders`), not written by
 * hand: an `<iframe data-purpose="marketing/youtube" data-src="…">` gets one
 * in its place, a `<div data-purpose="…" data-embed>` that scripts fill gets
 * one inside.
 *
 * "Load" (`loadable`, iframes only) loads this one embed now and records
 * nothing: the next page asks again. "Always allow <provider>" grants the
 * service (or purpose) it is gated on, recorded with the method
 * `contextual`, and every embed and script gated on it loads; the other
 * purposes stay as they were, undecided ones included.
 *
 * @fires {Event} discret-embed-load - "Load" was pressed: whoever placed the placeholder loads the embed.
 *
 * @csspart placeholder - The box's content (`role="group"`).
 * @csspart title - "Content from <provider>".
 * @csspart text - What loading the content shares.
 * @csspart actions - The row of buttons.
 * @csspart button - Both buttons.
 * @csspart load-button - "Load", this embed only, nothing recorded.
 * @csspart allow-button - "Always allow <provider>", recorded.
 *
 * @cssprop [--discret-embed-background=var(--discret-background)] - The box's background.
 * @cssprop [--discret-accent=#1d4ed8 (dark: #8fb1ff)] - Buttons.
 * @cssprop [--discret-color=#1b1b1f (dark: #f1f1f4)] - Text.
 * @cssprop [--discret-muted-color=#55555c (dark: #b9b9c2)] - What loading shares.
 * @cssprop [--discret-border-color=#c4c4cc (dark: #5a5a64)] - The box's dashed border.
 * @cssprop [--discret-radius=0.5rem] - Corners.
 * @cssprop [--discret-font-family=system-ui, sans-serif] - Font.
 *
 * @tagname discret-embed-placeholder
 */
export class DiscretEmbedPlaceholder extends LitElement {
  static override styles = styles;

  /** The keys the embed is gated on, as in its `data-purpose` (`marketing/youtube`). */
  @property() purpose = '';

  /** Offers "Load": the embed can be loaded once without recording anything (an iframe). */
  @property({ type: Boolean }) loadable = false;

  /** Overrides of the strings, by key (`title`, `shares`, `load`, `allow`). */
  @property({ attribute: false }) texts: Record<string, string> = {};

  private readonly consent = new ConsentController(this);

  /** The store the grant is recorded in; the page's one store by default. */
  get store(): ConsentStore {
    return this.consent.store;
  }

  set store(store: ConsentStore) {
    this.consent.store = store;
  }

  protected override render(): unknown {
    const locale = resolveLocale(this);
    const t = embedTranslation(locale, this.texts);
    const list = (labels: string[]): string => new Intl.ListFormat(locale, { type: 'conjunction' }).format([...new Set(labels)]);
    const provider = list(this.keys.map((key) => this.labelOf(key, locale)));
    const purpose = list(this.keys.map((key) => this.labelOf(key.split('/')[0], locale)));
    return html`<div class="box" part="placeholder" role="group" aria-labelledby="title">
      <p class="title" id="title" part="title">${fill(t.title, { provider })}</p>
      <p class="text" id="text" part="text">${fill(t.shares, { provider, purpose })}</p>
      <div class="actions" part="actions">
        ${this.loadable
          ? html`<button class="primary" part="button load-button" aria-describedby="title" @click=${this.handleLoadClick}>${t.load}</button>`
          : nothing}
        <button class="secondary" part="button allow-button" @click=${this.handleAllowClick}>${fill(t.allow, { provider })}</button>
      </div>
    </div>`;
  }

  private get keys(): string[] {
    return this.purpose.split(/\s+/).filter(Boolean);
  }

  /** A service's or purpose's label as the site wrote it, else its name. */
  private labelOf(key: string, locale: Locale): string {
    const [purposeName, serviceName] = key.split('/');
    const purpose = this.store.purposes.find((candidate) => candidate.name === purposeName);
    const definition = serviceName === undefined ? purpose : purpose?.services?.find((service) => service.name === serviceName);
    return (definition && localized(definition, 'label', locale)) || serviceName || purposeName;
  }

  private readonly handleLoadClick = (): void => {
    this.dispatchEvent(new Event('discret-embed-load', { bubbles: true, composed: true }));
  };

  /**
   * Grants what the embed is gated on and nothing else: a service alone,
   * not its purpose as a whole (what is gated on the purpose stays held
   * back) nor the purpose's other services; every other purpose and service
   * keeps what is in force.
   */
  private readonly handleAllowClick = async (): Promise<void> => {
    const store = this.store;
    const record = store.judge(store.record);
    const purposes: Record<string, boolean> = { ...record?.purposes };
    const services: Record<string, boolean> = { ...record?.services };
    const split = this.keys.map((key) => key.split('/'));
    for (const [purposeName, serviceName] of split) {
      for (const { name } of store.purposes.find((purpose) => purpose.name === purposeName)?.services ?? []) {
        const other = `${purposeName}/${name}`;
        // Granting one service leaves the others as they are; a purpose granted for itself, they follow it.
        if (serviceName === undefined) delete services[other];
        else services[other] = store.granted(other);
      }
    }
    // A service is granted alone: its purpose as a whole, and what is gated on it, stay as they were.
    for (const [purposeName, serviceName] of split) {
      if (serviceName === undefined) purposes[purposeName] = true;
      else services[`${purposeName}/${serviceName}`] = true;
    }
    await store.decide(purposes, services, 'contextual');
  };
}
