import { readAcknowledgement, readTrainingChoice, type Acknowledgement, type TrainingChoice } from './core/conversation/notice.js';
import { exportReceipts, listReceipts, type DeletionReceipt } from './core/conversation/receipt.js';
import { connectChatFrame, connectHostPage, type Bridge, type ConnectOptions } from './core/signals/bridge.js';

/** What a chat provider reads of the visitor's choices (by notice id, `chat` by default), and the iframe bridge. */
export interface ChatApi {
  trainingChoice(noticeId?: string): Promise<TrainingChoice | null>;
  acknowledgement(noticeId?: string): Promise<Acknowledgement | null>;
  receipts(): Promise<DeletionReceipt[]>;
  exportReceipts(): Promise<string>;
  connectChatFrame(frame: HTMLIFrameElement, origin: string, options?: ConnectOptions): Bridge;
  connectHostPage(origin: string, options?: ConnectOptions): Bridge;
}

export function createChatApi(): ChatApi {
  return {
    trainingChoice: (noticeId) => readTrainingChoice(noticeId),
    acknowledgement: (noticeId) => readAcknowledgement(noticeId),
    receipts: () => listReceipts(),
    exportReceipts: () => exportReceipts(),
    connectChatFrame,
    connectHostPage,
  };
}
