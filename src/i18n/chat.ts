import type { DeletionFailure, DeletionStatus } from '../core/conversation/receipt.js';
import type { Locale } from './locale.js';

export type AssistantKind = 'ai' | 'human' | 'hybrid';
export type RecordingKind = 'none' | 'summary' | 'full';
/** The GDPR art. 6(1) bases a chat relies on: (a) consent, (b) contract, (c) legal obligation, (f) legitimate interests. */
export type LegalBasis = 'consent' | 'contract' | 'legitimate-interest' | 'legal-obligation';

/**
 * Every string the chat elements show or speak. Parameters are already
 * formatted for the locale (durations in words, dates), so a translation
 * only places them.
 */
export interface ChatTranslation {
  /** What the visitor talks to, written (`text`) and spoken at the start of a call (`voice`). */
  assistant: Record<AssistantKind, { text: string; voice: string }>;
  /** The recording statement of a voice channel; `retention` is null when none was given. */
  recording: Record<RecordingKind, (retention: string | null) => string>;
  keptFor: (retention: string) => string;
  /** A label and the site's own text as one spoken or written statement ("Durée de conservation : tant que…"), without the full stop. */
  labelled: (label: string, text: string) => string;
  providedBy: (controller: string) => string;
  rightsSpoken: string;
  noticeLabel: string;
  learnMore: string;
  controller: string;
  data: string;
  purposes: string;
  retention: string;
  retentionNote: string;
  /** The label of `legal-basis` in the details. */
  legalBasis: string;
  /** Each legal basis in the GDPR's words, with its article, as the details show it. */
  legalBases: Record<LegalBasis, string>;
  /** Each legal basis as one spoken sentence. */
  basedOn: Record<LegalBasis, string>;
  recipients: string;
  processors: string;
  storage: string;
  transfers: string;
  recordingLabel: string;
  policy: string;
  rights: string;
  complaint: (authority: string) => string;
  newTab: string;
  ackPrompt: string;
  ackButton: string;
  ackDone: string;
  training: string;
  trainingOptIn: string;
  trainingOptOut: string;

  deleteButton: string;
  confirmTitle: string;
  confirmLocal: string;
  confirmProvider: string;
  keptTitle: string;
  keptDefault: string;
  confirm: string;
  cancel: string;
  sending: string;
  /** Waiting to be sent again: the service could not be reached (offline, no answer in time, connection cut). */
  queued: string;
  /** Waiting to be sent again: the service answered that it could not handle the request for now (408, 429, 5xx). */
  queuedBusy: (status: number) => string;
  /** The service said it deleted the conversation. */
  deleted: (date: string) => string;
  /** The service said it holds nothing under this id (404, 410): never to read as "deleted". */
  nothingToDelete: (date: string) => string;
  /** The service received the request (202) without saying when it will carry it out: not confirmed, never to read as "deleted". */
  accepted: (date: string) => string;
  /** The service scheduled the erasure (202 with `erasedBy`); `erasedBy` is a date in words. */
  scheduled: (erasedBy: string) => string;
  /** The service waits for the visitor to confirm from an e-mail it sent (202 with `verification: "email"`); `erasedBy` when it also said by when. */
  awaitingVerification: (erasedBy: string | null) => string;
  /** How long the service's backups may still hold the conversation (`backup-retention`, in words). */
  backups: (duration: string) => string;
  failed: (reason: string) => string;
  failures: Record<DeletionFailure, string>;
  refused: (status: number) => string;
  retry: string;
  receipt: string;
  receiptConversation: string;
  receiptRequestedAt: string;
  receiptStatus: string;
  /** When the service gave the answer that settled the request. */
  receiptAnsweredAt: string;
  receiptReference: string;
  /** The date by which the service said it will erase the conversation. */
  receiptErasedBy: string;
  statuses: Record<DeletionStatus, string>;
  download: string;
  copy: string;
  copied: string;
}

