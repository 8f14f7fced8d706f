import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { isSafeUrl } from '../../core/config.js';
import { chatStorage } from '../../core/conversation/chat-storage.js';
import { deletionQueue, endpointFor, isPathSegment, type DeletionChannel, type DeletionQueue } from '../../core/conversation/deletion.js';
import { eraseLocalData } from '../../core/conversation/local-data.js';
import { isAnswered, isWaiting, readReceipt, type DeletionReceipt } from '../../core/conversation/receipt.js';
import type { ConsentStorage } from '../../core/storage.js';
import { warn } from '../../core/warn.js';
import { chatTranslations, durationInWords, formatDate, formatDay, type ChatTranslation } from '../../i18n/chat.js';
import { resolveLocale, type Locale } from '../../i18n/locale.js';
import { PageLanguageController } from '../../i18n/page-language.js';
import { withTexts } from '../../i18n/site-texts.js';
import { styles } from './delete-conversation.styles.js';

export interface ConversationDeleteRequestDetail {
  conversationId: string;
}

/**
 * What a `respondWith()` promise may resolve to: nothing, a reference string
 * or `{ reference }` when the provider deleted the conversation;
 * `{ status: 'nothing-to-delete' }` when it held nothing under this id;
 * `{ status: 'accepted' }` when it will delete it later, with `erasedBy` (an
 * ISO 8601 date to come: scheduled) or `verification: 'email'` (the visitor
 * confirms from an e-mail), as a provider's 202 body says them. Reject it on
 * failure; any other status is a failure too, with a `[discret]` warning.
 */
export type DeletionAnswer =
  | void
  | undefined
  | string
  | { reference?: string; status?: 'deleted' | 'nothing-to-delete' | 'accepted'; erasedBy?: string; verification?: 'email' };

/**
 * Asks the chat provider to delete a conversation, after its copies in this
 * browser were erased. A provider that deletes in JavaScript calls
 * `respondWith(promise)`: discret then waits for that promise instead of
 * calling the endpoint. Resolve it once the provider deleted the
 * conversation, optionally with a reference string or `{ reference }`; with
 * `{ status: 'nothing-to-delete' }` when it held nothing under this id, or
 * `{ status: 'accepted' }` when it will delete it later; reject it on
 * failure. Cancelling it without `respondWith` stops the request: the
 * receipt says failed.
 */
export class ConversationDeleteRequestEvent extends CustomEvent<ConversationDeleteRequestDetail> {
  answer: Promise<unknown> | undefined;

  constructor(conversationId: string) {
    super('discret-conversation-delete-request', { detail: { conversationId }, bubbles: true, composed: true, cancelable: true });
  }

  /** Lets the provider delete in JavaScript: discret waits for `answer` (a `DeletionAnswer`) instead of calling `endpoint`. */
  respondWith(answer: Promise<DeletionAnswer> | Promise<unknown>): void {
    if (this.answer) {
      warn(`${TAG} respondWith() was called twice for "${this.detail.conversationId}"; the first answer stands`);
      return;
    }
    this.preventDefault();
    this.answer = settledLater(answer);
  }
}

export interface ConversationDeletedDetail {
  conversationId: string;
  /** `receipt.status` says what the provider answered: `deleted`, `nothing-to-delete` or `accepted` (to be carried out later). */
  receipt: DeletionReceipt;
}

export interface ConversationDeleteFailedDetail {
  conversationId: string;
  receipt: DeletionReceipt;
}

/** What was erased from this browser, before the provider was asked. */
export interface ConversationLocalErasedDetail {
  conversationId: string;
  /** localStorage and sessionStorage keys removed. */
  keys: string[];
  /** IndexedDB databases deleted. */
  databases: string[];
}

declare global {
  interface GlobalEventHandlersEventMap {
    'discret-conversation-delete-request': ConversationDeleteRequestEvent;
    'discret-conversation-deleted': CustomEvent<ConversationDeletedDetail>;
    'discret-conversation-delete-failed': CustomEvent<ConversationDeleteFailedDetail>;
    'discret-conversation-local-erased': CustomEvent<ConversationLocalErasedDetail>;
  }
}

