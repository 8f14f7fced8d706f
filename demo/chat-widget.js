// A minimal chat widget, built the way a vendor ships one: everything in its
// own shadow root, so it proves that discret's elements work inside another
// element's shadow root. It shows <discret-chat-notice> before the first
// message (the input waits for the acknowledgement when one is required),
// talks to the demo chat backend, and wires <discret-delete-conversation> to
// the conversation.
//
//   <demo-chat-widget api="/api/conversations" bot="orbitalyntra"
//     heading="Orbitalyntra77 · aide" notice-assistant="hybrid" notice-controller="Orbitalyntra77"
//     delete-retention-note="…"></demo-chat-widget>
//
// discret's elements are registered by the page: with the script tag, the
// widget asks for them (`discret.define()`), because the page core cannot
// see elements inside a shadow root; a bundled widget imports
// `discret/define` instead. Attributes:
// - `api`: the backend's conversations URL; `credentials`: fetch credentials,
//   `same-origin` by default (`include` when the backend is on another origin).
// - `bot`: whose canned answers the backend gives (`flyme` by default,
//   `orbitalyntra`, `rgpd`, `vox`); it also names the notice and this
//   widget's keys in localStorage, so that two demo sites on one origin keep
//   apart.
// - `heading`, `placeholder`, `assistant-name`: the widget's own texts.
// - `notice-<attribute>`: given to the `<discret-chat-notice>` as
//   `<attribute>` (`notice-assistant="hybrid"`, `notice-retention="P1Y"`).
//   Without any, the notice is the Fly Me one of the first demo.
//   `notice-channel="voice"` turns the widget into a simulated voice call:
//   the spoken disclosure is shown with a "listen" button, the visitor types
//   what they would say, and only the call's written summary comes back.
// - `deletion`: how the demo backend answers this widget's deletions:
//   `immediate` (204, by default), `scheduled` (202 { erasedBy }, erased
//   30 days later) or `verification` (202 { verification: "email" }; no
//   e-mail is sent, so the widget shows the link it would carry).
// - `delete-backup-retention`: the `<discret-delete-conversation>`'s
//   `backup-retention` (an ISO 8601 duration).
// - `delete-retention-note`, `delete-label`, `delete-confirm-title`,
//   `delete-confirm-local`, `delete-confirm-provider`, `delete-done`
//   ("… {date}"): the `<discret-delete-conversation>`'s texts.

const STRINGS = {
  fr: {
    title: 'Fly Me · votre assistant de voyage',
    log: 'Messages',
    input: 'Votre message',
    send: 'Envoyer',
    placeholder: 'Où souhaitez-vous partir ?',
    you: 'Vous',
    assistant: 'Assistant',
    error: 'Le message n’a pas pu être envoyé. Vérifiez votre connexion et réessayez.',
    spokenTitle: 'Ce que l’agent dit en décrochant',
    listen: 'Écouter l’annonce',
    noSpeech: 'La lecture à voix haute n’est pas disponible dans ce navigateur ; l’annonce est écrite ci-dessus.',
    callLog: 'Résumés d’appels',
    callInput: 'Votre demande (simulation : tapez ce que vous diriez à l’agent)',
    call: 'Simuler l’appel',
    callPlaceholder: 'Je voudrais un rendez-vous mardi matin',
    summary: 'Résumé conservé (l’appel n’est pas enregistré)',
    callError: 'L’appel simulé n’a pas abouti. Vérifiez votre connexion et réessayez.',
    mailDemo: 'Démonstration : aucun e-mail n’est envoyé. Le lien qu’il contiendrait :',
    mailLink: 'Confirmer la suppression (nouvel onglet)',
  },
  en: {
    title: 'Fly Me · your travel assistant',
    log: 'Messages',
    input: 'Your message',
    send: 'Send',
    placeholder: 'Where would you like to go?',
    you: 'You',
    assistant: 'Assistant',
    error: 'The message could not be sent. Check your connection and try again.',
    spokenTitle: 'What the agent says when it picks up',
    listen: 'Listen to the announcement',
    noSpeech: 'This browser cannot read text aloud; the announcement is written above.',
    callLog: 'Call summaries',
    callInput: 'Your request (simulated: type what you would say to the agent)',
    call: 'Simulate the call',
    callPlaceholder: 'I would like an appointment on Tuesday morning',
    summary: 'Summary kept (the call is not recorded)',
    callError: 'The simulated call failed. Check your connection and try again.',
    mailDemo: 'Demo: no e-mail is sent. The link it would carry:',
    mailLink: 'Confirm the deletion (new tab)',
  },
};