// French typography: no-break space before a colon, narrow no-break space before ; ? !
const fr: ChatTranslation = {
  assistant: {
    ai: {
      text: 'Vous échangez avec un assistant automatisé (intelligence artificielle), pas avec une personne.',
      voice: 'Vous parlez à un assistant vocal automatisé, une intelligence artificielle.',
    },
    human: { text: 'Vous échangez avec un conseiller humain.', voice: 'Vous parlez à un conseiller humain.' },
    hybrid: {
      text: 'Un assistant automatisé (intelligence artificielle) vous répond d’abord\u202f; un conseiller humain peut prendre le relais.',
      voice: 'Vous parlez d’abord à un assistant vocal automatisé, une intelligence artificielle\u202f; un conseiller humain peut prendre le relais.',
    },
  },
  recording: {
    none: (d) => `L’appel n’est pas enregistré${d ? `\u202f; les informations échangées sont conservées pendant ${d}` : ''}.`,
    summary: (d) => `L’appel n’est pas enregistré\u202f; seul un résumé écrit est conservé${d ? ` pendant ${d}` : ''}.`,
    full: (d) => `L’appel est enregistré${d ? ` et conservé pendant ${d}` : ''}.`,
  },
  keptFor: (d) => `Vos messages sont conservés pendant ${d}.`,
  labelled: (label, text) => `${label}\u00a0: ${text}`,
  providedBy: (c) => `Ce service est fourni par ${c}.`,
  rightsSpoken: 'Vous pouvez à tout moment demander l’accès à vos données ou leur suppression.',
  noticeLabel: 'L’assistant et vos données',
  learnMore: 'En savoir plus',
  controller: 'Responsable du traitement',
  data: 'Données collectées',
  purposes: 'Finalités',
  retention: 'Durée de conservation',
  retentionNote: 'Exceptions à la durée de conservation',
  legalBasis: 'Base légale',
  // The regulation's French wording (art. 6.1): « consentement », « exécution d’un contrat », « obligation légale »; (f) as the CNIL names it.
  legalBases: {
    consent: 'Consentement, que vous pouvez retirer à tout moment (RGPD, art.\u00a06.1.a)',
    contract: 'Exécution d’un contrat (RGPD, art.\u00a06.1.b)',
    'legal-obligation': 'Obligation légale (RGPD, art.\u00a06.1.c)',
    'legitimate-interest': 'Intérêt légitime (RGPD, art.\u00a06.1.f)',
  },
  basedOn: {
    consent: 'Ce traitement repose sur votre consentement, que vous pouvez retirer à tout moment.',
    contract: 'Ce traitement repose sur l’exécution d’un contrat.',
    'legal-obligation': 'Ce traitement repose sur une obligation légale.',
    'legitimate-interest': 'Ce traitement repose sur l’intérêt légitime du responsable du traitement.',
  },
  recipients: 'Qui peut lire vos échanges',
  processors: 'Prestataires (sous-traitants)',
  storage: 'Lieu de stockage',
  transfers: 'Transferts hors de l’Union européenne',
  recordingLabel: 'Enregistrement',
  policy: 'Politique de confidentialité',
  rights: 'Exercer vos droits',
  complaint: (a) => `Réclamation auprès de l’autorité de contrôle (${a})`,
  newTab: '(nouvel onglet)',
  ackPrompt: 'Merci de confirmer avoir lu cette information avant de commencer.',
  ackButton: 'J’ai compris',
  ackDone: 'C’est noté\u00a0: vous pouvez commencer.',
  training: 'Utiliser mes conversations pour améliorer le service',
  trainingOptIn: 'Désactivé tant que vous ne l’activez pas. Vous pouvez changer d’avis à tout moment.',
  trainingOptOut: 'Activé par défaut\u00a0: vous pouvez vous y opposer à tout moment en le désactivant.',

  deleteButton: 'Supprimer la conversation',
  confirmTitle: 'Supprimer cette conversation\u202f?',
  confirmLocal: 'Les messages gardés sur cet appareil sont effacés tout de suite.',
  confirmProvider: 'Le service est ensuite prié de la supprimer de ses serveurs. Vous gardez un reçu de la demande.',
  keptTitle: 'Ce qui est conservé',
  keptDefault:
    'Ce que la loi oblige le service à garder (factures, preuves en cas de litige) est conservé pendant la durée légale, puis supprimé.',
  confirm: 'Supprimer',
  cancel: 'Annuler',
  sending: 'Suppression en cours…',
  queued: 'Le service est injoignable pour l’instant. Votre demande est enregistrée et sera envoyée automatiquement dès que possible.',
  queuedBusy: (status) =>
    `Le service n’a pas pu traiter la demande pour l’instant (erreur ${status}). Elle est enregistrée et sera renvoyée automatiquement.`,
  deleted: (date) => `Conversation supprimée par le service le ${date}.`,
  nothingToDelete: (date) =>
    `Le service n’avait plus rien à supprimer\u00a0: il ne détient pas (ou plus) cette conversation. Réponse reçue le ${date}.`,
  accepted: (date) => `Le service a reçu la demande le ${date}, sans dire quand il la supprimera\u00a0: la suppression n’est pas confirmée.`,
  scheduled: (d) => `Suppression programmée\u00a0: le service s’engage à effacer la conversation au plus tard le ${d}.`,
  awaitingVerification: (d) =>
    `Confirmez la suppression depuis l’e-mail que nous vous avons envoyé\u202f; la conversation n’est effacée qu’après votre confirmation.${d ? ` Elle le sera au plus tard le ${d}.` : ''}`,
  backups: (d) => `Les sauvegardes du service peuvent encore contenir la conversation jusqu’à ${d} après son effacement.`,
  failed: (reason) => `La suppression n’a pas abouti\u00a0: ${reason}`,
  failures: {
    unauthorized: 'le service n’a pas reconnu votre session. Reconnectez-vous puis réessayez.',
    refused: 'le service a refusé la demande.',
    redirected: 'le service a renvoyé vers une autre page au lieu de répondre à la demande.',
    provider: 'le service a signalé une erreur.',
    'no-provider': 'aucun moyen de joindre le service n’est configuré.',
    interrupted: 'la page a été fermée avant la réponse du service.',
  },
  refused: (status) => `le service a refusé la demande (erreur ${status}).`,
  retry: 'Réessayer',
  receipt: 'Reçu de suppression',
  receiptConversation: 'Conversation',
  receiptRequestedAt: 'Demandée le',
  receiptStatus: 'État',
  receiptAnsweredAt: 'Réponse du service le',
  receiptReference: 'Référence du service',
  receiptErasedBy: 'Effacement au plus tard le',
  statuses: {
    pending: 'en cours',
    queued: 'en attente d’envoi',
    deleted: 'supprimée',
    'nothing-to-delete': 'rien à supprimer',
    scheduled: 'suppression programmée',
    'awaiting-verification': 'à confirmer depuis l’e-mail envoyé',
    accepted: 'reçue, non confirmée',
    failed: 'échouée',
  },
  download: 'Télécharger le reçu (JSON)',
  copy: 'Copier le reçu',
  copied: 'Reçu copié.',
};

