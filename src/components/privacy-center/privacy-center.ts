import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { PurposeDefinition } from '../../core/config.js';
import type { ConsentStore, HistoryEntry } from '../../core/consent-store.js';
import { chatStorage } from '../../core/conversation/chat-storage.js';
import { receiptChannel } from '../../core/conversation/receipt.js';
import { eraseBrowserData, finishErase, readPrivacyData, type ErasedData, type PrivacyData } from '../../core/privacy.js';
import { NECESSARY, type ConsentRecord } from '../../core/record.js';
import type { ConsentStorage } from '../../core/storage.js';
import { warn } from '../../core/warn.js';
import { formatDate, formatDay } from '../../i18n/format.js';
import { resolveLocale, toLocale, type Locale } from '../../i18n/locale.js';
import { privacyTranslations, type PrivacyTranslation } from '../../i18n/privacy.js';
import { localized, withTexts } from '../../i18n/site-texts.js';
import { ConsentController } from '../consent-controller.js';
import { rightsLinks } from '../rights-links.js';
import { styles } from './privacy-center.styles.js';

export type PrivacyErasedDetail = ErasedData;

declare global {
  interface GlobalEventHandlersEventMap {
    'discret-privacy-erased': CustomEvent<PrivacyErasedDetail>;
  }
}

const TAG = '<discret-privacy-center>';
/** UI events leave the shadow root and bubble, so a page can listen on document. */
const UI_EVENT = { bubbles: true, composed: true };
/** What the chat elements fire when the visitor acknowledges a notice, makes a training choice or a deletion is answered: the centre reads again. */
const CHAT_EVENTS = ['discret-notice-acknowledged', 'discret-training-choice-change', 'discret-conversation-deleted', 'discret-conversation-delete-failed'];
const list = (value: string) => value.split(/[\s,]+/).filter(Boolean);

/**
 * A visitor's privacy centre, for a site's "Vos données" page: everything
 * this site keeps about them in this browser, in their language, and what
 * they can do with it. It shows their consent reference (the record's id,
 * the one a site's support asks for), when and how they decided, what is
 * granted and refused per purpose and service (with the configuration's
 * labels), until when, for which revision, and whether it is still in force;
 * the history of their decisions; the chat notices they acknowledged, their
 * training choices and their deletion receipts; the site's policy, rights
 * and complaint links (the CNIL's complaint page by default).
 *
 * Actions, one click each: change the choices (opens the preferences of the
 * page's `<discret-consent>`), withdraw everything (`withdraw()`: refused
 * cookies cleared, the page reloaded if the site asked), download everything
 * as one JSON file named with the date, and erase what this site keeps in
 * this browser, after a confirmation: discret's entries (a deletion request
 * still on its way and refusals of training excepted), and the page's
 * `local-keys` and `local-databases`; consent is withdrawn and the banner
 * asks again.
 *
 * It follows decisions made elsewhere on the page or in another tab as they
 * happen, and chat choices made on the page.
 *
 * @tagname discret-privacy-center
 *
 * @slot intro - Replaces the introduction ("Ce que ce site garde de vos choix…").
 * @slot rights - After the rights links: a site's own rights form or contact details.
 *
 * @fires discret-privacy-erased - The visitor erased their data; detail `{ entries, keys, databases, kept }`, for a site to erase its own copies too.
 *
 * @csspart section - The whole centre, a region named "Vos données" / "Your data".
 * @csspart heading - Each heading (consent, choices, history, chats, actions, rights).
 * @csspart intro - The introduction.
 * @csspart state - The sentence saying whether a decision is in force (none, withdrawn, expired, another revision).
 * @csspart record - The record's details (a `<dl>`): reference, date, method, expiry, revision.
 * @csspart reference - The consent reference.
 * @csspart choices - The list of purposes with their state.
 * @csspart choice - One purpose or service and its state.
 * @csspart granted - The word "granted" on a purpose or service.
 * @csspart refused - The word "refused" on a purpose or service.
 * @csspart history - The list of decisions and withdrawals.
 * @csspart history-entry - One decision or withdrawal.
 * @csspart acknowledgements - The chat notices acknowledged.
 * @csspart training-choices - The training choices.
 * @csspart receipts - The deletion receipts.
 * @csspart actions - The row of action buttons.
 * @csspart button - Every action button.
 * @csspart change-button - "Change my choices".
 * @csspart withdraw-button - "Withdraw all my consent"; shown while there is a decision to withdraw.
 * @csspart download-button - "Download my data (JSON)".
 * @csspart erase-button - "Erase what this site keeps in this browser".
 * @csspart dialog - The erase confirmation `<dialog>`.
 * @csspart dialog-actions - The confirmation's buttons.
 * @csspart cancel-button - Closes the confirmation.
 * @csspart confirm-button - Erases.
 * @csspart links - The list of rights links.
 * @csspart link - Each rights link.
 * @csspart status - Says what an action did (a live region; focus lands on it when the button pressed goes away).
 *
 * @cssprop [--discret-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--discret-color=#1b1b1f (dark: #f1f1f4)] - Text.
 * @cssprop [--discret-muted-color=#55555c (dark: #b9b9c2)] - Labels and hints.
 * @cssprop [--discret-background=#fff (dark: #1e1e22)] - Surface of the sections and the dialog.
 * @cssprop [--discret-border-color=#c4c4cc (dark: #5a5a64)] - Borders.
 * @cssprop [--discret-accent=#1d4ed8 (dark: #8fb1ff)] - Buttons, links, "granted", focus ring.
 * @cssprop [--discret-danger=#b3261e (dark: #f2b8b5)] - The erase buttons.
 * @cssprop [--discret-danger-text=#ffffff (dark: #601410)] - Text on the confirm button.
 * @cssprop [--discret-radius=0.5rem] - Corner radius.
 * @cssprop [--discret-backdrop=rgb(0 0 0 / 0.5)] - Behind the confirmation.
 */