const TAG = '<discret-delete-conversation>';

/** The answer is awaited after a storage write; marking it handled now keeps an early rejection from being reported as unhandled. */
function settledLater(answer: Promise<unknown>): Promise<unknown> {
  const settled = Promise.resolve(answer);
  settled.catch(() => undefined);
  return settled;
}
const CREDENTIALS: readonly RequestCredentials[] = ['omit', 'same-origin', 'include'];
const list = (value: string) => value.split(/[\s,]+/).filter(Boolean);

/**
 * "Delete this conversation": confirms in a dialog that says what goes and
 * what the law keeps, erases the conversation's copies in this browser,
 * then asks the provider, by the `discret-conversation-delete-request`
 * event or a DELETE to `endpoint`. It says what the provider answered, each
 * in its own words: deleted (2xx), nothing left to delete (404, 410),
 * scheduled, erased by a date (202 `{ "erasedBy": "<ISO 8601 date>" }`),
 * waiting for the visitor to confirm from an e-mail (202
 * `{ "verification": "email" }`), received but not confirmed (any other 202,
 * with a `[discret]` warning); "deleted" only when the provider said so. A redirect is not followed and fails. An unreachable or busy
 * provider (offline, timeout, 408, 429, 5xx) gets the request again later
 * (on `online`, with backoff, on the next page load), sent by one tab at a
 * time and never twice at once. A deletion made in another tab shows here
 * too, with its event. The visitor keeps a receipt they can download or copy.
 *
 * @tagname discret-delete-conversation
 *
 * @slot - The button's label; "Supprimer la conversation" / "Delete this conversation" by default.
 *
 * @fires {ConversationDeleteRequestEvent} discret-conversation-delete-request - Cancelable; `respondWith(promise)` lets a provider delete in JavaScript.
 * @fires {CustomEvent<ConversationDeletedDetail>} discret-conversation-deleted - The provider took the request, here or in another tab: `receipt.status` is `deleted`, `nothing-to-delete`, `scheduled` (with `receipt.erasedBy`), `awaiting-verification` or `accepted`; detail `{ conversationId, receipt }`.
 * @fires {CustomEvent<ConversationDeleteFailedDetail>} discret-conversation-delete-failed - The provider refused, redirected or failed, here or in another tab; detail `{ conversationId, receipt }`.
 * @fires {CustomEvent<ConversationLocalErasedDetail>} discret-conversation-local-erased - The conversation's copies in this browser are gone, before the provider is asked (whatever it answers, offline included): time to clear a transcript on screen; detail `{ conversationId, keys, databases }`.
 *
 * @csspart button - The delete button; gone once the provider answered that it deleted, accepted, or had nothing to delete.
 * @csspart status - What came of the request (pending, queued, deleted, nothing to delete, scheduled, awaiting verification, received, failed), announced politely; once answered, it replaces the button.
 * @csspart done-mark - The check mark before the status once the deletion is done (deleted, or nothing to delete).
 * @csspart waiting-mark - The clock before the status while the provider still has to erase (scheduled, awaiting verification, received).
 * @csspart backup-note - How long the provider's backups may still hold the conversation (`backup-retention`), in the dialog and once answered.
 * @csspart retry-button - Sends a failed or waiting request again.
 * @csspart receipt - The receipt (a `<details>`).
 * @csspart download-button - Downloads the receipt as JSON.
 * @csspart copy-button - Copies the receipt as JSON.
 * @csspart dialog - The confirmation dialog.
 * @csspart retention-note - What the law makes the provider keep.
 * @csspart dialog-actions - The dialog's buttons.
 * @csspart cancel-button - Closes the dialog.
 * @csspart confirm-button - Confirms the deletion.
 *
 * @cssprop [--discret-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--discret-color=#1b1b1f (dark: #f1f1f4)] - Text.
 * @cssprop [--discret-muted-color=#55555c (dark: #b9b9c2)] - Receipt labels.
 * @cssprop [--discret-background=#ffffff (dark: #23252a)] - Dialog background.
 * @cssprop [--discret-border-color=#c4c4cc (dark: #5a5a64)] - Borders.
 * @cssprop [--discret-danger=#b3261e (dark: #f2b8b5)] - Delete buttons.
 * @cssprop [--discret-danger-text=#ffffff (dark: #601410)] - Text on the confirm button.
 * @cssprop [--discret-accent=#1d4ed8 (dark: #8fb1ff)] - Focus ring, and the check mark once deleted.
 * @cssprop [--discret-accent-contrast=#fff (dark: #0b1020)] - The tick on the check mark.
 * @cssprop [--discret-radius=0.5rem] - Corner radius.
 */
