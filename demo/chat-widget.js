// A minimal chat widget, built the way a vendor ships one: everything in its
// own shadow root, so it proves that discret's elements work inside another
// element's shadow root. It shows <discret-chat-notice> before the first
// message (the input waits for the acknowledgement), talks to the demo chat
// backend, and wires <discret-delete-conversation> to the conversation.
//
//   <demo-chat-widget api="/api/conversations" lang="fr"></demo-chat-widget>
//
// discret's elements must be registered by the page (the script-tag bundle
// or `discret/define`). Attributes: `api` (the backend's conversations URL),
// `credentials` (fetch credentials, `same-origin` by default; `include` when
// the backend is on another origin).

const CURRENT = 'demo-chat:conversation';
const transcriptKey = (id) => `demo-chat:messages:${id}`;

const STRINGS = {
  fr: {
    title: 'Fly Me · votre assistant de voyage',
    log: 'Messages',
    input: 'Votre message',
    send: 'Envoyer',
    placeholder: 'Où souhaitez-vous partir ?',
    you: 'Vous',
    assistant: 'Assistant',
    error: 'Le message n’a pas pu être envoyé. Vérifiez votre connexion et réessayez.',
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
  },
};

const NOTICE = {
  assistant: 'ai',
  controller: 'Fly Me',
  retention: 'P30D',
  'require-ack': '',
  training: 'opt-in',
  'notice-id': 'flyme',
  'policy-href': '/confidentialite.html',
  'rights-email': 'dpo@flyme.example',
};
const NOTICE_TEXTS = {
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

const STYLE = `
  :host { display: block; max-width: 26rem; font: 0.9375rem/1.45 system-ui, sans-serif; color: #1a1a1a; }
  .widget { border: 1px solid #c4c7cc; border-radius: 0.75rem; padding: 1rem; background: #fff; display: grid; gap: 0.75rem; }
  h2 { font-size: 1.0625rem; margin: 0; }
  [role='log'] { display: grid; gap: 0.5rem; max-height: 18rem; overflow: auto; }
  [role='log']:empty { display: none; }
  .message { margin: 0; padding: 0.5rem 0.75rem; border-radius: 0.75rem; background: #eef1f5; }
  .message.visitor { background: #dbe7fd; justify-self: end; }
  .who { display: block; font-size: 0.75rem; font-weight: 600; }
  form { display: flex; gap: 0.5rem; }
  input { flex: 1; font: inherit; min-height: 2.25rem; padding: 0 0.5rem; border: 1px solid #6b7078; border-radius: 0.5rem; }
  button { font: inherit; min-height: 2.25rem; padding: 0 0.875rem; border-radius: 0.5rem; border: 1px solid #0b57d0; background: #0b57d0; color: #fff; }
  button:disabled, input:disabled { opacity: 0.6; }
  .error { color: #b3261e; margin: 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  @media (prefers-color-scheme: dark) {
    :host { color: #f1f1f1; }
    .widget { background: #1b1c1f; border-color: #5c6068; }
    .message { background: #2c2f35; } .message.visitor { background: #1f3b6e; }
    input { background: #23252a; color: inherit; }
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

  connectedCallback() {
    if (this.shadowRoot.childElementCount) return;
    const lang = (this.closest('[lang]')?.getAttribute('lang') ?? 'fr').startsWith('en') ? 'en' : 'fr';
    const t = STRINGS[lang];
    this.strings = t;
    const style = h('style');
    style.textContent = STYLE;
    const { 'retention-note': retentionNote, ...noticeTexts } = NOTICE_TEXTS[lang];
    this.notice = h('discret-chat-notice', { ...NOTICE, ...noticeTexts });
    this.log = h('div', { role: 'log', 'aria-label': t.log });
    this.input = h('input', { id: 'input', autocomplete: 'off', placeholder: t.placeholder, disabled: '' });
    this.sendButton = h('button', { type: 'submit', disabled: '' }, t.send);
    this.error = h('p', { class: 'error', role: 'alert' });
    this.form = h('form', {}, h('label', { for: 'input', class: 'visually-hidden' }, t.input), this.input, this.sendButton);
    this.deleter = h('discret-delete-conversation', {
      endpoint: `${this.api}/{id}`,
      credentials: this.credentials,
      'local-keys': 'demo-chat:*',
      'retention-note': retentionNote,
      hidden: '',
    });
    this.shadowRoot.append(style, h('section', { class: 'widget', 'aria-label': t.title }, h('h2', {}, t.title), this.notice, this.log, this.error, this.form, this.deleter));

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send(this.input.value);
    });
    this.notice.addEventListener('discret-notice-acknowledged', () => {
      this.enableInput(true);
      this.input.focus();
    });
    this.deleter.addEventListener('discret-conversation-deleted', () => this.forget());
    void this.restore();
  }

  enableInput(enabled) {
    this.input.disabled = !enabled;
    this.sendButton.disabled = !enabled;
  }

  async restore() {
    await customElements.whenDefined('discret-chat-notice');
    await this.notice.ready;
    this.enableInput(this.notice.acknowledged);
    const id = localStorage.getItem(CURRENT);
    if (!id) return;
    this.use(id);
    const saved = JSON.parse(localStorage.getItem(transcriptKey(id)) ?? '[]');
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
    localStorage.setItem(CURRENT, id);
    this.deleter.setAttribute('conversation-id', id);
    this.deleter.hidden = false;
  }

  forget() {
    localStorage.removeItem(CURRENT);
    if (this.conversationId) localStorage.removeItem(transcriptKey(this.conversationId));
    this.conversationId = null;
    this.log.replaceChildren();
  }

  show(message) {
    const who = message.role === 'visitor' ? this.strings.you : this.strings.assistant;
    this.log.append(h('p', { class: `message ${message.role}` }, h('span', { class: 'who' }, who), message.text));
    this.log.scrollTop = this.log.scrollHeight;
  }

  async send(text) {
    if (!text.trim() || !this.notice.acknowledged) return;
    this.error.textContent = '';
    try {
      if (!this.conversationId) {
        const created = await this.call(this.api, {});
        this.use(created.id);
      }
      const { messages } = await this.call(`${this.api}/${encodeURIComponent(this.conversationId)}/messages`, {
        text,
        // The provider learns the visitor's training choice with each message.
        training: this.notice.trainingAllowed === true,
      });
      this.input.value = '';
      for (const message of messages) this.show(message);
      const key = transcriptKey(this.conversationId);
      localStorage.setItem(key, JSON.stringify([...JSON.parse(localStorage.getItem(key) ?? '[]'), ...messages]));
    } catch {
      this.error.textContent = this.strings.error;
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