const en: ChatTranslation = {
  assistant: {
    ai: {
      text: 'You are chatting with an automated assistant (artificial intelligence), not a person.',
      voice: 'You are talking to an automated voice assistant, an artificial intelligence.',
    },
    human: { text: 'You are chatting with a human adviser.', voice: 'You are talking to a human adviser.' },
    hybrid: {
      text: 'An automated assistant (artificial intelligence) answers first; a human adviser may take over.',
      voice: 'You are first talking to an automated voice assistant, an artificial intelligence; a human adviser may take over.',
    },
  },
  recording: {
    none: (d) => `The call is not recorded${d ? `; what you say is kept for ${d}` : ''}.`,
    summary: (d) => `The call is not recorded; only a written summary is kept${d ? ` for ${d}` : ''}.`,
    full: (d) => `The call is recorded${d ? ` and kept for ${d}` : ''}.`,
  },
  keptFor: (d) => `Your messages are kept for ${d}.`,
  labelled: (label, text) => `${label}: ${text}`,
  providedBy: (c) => `This service is provided by ${c}.`,
  rightsSpoken: 'You can ask to access or delete your data at any time.',
  noticeLabel: 'The assistant and your data',
  learnMore: 'Learn more',
  controller: 'Controller',
  data: 'Data collected',
  purposes: 'Purposes',
  retention: 'Retention',
  retentionNote: 'Exceptions to the retention period',
  legalBasis: 'Legal basis',
  // The regulation's English wording (Art. 6(1)): "consent", "performance of a contract", "legal obligation", "legitimate interests".
  legalBases: {
    consent: 'Consent, which you can withdraw at any time (GDPR, Art.\u00a06(1)(a))',
    contract: 'Performance of a contract (GDPR, Art.\u00a06(1)(b))',
    'legal-obligation': 'Legal obligation (GDPR, Art.\u00a06(1)(c))',
    'legitimate-interest': 'Legitimate interests (GDPR, Art.\u00a06(1)(f))',
  },
  basedOn: {
    consent: 'This processing is based on your consent, which you can withdraw at any time.',
    contract: 'This processing is based on the performance of a contract.',
    'legal-obligation': 'This processing is based on a legal obligation.',
    'legitimate-interest': 'This processing is based on the legitimate interests of the controller.',
  },
  recipients: 'Who can read your conversations',
  processors: 'Service providers (processors)',
  storage: 'Stored in',
  transfers: 'Transfers outside the European Union',
  recordingLabel: 'Recording',
  policy: 'Privacy policy',
  rights: 'Exercise your rights',
  complaint: (a) => `Complain to the supervisory authority (${a})`,
  newTab: '(new tab)',
  ackPrompt: 'Please confirm you have read this information before you start.',
  ackButton: 'I understand',
  ackDone: 'Noted: you can start.',
  training: 'Use my conversations to improve the service',
  trainingOptIn: 'Off unless you turn it on. You can change your mind at any time.',
  trainingOptOut: 'On by default: you can object at any time by turning it off.',

  deleteButton: 'Delete this conversation',
  confirmTitle: 'Delete this conversation?',
  confirmLocal: 'The messages kept on this device are erased at once.',
  confirmProvider: 'The service is then asked to delete it from its servers. You keep a receipt of the request.',
  keptTitle: 'What is kept',
  keptDefault: 'What the law requires the service to keep (invoices, evidence in case of dispute) is kept for the legal period, then deleted.',
  confirm: 'Delete',
  cancel: 'Cancel',
  sending: 'Deleting…',
  queued: 'The service cannot be reached right now. Your request is saved and will be sent automatically as soon as possible.',
  queuedBusy: (status) => `The service could not handle the request for now (error ${status}). It is saved and will be sent again automatically.`,
  deleted: (date) => `Conversation deleted by the service on ${date}.`,
  nothingToDelete: (date) => `Nothing was left to delete at the service: it does not (or no longer) hold this conversation. Answer received on ${date}.`,
  accepted: (date) => `The service received the request on ${date} without saying when it will delete it: the deletion is not confirmed.`,
  scheduled: (d) => `Deletion scheduled: the service will erase the conversation by ${d}.`,
  awaitingVerification: (d) =>
    `Confirm the deletion from the e-mail we sent you; the conversation is erased only once you have confirmed.${d ? ` It will then be erased by ${d}.` : ''}`,
  backups: (d) => `The service’s backups may still hold the conversation for up to ${d} after it is erased.`,
  failed: (reason) => `The deletion did not go through: ${reason}`,
  failures: {
    unauthorized: 'the service did not recognise your session. Sign in again, then retry.',
    refused: 'the service refused the request.',
    redirected: 'the service sent you to another page instead of answering the request.',
    provider: 'the service reported an error.',
    'no-provider': 'no way to reach the service is configured.',
    interrupted: 'the page was closed before the service answered.',
  },
  refused: (status) => `the service refused the request (error ${status}).`,
  retry: 'Try again',
  receipt: 'Deletion receipt',
  receiptConversation: 'Conversation',
  receiptRequestedAt: 'Requested on',
  receiptStatus: 'Status',
  receiptAnsweredAt: 'Answered by the service on',
  receiptReference: 'Service reference',
  receiptErasedBy: 'To be erased by',
  statuses: {
    pending: 'in progress',
    queued: 'waiting to be sent',
    deleted: 'deleted',
    'nothing-to-delete': 'nothing to delete',
    scheduled: 'deletion scheduled',
    'awaiting-verification': 'to be confirmed from the e-mail sent',
    accepted: 'received, not confirmed',
    failed: 'failed',
  },
  download: 'Download the receipt (JSON)',
  copy: 'Copy the receipt',
  copied: 'Receipt copied.',
};

export const chatTranslations: Record<Locale, ChatTranslation> = { fr, en };

/**
 * Whether `key` is one of `table`'s own keys. `key in table` and
 * `table[key]` also find Object.prototype's members: an attribute such as
 * `assistant="toString"` or `"__proto__"` would be taken for a known value.
 */
export const isOwnKey = <K extends string>(table: Readonly<Record<K, unknown>>, key: string): key is K => Object.hasOwn(table, key);

/**
 * Whether a `retention` that is no ISO 8601 duration was still meant as one,
 * and so is a mistake to report rather than the site's own words: one word
 * holding a digit (`P13X`, `13M`, `P1.5Y`, `30j`), or a bare `P` or `PT`.
 * Words are written with spaces ("tant que nécessaire", "30 jours").
 */
export const looksLikeDuration = (value: string): boolean => /^(?:\S*\d\S*|PT?)$/i.test(value.trim());

export { durationInWords } from './duration.js';
export { formatDate, formatDay } from './format.js';