export class DiscretDeleteConversation extends LitElement {
  static override styles = styles;

  constructor() {
    super();
    new PageLanguageController(this);
  }

  /** The conversation to delete; nothing is shown without one. */
  @property({ attribute: 'conversation-id' }) conversationId = '';
  /** DELETE endpoint, http(s) or relative, used as written; each `{id}` is replaced by the encoded conversation id (an id made only of dots is refused). */
  @property() endpoint = '';
  /** Whether the DELETE carries cookies: `omit`, `same-origin` (default) or `include`. */
  @property() credentials: RequestCredentials = 'same-origin';
  /** localStorage and sessionStorage keys erased first, exact or `prefix*`, separated by spaces. */
  @property({ attribute: 'local-keys' }) localKeys = '';
  /** IndexedDB databases erased first, exact or `prefix*`. */
  @property({ attribute: 'local-databases' }) localDatabases = '';
  /** What the law makes the provider keep, said in the dialog; a general sentence by default. */
  @property({ attribute: 'retention-note' }) retentionNote = '';
  /** How long the provider's backups may still hold the conversation once erased, an ISO 8601 duration (`P30D`); said in words in the dialog and once answered. */
  @property({ attribute: 'backup-retention' }) backupRetention = '';
  /** Where receipts and the retry queue are kept; discret's IndexedDB database by default. */
  @property({ attribute: false }) stateStorage: ConsentStorage = chatStorage();
  /** Overrides of the translated strings. */
  @property({ attribute: false }) texts: Partial<ChatTranslation> = {};

  /** This conversation's receipt, as stored or as told by another tab: null before any request. */
  @state() receipt: DeletionReceipt | null = null;
  @state() private copied = false;
  @query('dialog') private dialog?: HTMLDialogElement;
  @query('[part="button"]') private button?: HTMLButtonElement;
  @query('[part="status"]') private statusElement?: HTMLElement;
  private refocusStatus = false;
  private queue?: DeletionQueue;
  private loading?: Promise<void>;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** Resolves once the stored receipt of the current conversation has been read. */
  get ready(): Promise<void> {
    return this.loading ?? Promise.resolve();
  }

  /** Opens the confirmation dialog; does nothing while a request is under way or waiting, or once the provider answered. */
  show(): void {
    if (this.busy || !this.dialog || this.dialog.open) return;
    this.copied = false;
    this.dialog.showModal();
    // Cancel first: the safe answer to a destructive question. Not `autofocus`, which the page's own autofocus processing also claims.
    this.dialog.querySelector<HTMLButtonElement>('[part="cancel-button"]')?.focus();
  }

