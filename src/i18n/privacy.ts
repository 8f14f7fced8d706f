import type { DeletionStatus } from '../core/conversation/receipt.js';
import type { ChangeMethod } from '../core/events.js';
import type { Locale } from './locale.js';

/**
 * Every string `<discret-privacy-center>` shows. Parameters come already
 * formatted for the locale (dates, lists of labels), so a translation only
 * places them.
 */
export interface PrivacyTranslation {
  /** The element's name for assistive technologies (its landmark's label). */
  label: string;
  intro: string;
  loading: string;

  consentTitle: string;
  /** No decision stored in this browser. */
  noRecord: string;
  /** The last thing stored is a withdrawal. */
  withdrawn: (date: string) => string;
  reference: string;
  referenceHint: string;
  decidedAt: string;
  method: string;
  /** How a decision was made, and what a withdrawal reads as in the history. */
  methods: Record<ChangeMethod, string>;
  expiresAt: string;
  revision: string;
  /** The record has expired: nothing is honoured, the visitor will be asked. */
  expired: string;
  /** The record was made for another revision of the policy: nothing is honoured, the visitor will be asked. */
  otherRevision: (revision: string) => string;
  choicesTitle: string;
  necessary: string;
  granted: string;
  refused: string;
  /** A history line: `{date}`, `{method}`. */
  historyEntry: (date: string, method: string) => string;
  /** After a history line: what it granted and refused, as lists of labels (empty when none). */
  historyGranted: (labels: string) => string;
  historyRefused: (labels: string) => string;
  historyTitle: string;
  historyEmpty: string;

  chatTitle: string;
  chatEmpty: string;
  acknowledgementsTitle: string;
  acknowledgement: (notice: string, date: string) => string;
  trainingTitle: string;
  training: (notice: string, allowed: boolean, date: string) => string;
  receiptsTitle: string;
  receipt: (conversation: string, date: string, status: string) => string;
  statuses: Record<DeletionStatus, string>;
  /** A scheduled deletion, with the date by which the service said it will erase the conversation. */
  scheduledBy: (date: string) => string;

  actionsTitle: string;
  change: string;
  withdraw: string;
  download: string;
  erase: string;
  eraseTitle: string;
  eraseWhat: string;
  eraseKept: string;
  eraseAdvice: string;
  eraseConfirm: string;
  cancel: string;
  /** Announced once the action is done. */
  withdrawnStatus: string;
  erasedStatus: string;
  downloadedStatus: (file: string) => string;
  /** `{date}` is YYYY-MM-DD. */
  fileName: (date: string) => string;

  rightsTitle: string;
  policy: string;
  rights: string;
  complaint: (authority: string) => string;
  newTab: string;
}

