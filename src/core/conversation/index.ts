/** Chat privacy without rendering: acknowledgements, training choices, deletion requests and their receipts. */
export { chatStorage } from './chat-storage.js';
export {
  DEFAULT_NOTICE_ID,
  listAcknowledgements,
  listTrainingChoices,
  readAcknowledgement,
  readTrainingChoice,
  saveAcknowledgement,
  saveTrainingChoice,
} from './notice.js';
export type { Acknowledgement, TrainingChoice, TrainingMode } from './notice.js';
export { DeletionQueue, deletionQueue, drainDeletionQueue, endpointFor, isPathSegment, sendDeletion } from './deletion.js';
export type { DeletionChannel, DeletionOutcome } from './deletion.js';
export { ANSWERED_STATUSES, exportReceipts, listReceipts, parseReceipt, readReceipt } from './receipt.js';
export type { DeletionFailure, DeletionReceipt, DeletionStatus, DeletionVerification } from './receipt.js';
export { eraseLocalData } from './local-data.js';
export type { ErasedLocalData } from './local-data.js';