  /**
   * Erases the local copies, then asks the provider; what the dialog's
   * confirm button does. A conversation being deleted, waiting in the queue
   * or answered (here or in another tab) is not asked again: its receipt is
   * shown, with its event if this tab had not heard of it. Resolves with the
   * receipt after the first answer.
   */
  async delete(): Promise<DeletionReceipt | null> {
    const conversationId = this.conversationId.trim();
    if (!conversationId) {
      warn(`${TAG} conversation-id is missing; nothing deleted`);
      return null;
    }
    const queue = this.subscribe();
    if (!this.busy) {
      this.receipt = { ...(this.receipt ?? { conversationId, requestedAt: new Date().toISOString(), via: '', attempts: 0 }), status: 'pending' };
    }
    const storage = this.stateStorage as ConsentStorage & { database?: string };
    try {
      const local = await eraseLocalData(list(this.localKeys), list(this.localDatabases), TAG, storage.database);
      // The copies are gone: the host may clear what it shows, whatever the provider answers, and however long that takes.
      this.dispatchEvent(
        new CustomEvent<ConversationLocalErasedDetail>('discret-conversation-local-erased', {
          detail: { conversationId, keys: local.keys, databases: local.databases },
          bubbles: true,
          composed: true,
        }),
      );
      const receipt = await queue.request(conversationId, () => this.askProvider(conversationId), local, TAG);
      // Already answered in another tab that this one did not hear from: its receipt is what happened, with its event.
      this.apply(receipt);
      return receipt;
    } catch (error) {
      warn(`${TAG} the deletion request could not be recorded (${String(error)}); nothing was sent`);
      this.receipt = null;
      return null;
    }
  }

  /** The receipt as JSON, for the visitor to keep. */
  exportReceipt(): string {
    return JSON.stringify(this.receipt, null, 2);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page after a move; the first subscription waits for the first update, when `stateStorage` is known.
    if (this.hasUpdated) this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.queue?.removeEventListener('receipt', this.handleReceipt);
    this.queue = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The delete button goes once the deletion is done; focus on it would fall to <body>.
    this.refocusStatus = isAnswered(this.receipt?.status) && !!this.button && this.shadowRoot?.activeElement === this.button;
    if (changed.has('stateStorage')) void this.subscribe().start();
    if (changed.has('conversationId') || changed.has('stateStorage')) this.load();
    if (changed.has('backupRetention') && this.backupRetention.trim() && !this.backupWords('en')) {
      warn(`${TAG} backup-retention="${this.backupRetention}": not an ISO 8601 duration such as P30D; the backup period is not shown`);
    }
    if (changed.has('credentials') && !CREDENTIALS.includes(this.credentials as RequestCredentials)) {
      warn(`${TAG} credentials="${this.credentials}": not omit, same-origin or include; same-origin used`);
    }
    if (changed.has('endpoint') && this.endpoint && !isSafeUrl(this.endpoint.replaceAll('{id}', 'id'))) {
      warn(`${TAG} endpoint="${this.endpoint}": only http(s) or relative URLs are allowed; the endpoint is not called`);
    }
    const id = this.conversationId.trim();
    if ((changed.has('endpoint') || changed.has('conversationId')) && id && this.endpoint.includes('{id}') && !isPathSegment(id)) {
      warn(`${TAG} conversation-id="${id}": made only of dots, it cannot be one segment of endpoint="${this.endpoint.trim()}"; the endpoint is not called`);
    }
  }

