import { expect } from '@open-wc/testing';
import { eraseLocalData } from '../../src/core/conversation/local-data.js';
import { uniqueName } from './helpers/test-database.js';
import { watchWarnings } from './helpers/warnings.js';

function createDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

const databaseNames = async () => (await indexedDB.databases()).map((db) => db.name);

describe('eraseLocalData', () => {
  let warnings: ReturnType<typeof watchWarnings>;

  beforeEach(() => {
    warnings = watchWarnings();
  });

  afterEach(() => {
    warnings.restore();
  });

  it('erases exact keys and prefixes in localStorage and sessionStorage, and says which', async () => {
    // Other test files share this origin's storage while they run: every key here is this test's own.
    const vox = uniqueName('vox');
    localStorage.setItem(`${vox}-transcript`, '…');
    localStorage.setItem(`${vox}:summary:1`, '…');
    localStorage.setItem(`${vox}-other`, 'kept');
    sessionStorage.setItem(`${vox}:call`, '…');
    const erased = await eraseLocalData([`${vox}-transcript`, `${vox}:*`], [], '<test>');
    expect(erased.keys.sort()).to.deep.equal([`${vox}-transcript`, `${vox}:call`, `${vox}:summary:1`]);
    expect(localStorage.getItem(`${vox}-other`)).to.equal('kept');
    expect(localStorage.getItem(`${vox}:summary:1`)).to.equal(null);
    expect(sessionStorage.getItem(`${vox}:call`)).to.equal(null);
    localStorage.removeItem(`${vox}-other`);
  });

  it('deletes databases by name and by prefix', async () => {
    const prefix = uniqueName('orbit');
    await createDatabase(`${prefix}-a`);
    await createDatabase(`${prefix}-b`);
    const exact = uniqueName('exact');
    await createDatabase(exact);
    const erased = await eraseLocalData([], [exact, `${prefix}*`], '<test>');
    expect(erased.databases.sort()).to.deep.equal([exact, `${prefix}-a`, `${prefix}-b`].sort());
    const left = await databaseNames();
    for (const name of erased.databases) expect(left).not.to.include(name);
  });

  it('keeps the database it is told to keep, with a warning', async () => {
    const kept = uniqueName('receipts');
    await createDatabase(kept);
    const erased = await eraseLocalData([], [kept], '<test>', kept);
    expect(erased.databases).to.deep.equal([]);
    expect(await databaseNames()).to.include(kept);
    expect(warnings.discret).to.deep.equal([`[discret] <test> local-databases="${kept}": this is where receipts are kept; it is not deleted`]);
    indexedDB.deleteDatabase(kept);
  });
});
