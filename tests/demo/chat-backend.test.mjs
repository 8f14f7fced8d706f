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

  it('leaves other URLs to the server that mounts it', async () => {
    assert.equal((await fetch(`${server.url}/index.html`)).status, 404);
  });
});