/** The notice of the first demo, when a page gives no `notice-*` attribute. */
const FLY_ME_NOTICE = {
  assistant: 'ai',
  controller: 'Fly Me',
  retention: 'P30D',
  'require-ack': '',
  training: 'opt-in',
  'notice-id': 'flyme',
  'policy-href': '/confidentialite.html',
  'rights-email': 'dpo@flyme.example',
};
const FLY_ME_TEXTS = {
  fr: {
    data: 'Destinations, dates de voyage et nombre de voyageurs',
    purposes: 'Répondre à vos questions et préparer votre réservation',
    storage: 'Union européenne (serveurs Microsoft Azure)',
    transfers: 'Aucun',
    'retention-note': 'Les réservations confirmées et leurs factures restent conservées 10 ans, comme le Code de commerce l’exige.',
  },
  en: {
    data: 'Destinations, travel dates and number of travellers',
    purposes: 'Answering your questions and preparing your booking',
    storage: 'European Union (Microsoft Azure servers)',
    transfers: 'None',
    'retention-note': 'Confirmed bookings and their invoices are kept for 10 years, as French commercial law requires.',
  },
};

const NOTICE_ATTRIBUTES = [
  'assistant', 'controller', 'data', 'purposes', 'retention', 'storage', 'transfers', 'channel', 'recording',
  'policy-href', 'rights-href', 'rights-email', 'authority', 'authority-href', 'require-ack', 'training', 'notice-id',
  'legal-basis', 'retention-note', 'recipients', 'processors',
];
const DELETE_TEXTS = {
  'delete-label': 'deleteButton',
  'delete-confirm-title': 'confirmTitle',
  'delete-confirm-local': 'confirmLocal',
  'delete-confirm-provider': 'confirmProvider',
  'delete-done': 'deleted',
};