export class DiscretPrivacyCenter extends LitElement {
  static override styles = styles;

  /** The privacy policy; http(s) or relative. The configured `policy-href` of `<discret-consent>` when left out. */
  @property({ attribute: 'policy-href' }) policyHref = '';
  /** Where visitors exercise their rights; http(s) or relative. */
  @property({ attribute: 'rights-href' }) rightsHref = '';
  /** Address for rights requests, linked as `mailto:`. */
  @property({ attribute: 'rights-email' }) rightsEmail = '';
  /** The supervisory authority's name; the CNIL by default, `none` to leave it out. */
  @property() authority = '';
  /** Where to lodge a complaint with `authority`; the CNIL's complaint page by default. */
  @property({ attribute: 'authority-href' }) authorityHref = '';
  /** The page's localStorage and sessionStorage keys erased with the rest, exact or `prefix*`, separated by spaces. */
  @property({ attribute: 'local-keys' }) localKeys = '';
  /** The page's IndexedDB databases erased with the rest, exact or `prefix*`. */
  @property({ attribute: 'local-databases' }) localDatabases = '';
  /** Names for the chat notices, as `notice-id=Name` separated by `;` (`flyme=Assistant Fly Me`); the notice id otherwise. */
  @property({ attribute: 'notice-labels' }) noticeLabels = '';
  /** Where the chat elements keep acknowledgements, training choices and receipts; discret's IndexedDB database by default. */
  @property({ attribute: false }) stateStorage: ConsentStorage = chatStorage();
  /** Overrides of the translated strings. */
  @property({ attribute: false }) texts: Partial<PrivacyTranslation> = {};

  /** What was read last; null until the first read. */
  @state() data: PrivacyData | null = null;
  @state() private status = '';
  @query('dialog') private dialog?: HTMLDialogElement;
  @query('[part~="status"]') private statusElement?: HTMLElement;
  @query('[part~="erase-button"]') private eraseButton?: HTMLButtonElement;