// French typography: no-break space before a colon, narrow no-break space before ; ? !
const fr: PrivacyTranslation = {
  label: 'Vos données',
  intro: 'Ce que ce site garde de vos choix dans ce navigateur, et ce que vous pouvez en faire.',
  loading: 'Lecture de vos données…',

  consentTitle: 'Votre consentement',
  noRecord: 'Vous n’avez encore rien décidé sur ce site\u00a0: rien de non essentiel n’est activé.',
  withdrawn: (date) => `Vous avez retiré votre consentement le ${date}\u00a0: rien de non essentiel n’est activé.`,
  reference: 'Référence de votre consentement',
  referenceHint: 'À indiquer au site si vous le contactez au sujet de vos choix.',
  decidedAt: 'Décidé le',
  method: 'Comment',
  methods: {
    'accept-all': 'avec «\u00a0Tout accepter\u00a0»',
    'reject-all': 'avec «\u00a0Tout refuser\u00a0»',
    custom: 'finalité par finalité',
    gpc: 'avec «\u00a0Tout accepter\u00a0», en respectant le signal Global Privacy Control de votre navigateur',
    api: 'par une commande du site',
    contextual: 'avec «\u00a0Toujours autoriser\u00a0» sur un contenu intégré',
    withdraw: 'retrait du consentement',
  },
  expiresAt: 'Valable jusqu’au',
  revision: 'Version de la politique',
  expired: 'Ce choix a expiré\u00a0: rien de non essentiel n’est activé, et le site vous redemandera.',
  otherRevision: (revision) =>
    `Ce choix portait sur une autre version de la politique (${revision})\u00a0: rien de non essentiel n’est activé, et le site vous redemandera.`,
  choicesTitle: 'Finalité par finalité',
  necessary: 'Strictement nécessaires',
  granted: 'accepté',
  refused: 'refusé',
  historyEntry: (date, method) => `${date}\u00a0: ${method}`,
  historyGranted: (labels) => `Accepté\u00a0: ${labels}.`,
  historyRefused: (labels) => `Refusé\u00a0: ${labels}.`,
  historyTitle: 'Historique de vos choix',
  historyEmpty: 'Aucun choix enregistré dans ce navigateur.',

  chatTitle: 'Vos échanges avec les assistants',
  chatEmpty: 'Rien d’enregistré dans ce navigateur au sujet des assistants.',
  acknowledgementsTitle: 'Informations confirmées',
  acknowledgement: (notice, date) => `${notice}\u00a0: information lue et confirmée le ${date}.`,
  trainingTitle: 'Utilisation de vos conversations pour améliorer le service',
  training: (notice, allowed, date) => `${notice}\u00a0: ${allowed ? 'autorisée' : 'refusée'} le ${date}.`,
  receiptsTitle: 'Demandes de suppression',
  receipt: (conversation, date, status) => `Conversation ${conversation}, demandée le ${date}\u00a0: ${status}.`,
  statuses: {
    pending: 'en cours',
    queued: 'en attente d’envoi',
    deleted: 'supprimée par le service',
    'nothing-to-delete': 'le service n’avait rien à supprimer',
    scheduled: 'suppression programmée par le service',
    'awaiting-verification': 'à confirmer depuis l’e-mail envoyé par le service',
    accepted: 'reçue par le service, non confirmée',
    failed: 'échouée',
  },
  scheduledBy: (d) => `suppression programmée par le service, effacement au plus tard le ${d}`,

  actionsTitle: 'Ce que vous pouvez faire',
  change: 'Modifier mes choix',
  withdraw: 'Retirer tout mon consentement',
  download: 'Télécharger mes données (JSON)',
  erase: 'Effacer ce que ce site garde dans ce navigateur',
  eraseTitle: 'Effacer vos données de ce navigateur\u202f?',
  eraseWhat:
    'Vos choix sur les cookies et leur historique, les informations de chat confirmées, vos choix d’entraînement et les reçus de suppression sont effacés de ce navigateur, avec les données que ce site y a déclarées. Votre consentement est retiré\u00a0: le site vous redemandera vos choix.',
  eraseKept:
    'Restent une demande de suppression pas encore parvenue au service (elle lui sera envoyée) et vos refus d’entraînement, pour qu’effacer ne rallume jamais ce que vous avez refusé. Ce que le service garde sur ses serveurs ne s’efface pas ici\u00a0: exercez vos droits auprès de lui.',
  eraseAdvice: 'Pour en garder une copie, téléchargez d’abord vos données.',
  eraseConfirm: 'Effacer',
  cancel: 'Annuler',
  withdrawnStatus: 'Votre consentement est retiré\u00a0: plus rien de non essentiel n’est activé.',
  erasedStatus: 'Vos données ont été effacées de ce navigateur. Le site vous redemandera vos choix.',
  downloadedStatus: (file) => `Vos données sont téléchargées dans le fichier ${file}.`,
  fileName: (date) => `mes-donnees-${date}.json`,

  rightsTitle: 'Vos droits',
  policy: 'Politique de confidentialité',
  rights: 'Exercer vos droits',
  complaint: (authority) => `Réclamation auprès de l’autorité de contrôle (${authority})`,
  newTab: '(nouvel onglet)',
};

