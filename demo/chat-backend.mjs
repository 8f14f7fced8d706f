// The demo chat backend: conversations really stored in a JSON file and
// really deleted on DELETE. No dependencies. Mounted by demo/server.mjs
// (`createChatBackend`), run alone by the test runner (`startChatBackend`).
//
//   POST   /api/conversations               → 201 { id }  and the visitor's session cookie
//          body { deletion?: "immediate" | "scheduled" | "verification" }: how its DELETE answers (400 otherwise)
//   POST   /api/conversations/:id/messages  → 201 { messages: [visitor, assistant] }  body { text, training?, bot?, lang? }
//          (bot "vox", a voice agent: → { messages: [summary] }, the caller's words are not kept)
//   GET    /api/conversations/:id           → 200 { id, createdAt, messages, erasure? } | 404
//   DELETE /api/conversations/:id           → 204 with X-Request-Id | 404 unknown id, or, by the conversation's `deletion`:
//          scheduled    → 202 { erasedBy, reference }: erased at that date (`scheduledDelay`, 30 days by default),
//                         by a timer, or on the server's next start or request once the date passed
//          verification → 202 { verification: "email", reference }: erased once the link of the e-mail is confirmed.
//                         No e-mail is sent: GET /api/conversations/:id shows the one that would be, with its link
//                         (`erasure.mail.confirmUrl`), for the demo to show instead.
//   GET    /api/conversations/:id/erasure?token=…  → 200 a page with a "confirm" form (fetching the link erases nothing)
//   POST   /api/conversations/:id/erasure   (form token=…) → 200 erased | 403 wrong token | 404 nothing to erase
//
// A conversation belongs to the browser that created it: the others answer
// 401 without the session cookie, 403 with another one. Browsers on
// localhost origins may call it from another port (CORS with credentials).
import { createServer } from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const COOKIE = 'discret_chat_session';
const MAX_BODY = 10_000;
const DELETION_MODES = ['immediate', 'scheduled', 'verification'];
const DAY_MS = 86_400_000;
/** setTimeout's longest delay; a later erasure is armed again when it comes closer (or done by a request after its date). */
const MAX_TIMER_MS = 2 ** 31 - 1;
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const sameToken = (a, b) => typeof a === 'string' && typeof b === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const RAW = Symbol('raw body');
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * Canned answers by assistant (`bot` in the message body: the demo page's
 * service) and language (`lang`: `fr` or `en`), by keyword; the last is the
 * fallback. Fly Me in French when the body names neither.
 */
