import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { chatStorage } from '../../core/conversation/chat-storage.js';
import {
  DEFAULT_NOTICE_ID,
  readAcknowledgement,
  readTrainingChoice,
  saveAcknowledgement,
  saveTrainingChoice,
  type Acknowledgement,
  type TrainingChoice,
  type TrainingMode,
} from '../../core/conversation/notice.js';
import { fingerprint } from '../../core/record.js';
import type { ConsentStorage } from '../../core/storage.js';
import { warn } from '../../core/warn.js';
import {
  chatTranslations,
  durationInWords,
  isOwnKey,
  looksLikeDuration,
  type AssistantKind,
  type ChatTranslation,
  type LegalBasis,
  type RecordingKind,
} from '../../i18n/chat.js';
import { LOCALES, resolveLocale, type Locale } from '../../i18n/locale.js';
import { PageLanguageController } from '../../i18n/page-language.js';
import { withTexts } from '../../i18n/site-texts.js';
import { rightsLinks, type RightsLink } from '../rights-links.js';
import { styles } from './chat-notice.styles.js';

/** How visitors talk to the chat. */
export type ChatChannel = 'text' | 'voice';
/** Which notice, which text (its fingerprint) and when. */
export type NoticeAcknowledgedDetail = Acknowledgement;
/** Which notice, the choice, the mode it was made in and when. */
export type TrainingChoiceChangeDetail = TrainingChoice;

declare global {
  interface GlobalEventHandlersEventMap {
    'discret-notice-acknowledged': CustomEvent<NoticeAcknowledgedDetail>;
    'discret-training-choice-change': CustomEvent<TrainingChoiceChangeDetail>;
  }
}

const TAG = '<discret-chat-notice>';

/** What the notice says, once its attributes are judged: what is rendered, spoken and fingerprinted. */
interface NoticeView {
  locale: Locale;
  t: ChatTranslation;
  voice: boolean;
  summary: string;
  /** What `disclosureText()` says. */
  spoken: string;
  details: [label: string, value: string][];
  links: RightsLink[];
  training: TrainingMode | null;
}

/**
 * Tells a chat's visitors that they talk to an AI (EU AI Act art. 50) and
 * what happens to their messages, before the first message: compact, with
 * the details one "learn more" away. Optionally asks for an acknowledgement
 * before chatting and offers a switch about training on conversations.
 *
 * Training: `opt-in` (off until the visitor turns it on) is consent, the
 * safe choice and the one required when conversations may hold health or
 * other special-category data (GDPR art. 9). `opt-out` (on until the visitor
 * objects) is only lawful where the provider relies on legitimate interest
 * (art. 6(1)(f)) after a documented balancing test, as the EDPB (opinion
 * 28/2024) and the CNIL allow for AI training, with the right to object
 * (art. 21) as easy as this switch. A value that is neither means opt-in.
 *
 * What a policy says beyond the first sentence (GDPR art. 13) has its own
 * attributes, each shown in the details as the site wrote it, as text:
 * `recipients` (who can read a conversation), `processors` (who processes it
 * for the controller), `legal-basis` (one of the four bases a chat relies on,
 * named in the regulation's words), `retention` (an ISO 8601 duration, put
 * in words and translated, or the site's own words when the period is a
 * criterion: "tant que votre compte est actif") and `retention-note` (what
 * is kept longer, and why). `recipients` and `processors` are one text each,
 * not lists: a separator would have to be a character that no name holds,
 * and "Microsoft Azure (hébergement, UE)" already holds a comma; write the
 * list as the policy does.
 *
 * `disclosureText()` says all of it, because a call has no "learn more":
 * what the agent does not say, the caller never hears. It stays short by
 * saying each field once, in one sentence, in the site's own words, and
 * nothing for a field left out; the links stay in the written notice. Keep
 * these texts short: they are spoken at the start of every call.
 *
 * Speaks its own `lang`, else the nearest one around it (`<html lang>`
 * included), and follows it when it changes. The site's texts take a
 * language suffix for the visitors of that language: `recipients-en`,
 * `retention-en`, `data-en` before `recipients`, `retention`, `data`. An
 * acknowledgement holds for the notice in all its languages.
 *
 * @fires {CustomEvent<NoticeAcknowledgedDetail>} discret-notice-acknowledged - The visitor acknowledged this text; detail `{ noticeId, hash, acknowledgedAt }`.
 * @fires {CustomEvent<TrainingChoiceChangeDetail>} discret-training-choice-change - The visitor turned training on or off; detail `{ noticeId, allowed, mode, decidedAt }`.
 *
 * @csspart notice - The notice's box.
 * @csspart disclosure - The compact sentence: who answers, how long messages are kept.
 * @csspart more-button - The "learn more" button.
 * @csspart details - Controller, data, purposes, legal basis, retention and its exceptions, recipients, processors, storage, transfers, recording, links.
 * @csspart link - Each link (policy, rights, authority).
 * @csspart training - The training switch with its label and hint.
 * @csspart training-switch - The switch itself.
 * @csspart ack - The acknowledgement prompt and button.
 * @csspart ack-button - The acknowledgement button.
 * @csspart status - Where the acknowledgement is confirmed (aria-live).
 *
 * @cssprop [--discret-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--discret-color=#1b1b1f (dark: #f1f1f4)] - Text.
 * @cssprop [--discret-muted-color=#55555c (dark: #b9b9c2)] - Hints.
 * @cssprop [--discret-background=#f6f7f9 (dark: #23252a)] - Box background.
 * @cssprop [--discret-border-color=#c4c4cc (dark: #5a5a64)] - Borders.
 * @cssprop [--discret-accent=#1d4ed8 (dark: #8fb1ff)] - Acknowledgement button, switch and focus ring.
 * @cssprop [--discret-accent-contrast=#fff (dark: #0b1020)] - Text on the accent.
 * @cssprop [--discret-radius=0.5rem] - Corner radius.
 *
 * @tagname discret-chat-notice
 */