const en: PrivacyTranslation = {
  label: 'Your data',
  intro: 'What this site keeps of your choices in this browser, and what you can do with it.',
  loading: 'Reading your data…',

  consentTitle: 'Your consent',
  noRecord: 'You have not decided anything on this site yet: nothing non-essential is switched on.',
  withdrawn: (date) => `You withdrew your consent on ${date}: nothing non-essential is switched on.`,
  reference: 'Your consent reference',
  referenceHint: 'Give it to the site if you contact it about your choices.',
  decidedAt: 'Decided on',
  method: 'How',
  methods: {
    'accept-all': 'with “Accept all”',
    'reject-all': 'with “Reject all”',
    custom: 'purpose by purpose',
    gpc: 'with “Accept all”, honouring your browser’s Global Privacy Control signal',
    api: 'by a command of the site',
    contextual: 'with “Always allow” on embedded content',
    withdraw: 'consent withdrawn',
  },
  expiresAt: 'Valid until',
  revision: 'Policy version',
  expired: 'This choice has expired: nothing non-essential is switched on, and the site will ask you again.',
  otherRevision: (revision) =>
    `This choice was made for another version of the policy (${revision}): nothing non-essential is switched on, and the site will ask you again.`,
  choicesTitle: 'Purpose by purpose',
  necessary: 'Strictly necessary',
  granted: 'granted',
  refused: 'refused',
  historyEntry: (date, method) => `${date}: ${method}`,
  historyGranted: (labels) => `Granted: ${labels}.`,
  historyRefused: (labels) => `Refused: ${labels}.`,
  historyTitle: 'History of your choices',
  historyEmpty: 'No choice recorded in this browser.',

  chatTitle: 'Your chats with assistants',
  chatEmpty: 'Nothing recorded in this browser about assistants.',
  acknowledgementsTitle: 'Notices acknowledged',
  acknowledgement: (notice, date) => `${notice}: notice read and acknowledged on ${date}.`,
  trainingTitle: 'Use of your conversations to improve the service',
  training: (notice, allowed, date) => `${notice}: ${allowed ? 'allowed' : 'refused'} on ${date}.`,
  receiptsTitle: 'Deletion requests',
  receipt: (conversation, date, status) => `Conversation ${conversation}, requested on ${date}: ${status}.`,
  statuses: {
    pending: 'in progress',
    queued: 'waiting to be sent',
    deleted: 'deleted by the service',
    'nothing-to-delete': 'the service had nothing to delete',
    scheduled: 'deletion scheduled by the service',
    'awaiting-verification': 'to be confirmed from the e-mail the service sent',
    accepted: 'received by the service, not confirmed',
    failed: 'failed',
  },
  scheduledBy: (d) => `deletion scheduled by the service, to be erased by ${d}`,

  actionsTitle: 'What you can do',
  change: 'Change my choices',
  withdraw: 'Withdraw all my consent',
  download: 'Download my data (JSON)',
  erase: 'Erase what this site keeps in this browser',
  eraseTitle: 'Erase your data from this browser?',
  eraseWhat:
    'Your cookie choices and their history, the chat notices you acknowledged, your training choices and your deletion receipts are erased from this browser, with the data this site declared there. Your consent is withdrawn: the site will ask for your choices again.',
  eraseKept:
    'What stays: a deletion request that has not reached the service yet (it will still be sent), and your refusals of training, so that erasing never switches back on what you refused. What the service keeps on its servers is not erased here: exercise your rights with it.',
  eraseAdvice: 'To keep a copy, download your data first.',
  eraseConfirm: 'Erase',
  cancel: 'Cancel',
  withdrawnStatus: 'Your consent is withdrawn: nothing non-essential is switched on any more.',
  erasedStatus: 'Your data was erased from this browser. The site will ask for your choices again.',
  downloadedStatus: (file) => `Your data was downloaded as ${file}.`,
  fileName: (date) => `my-data-${date}.json`,

  rightsTitle: 'Your rights',
  policy: 'Privacy policy',
  rights: 'Exercise your rights',
  complaint: (authority) => `Complain to the supervisory authority (${authority})`,
  newTab: '(new tab)',
};

export const privacyTranslations: Record<Locale, PrivacyTranslation> = { fr, en };