const ANSWERS = {
  flyme: {
    fr: [
      [/vol|flight|avion|plane/i, 'Je peux chercher des vols : indiquez la ville de départ, la destination et vos dates.'],
      [/date|quand|when/i, 'Quelles sont vos dates de départ et de retour ?'],
      [/prix|price|tarif|budget/i, 'Les tarifs dépendent des dates ; donnez-moi vos dates et votre budget maximum.'],
      [/humain|conseiller|human|agent/i, 'Je transmets votre demande à un conseiller, qui vous répondra ici.'],
      [/./, 'Merci ! Où souhaitez-vous partir, à quelles dates, et combien de voyageurs êtes-vous ?'],
    ],
    en: [
      [/vol|flight|avion|plane/i, 'I can look for flights: tell me where you leave from, where you are going and your dates.'],
      [/date|quand|when/i, 'What are your departure and return dates?'],
      [/prix|price|tarif|budget/i, 'Fares depend on the dates; give me your dates and your maximum budget.'],
      [/humain|conseiller|human|agent/i, 'I am passing your request to an adviser, who will answer you here.'],
      [/./, 'Thank you! Where would you like to go, on which dates, and how many travellers are you?'],
    ],
  },
  orbitalyntra: {
    fr: [
      [/humain|conseiller|personne|human|agent/i, 'Je passe la main à un conseiller humain de l’équipe support : il reprend cette conversation ici.'],
      [/widget|install|intégr/i, 'Pour installer le widget de chat, copiez le fragment de code de votre tableau de bord dans vos pages.'],
      [/compte|factur|paiement|account|billing/i, 'Votre compte et vos factures se gèrent dans Paramètres › Organisation.'],
      [/donnée|rgpd|supprim|droit|data|delete/i, 'Vous pouvez supprimer cette conversation avec le bouton ci-dessous ; pour vos autres droits, voyez la politique de confidentialité.'],
      [/./, 'Je suis l’assistant FAQ d’Orbitalyntra77. Posez votre question sur le chat en direct, le widget ou votre compte.'],
    ],
    en: [
      [/humain|conseiller|personne|human|agent/i, 'I am handing over to a human adviser from the support team, who picks up this conversation here.'],
      [/widget|install|intégr/i, 'To install the chat widget, copy the code snippet from your dashboard into your pages.'],
      [/compte|factur|paiement|account|billing/i, 'Your account and invoices are managed under Settings › Organisation.'],
      [/donnée|rgpd|supprim|droit|data|delete|gdpr/i, 'You can delete this conversation with the button below; for your other rights, see the privacy policy.'],
      [/./, 'I am Orbitalyntra77’s FAQ assistant. Ask about live chat, the widget or your account.'],
    ],
  },
  rgpd: {
    fr: [
      [/compte|supprim|effac/i, 'Pour supprimer votre compte, faites la demande via notre formulaire de contact. Cette conversation, elle, se supprime avec le bouton ci-dessous.'],
      [/factur|litige/i, 'Les éléments de facturation sont conservés pendant la durée réglementaire, même après la suppression de votre compte.'],
      [/./, 'Merci pour votre message. Comment puis-je vous aider à utiliser le site ?'],
    ],
    en: [
      [/account|delete|erase/i, 'To delete your account, ask through our contact form. This conversation is deleted with the button below.'],
      [/invoice|billing|dispute/i, 'Billing records are kept for the period the law requires, even after your account is deleted.'],
      [/./, 'Thank you for your message. How can I help you use the site?'],
    ],
  },
  // Vox: the call is not recorded; only this written summary of it is.
  vox: {
    fr: [
      [/annul/i, 'Résumé de l’appel : demande d’annulation d’un rendez-vous. À traiter dans l’agenda de l’organisation.'],
      [/rendez|rdv|créneau/i, 'Résumé de l’appel : demande de rendez-vous{day}. Créneau à confirmer dans l’agenda de l’organisation.'],
      [/./, 'Résumé de l’appel : demande d’information. L’organisation rappellera l’appelant.'],
    ],
    en: [
      [/cancel/i, 'Call summary: request to cancel an appointment. To be handled in the organisation’s calendar.'],
      [/appointment|book|slot/i, 'Call summary: appointment request{day}. Slot to be confirmed in the organisation’s calendar.'],
      [/./, 'Call summary: information request. The organisation will call back.'],
    ],
  },
};
const DAYS = /\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|monday|tuesday|wednesday|thursday|friday|saturday)\b/i;

function answerTo(text, bot, lang) {
  const answers = (ANSWERS[bot] ?? ANSWERS.flyme)[lang === 'en' ? 'en' : 'fr'];
  const day = DAYS.exec(text)?.[1].toLowerCase();
  const on = day ? (lang === 'en' ? ` on ${day[0].toUpperCase()}${day.slice(1)}` : ` pour ${day}`) : '';
  return answers.find(([pattern]) => pattern.test(text))[1].replace('{day}', on);
}

/** The stored conversations; an unreadable file is moved aside, never overwritten. */
function load(file) {
  let problem;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    if (data && typeof data.conversations === 'object') return data;
    problem = 'it has no conversations';
  } catch (error) {
    if (error.code === 'ENOENT') return { conversations: {} };
    problem = error.message;
  }
  const aside = `${file}.corrupt-${Date.now()}`;
  renameSync(file, aside);
  console.warn(`[chat-backend] ${file} could not be used (${problem}); kept as ${aside}, starting empty`);
  return { conversations: {} };
}

/** Temp file then rename: a crash mid-write leaves the previous file whole, never half of one. */
function save(file, data) {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temp, JSON.stringify(data, null, 2));
  renameSync(temp, file);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > MAX_BODY) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function cookieOf(req) {
  const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '');
  return match ? match[1] : null;
}

/**
 * `handle(req, res)` answers the chat API and returns true, or returns false
 * for any other URL. `onRequest({ method, path, status })` hears every
 * answer (the test runner counts DELETEs with it).
 */
