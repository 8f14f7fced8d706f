/**
 * What this site keeps about the visitor in this browser, gathered for the
 * privacy centre: to show, to export as one file, and to erase. No Lit, no
 * rendering.
 */
import type { ConsentStore, HistoryEntry } from './consent-store.js';
import { writeCopy } from './copy.js';
import { chatStorage } from './conversation/chat-storage.js';
import { eraseLocalData } from './conversation/local-data.js';
import { listAcknowledgements, listTrainingChoices, type Acknowledgement, type TrainingChoice } from './conversation/notice.js';
import { listReceipts, parseReceipt, type DeletionReceipt } from './conversation/receipt.js';
import type { ConsentRecord } from './record.js';
import type { ConsentStorage } from './storage.js';
import { isObject } from './values.js';
import { warn } from './warn.js';

/** Everything the visitor's copy holds, as the download writes it. */
export interface PrivacyData {
  /** ISO 8601: when this copy was made. */
  exportedAt: string;
  /** The page's origin: whose data this is. */
  site: string;
  /** The last decision stored, in force or not (expired, another revision); null before any and after a withdrawal. */
  record: ConsentRecord | null;
  /** Whether `record` is what the site honours now. */
  inForce: boolean;
  /** Every decision and withdrawal kept in this browser, oldest first. */
  history: HistoryEntry[];
  acknowledgements: Acknowledgement[];
  trainingChoices: TrainingChoice[];
  receipts: DeletionReceipt[];
}

/** What erasing did: the keys it removed from discret's storage and from the page's, the databases it deleted, and what it kept on purpose. */
export interface ErasedData {
  /** discret's own entries removed (`consent`, `consent-history`, `ack:…`, `training:…`, `receipt:…`). */
  entries: string[];
  /** The page's localStorage and sessionStorage keys removed. */
  keys: string[];
  databases: string[];
  /** Entries kept: deletion requests still on their way to the provider, and refusals of training. */
  kept: string[];
}

/** An erase interrupted by the reload a site asked for on withdrawal (`data-reload-on-withdraw`); finished on the next page. */
const ERASE_PENDING = 'discret:erase-pending';
const QUEUE_KEY = 'delete-queue';

/** The visitor's data as this browser holds it. What cannot be read is left out with a warning: a partial copy still helps. */
export async function readPrivacyData(store: ConsentStore, chat: ConsentStorage = chatStorage()): Promise<PrivacyData> {
  await store.ready;
  const failed = <T>(what: string, fallback: T) => (error: unknown) => {
    warn(`${what} could not be read (${String(error)}); left out of the privacy centre`);
    return fallback;
  };
  const [history, acknowledgements, trainingChoices, receipts] = await Promise.all([
    store.history(),
    listAcknowledgements(chat).catch(failed('chat acknowledgements', [] as Acknowledgement[])),
    listTrainingChoices(chat).catch(failed('training choices', [] as TrainingChoice[])),
    listReceipts(chat).catch(failed('deletion receipts', [] as DeletionReceipt[])),
  ]);
  const record = store.record;
  return {
    exportedAt: new Date().toISOString(),
    site: globalThis.location?.origin ?? '',
    record,
    inForce: !!record && store.judge(record) === record,
    history,
    acknowledgements,
    trainingChoices,
    receipts,
  };
}

/**
 * Erases what this site keeps in this browser: the page's own keys and
 * databases (`keys`, `databases`, exact or `prefix*`), then discret's
 * entries; withdraws consent, so that this page and the other tabs stop
 * honouring it at once (refused cookies cleared, the page reloaded if the
 * site asked); then erases the withdrawal it just wrote. The visitor is
 * asked again. Kept on purpose: a deletion request still on its way to the
 * provider (erasing it would cancel a deletion the visitor asked for), and a
 * refusal of training (erasing it would let a chat that trains by default
 * use the conversations again). Never throws; what cannot be erased is said.
 */
export async function eraseBrowserData(
  store: ConsentStore,
  chat: ConsentStorage = chatStorage(),
  local: { keys?: readonly string[]; databases?: readonly string[] } = {},
  source = 'erase',
): Promise<ErasedData> {
  session((storage) => storage.setItem(ERASE_PENDING, '1'));
  // discret's own database is emptied entry by entry below, keeping what must stay: never deleted whole.
  const own = [store.storage.name, chat.name];
  const databases = (local.databases ?? []).filter((name) => {
    if (!own.includes(name)) return true;
    warn(`${source} local-databases="${name}": discret's own database is emptied entry by entry, keeping what must stay; it is not deleted`);
    return false;
  });
  const erased = await eraseLocalData(local.keys ?? [], databases, source, chat.name);
  const first = await clearStorages(store, chat, source);
  try {
    await store.withdraw();
  } catch (error) {
    warn(`${source} consent could not be withdrawn (${String(error)})`);
  }
  const second = await clearStorages(store, chat, source);
  session((storage) => storage.removeItem(ERASE_PENDING));
  return {
    entries: [...new Set([...first.entries, ...second.entries])],
    keys: erased.keys,
    databases: erased.databases,
    kept: [...new Set([...first.kept, ...second.kept])],
  };
}

/**
 * Finishes an erase that a reload on withdrawal interrupted: the withdrawal
 * and its history entry go, unless the visitor decided again meanwhile.
 */
export async function finishErase(store: ConsentStore, chat: ConsentStorage = chatStorage(), source = 'erase'): Promise<void> {
  let pending = false;
  session((storage) => (pending = storage.getItem(ERASE_PENDING) !== null));
  if (!pending) return;
  await store.ready;
  if (!store.record) await clearStorages(store, chat, source);
  session((storage) => storage.removeItem(ERASE_PENDING));
}

async function clearStorages(store: ConsentStore, chat: ConsentStorage, source: string): Promise<{ entries: string[]; kept: string[] }> {
  const entries: string[] = [];
  const kept: string[] = [];
  for (const storage of new Set([store.storage, chat])) {
    try {
      for (const key of await storage.keys()) {
        if (await keeps(storage, key)) kept.push(key);
        else {
          await storage.del(key);
          entries.push(key);
        }
      }
    } catch (error) {
      warn(`${source} discret's storage${storage.name ? ` "${storage.name}"` : ''} could not be erased (${String(error)})`);
    }
  }
  // Where IndexedDB failed, a decision is kept for the browsing session under the database's name; its synchronous copy, in localStorage.
  const copies = [...new Set([store.storage.name, chat.name])].filter(Boolean).map((name) => `discret:${name}`);
  session((storage) => copies.forEach((key) => storage.removeItem(key)));
  copies.forEach((key) => writeCopy(key, null));
  return { entries, kept };
}

/** Entries erasing leaves: a deletion still to be sent, and a refusal of training. */
async function keeps(storage: ConsentStorage, key: string): Promise<boolean> {
  if (key === QUEUE_KEY) return true;
  if (key.startsWith('receipt:')) {
    const status = parseReceipt(await storage.get<unknown>(key))?.status;
    return status === 'pending' || status === 'queued';
  }
  if (key.startsWith('training:')) {
    const choice = await storage.get<unknown>(key);
    return isObject(choice) && choice.allowed === false;
  }
  return false;
}

function session(use: (storage: Storage) => void): void {
  try {
    use(sessionStorage);
  } catch {
    // No sessionStorage here (a sandboxed frame): nothing kept there to erase, no reload to survive.
  }
}
