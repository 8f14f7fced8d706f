// The demo chat backend seen from the server side: `node --test tests/demo/`.
// The browser suites prove deletion end to end; this proves what a browser
// cannot see: the file on disk, its atomic replacement, restarts and CORS.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startChatBackend } from '../../demo/chat-backend.mjs';

describe('demo chat backend', () => {
  let dir;
  let file;
  let server;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-backend-'));
    file = join(dir, 'conversations.json');
    server = await startChatBackend({ file });
  });

  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function create() {
    const response = await fetch(`${server.url}/api/conversations`, { method: 'POST' });
    assert.equal(response.status, 201);
    const cookie = response.headers.get('set-cookie').split(';')[0];
    return { id: (await response.json()).id, cookie };
  }

  it('stores a conversation and its messages in the file, and answers as the assistant', async () => {
    const { id, cookie } = await create();
    const response = await fetch(`${server.url}/api/conversations/${id}/messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Un vol Paris–Lisbonne en mai', training: false }),
    });
    assert.equal(response.status, 201);
    const { messages } = await response.json();
    assert.deepEqual(messages.map((m) => m.role), ['visitor', 'assistant']);
    const onDisk = JSON.parse(readFileSync(file, 'utf8')).conversations[id];
    assert.equal(onDisk.messages[0].text, 'Un vol Paris–Lisbonne en mai');
    assert.equal(onDisk.training, false);
  });

  it('leaves no temporary file behind', () => {
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), []);
  });

  it('deletes on DELETE: 204, then 404 on GET and on a second DELETE, and gone from the file', async () => {
    const { id, cookie } = await create();
    const deleted = await fetch(`${server.url}/api/conversations/${id}`, { method: 'DELETE', headers: { cookie } });
    assert.equal(deleted.status, 204);
    assert.match(deleted.headers.get('x-request-id'), /^del_/);
    assert.equal((await fetch(`${server.url}/api/conversations/${id}`, { headers: { cookie } })).status, 404);
    assert.equal((await fetch(`${server.url}/api/conversations/${id}`, { method: 'DELETE', headers: { cookie } })).status, 404);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).conversations[id], undefined);
  });

  it('answers 401 without the session cookie and 403 with another one', async () => {
    const { id } = await create();
    const other = await create();
    assert.equal((await fetch(`${server.url}/api/conversations/${id}`, { method: 'DELETE' })).status, 401);
    assert.equal((await fetch(`${server.url}/api/conversations/${id}`, { method: 'DELETE', headers: { cookie: 'discret_chat_session=someone-else' } })).status, 403);
    assert.notEqual(other.cookie, undefined);
  });

  it('keeps conversations across a restart', async () => {
    const { id, cookie } = await create();
    await server.close();
    server = await startChatBackend({ file });
    assert.equal((await fetch(`${server.url}/api/conversations/${id}`, { headers: { cookie } })).status, 200);
  });

  it('starts empty from a corrupt file, which it moves aside rather than overwrite', async () => {
    const sub = mkdtempSync(join(dir, 'corrupt-'));
    const corrupt = join(sub, 'conversations.json');
    writeFileSync(corrupt, '{"conversations":');
    const warn = console.warn;
    console.warn = () => {};
    try {
      const other = await startChatBackend({ file: corrupt });
      assert.equal((await fetch(`${other.url}/api/conversations/x`)).status, 404);
      await other.close();
    } finally {
      console.warn = warn;
    }
    const aside = readdirSync(sub).find((name) => name.startsWith('conversations.json.corrupt-'));
    assert.equal(readFileSync(join(sub, aside), 'utf8'), '{"conversations":');
  });

  it('answers CORS preflights from localhost origins, and not from others', async () => {
    const preflight = (origin) =>
      fetch(`${server.url}/api/conversations/x`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'DELETE' } });
    const local = await preflight('http://localhost:8000');
    assert.equal(local.status, 204);
    assert.equal(local.headers.get('access-control-allow-origin'), 'http://localhost:8000');
    assert.equal(local.headers.get('access-control-allow-credentials'), 'true');
    assert.match(local.headers.get('access-control-allow-methods'), /DELETE/);
    assert.equal((await preflight('https://evil.example')).headers.get('access-control-allow-origin'), null);
  });

  describe('deletion that takes time', () => {
    /** A conversation whose deletion answers as `deletion` says, on `on` (this file's server by default). */
    async function createWith(deletion, on = server) {
      const response = await fetch(`${on.url}/api/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deletion }),
      });
      assert.equal(response.status, 201);
      return { id: (await response.json()).id, cookie: response.headers.get('set-cookie').split(';')[0] };
    }
    const del = (on, id, cookie) => fetch(`${on.url}/api/conversations/${id}`, { method: 'DELETE', headers: { cookie } });
    const get = (on, id, cookie) => fetch(`${on.url}/api/conversations/${id}`, { headers: { cookie } });
    const stored = (at, id) => JSON.parse(readFileSync(at, 'utf8')).conversations[id];
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

    it('refuses a deletion mode it does not know', async () => {
      const response = await fetch(`${server.url}/api/conversations`, { method: 'POST', body: JSON.stringify({ deletion: 'later' }) });
      assert.equal(response.status, 400);
      assert.match((await response.json()).error, /immediate, scheduled or verification/);
    });

    it('scheduled: answers 202 { erasedBy, reference } 30 days ahead by default, keeps the conversation until then, and answers the same again', async () => {
      const { id, cookie } = await createWith('scheduled');
      const before = Date.now();
      const first = await del(server, id, cookie);
      assert.equal(first.status, 202);
      const body = await first.json();
      assert.match(body.reference, /^del_/);
      assert.equal(first.headers.get('x-request-id'), body.reference);
      const delay = Date.parse(body.erasedBy) - before;
      assert.ok(delay >= 30 * 86_400_000 - 1000 && delay <= 30 * 86_400_000 + 5000, `erasedBy ${body.erasedBy}`);
      assert.deepEqual(stored(file, id).erasure, { erasedBy: body.erasedBy, reference: body.reference });
      const shown = await get(server, id, cookie);
      assert.equal(shown.status, 200);
      assert.deepEqual((await shown.json()).erasure, { erasedBy: body.erasedBy });
      const again = await del(server, id, cookie);
      assert.equal(again.status, 202);
      assert.deepEqual(await again.json(), body);
      const message = await fetch(`${server.url}/api/conversations/${id}/messages`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'encore' }),
      });
      assert.equal(message.status, 409);
    });

    it('scheduled: erases the conversation at its date, by itself', async () => {
      const sub = mkdtempSync(join(dir, 'scheduled-'));
      const at = join(sub, 'conversations.json');
      const quick = await startChatBackend({ file: at, scheduledDelay: 300 });
      try {
        const { id, cookie } = await createWith('scheduled', quick);
        assert.equal((await del(quick, id, cookie)).status, 202);
        assert.notEqual(stored(at, id), undefined);
        await sleep(600);
        assert.equal(stored(at, id), undefined, 'still in the file after its date');
        assert.equal((await get(quick, id, cookie)).status, 404);
        assert.equal((await del(quick, id, cookie)).status, 404);
      } finally {
        await quick.close();
      }
    });

    it('scheduled: erases a conversation whose date passed while the server was down, before answering anything', async () => {
      const sub = mkdtempSync(join(dir, 'restart-'));
      const at = join(sub, 'conversations.json');
      let quick = await startChatBackend({ file: at, scheduledDelay: 200 });
      try {
        const { id, cookie } = await createWith('scheduled', quick);
        assert.equal((await del(quick, id, cookie)).status, 202);
        await quick.close();
        quick = null;
        await sleep(350);
        assert.notEqual(stored(at, id), undefined, 'nothing ran while the server was down');
        quick = await startChatBackend({ file: at, scheduledDelay: 200 });
        assert.equal(stored(at, id), undefined);
        assert.equal((await get(quick, id, cookie)).status, 404);
      } finally {
        await quick?.close();
      }
    });

    it('verification: answers 202 { verification: "email" }, erases nothing until the link of the e-mail (shown by GET, none is sent) is followed and confirmed', async () => {
      const { id, cookie } = await createWith('verification');
      const first = await del(server, id, cookie);
      assert.equal(first.status, 202);
      const body = await first.json();
      assert.equal(body.verification, 'email');
      assert.match(body.reference, /^del_/);
      assert.notEqual(stored(file, id), undefined);
      const { erasure } = await (await get(server, id, cookie)).json();
      assert.equal(erasure.verification, 'email');
      const link = new URL(erasure.mail.confirmUrl, server.url);
      assert.equal(link.pathname, `/api/conversations/${id}/erasure`);
      assert.match(erasure.mail.text, /confirm/i);
      // Following the link only shows a form: a mail scanner that fetches links erases nothing.
      const page = await fetch(link);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type'), /text\/html/);
      const html = await page.text();
      assert.match(html, /<form method="post"/);
      assert.notEqual(stored(file, id), undefined);
      // The same DELETE again: the same pending verification, not a second one.
      assert.deepEqual(await (await del(server, id, cookie)).json(), body);
      const confirm = (token) =>
        fetch(link.origin + link.pathname, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(token)}` });
      assert.equal((await confirm('not-the-token')).status, 403);
      assert.notEqual(stored(file, id), undefined);
      const confirmed = await confirm(link.searchParams.get('token'));
      assert.equal(confirmed.status, 200);
      assert.match(await confirmed.text(), /effacée|erased/);
      assert.equal(stored(file, id), undefined);
      assert.equal((await del(server, id, cookie)).status, 404);
      assert.equal((await confirm(link.searchParams.get('token'))).status, 404);
    });

    it('immediate (the default) still deletes at once with 204', async () => {
      const { id, cookie } = await createWith('immediate');
      assert.equal((await del(server, id, cookie)).status, 204);
      assert.equal(stored(file, id), undefined);
    });
  });

  it('leaves other URLs to the server that mounts it', async () => {
    assert.equal((await fetch(`${server.url}/index.html`)).status, 404);
  });
});
