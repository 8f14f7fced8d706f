// Every import and call the README shows to npm users, type-checked against the packed package.
import 'discret/define';
import 'discret/define/discret-chat-notice';
import 'discret/define/discret-delete-conversation';
import 'discret/define/discret-consent';
import 'discret/define/discret-consent-button';
import {
  ConsentStore,
  ConversationDeleteRequestEvent,
  DiscretChatNotice,
  consentStore,
  createApi,
  createGate,
  createChatApi,
  type BannerEventDetail,
  type ChatTranslation,
  type ConsentChangeDetail,
  type ConsentLayout,
  type ConsentTranslation,
  type ConversationDeleteFailedDetail,
  type ConversationDeleteRequestDetail,
  type ConversationDeletedDetail,
  type DeletionAnswer,
  type DiscretApi,
  type NoticeAcknowledgedDetail,
  type PageApi,
  type TrainingChoiceChangeDetail,
} from 'discret';

// Quick start: npm.
const discret = createApi(consentStore());
discret.configure({ revision: '2026-11', purposes: [{ name: 'analytics', label: 'Audience' }] });
await discret.consent.ready;
const granted: boolean = discret.consent.granted('analytics');
discret.on('change', ({ record, changed }) => console.log(changed, record, granted));

// One decide(): the store's, window.discret's and createApi's are the same function type.
const store = new ConsentStore();
const viaStore: Promise<unknown> = store.decide({ analytics: true }, { 'analytics/matomo': false }, 'api');
const viaApi: Promise<unknown> = discret.consent.decide({ analytics: true }, { 'analytics/matomo': false });
const sameShape: PageApi['consent']['decide'] = store.decide.bind(store);
void [viaStore, viaApi, sameShape];

// In a chat widget: the host's window.discret when there is one, else the widget's own.
const api: DiscretApi = window.discret ?? createApi(consentStore());
void api.consent.ready;
const chat = window.discret?.chat ?? createChatApi();
void chat.acknowledgement('chat');

const notice = document.createElement('discret-chat-notice');
const isNotice: DiscretChatNotice = notice;
notice.assistant = 'hybrid';
notice.training = 'opt-in';
notice.channel = 'voice';
notice.recording = 'summary';
// @ts-expect-error: assistant is a literal union
notice.assistant = 'robot';
notice.texts = { ackButton: 'OK' } satisfies Partial<ChatTranslation>;
await notice.ready;
const canChat: boolean = notice.acknowledged;
await notice.chooseTraining(true);
notice.addEventListener('discret-notice-acknowledged', (event) => {
  const detail: NoticeAcknowledgedDetail = event.detail;
  console.log(detail.noticeId, detail.hash, detail.acknowledgedAt, canChat, isNotice);
});
notice.addEventListener('discret-training-choice-change', (event) => {
  const detail: TrainingChoiceChangeDetail = event.detail;
  console.log(detail.allowed, detail.mode);
});

const remover = document.createElement('discret-delete-conversation');
remover.conversationId = 'c42';
remover.credentials = 'include';
remover.addEventListener('discret-conversation-delete-request', (event) => {
  const request: ConversationDeleteRequestEvent = event;
  const detail: ConversationDeleteRequestDetail = request.detail;
  const answer: Promise<DeletionAnswer> = Promise.resolve({ status: 'accepted' });
  request.respondWith(answer);
  console.log(detail.conversationId);
});
remover.addEventListener('discret-conversation-deleted', (event) => {
  const detail: ConversationDeletedDetail = event.detail;
  console.log(detail.receipt.status);
});
remover.addEventListener('discret-conversation-delete-failed', (event) => {
  const detail: ConversationDeleteFailedDetail = event.detail;
  console.log(detail.receipt.status);
});

const banner = document.createElement('discret-consent');
const layout: ConsentLayout = 'modal';
banner.layout = layout;
banner.addEventListener('discret-banner-show', (event) => {
  const detail: BannerEventDetail = event.detail;
  console.log(detail.layout);
});
const texts: Partial<ConsentTranslation> = { acceptAll: 'OK' };
void texts;
document.createElement('discret-consent-button').position = 'bottom-right';

window.addEventListener('discret-consent-change', (event) => {
  const detail: ConsentChangeDetail = event.detail;
  console.log(detail.method, detail.changed);
});

// In a chat widget: the input waits for the notice.
const widgetRoot = document.createElement('div').attachShadow({ mode: 'open' });
const gated = widgetRoot.querySelector('discret-chat-notice')!;
const input = widgetRoot.querySelector('textarea')!;
input.disabled = true;
await gated.ready;
input.disabled = !gated.acknowledged;
gated.addEventListener('discret-notice-acknowledged', () => (input.disabled = false));

// npm without a script tag: the page's gate.
createGate(consentStore(), document, { reloadOnWithdraw: true }).start();