export class DiscretChatNotice extends LitElement {
  static override styles = styles;

  constructor() {
    super();
    new PageLanguageController(this);
  }

  /** Who answers: `ai`, `human` or `hybrid` (AI first, a person may take over). */
  @property() assistant: AssistantKind = 'ai';
  /** The data controller, as named to visitors ("Fly Me"). */
  @property() controller = '';
  /** What is collected ("destinations, travel dates, number of travellers"). */
  @property() data = '';
  /** What it is used for. */
  @property() purposes = '';
  /**
   * How long conversations are kept: an ISO 8601 duration (`P1Y`, `P30D`), shown in words in the visitor's
   * language, or the site's own words ("Tant que votre compte est actif"), shown as written. One word
   * holding a digit (`P13X`, `13M`) is taken for a mistyped duration: a warning, and no retention shown.
   */
  @property() retention = '';
  /** What is kept longer than `retention`, and why ("Les factures, 10 ans : Code de commerce"). */
  @property({ attribute: 'retention-note' }) retentionNote = '';
  /** The GDPR art. 6 basis of the processing: `consent`, `contract`, `legitimate-interest` or `legal-obligation`; shown in words. */
  @property({ attribute: 'legal-basis' }) legalBasis: LegalBasis | '' = '';
  /** Who can read the conversations ("Nos employés, lorsque c'est strictement nécessaire"). */
  @property() recipients = '';
  /** Who processes the conversations for the controller: hosts, model providers ("Microsoft Azure (hébergement)"). */
  @property() processors = '';
  /** Where conversations are stored ("Union européenne", "France"). */
  @property() storage = '';
  /** Transfers outside the EU and their safeguards, or that there are none. */
  @property() transfers = '';
  /** `text` or `voice`. */
  @property() channel: ChatChannel = 'text';
  /** For voice: `none`, `summary` (a written summary only) or `full`. */
  @property() recording: RecordingKind | '' = '';
  /** The privacy policy; http(s) or relative. */
  @property({ attribute: 'policy-href' }) policyHref = '';
  /** Where visitors exercise their rights; http(s) or relative. */
  @property({ attribute: 'rights-href' }) rightsHref = '';
  /** Address for rights requests, linked as `mailto:`. */
  @property({ attribute: 'rights-email' }) rightsEmail = '';
  /** The supervisory authority's name; the CNIL by default, `none` to leave it out. */
  @property() authority = '';
  /** Where to lodge a complaint with `authority`; the CNIL's complaint page by default. */
  @property({ attribute: 'authority-href' }) authorityHref = '';
  /** Asks the visitor to acknowledge the notice before chatting, again whenever its text changes. */
  @property({ type: Boolean, attribute: 'require-ack' }) requireAck = false;
  /** Offers the training switch: `opt-in` or `opt-out`; absent, no switch. */
  @property() training: TrainingMode | '' = '';
  /** Names this notice's acknowledgement and training choice in storage, when a site has several chats. */
  @property({ attribute: 'notice-id' }) noticeId: string = DEFAULT_NOTICE_ID;
  /** Where acknowledgements and choices are kept; discret's IndexedDB database by default. */
  @property({ attribute: false }) stateStorage: ConsentStorage = chatStorage();
  /** Overrides of the translated strings. */
  @property({ attribute: false }) texts: Partial<ChatTranslation> = {};