  protected override render() {
    const receipt = this.receipt;
    if (!this.conversationId.trim() && !receipt) return nothing;
    const locale = resolveLocale(this);
    const t = withTexts(chatTranslations[locale], locale, this.texts);
    const status = receipt?.status;
    // Once the provider answered there is nothing left to ask: the button gives way to a line that reads as done and takes its focus (tabindex -1).
    const done = isAnswered(status);
    const backups = this.backupWords(locale);
    const backupNote = backups ? html`<p part="backup-note">${t.backups(backups)}</p>` : nothing;
    return html`
      ${done
        ? nothing
        : html`<button part="button" type="button" aria-disabled=${this.busy ? 'true' : 'false'} aria-haspopup="dialog" @click=${this.show}>
            <slot>${t.deleteButton}</slot>
          </button>`}
      <p part="status" class=${done ? 'done' : ''} role="status" tabindex="-1">${done
          ? html`<span part=${isWaiting(status) ? 'waiting-mark' : 'done-mark'} aria-hidden="true"></span>`
          : nothing}${receipt ? this.statusText(receipt, t, locale) : ''}</p>
      ${done && status !== 'nothing-to-delete' ? backupNote : nothing}
      ${status === 'failed' || status === 'queued'
        ? html`<button part="retry-button" type="button" @click=${this.handleRetry}>${t.retry}</button>`
        : nothing}
      ${receipt && status !== 'pending' ? this.renderReceipt(receipt, t, locale) : nothing}
      <dialog part="dialog" aria-labelledby="title" aria-describedby="what" @close=${this.handleClose}>
        <h2 id="title">${t.confirmTitle}</h2>
        <div id="what">
          <p>${t.confirmLocal}</p>
          <p>${t.confirmProvider}</p>
        </div>
        <h3>${t.keptTitle}</h3>
        <p part="retention-note">${this.retentionNote.trim() || t.keptDefault}</p>
        ${backupNote}
        <div part="dialog-actions">
          <button part="cancel-button" type="button" @click=${this.handleCancel}>${t.cancel}</button>
          <button part="confirm-button" type="button" @click=${this.handleConfirm}>${t.confirm}</button>
        </div>
      </dialog>
    `;
  }

  private renderReceipt(receipt: DeletionReceipt, t: ChatTranslation, locale: Locale) {
    return html`<details part="receipt">
      <summary>${t.receipt}</summary>
      <dl>
        <dt>${t.receiptConversation}</dt>
        <dd>${receipt.conversationId}</dd>
        <dt>${t.receiptRequestedAt}</dt>
        <dd>${formatDate(receipt.requestedAt, locale)}</dd>
        <dt>${t.receiptStatus}</dt>
        <dd>${t.statuses[receipt.status]}</dd>
        ${receipt.erasedBy
          ? html`<dt>${t.receiptErasedBy}</dt>
              <dd>${formatDay(receipt.erasedBy, locale)}</dd>`
          : nothing}
        ${receipt.confirmedAt
          ? html`<dt>${t.receiptAnsweredAt}</dt>
              <dd>${formatDate(receipt.confirmedAt, locale)}</dd>`
          : nothing}
        ${receipt.reference
          ? html`<dt>${t.receiptReference}</dt>
              <dd>${receipt.reference}</dd>`
          : nothing}
      </dl>
      <div class="actions">
        <button part="download-button" type="button" @click=${this.handleDownload}>${t.download}</button>
        <button part="copy-button" type="button" @click=${this.handleCopy}>${this.copied ? t.copied : t.copy}</button>
      </div>
    </details>`;
  }

  private statusText(receipt: DeletionReceipt, t: ChatTranslation, locale: Locale): string {
    const answeredAt = formatDate(receipt.confirmedAt ?? '', locale);
    switch (receipt.status) {
      case 'pending':
        return t.sending;
      case 'queued':
        return receipt.httpStatus ? t.queuedBusy(receipt.httpStatus) : t.queued;
      case 'deleted':
        return t.deleted(answeredAt);
      case 'nothing-to-delete':
        return t.nothingToDelete(answeredAt);
      case 'scheduled':
        return t.scheduled(formatDay(receipt.erasedBy ?? '', locale));
      case 'awaiting-verification':
        return t.awaitingVerification(receipt.erasedBy ? formatDay(receipt.erasedBy, locale) : null);
      case 'accepted':
        return t.accepted(answeredAt);
      default:
        return t.failed(receipt.failure === 'refused' && receipt.httpStatus ? t.refused(receipt.httpStatus) : t.failures[receipt.failure ?? 'provider']);
    }
  }

  /** `backup-retention` in words, or null when there is none or it is not an ISO 8601 duration. */
  private backupWords(locale: Locale): string | null {
    const duration = this.backupRetention.trim();
    return duration ? durationInWords(duration, locale) : null;
  }

  /** A request under way, waiting or answered: the delete button does nothing then, so a second click never sends twice. */
  private get busy(): boolean {
    const status = this.receipt?.status;
    return status === 'pending' || status === 'queued' || isAnswered(status);
  }