const STYLE = `
  :host { display: block; max-width: 26rem; font: 0.9375rem/1.45 system-ui, sans-serif; color: #1a1a1a; }
  .widget { border: 1px solid #c4c7cc; border-radius: 0.75rem; padding: 1rem; background: #fff; display: grid; gap: 0.75rem; }
  h2 { font-size: 1.0625rem; margin: 0; }
  [role='log'] { display: grid; gap: 0.5rem; max-height: 18rem; overflow: auto; }
  [role='log']:empty { display: none; }
  .message { margin: 0; padding: 0.5rem 0.75rem; border-radius: 0.75rem; background: #eef1f5; }
  .message.visitor { background: #dbe7fd; justify-self: end; }
  .message.summary { background: #eef6ee; border: 1px solid #9bc59d; }
  .who { display: block; font-size: 0.75rem; font-weight: 600; }
  form { display: flex; gap: 0.5rem; }
  .voice form { flex-direction: column; align-items: start; }
  .voice form label { font-size: 0.875rem; }
  .voice form input { align-self: stretch; }
  input { flex: 1; min-width: 0; font: inherit; min-height: 2.25rem; padding: 0 0.5rem; border: 1px solid #6b7078; border-radius: 0.5rem; }
  button { font: inherit; min-height: 2.25rem; padding: 0 0.875rem; border-radius: 0.5rem; border: 1px solid #0b57d0; background: #0b57d0; color: #fff; }
  button.secondary { background: #fff; color: #0b57d0; justify-self: start; }
  button:disabled, input:disabled { opacity: 0.6; }
  button:focus-visible, input:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
  .spoken { margin: 0; display: grid; gap: 0.5rem; padding: 0.75rem; border-left: 4px solid #0b57d0; background: #f6f7f9; border-radius: 0 0.5rem 0.5rem 0; }
  .spoken figcaption { font-size: 0.8125rem; font-weight: 600; }
  .spoken blockquote { margin: 0; font-style: italic; }
  .hint { margin: 0; font-size: 0.8125rem; color: #4a4a4a; }
  a { color: #0b57d0; }
  .error { color: #b3261e; margin: 0; }
  /* An empty alert stays in the tree (so that a message put in it is announced) but takes no room. */
  .error:empty { margin-block-start: -0.75rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  @media (prefers-color-scheme: dark) {
    :host { color: #f1f1f1; }
    .widget { background: #1b1c1f; border-color: #5c6068; }
    .message { background: #2c2f35; } .message.visitor { background: #1f3b6e; }
    .message.summary { background: #1f3324; border-color: #4d7a50; }
    .spoken { background: #23252a; border-color: #a8c7fa; }
    .hint { color: #c8c8c8; }
    a { color: #a8c7fa; }
    input { background: #23252a; color: inherit; }
    button { background: #a8c7fa; border-color: #a8c7fa; color: #062e6f; }
    button.secondary { background: #1b1c1f; color: #a8c7fa; }
    button:focus-visible, input:focus-visible { outline-color: #a8c7fa; }
    .error { color: #f2b8b5; }
  }
`;