  /** Resolves once the stored acknowledgement and training choice have been read. */
  get ready(): Promise<void> {
    return this.updateComplete.then(() => this.loading);
  }

  @state() private expanded = false;
  @state() private loaded = false;
  @state() private acknowledgement: Acknowledgement | null = null;
  @state() private trainingChoice: TrainingChoice | null = null;
  @state() private justAcknowledged = false;
  @query('[part="status"]') private statusElement?: HTMLElement;
  @query('[part="more-button"]') private moreButton?: HTMLButtonElement;
  @query('[part="details"]') private detailsElement?: HTMLElement;
  private refocusMoreButton = false;
  private view?: NoticeView;
  private readonly warned = new Set<string>();
  private loading: Promise<void> = Promise.resolve();
  /** The notice id and storage the stored state was read for. */
  private loadedFrom?: [string, ConsentStorage];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** False while an acknowledgement is required and this text was not acknowledged; the widget's input waits for true. */
  get acknowledged(): boolean {
    if (!this.requireAck) return true;
    return this.loaded && this.acknowledgement?.hash === this.noticeHash;
  }

  /** Whether conversations may be used for training: the visitor's choice, else the mode's default; null without `training`. */
  get trainingAllowed(): boolean | null {
    const mode = this.resolve(false).training;
    if (!mode) return null;
    return this.trainingChoice?.allowed ?? mode === 'opt-out';
  }

  /**
   * Fingerprint of the text, in every language it is shown in: an
   * acknowledgement holds for this text only, but in any of its languages,
   * so that a page switching language does not ask again.
   */
  get noticeHash(): string {
    const texts = LOCALES.map((locale) => {
      const { summary, details, links, training } = this.resolve(false, locale);
      return [summary, details, links, training];
    });
    return fingerprint(JSON.stringify(texts));
  }

  /**
   * The disclosure as one paragraph, for a voice agent to speak when the
   * call starts: who answers, recording, retention and its exceptions,
   * provider, legal basis, who reads, who processes, and rights.
   */
  disclosureText(): string {
    return this.resolve(false).spoken;
  }

  /** Records that the visitor read this text; what the acknowledgement button does. */
  async acknowledge(): Promise<void> {
    const hash = this.noticeHash;
    let acknowledgement: Acknowledgement;
    try {
      acknowledgement = await saveAcknowledgement(this.noticeId, hash, this.stateStorage);
    } catch (error) {
      warn(`${TAG} the acknowledgement could not be saved (${String(error)}); it holds for this page only`);
      acknowledgement = { noticeId: this.noticeId, hash, acknowledgedAt: new Date().toISOString() };
    }
    this.acknowledgement = acknowledgement;
    this.loaded = true;
    this.justAcknowledged = true;
    // Read and acknowledged: back to the compact notice, so that the chat below it comes back into view.
    this.expanded = false;
    this.dispatchEvent(new CustomEvent('discret-notice-acknowledged', { detail: { ...acknowledgement }, bubbles: true, composed: true }));
  }