export function createChatBackend({ file, onRequest, scheduledDelay = 30 * DAY_MS } = {}) {
  if (!file) throw new Error('createChatBackend needs { file }');
  const data = load(file);
  let sweepTimer;

  /** Erases the scheduled conversations whose date has come, and arms a timer for the next one. */
  function sweep() {
    clearTimeout(sweepTimer);
    const now = Date.now();
    let next = Infinity;
    let erased = false;
    for (const [id, conversation] of Object.entries(data.conversations)) {
      const at = Date.parse(conversation.erasure?.erasedBy ?? '');
      if (Number.isNaN(at)) continue;
      if (at <= now) {
        delete data.conversations[id];
        erased = true;
      } else next = Math.min(next, at);
    }
    if (erased) save(file, data);
    if (next !== Infinity) sweepTimer = setTimeout(sweep, Math.min(MAX_TIMER_MS, next - now)).unref?.();
  }
  sweep();
  /** Answers given to the next deletions instead of the usual 204, for tests: see `answerDeletes`. */
  const scripted = { count: 0, answer: null };
  /** While `hold` is on, deletions are carried out but their answers wait in `held` until it is turned off. */
  const holding = { on: false, held: new Set() };
  /** DELETE requests received, by conversation id, whatever they were answered (or not). */
  const received = new Map();

  function send(req, res, status, body, headers = {}) {
    const origin = req.headers.origin;
    const cors = origin && LOCAL_ORIGIN.test(origin)
      ? {
          'access-control-allow-origin': origin,
          'access-control-allow-credentials': 'true',
          'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
          'access-control-allow-headers': 'content-type',
          'access-control-expose-headers': 'x-request-id',
          'access-control-max-age': '600',
          vary: 'Origin',
        }
      : {};
    // `{ [RAW]: text }`: sent as written (a scripted answer whose body is not JSON).
    const json = body === undefined ? undefined : typeof body?.[RAW] === 'string' ? body[RAW] : JSON.stringify(body);
    res.writeHead(status, { 'cache-control': 'no-store', ...cors, ...(json && { 'content-type': 'application/json; charset=utf-8' }), ...headers });
    res.end(json);
    onRequest?.({ method: req.method, path: new URL(req.url, 'http://x').pathname, status });
  }

  /** The demo's pages for the e-mail's link, in both languages: there is no mailbox to tell the language. */
  function sendPage(req, res, status, title, ...paragraphs) {
    const body = paragraphs.map((p) => (p.startsWith('<form') ? p : `<p>${p}</p>`)).join('\n');
    const page = `<!doctype html><html lang="fr"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><body style="font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem"><h1>${title}</h1>\n${body}</body></html>`;
    res.writeHead(status, { 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer' });
    res.end(page);
    onRequest?.({ method: req.method, path: new URL(req.url, 'http://x').pathname, status });
  }

  /** The link the e-mail would carry; relative to the backend's origin. */
  const confirmUrl = (id, token) => `/api/conversations/${encodeURIComponent(id)}/erasure?token=${encodeURIComponent(token)}`;

  /** What GET tells the owner about a deletion under way; for a verification, the e-mail that would have been sent. */
  function erasureView(id, erasure) {
    if (!erasure) return undefined;
    if (erasure.erasedBy) return { erasedBy: erasure.erasedBy };
    return {
      verification: 'email',
      mail: {
        subject: 'Confirmez la suppression de votre conversation / Confirm the deletion of your conversation',
        text: 'Pour confirmer la suppression, ouvrez ce lien. To confirm the deletion, open this link.',
        confirmUrl: confirmUrl(id, erasure.token),
      },
    };
  }

  /** 404 before 401: an unknown id says nothing about anyone's session. */
  function owned(req, res, conversation, reply = (status, body) => send(req, res, status, body)) {
    if (!conversation) return reply(404, { error: 'no such conversation' }), false;
    const session = cookieOf(req);
    if (!session) return reply(401, { error: 'no session cookie' }), false;
    if (session !== conversation.owner) return reply(403, { error: 'not your conversation' }), false;
    return true;
  }

  async function route(req, res, parts) {
    const [id, sub] = parts;
    if (req.method === 'OPTIONS') return send(req, res, 204);
    // Scheduled erasures whose date passed are done before anything is answered.
    sweep();
    if (!id && req.method === 'POST') {
      let body;
      try {
        const text = await readBody(req);
        body = text.trim() ? JSON.parse(text) : {};
      } catch {
        body = {};
      }
      const deletion = body?.deletion ?? 'immediate';
      if (!DELETION_MODES.includes(deletion)) return send(req, res, 400, { error: 'deletion must be immediate, scheduled or verification' });
      const session = cookieOf(req) ?? randomUUID();
      const conversation = { id: randomUUID(), owner: session, createdAt: new Date().toISOString(), messages: [] };
      if (deletion !== 'immediate') conversation.deletion = deletion;
      data.conversations[conversation.id] = conversation;
      save(file, data);
      const cookie = `${COOKIE}=${session}; Path=/api/conversations; HttpOnly; SameSite=Lax; Max-Age=2592000`;
      return send(req, res, 201, { id: conversation.id }, { 'set-cookie': cookie });
    }
    const conversation = id ? data.conversations[id] : undefined;
    if (id && sub === 'erasure' && parts.length === 2 && (req.method === 'GET' || req.method === 'POST')) {
      const title = 'Suppression de la conversation / Deleting the conversation';
      if (!conversation) return sendPage(req, res, 404, title, 'Il n’y a rien à effacer : cette conversation n’existe pas ou plus.', 'Nothing to erase: this conversation does not (or no longer) exist.');
      const token =
        req.method === 'GET'
          ? new URL(req.url, 'http://x').searchParams.get('token')
          : new URLSearchParams(await readBody(req).catch(() => '')).get('token');
      if (!conversation.erasure?.token || !sameToken(token, conversation.erasure.token)) {
        return sendPage(req, res, 403, title, 'Ce lien n’est pas valable pour cette conversation.', 'This link is not valid for this conversation.');
      }
      if (req.method === 'GET') {
        // A link only shows the question: mail scanners fetch links, and must not erase anything.
        const action = `/api/conversations/${encodeURIComponent(id)}/erasure`;
        return sendPage(req, res, 200, title,
          'Confirmez-vous la suppression de cette conversation ? Elle sera effacée aussitôt.',
          'Do you confirm the deletion of this conversation? It will be erased at once.',
          `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit" style="font:inherit;min-height:2.5rem;padding:0 1rem">Confirmer la suppression / Confirm the deletion</button></form>`);
      }
      delete data.conversations[id];
      save(file, data);
      return sendPage(req, res, 200, title, 'La conversation est effacée.', 'The conversation is erased.');
    }
    if (id && sub === 'messages' && parts.length === 2 && req.method === 'POST') {
      if (!owned(req, res, conversation)) return;
      if (conversation.erasure) return send(req, res, 409, { error: 'this conversation is being deleted' });
      let body;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        body = {};
      }
      const text = body?.text;
      if (typeof text !== 'string' || !text.trim()) return send(req, res, 400, { error: 'body must be { "text": "…" }' });
      const at = new Date().toISOString();
      const answer = answerTo(text, body.bot, body.lang);
      const messages =
        body.bot === 'vox'
          ? [{ role: 'summary', text: answer, at }]
          : [
              { role: 'visitor', text: text.slice(0, 2000), at },
              { role: 'assistant', text: answer, at },
            ];
      conversation.messages.push(...messages);
      // What the visitor chose in the notice's training switch, sent by the widget with each message.
      if (typeof body.training === 'boolean') conversation.training = body.training;
      save(file, data);
      return send(req, res, 201, { messages });
    }
    if (id && parts.length === 1 && req.method === 'GET') {
      if (!owned(req, res, conversation)) return;
      const erasure = erasureView(id, conversation.erasure);
      return send(req, res, 200, { id, createdAt: conversation.createdAt, messages: conversation.messages, ...(erasure && { erasure }) });
    }
    if (id && parts.length === 1 && req.method === 'DELETE') {
      received.set(id, (received.get(id) ?? 0) + 1);
      const reply = async (status, body, headers) => {
        if (holding.on) await new Promise((release) => holding.held.add(release));
        send(req, res, status, body, headers);
      };
      if (!owned(req, res, conversation, reply)) return;
      if (scripted.count > 0) {
        scripted.count--;
        const { status, body, rawBody, headers, deletes, hang, reset } = scripted.answer;
        if (reset) return req.socket.destroy();
        // Never answered: the client gives up (its timeout), or the connection closes with the server.
        if (hang) return;
        if (deletes) {
          delete data.conversations[id];
          save(file, data);
        }
        return reply(status, rawBody !== undefined ? { [RAW]: rawBody } : body, headers);
      }
      if (conversation.deletion === 'scheduled' || conversation.deletion === 'verification') {
        // Asked again: the same answer, never a second date or a second e-mail.
        if (!conversation.erasure) {
          const reference = `del_${randomUUID()}`;
          conversation.erasure =
            conversation.deletion === 'scheduled'
              ? { erasedBy: new Date(Date.now() + scheduledDelay).toISOString(), reference }
              : { verification: 'email', token: randomUUID(), reference, requestedAt: new Date().toISOString() };
          save(file, data);
          sweep();
        }
        const { erasedBy, reference } = conversation.erasure;
        const body = erasedBy ? { erasedBy, reference } : { verification: 'email', reference };
        return reply(202, body, { 'x-request-id': reference });
      }
      delete data.conversations[id];
      save(file, data);
      return reply(204, undefined, { 'x-request-id': `del_${randomUUID()}` });
    }
    return send(req, res, 405, { error: 'method not allowed' });
  }

  return {
    handle(req, res) {
      const { pathname } = new URL(req.url ?? '/', 'http://x');
      const match = /^\/api\/conversations(?:\/(.*))?$/.exec(pathname);
      if (!match) return false;
      const parts = (match[1] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
      route(req, res, parts).catch((error) => {
        console.warn(`[chat-backend] ${req.method} ${pathname} failed: ${error.message}`);
        if (!res.headersSent) send(req, res, 500, { error: 'server error' });
      });
      return true;
    },
    /** For tests and tools on the server side: the stored conversation, or undefined. */
    get(id) {
      return data.conversations[id];
    },
    /** The next `count` deletions answer `status` (a 5xx) and delete nothing: an overloaded provider. */
    failDeletes(count, status = 503) {
      this.answerDeletes(count, { status, body: { error: 'temporarily unavailable' }, headers: { 'retry-after': '1' } });
    },
    /**
     * The next `count` deletions of an owned conversation get `answer` instead
     * of the usual 204: `{ status, body?, rawBody?, headers?, deletes? }` (`rawBody`: text sent as is, JSON or not; the
     * conversation is deleted only with `deletes: true`), `{ hang: true }`
     * (no answer at all) or `{ reset: true }` (the connection is cut).
     */
    answerDeletes(count, answer) {
      scripted.count = count;
      scripted.answer = answer;
    },
    /**
     * `hold(true)`: deletions are carried out, but their answers (404s
     * included) are held back, as on a slow network or for a page closing
     * mid-request, until `hold(false)`.
     */
    hold(on) {
      holding.on = on;
      if (on) return;
      for (const release of holding.held) release();
      holding.held.clear();
    },
    /** Answers held back now. */
    get held() {
      return holding.held.size;
    },
    /** DELETE requests received for a conversation, whatever their answer. */
    deletesReceived(id) {
      return received.get(id) ?? 0;
    },
    /** Creates a conversation owned by another session, as if another browser had. */
    create(owner = randomUUID()) {
      const conversation = { id: randomUUID(), owner, createdAt: new Date().toISOString(), messages: [] };
      data.conversations[conversation.id] = conversation;
      save(file, data);
      return conversation.id;
    },
    close() {
      clearTimeout(sweepTimer);
      this.hold(false);
    },
  };
}

/** The backend alone on 127.0.0.1; `port: 0` picks a free port. */
export async function startChatBackend({ port = 0, file, onRequest, scheduledDelay } = {}) {
  const backend = createChatBackend({ file, onRequest, scheduledDelay });
  const server = createServer((req, res) => {
    if (!backend.handle(req, res)) send404(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    port: server.address().port,
    backend,
    close: () =>
      new Promise((resolve) => {
        backend.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send404(res) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
}