  private subscribe(): DeletionQueue {
    const queue = deletionQueue(this.stateStorage);
    if (queue !== this.queue) {
      this.queue?.removeEventListener('receipt', this.handleReceipt);
      queue.addEventListener('receipt', this.handleReceipt);
      this.queue = queue;
    }
    return queue;
  }

  private load(): void {
    const { conversationId, stateStorage } = this;
    this.receipt = null;
    if (!conversationId.trim()) return;
    const stale = () => conversationId !== this.conversationId || stateStorage !== this.stateStorage || this.receipt !== null;
    this.loading = readReceipt(conversationId.trim(), stateStorage).then(
      async (receipt) => {
        // A page script's answer cannot outlive its page: a request left pending by it was interrupted, unless a tab still holds it.
        const interrupted = receipt?.status === 'pending' && receipt.via === 'event' && !(await deletionQueue(stateStorage).sending(receipt.conversationId));
        if (stale()) return;
        this.receipt = interrupted ? { ...receipt, status: 'failed', failure: 'interrupted' } : receipt;
      },
      (error: unknown) => warn(`${TAG} conversation-id="${conversationId}": the receipt could not be read (${String(error)})`),
    );
  }

  private askProvider(conversationId: string): DeletionChannel {
    const event = new ConversationDeleteRequestEvent(conversationId);
    this.dispatchEvent(event);
    if (event.answer) return { answer: event.answer };
    if (event.defaultPrevented) return { answer: settledLater(Promise.reject(new Error('the request event was cancelled without respondWith()'))) };
    const endpoint = this.endpoint.trim();
    if (endpoint && isSafeUrl(endpoint.replaceAll('{id}', 'id'))) {
      const credentials = CREDENTIALS.includes(this.credentials as RequestCredentials) ? (this.credentials as RequestCredentials) : 'same-origin';
      const url = endpointFor(endpoint, conversationId);
      // An id that cannot be one segment of the URL was warned about when it was set.
      return url === null ? null : { url, credentials };
    }
    warn(`${TAG} conversation-id="${conversationId}": no endpoint and no respondWith(); the provider was not asked`);
    return null;
  }

  protected override updated(): void {
    if (!this.refocusStatus) return;
    this.refocusStatus = false;
    this.statusElement?.focus();
  }

  private readonly handleReceipt = (event: Event): void => {
    this.apply((event as CustomEvent<DeletionReceipt>).detail);
  };

  /** Shows a receipt of this conversation, from this tab or another, and fires its event when its status changes. */
  private apply(receipt: DeletionReceipt): void {
    if (receipt.conversationId !== this.conversationId.trim()) return;
    const before = this.receipt?.status;
    this.receipt = receipt;
    if (before === receipt.status) return;
    const detail = { conversationId: receipt.conversationId, receipt };
    if (isAnswered(receipt.status)) this.dispatchEvent(new CustomEvent('discret-conversation-deleted', { detail, bubbles: true, composed: true }));
    if (receipt.status === 'failed') this.dispatchEvent(new CustomEvent('discret-conversation-delete-failed', { detail, bubbles: true, composed: true }));
  }

  private handleCancel(): void {
    this.dialog?.close();
  }

  private handleConfirm(): void {
    this.dialog?.close();
    void this.delete();
  }

  private handleClose(): void {
    this.button?.focus();
  }

  private handleRetry(): void {
    if (this.receipt?.status === 'queued') void this.queue?.flush(this.receipt.conversationId);
    else void this.delete();
  }

  private handleDownload(): void {
    const url = URL.createObjectURL(new Blob([this.exportReceipt()], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `deletion-receipt-${this.receipt?.conversationId ?? 'conversation'}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private async handleCopy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.exportReceipt());
      this.copied = true;
    } catch (error) {
      warn(`${TAG} the receipt could not be copied (${String(error)}); the download still works`);
    }
  }
}