  /** Records the visitor's training choice; what the switch does. */
  async chooseTraining(allowed: boolean): Promise<void> {
    const mode = this.resolve(false).training ?? 'opt-in';
    let choice: TrainingChoice;
    try {
      choice = await saveTrainingChoice(this.noticeId, allowed, mode, this.stateStorage);
    } catch (error) {
      warn(`${TAG} the training choice could not be saved (${String(error)}); it holds for this page only`);
      choice = { noticeId: this.noticeId, allowed, mode, decidedAt: new Date().toISOString() };
    }
    this.trainingChoice = choice;
    this.dispatchEvent(new CustomEvent('discret-training-choice-change', { detail: { ...choice }, bubbles: true, composed: true }));
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.loadedFrom?.[0] !== this.noticeId || this.loadedFrom[1] !== this.stateStorage) this.load();
    this.view = this.resolve(true);
    // Hidden, a focused link in the details would drop focus to <body>: it goes to the button that shows them again.
    const active = this.shadowRoot?.activeElement;
    this.refocusMoreButton = changed.has('expanded') && !this.expanded && !!active && !!this.detailsElement?.contains(active);
  }

  protected override updated(): void {
    if (!this.refocusMoreButton) return;
    this.refocusMoreButton = false;
    this.moreButton?.focus();
  }

  protected override render() {
    const { t, summary, details, links, training } = this.view!;
    // Once per render: the acknowledgement fingerprints the notice in every language; the training mode comes from the view.
    const acknowledged = this.acknowledged;
    const allowed = training && (this.trainingChoice?.allowed ?? training === 'opt-out');
    return html`
      <section part="notice" aria-label=${t.noticeLabel}>
        <p part="disclosure">${summary}</p>
        <button part="more-button" type="button" aria-expanded=${this.expanded} aria-controls="details" @click=${this.handleToggle}>
          ${t.learnMore}
        </button>
        <div id="details" part="details" ?hidden=${!this.expanded}>
          ${details.length
            ? html`<dl>
                ${details.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}
              </dl>`
            : nothing}
          ${links.length
            ? html`<ul>
                ${links.map(
                  (link) =>
                    html`<li>
                      ${!link.href
                        ? link.label
                        : link.href.startsWith('mailto:')
                        ? html`<a part="link" href=${link.href}>${link.label}</a>`
                        : html`<a part="link" href=${link.href} target="_blank" rel="noopener noreferrer"
                            >${link.label}<span class="visually-hidden"> ${t.newTab}</span></a
                          >`}
                    </li>`,
                )}
              </ul>`
            : nothing}
        </div>
        ${training
          ? html`<div part="training">
              <input
                id="training"
                part="training-switch"
                type="checkbox"
                role="switch"
                aria-describedby="training-hint"
                .checked=${live(allowed === true)}
                @change=${this.handleTrainingChange}
              />
              <label for="training">${t.training}</label>
              <p id="training-hint">${training === 'opt-out' ? t.trainingOptOut : t.trainingOptIn}</p>
            </div>`
          : nothing}
        ${this.requireAck && this.loaded && !acknowledged
          ? html`<div part="ack">
              <p>${t.ackPrompt}</p>
              <button part="ack-button" type="button" @click=${this.handleAcknowledge}>${t.ackButton}</button>
            </div>`
          : nothing}
        ${this.requireAck
          ? html`<p part="status" role="status" tabindex="-1">${this.justAcknowledged && acknowledged ? t.ackDone : ''}</p>`
          : nothing}
      </section>
    `;
  }

  private load(): void {
    const { noticeId, stateStorage } = this;
    this.loadedFrom = [noticeId, stateStorage];
    this.loaded = false;
    this.loading = Promise.all([readAcknowledgement(noticeId, stateStorage), readTrainingChoice(noticeId, stateStorage)]).then(
      ([acknowledgement, trainingChoice]) => {
        if (noticeId !== this.noticeId || stateStorage !== this.stateStorage) return;
        this.acknowledgement = acknowledgement;
        this.trainingChoice = trainingChoice;
        this.loaded = true;
      },
      (error: unknown) => {
        warn(`${TAG} notice-id="${noticeId}": stored choices could not be read (${String(error)}); the visitor is asked again`);
        this.loaded = true;
      },
    );
  }

  /** Judges the attributes; with `report`, each bad value gets its one warning. */
  private resolve(report: boolean, locale: Locale = resolveLocale(this)): NoticeView {
    const complain = (message: string) => {
      if (!report || this.warned.has(message)) return;
      this.warned.add(message);
      warn(`${TAG} ${message}`);
    };
    const base = chatTranslations[locale];
    const t = withTexts(base, locale, this.texts);
    // The site's own texts, in the visitor's language when it wrote one: `recipients-en` before `recipients`.
    const own = (attribute: string, value: string): string => this.getAttribute(`${attribute}-${locale}`) ?? value;
    const [controller, data, purposes, retentionNote, recipients, processors, storage, transfers] = (
      [
        ['controller', this.controller],
        ['data', this.data],
        ['purposes', this.purposes],
        ['retention-note', this.retentionNote],
        ['recipients', this.recipients],
        ['processors', this.processors],
        ['storage', this.storage],
        ['transfers', this.transfers],
      ] as const
    ).map(([attribute, value]) => own(attribute, value));

    // The built-in translation says which values exist; a site's `texts` only rewords them.
    let assistant: AssistantKind = 'ai';
    if (isOwnKey(base.assistant, this.assistant)) assistant = this.assistant;
    else complain(`assistant="${this.assistant}": not ai, human or hybrid; the assistant is presented as an AI`);
    const voice = this.channel === 'voice';
    if (!voice && this.channel !== 'text') complain(`channel="${this.channel}": not text or voice; text assumed`);

    // A duration in words goes into the sentences ("conservés pendant 30 jours"); the site's own words, after a label.
    let retention: string | null = null;
    let retentionText: string | null = null;
    const retentionValue = own('retention', this.retention).trim();
    if (retentionValue) {
      retention = durationInWords(retentionValue, locale);
      if (!retention && looksLikeDuration(retentionValue)) {
        complain(`retention="${retentionValue}": looks like a duration but is not ISO 8601 (P30D, P6M, P1Y); retention not shown`);
      } else if (!retention) retentionText = retentionValue;
    }
    let recording: string | null = null;
    if (this.recording) {
      if (isOwnKey(base.recording, this.recording)) recording = (isOwnKey(t.recording, this.recording) ? t.recording : base.recording)[this.recording](retention);
      else complain(`recording="${this.recording}": not none, summary or full; recording not stated`);
    }

    let legalBasis: string | null = null;
    let basedOn = '';
    if (this.legalBasis) {
      if (isOwnKey(base.legalBases, this.legalBasis)) {
        const basis = this.legalBasis;
        legalBasis = (isOwnKey(t.legalBases, basis) ? t.legalBases : base.legalBases)[basis];
        basedOn = (isOwnKey(t.basedOn, basis) ? t.basedOn : base.basedOn)[basis];
      } else complain(`legal-basis="${this.legalBasis}": not consent, contract, legitimate-interest or legal-obligation; legal basis not shown`);
    }

    let training: TrainingMode | null = null;
    if (this.training === 'opt-in' || this.training === 'opt-out') training = this.training;
    else if (this.training) {
      complain(`training="${this.training}": not opt-in or opt-out; opt-in assumed (off until the visitor turns it on)`);
      training = 'opt-in';
    }

    const links = rightsLinks(this, t, complain);

    const details: [string, string][] = [];
    const add = (label: string, value: string | null) => {
      if (value?.trim()) details.push([label, value.trim()]);
    };
    add(t.controller, controller);
    add(t.data, data);
    add(t.purposes, purposes);
    add(t.legalBasis, legalBasis);
    add(t.retention, retention ?? retentionText);
    add(t.retentionNote, retentionNote);
    add(t.recipients, recipients);
    add(t.processors, processors);
    add(t.storage, storage);
    add(t.transfers, transfers);
    if (voice) add(t.recordingLabel, recording);

    const said = (isOwnKey(t.assistant, assistant) ? t.assistant : base.assistant)[assistant][voice ? 'voice' : 'text'];
    /** The site's own text after its label, as a sentence. */
    const statement = (label: string, text: string) => (text.trim() ? sentence(t.labelled(label, text.trim())) : '');
    const keptAsWritten = statement(t.retention, retentionText ?? '');
    const kept = voice && recording ? [recording, keptAsWritten] : [retention ? t.keptFor(retention) : keptAsWritten];
    const summary = [said, ...kept].filter(Boolean).join(' ');
    const spoken = [
      summary,
      statement(t.retentionNote, retentionNote),
      controller.trim() && t.providedBy(controller.trim()),
      basedOn,
      statement(t.recipients, recipients),
      statement(t.processors, processors),
      t.rightsSpoken,
    ];
    return { locale, t, voice, summary, spoken: spoken.filter(Boolean).join(' '), details, links, training };
  }

  private handleToggle(): void {
    this.expanded = !this.expanded;
  }

  private async handleAcknowledge(): Promise<void> {
    await this.acknowledge();
    await this.updateComplete;
    // The button is gone; unless a listener moved focus (to the chat input, say), keep it here rather than on <body>.
    if (deepActiveElement() === document.body) this.statusElement?.focus();
  }

  private handleTrainingChange(event: Event): void {
    void this.chooseTraining((event.target as HTMLInputElement).checked);
  }
}

/** Text ending as a sentence: the site's own full stop kept, one added otherwise. */
const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
