import { expect } from '@open-wc/testing';
import {
  readAcknowledgement,
  readTrainingChoice,
  saveAcknowledgement,
  saveTrainingChoice,
} from '../../src/core/conversation/notice.js';
import type { IndexedDBStorage } from '../../src/core/storage.js';
import { deleteDatabase, freshStorage } from './helpers/test-database.js';
import { watchWarnings } from './helpers/warnings.js';

describe('notice acknowledgements and training choices', () => {
  let storage: IndexedDBStorage;
  let warnings: ReturnType<typeof watchWarnings>;

  beforeEach(() => {
    storage = freshStorage();
    warnings = watchWarnings();
  });

  afterEach(async () => {
    warnings.restore();
    await deleteDatabase(storage.database);
  });

  it('keeps an acknowledgement under ack:<notice-id>, with the text’s hash and the time', async () => {
    const at = new Date('2026-11-02T10:00:00.000Z');
    await saveAcknowledgement('flyme', '0123456789abcdef', storage, at);
    expect(await storage.get('ack:flyme')).to.deep.equal({ noticeId: 'flyme', hash: '0123456789abcdef', acknowledgedAt: at.toISOString() });
    expect(await readAcknowledgement('flyme', storage)).to.deep.equal({ noticeId: 'flyme', hash: '0123456789abcdef', acknowledgedAt: at.toISOString() });
  });

  it('answers null for a notice never acknowledged', async () => {
    expect(await readAcknowledgement('flyme', storage)).to.equal(null);
  });

  it('never takes a malformed acknowledgement as read', async () => {
    await storage.set('ack:flyme', { hash: 'abc', acknowledgedAt: 'yesterday' });
    expect(await readAcknowledgement('flyme', storage)).to.equal(null);
    expect(warnings.discret).to.deep.equal(['[discret] stored acknowledgement "ack:flyme" is malformed; the visitor will be asked again']);
  });

  it('keeps a training choice under training:<notice-id>, for the provider to read', async () => {
    const at = new Date('2026-11-02T10:00:00.000Z');
    await saveTrainingChoice('flyme', false, 'opt-out', storage, at);
    expect(await readTrainingChoice('flyme', storage)).to.deep.equal({ noticeId: 'flyme', allowed: false, mode: 'opt-out', decidedAt: at.toISOString() });
  });

  it('answers null when the visitor never chose, and ignores a malformed choice', async () => {
    expect(await readTrainingChoice('flyme', storage)).to.equal(null);
    await storage.set('training:flyme', { allowed: 'yes', mode: 'opt-in', decidedAt: '2026-11-02T10:00:00.000Z' });
    expect(await readTrainingChoice('flyme', storage)).to.equal(null);
    expect(warnings.discret).to.deep.equal(['[discret] stored training choice "training:flyme" is malformed; it is ignored']);
  });
});