  private readonly consent = new ConsentController(this);
  private readonly warned = new Set<string>();
  /** Where the pages of this browser tell each other about receipts: deletions made in another tab. */
  private receipts?: BroadcastChannel;
  private subscribed?: ConsentStore;
  /** Each read is numbered: a slower, older read never overwrites a newer one. */
  private reads = 0;
  private reading?: Promise<void>;
  /** The confirmation closes because the visitor confirmed: focus goes to the status, not back to the erase button. */
  private erasing = false;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** The store shown and acted on; the page's one store by default. */
  get store(): ConsentStore {
    return this.consent.store;
  }

  set store(store: ConsentStore) {
    this.consent.store = store;
    if (this.isConnected && this.hasUpdated) this.follow();
  }

  /** Resolves once the latest read of the visitor's data is shown. */
  get ready(): Promise<void> {
    return (this.reading ?? Promise.resolve()).then(() => this.updateComplete).then(() => {});
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of CHAT_EVENTS) document.addEventListener(type, this.handleChange);
    document.addEventListener('visibilitychange', this.handleVisibility);
    if (this.hasUpdated) this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of CHAT_EVENTS) document.removeEventListener(type, this.handleChange);
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.subscribed?.removeEventListener('change', this.handleChange);
    this.subscribed = undefined;
    this.receipts?.close();
    this.receipts = undefined;
  }

  /** Reads the visitor's data again and shows it. */
  refresh(): Promise<void> {
    const read = ++this.reads;
    const { store, stateStorage } = this;
    this.reading = readPrivacyData(store, stateStorage).then(
      (data) => {
        if (read === this.reads) this.data = data;
      },
      (error: unknown) => warn(`${TAG} the visitor's data could not be read (${String(error)})`),
    );
    return this.ready;
  }

  /** Everything the download holds, as JSON. */
  async exportData(): Promise<string> {
    return JSON.stringify(await readPrivacyData(this.store, this.stateStorage), null, 2);
  }

  /** Downloads everything as one JSON file named with the date (`mes-donnees-2026-12-03.json`); what the download button does. */
  async download(): Promise<void> {
    const json = await this.exportData();
    const now = new Date();
    // The visitor's own calendar day, not UTC's: a file saved at 00:30 in Paris is dated that day.
    const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
    const name = this.translation.fileName(day);
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    await this.announce(this.translation.downloadedStatus(name));
  }

  /** Withdraws consent: everything non-essential is refused, and the banner asks again; what the withdraw button does. */
  async withdraw(): Promise<void> {
    await this.store.withdraw();
    await this.refresh();
    await this.announce(this.translation.withdrawnStatus, true);
  }

  /** Opens the erase confirmation; what the erase button does. */
  showEraseConfirm(): void {
    if (!this.dialog || this.dialog.open) return;
    this.dialog.showModal();
    // Cancel first: the safe answer to a destructive question.
    this.dialog.querySelector<HTMLButtonElement>('[part~="cancel-button"]')?.focus();
  }

  /** Erases what this site keeps in this browser, without asking; what the confirmation's button does. */
  async erase(): Promise<ErasedData> {
    const erased = await eraseBrowserData(this.store, this.stateStorage, { keys: list(this.localKeys), databases: list(this.localDatabases) }, TAG);
    await this.refresh();
    this.dispatchEvent(new CustomEvent<PrivacyErasedDetail>('discret-privacy-erased', { ...UI_EVENT, detail: erased }));
    await this.announce(this.translation.erasedStatus, true);
    return erased;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('stateStorage')) this.follow();
  }

  protected override render(): TemplateResult {
    const t = this.translation;
    const data = this.consent.ready ? this.data : null;
    return html`
      <section part="section" aria-label=${t.label}>
        <p part="intro"><slot name="intro">${t.intro}</slot></p>
        ${data ? this.renderData(data, t) : html`<p>${t.loading}</p>`}
        <h2 part="heading" id="actions-title">${t.actionsTitle}</h2>
        <div part="actions" role="group" aria-labelledby="actions-title">
          <button part="button change-button" type="button" aria-haspopup="dialog" @click=${this.handleChangeClick}>${t.change}</button>
          ${this.store.record
            ? html`<button part="button withdraw-button" type="button" @click=${this.handleWithdrawClick}>${t.withdraw}</button>`
            : nothing}
          <button part="button download-button" type="button" @click=${this.handleDownloadClick}>${t.download}</button>
          <button part="button erase-button" class="danger" type="button" aria-haspopup="dialog" @click=${this.showEraseConfirm}>${t.erase}</button>
        </div>
        <p part="status" role="status" tabindex="-1">${this.status}</p>
        ${this.renderRights(t)}
      </section>
      <dialog part="dialog" aria-labelledby="erase-title" aria-describedby="erase-what" @keydown=${this.handleDialogKeydown} @close=${this.handleDialogClose}>
        <h2 id="erase-title">${t.eraseTitle}</h2>
        <p id="erase-what">${t.eraseWhat}</p>
        <p>${t.eraseKept}</p>
        <p>${t.eraseAdvice}</p>
        <div part="dialog-actions">
          <button part="cancel-button" type="button" @click=${this.handleCancel}>${t.cancel}</button>
          <button part="confirm-button" class="danger-filled" type="button" @click=${this.handleConfirm}>${t.eraseConfirm}</button>
        </div>
      </dialog>
    `;
  }

  private renderData(data: PrivacyData, t: PrivacyTranslation): TemplateResult {
    const locale = this.locale;
    const date = (iso: string) => formatDate(iso, locale);
    const record = data.record;
    const last = data.history[data.history.length - 1];
    let standing: string | null = null;
    if (!record) standing = last?.method === 'withdraw' ? t.withdrawn(date(last.withdrawnAt)) : t.noRecord;
    else if (!data.inForce) standing = record.revision !== (this.store.settings.revision ?? '') ? t.otherRevision(record.revision) : t.expired;
    const chats = data.acknowledgements.length + data.trainingChoices.length + data.receipts.length;
    return html`
      <h2 part="heading">${t.consentTitle}</h2>
      ${standing ? html`<p part="state">${standing}</p>` : nothing}
      ${record
        ? html`<dl part="record">
              <div>
                <dt>${t.reference}</dt>
                <dd><code part="reference">${record.id}</code> <span class="hint">${t.referenceHint}</span></dd>
              </div>
              <div><dt>${t.decidedAt}</dt><dd>${date(record.decidedAt)}</dd></div>
              <div><dt>${t.method}</dt><dd>${t.methods[record.method]}</dd></div>
              <div><dt>${t.expiresAt}</dt><dd>${date(record.expiresAt)}</dd></div>
              <div><dt>${t.revision}</dt><dd>${record.revision}</dd></div>
            </dl>
            <h3 part="heading">${t.choicesTitle}</h3>
            ${this.renderChoices(record, t)}`
        : nothing}
      <h2 part="heading">${t.historyTitle}</h2>
      ${data.history.length
        ? html`<ol part="history">
            ${[...data.history].reverse().map((entry) => html`<li part="history-entry">${this.renderEntry(entry, t, date)}</li>`)}
          </ol>`
        : html`<p>${t.historyEmpty}</p>`}
      <h2 part="heading">${t.chatTitle}</h2>
      ${chats ? nothing : html`<p>${t.chatEmpty}</p>`}
      ${data.acknowledgements.length
        ? html`<h3 part="heading">${t.acknowledgementsTitle}</h3>
            <ul part="acknowledgements">
              ${data.acknowledgements.map((ack) => html`<li>${t.acknowledgement(this.noticeLabel(ack.noticeId), date(ack.acknowledgedAt))}</li>`)}
            </ul>`
        : nothing}
      ${data.trainingChoices.length
        ? html`<h3 part="heading">${t.trainingTitle}</h3>
            <ul part="training-choices">
              ${data.trainingChoices.map((choice) => html`<li>${t.training(this.noticeLabel(choice.noticeId), choice.allowed, date(choice.decidedAt))}</li>`)}
            </ul>`
        : nothing}
      ${data.receipts.length
        ? html`<h3 part="heading">${t.receiptsTitle}</h3>
            <ul part="receipts">
              ${data.receipts.map(
                (receipt) =>
                  html`<li>${t.receipt(
                    receipt.conversationId,
                    date(receipt.requestedAt),
                    receipt.status === 'scheduled' && receipt.erasedBy ? t.scheduledBy(formatDay(receipt.erasedBy, locale)) : t.statuses[receipt.status],
                  )}</li>`,
              )}
            </ul>`
        : nothing}
    `;
  }

  /** The configured purposes and services with the record's answer, then what the record decided that is no longer configured. */
  private renderChoices(record: ConsentRecord, t: PrivacyTranslation): TemplateResult {
    const purposes = this.store.purposes;
    const configured = new Set([NECESSARY, ...purposes.flatMap((purpose) => [purpose.name, ...(purpose.services ?? []).map((service) => `${purpose.name}/${service.name}`)])]);
    const others = Object.keys({ ...record.purposes, ...record.services }).filter((key) => !configured.has(key));
    const answer = (granted: boolean) =>
      granted ? html`<span part="granted" class="granted">${t.granted}</span>` : html`<span part="refused" class="refused">${t.refused}</span>`;
    const row = (label: string, granted: boolean) => html`<span class="label">${label}</span> ${answer(granted)}`;
    const purposeRow = (purpose: PurposeDefinition) => html`<li part="choice">
      ${row(labelOf(purpose, this.locale), record.purposes[purpose.name] === true)}
      ${purpose.services?.length
        ? html`<ul>
            ${purpose.services.map((service) => html`<li part="choice">${row(labelOf(service, this.locale), record.services[`${purpose.name}/${service.name}`] === true)}</li>`)}
          </ul>`
        : nothing}
    </li>`;
    return html`<ul part="choices">
      <li part="choice">${row(t.necessary, true)}</li>
      ${purposes.map(purposeRow)}
      ${others.map((key) => html`<li part="choice">${row(key, (key.includes('/') ? record.services[key] : record.purposes[key]) === true)}</li>`)}
    </ul>`;
  }

  private renderEntry(entry: HistoryEntry, t: PrivacyTranslation, date: (iso: string) => string): TemplateResult {
    if (entry.method === 'withdraw') return html`${t.historyEntry(date(entry.withdrawnAt), t.methods.withdraw)}`;
    const labels = this.labels();
    // In the configuration's order, purposes followed by their services; what it no longer declares last.
    const order = [...labels.keys()];
    const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
    const keys = Object.keys({ ...entry.purposes, ...entry.services })
      .filter((key) => key !== NECESSARY)
      .sort((a, b) => rank(a) - rank(b));
    const value = (key: string) => (key.includes('/') ? entry.services[key] : entry.purposes[key]) === true;
    const names = (granted: boolean) =>
      new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(keys.filter((key) => value(key) === granted).map((key) => labels.get(key) ?? key));
    const granted = names(true);
    const refused = names(false);
    return html`${t.historyEntry(date(entry.decidedAt), t.methods[entry.method])}
      <span class="hint">${[granted && t.historyGranted(granted), refused && t.historyRefused(refused)].filter(Boolean).join(' ')}</span>`;
  }

  private renderRights(t: PrivacyTranslation): TemplateResult {
    const links = rightsLinks(
      { policyHref: this.policyHref || this.store.settings.policyHref || '', rightsHref: this.rightsHref, rightsEmail: this.rightsEmail, authority: this.authority, authorityHref: this.authorityHref },
      t,
      (message) => this.warnOnce(`${TAG} ${message}`),
    );
    return html`
      <h2 part="heading">${t.rightsTitle}</h2>
      <ul part="links">
        ${links.map(
          (link) => html`<li>
            ${!link.href
              ? link.label
              : link.href.startsWith('mailto:') || new URL(link.href, location.href).origin === location.origin
                ? html`<a part="link" href=${link.href}>${link.label}</a>`
                : html`<a part="link" href=${link.href} target="_blank" rel="noopener noreferrer">${link.label}<span class="visually-hidden"> ${t.newTab}</span></a>`}
          </li>`,
        )}
      </ul>
      <slot name="rights"></slot>
    `;
  }

  /** Labels of the configured purposes and services, by name and `purpose/service`. */
  private labels(): Map<string, string> {
    const labels = new Map<string, string>();
    for (const purpose of this.store.purposes) {
      labels.set(purpose.name, labelOf(purpose, this.locale));
      for (const service of purpose.services ?? []) labels.set(`${purpose.name}/${service.name}`, labelOf(service, this.locale));
    }
    return labels;
  }

  private noticeLabel(noticeId: string): string {
    for (const pair of this.noticeLabels.split(';')) {
      const at = pair.indexOf('=');
      if (at > 0 && pair.slice(0, at).trim() === noticeId && pair.slice(at + 1).trim()) return pair.slice(at + 1).trim();
    }
    return noticeId;
  }

  /** The element's own `lang`, then the configured locale, then `<html lang>` and the browser. */
  private get locale(): Locale {
    const configured = this.store.settings.locale;
    return (!this.hasAttribute('lang') && configured && toLocale(configured)) || resolveLocale(this);
  }

  private get translation(): PrivacyTranslation {
    return withTexts(privacyTranslations[this.locale], this.locale, this.texts);
  }

  /** Subscribes to the store's decisions and to the receipts' channel, and reads everything again. */
  private follow(): void {
    const store = this.store;
    if (store !== this.subscribed) {
      this.subscribed?.removeEventListener('change', this.handleChange);
      store.addEventListener('change', this.handleChange);
      this.subscribed = store;
      // An erase that a reload on withdrawal interrupted ends here, on the page that came back.
      void finishErase(store, this.stateStorage, TAG).then(() => this.refresh());
    }
    const channel = this.stateStorage.kind === 'indexeddb' && this.stateStorage.name && globalThis.BroadcastChannel ? receiptChannel(this.stateStorage.name) : null;
    if (channel !== (this.receipts?.name ?? null)) {
      this.receipts?.close();
      this.receipts = channel ? new BroadcastChannel(channel) : undefined;
      this.receipts?.addEventListener('message', this.handleChange);
    }
    void this.refresh();
  }

  /**
   * Says what an action did. With `focus`, the status takes the focus when
   * the button pressed is gone (withdraw goes once there is nothing left to
   * withdraw) or the dialog closed on it.
   */
  private async announce(message: string, focus = false): Promise<void> {
    // Emptied first so that the same sentence is announced again.
    this.status = '';
    await this.updateComplete;
    this.status = message;
    await this.updateComplete;
    const active = this.shadowRoot!.activeElement;
    if (focus && (!active || active === this.dialog || this.dialog?.contains(active))) this.statusElement?.focus();
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    warn(message);
  }

  private readonly handleChange = (): void => void this.refresh();

  private readonly handleVisibility = (): void => {
    // Another tab may have acknowledged a notice or made a training choice: those are not broadcast.
    if (document.visibilityState === 'visible') void this.refresh();
  };

  private handleChangeClick(): void {
    this.store.showPreferences();
  }

  private async handleWithdrawClick(): Promise<void> {
    await this.withdraw();
  }

  private async handleDownloadClick(): Promise<void> {
    await this.download();
  }

  private handleCancel(): void {
    this.dialog?.close();
  }

  private async handleConfirm(): Promise<void> {
    this.erasing = true;
    this.dialog?.close();
    await this.erase();
  }

  /** Escape, Cancel or Erase: focus goes back to the erase button, unless erasing moves it to the status. */
  private handleDialogClose(): void {
    if (this.erasing) {
      this.erasing = false;
      this.statusElement?.focus();
    } else this.eraseButton?.focus();
  }

  /** Tab and Shift+Tab cycle through the dialog's buttons, as the APG dialog pattern expects. */
  private handleDialogKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Tab') return;
    const buttons = [...this.dialog!.querySelectorAll<HTMLButtonElement>('button')];
    const edge = event.shiftKey ? buttons[0] : buttons[buttons.length - 1];
    if (this.shadowRoot!.activeElement !== edge) return;
    event.preventDefault();
    (event.shiftKey ? buttons[buttons.length - 1] : buttons[0]).focus();
  }
}

/** A purpose's or service's label as the site wrote it, else its name. */
const labelOf = (definition: { name: string }, locale: Locale): string => localized(definition, 'label', locale) ?? definition.name;