/** Builds DOM without HTML strings: the page may run under Trusted Types. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

export class DemoChatWidget extends HTMLElement {
  static get observedAttributes() {
    return [...NOTICE_ATTRIBUTES.map((name) => `notice-${name}`), 'delete-retention-note', 'delete-backup-retention', ...Object.keys(DELETE_TEXTS)];
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.conversationId = null;
  }

  get api() {
    return (this.getAttribute('api') || '/api/conversations').replace(/\/$/, '');
  }

  get credentials() {
    return this.getAttribute('credentials') || 'same-origin';
  }

  get bot() {
    return this.getAttribute('bot') || 'flyme';
  }

  /** Where this widget remembers its current conversation. */
  get currentKey() {
    return `demo-chat:conversation:${this.bot}`;
  }

  transcriptKey(id) {
    return `demo-chat:messages:${id}`;
  }

  get voice() {
    return this.notice.getAttribute('channel') === 'voice';
  }

  connectedCallback() {
    if (this.shadowRoot.childElementCount) return;
    // Inside this shadow root, discret's page core cannot see its elements: they are asked for.
    window.discret?.define?.();
    this.locale = (this.closest('[lang]')?.getAttribute('lang') ?? 'fr').startsWith('en') ? 'en' : 'fr';
    const t = (this.strings = STRINGS[this.locale]);
    const style = h('style');
    style.textContent = STYLE;

    this.notice = h('discret-chat-notice');
    this.deleter = h('discret-delete-conversation', { endpoint: `${this.api}/{id}`, credentials: this.credentials, hidden: '' });
    this.syncNotice();
    this.syncDeleter();
    const voice = this.voice;
    const title = this.getAttribute('heading') || t.title;

    this.log = h('div', { role: 'log', 'aria-label': voice ? t.callLog : t.log });
    this.input = h('input', { id: 'input', autocomplete: 'off', placeholder: this.getAttribute('placeholder') || (voice ? t.callPlaceholder : t.placeholder), disabled: '' });
    this.sendButton = h('button', { type: 'submit', disabled: '' }, voice ? t.call : t.send);
    this.error = h('p', { class: 'error', role: 'alert' });
    const label = h('label', { for: 'input', class: voice ? '' : 'visually-hidden' }, voice ? t.callInput : t.input);
    this.form = h('form', {}, label, this.input, this.sendButton);

    const parts = [h('h2', {}, title), this.notice];
    if (voice) parts.push(this.renderSpoken());
    // The e-mail a `verification` deletion would send, shown here since none is.
    this.mail = h('p', { class: 'hint', hidden: '' });
    parts.push(this.log, this.error, this.form, this.deleter, this.mail);
    this.shadowRoot.append(style, h('section', { class: voice ? 'widget voice' : 'widget', 'aria-label': title }, ...parts));

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send(this.input.value);
    });
    this.notice.addEventListener('discret-notice-acknowledged', () => {
      this.enableInput(true);
      this.input.focus();
    });
    // The transcript goes from the screen as soon as its copies in this browser are gone, whatever the provider answers, offline included.
    this.deleter.addEventListener('discret-conversation-local-erased', () => this.forget());
    this.deleter.addEventListener('discret-conversation-deleted', (event) => {
      this.forget();
      if (event.detail.receipt.status === 'awaiting-verification') void this.showMail(event.detail.conversationId);
    });
    void this.restore();
  }

  attributeChangedCallback(name) {
    if (!this.notice) return;
    if (name.startsWith('notice-')) {
      this.syncNotice();
      void this.updateSpoken();
    } else this.syncDeleter();
  }

  /** The page's `notice-*` attributes, or the Fly Me notice when there are none. */
  syncNotice() {
    const given = NOTICE_ATTRIBUTES.filter((name) => this.hasAttribute(`notice-${name}`));
    const texts = { ...FLY_ME_TEXTS[this.locale] };
    delete texts['retention-note'];
    const attributes = given.length
      ? Object.fromEntries(given.map((name) => [name, this.getAttribute(`notice-${name}`)]))
      : { ...FLY_ME_NOTICE, ...texts };
    attributes['notice-id'] ??= this.bot;
    for (const name of NOTICE_ATTRIBUTES) {
      if (name in attributes) this.notice.setAttribute(name, attributes[name]);
      else this.notice.removeAttribute(name);
    }
  }

  syncDeleter() {
    const custom = NOTICE_ATTRIBUTES.some((name) => this.hasAttribute(`notice-${name}`));
    const note = this.getAttribute('delete-retention-note') ?? (custom ? null : FLY_ME_TEXTS[this.locale]['retention-note']);
    if (note) this.deleter.setAttribute('retention-note', note);
    else this.deleter.removeAttribute('retention-note');
    const texts = {};
    for (const [attribute, key] of Object.entries(DELETE_TEXTS)) {
      const value = this.getAttribute(attribute);
      if (value) texts[key] = key === 'deleted' ? (date) => value.replace('{date}', date) : value;
    }
    this.deleter.texts = texts;
    const backups = this.getAttribute('delete-backup-retention');
    if (backups) this.deleter.setAttribute('backup-retention', backups);
    else this.deleter.removeAttribute('backup-retention');
    if (texts.deleteButton) this.deleter.replaceChildren(texts.deleteButton);
  }

  /** The disclosure a voice agent speaks when it picks up, as discret words it, and a button to hear it. */
  renderSpoken() {
    const t = this.strings;
    this.spoken = h('blockquote', { lang: this.locale });
    const figure = h('figure', { class: 'spoken' }, h('figcaption', {}, t.spokenTitle), this.spoken);
    if ('speechSynthesis' in window && 'SpeechSynthesisUtterance' in window) {
      const listen = h('button', { type: 'button', class: 'secondary' }, t.listen);
      listen.addEventListener('click', () => this.speak());
      figure.append(listen);
    } else {
      figure.append(h('p', { class: 'hint' }, t.noSpeech));
    }
    return figure;
  }

  async updateSpoken() {
    if (!this.spoken) return;
    await customElements.whenDefined('discret-chat-notice');
    await this.notice.updateComplete;
    this.spoken.textContent = this.notice.disclosureText();
  }

  speak() {
    const utterance = new SpeechSynthesisUtterance(this.notice.disclosureText());
    utterance.lang = this.locale === 'en' ? 'en-GB' : 'fr-FR';
    speechSynthesis.cancel();
    speechSynthesis.speak(utterance);
  }

  enableInput(enabled) {
    this.input.disabled = !enabled;
    this.sendButton.disabled = !enabled;
  }

  async restore() {
    await customElements.whenDefined('discret-chat-notice');
    await this.notice.ready;
    await this.updateSpoken();
    this.enableInput(this.notice.acknowledged);
    const id = localStorage.getItem(this.currentKey);
    if (!id) return;
    this.use(id);
    const saved = JSON.parse(localStorage.getItem(this.transcriptKey(id)) ?? '[]');
    for (const message of saved) this.show(message);
    try {
      const response = await fetch(`${this.api}/${encodeURIComponent(id)}`, { credentials: this.credentials });
      if (response.status === 404) this.forget();
    } catch {
      // Offline: the transcript kept in this browser is all there is to show.
    }
  }

  use(id) {
    this.conversationId = id;
    localStorage.setItem(this.currentKey, id);
    this.deleter.setAttribute('conversation-id', id);
    // Only this conversation's copies: another demo site's widget on this origin keeps its own.
    this.deleter.setAttribute('local-keys', `${this.currentKey} ${this.transcriptKey(id)}`);
    this.deleter.hidden = false;
  }

  /** The demo backend shows its owner the e-mail it would have sent; its link is shown in its place. */
  async showMail(id) {
    try {
      const response = await fetch(`${this.api}/${encodeURIComponent(id)}`, { credentials: this.credentials });
      const link = (await response.json()).erasure?.mail?.confirmUrl;
      if (!link) return;
      const href = new URL(link, new URL(this.api, location.href)).href;
      this.mail.replaceChildren(`${this.strings.mailDemo} `, h('a', { href, target: '_blank', rel: 'noopener' }, this.strings.mailLink));
      this.mail.hidden = false;
    } catch {
      // Offline: the receipt still says to confirm from the e-mail.
    }
  }

  forget() {
    localStorage.removeItem(this.currentKey);
    if (this.conversationId) localStorage.removeItem(this.transcriptKey(this.conversationId));
    this.conversationId = null;
    this.log.replaceChildren();
  }

  show(message) {
    const t = this.strings;
    const who = message.role === 'visitor' ? t.you : message.role === 'summary' ? t.summary : this.getAttribute('assistant-name') || t.assistant;
    this.log.append(h('p', { class: `message ${message.role}` }, h('span', { class: 'who' }, who), message.text));
    this.log.scrollTop = this.log.scrollHeight;
  }

  async send(text) {
    if (!text.trim() || !this.notice.acknowledged) return;
    this.error.textContent = '';
    try {
      if (!this.conversationId) {
        const deletion = this.getAttribute('deletion');
        const created = await this.call(this.api, deletion ? { deletion } : {});
        this.use(created.id);
      }
      const { messages } = await this.call(`${this.api}/${encodeURIComponent(this.conversationId)}/messages`, {
        text,
        // The provider learns the visitor's training choice with each message.
        training: this.notice.trainingAllowed === true,
        bot: this.bot,
        lang: this.locale,
      });
      this.input.value = '';
      for (const message of messages) this.show(message);
      const key = this.transcriptKey(this.conversationId);
      localStorage.setItem(key, JSON.stringify([...JSON.parse(localStorage.getItem(key) ?? '[]'), ...messages]));
    } catch {
      this.error.textContent = this.voice ? this.strings.callError : this.strings.error;
    }
  }

  async call(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      credentials: this.credentials,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }
}

if (!customElements.get('demo-chat-widget')) customElements.define('demo-chat-widget', DemoChatWidget);
