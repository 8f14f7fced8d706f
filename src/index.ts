/**
 * discret for bundlers: classes, the store and types, with no side effects.
 * Import `discret/define` (or a single `discret/define/<tag>`) to register the elements.
 */
export { ConsentStore, consentStore } from './core/consent-store.js';
export type { ConsentStoreOptions, HistoryEntry, Withdrawal } from './core/consent-store.js';
export type { ConsentConfig, CookieDefinition, NormalizedConfig, NormalizedPurpose, NormalizedService, PurposeDefinition, ServiceDefinition } from './core/config.js';
export type { ConsentMethod, ConsentRecord } from './core/record.js';
export { parseRecord } from './core/record.js';
export type { ChangeMethod, ConsentChangeDetail, ConsentChangeEvent, ConsentReadyDetail, ConsentReadyEvent } from './core/events.js';
export { FallbackStorage, IndexedDBStorage, MemoryStorage } from './core/storage.js';
export type { ConsentStorage } from './core/storage.js';
export { createGate } from './core/gate.js';
export type { Gate, GateOptions } from './core/gate.js';
export { clearCookies } from './core/cookies.js';
export { createApi } from './api.js';
export { createChatApi } from './chat-api.js';
export type { ChatApi } from './chat-api.js';
export * from './core/conversation/index.js';
export { Bridge, connectChatFrame, connectHostPage } from './core/signals/bridge.js';
export type { BridgeOptions, BridgedEvent, ConnectOptions } from './core/signals/bridge.js';
export { DiscretConsent } from './components/consent/consent.js';
export type { BannerEventDetail, ConsentLayout } from './components/consent/consent.js';
export { DiscretConsentButton } from './components/consent-button/consent-button.js';
export type { ConsentButtonPosition } from './components/consent-button/consent-button.js';
export { DiscretPurpose } from './components/purpose/purpose.js';
export { DiscretService } from './components/service/service.js';
export { DiscretCookie } from './components/cookie/cookie.js';
export { DiscretEmbedPlaceholder } from './components/embed-placeholder/embed-placeholder.js';
export { EMBEDS, showEmbedPlaceholders } from './components/embed-placeholder/embeds.js';
export { DiscretChatNotice } from './components/chat-notice/chat-notice.js';
export type { ChatChannel, NoticeAcknowledgedDetail, TrainingChoiceChangeDetail } from './components/chat-notice/chat-notice.js';
export { ConversationDeleteRequestEvent, DiscretDeleteConversation } from './components/delete-conversation/delete-conversation.js';
export type {
  ConversationDeleteFailedDetail,
  ConversationDeleteRequestDetail,
  ConversationDeletedDetail,
  ConversationLocalErasedDetail,
  DeletionAnswer,
} from './components/delete-conversation/delete-conversation.js';
export type { AssistantKind, ChatTranslation, RecordingKind } from './i18n/chat.js';
export type { LegalBasis } from './i18n/chat.js';
export type { ConsentTranslation } from './i18n/translation.js';
export type { Locale } from './i18n/locale.js';
export type { ConsentApi, DiscretApi } from './api.js';
// `window.discret`, typed as the script tag offers it (absent until a page core runs).
export type { LazyChatApi, PageApi } from './window.js';
export { DiscretPrivacyCenter } from './components/privacy-center/privacy-center.js';
export type { PrivacyErasedDetail } from './components/privacy-center/privacy-center.js';
export { eraseBrowserData, readPrivacyData } from './core/privacy.js';
export type { ErasedData, PrivacyData } from './core/privacy.js';
