// A @web/test-runner plugin that runs the real demo chat backend for browser
// tests, so that they can prove a deletion on the server and take the server
// down and back up. Commands, from the browser with `executeServerCommand`:
//
//   chat-backend-url                    → 'http://localhost:<port>'
//   chat-backend-stop / chat-backend-start → true (start comes back on the same port, from the same file)
//   chat-backend-get { id }             → { exists, deleteRequests }
//   chat-backend-create                 → id of a conversation owned by another browser
//   chat-backend-fail-deletes { count, status } → the next `count` deletions answer `status` (503 by default)
//   chat-backend-answer-deletes { count, answer } → the next `count` deletions get `answer` (see `answerDeletes`)
//   chat-backend-hold { on }             → deletions done, their answers held back until `on: false`
//   chat-backend-held                    → how many answers are held back now
//
// Each test file gets its own backend and file: test files run in parallel,
// and one file stopping its server must not break another's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChatBackend, startChatBackend } from '../demo/chat-backend.mjs';

export function chatBackendPlugin() {
  let dir;
  /** By test session: { file, port, server, deletes: Map<id, count> }. */
  const backends = new Map();

  async function listen(state) {
    const onRequest = ({ method, path, status }) => {
      const id = /^\/api\/conversations\/([^/]+)$/.exec(path)?.[1];
      if (method === 'DELETE' && id && status !== 401 && status !== 403) state.deletes.set(id, (state.deletes.get(id) ?? 0) + 1);
    };
    state.server = await startChatBackend({ port: state.port, file: state.file, onRequest });
    state.port = state.server.port;
  }

  async function backendFor(session) {
    let state = backends.get(session.id);
    if (!state) {
      state = { file: join(dir, `${session.id}.json`), port: 0, server: null, deletes: new Map() };
      backends.set(session.id, state);
      await listen(state);
    }
    return state;
  }

  return {
    name: 'chat-backend',

    serverStart() {
      dir = mkdtempSync(join(tmpdir(), 'discret-chat-backend-'));
    },

    async serverStop() {
      await Promise.all([...backends.values()].map((state) => state.server?.close()));
      backends.clear();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },

    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('chat-backend-')) return undefined;
      const state = await backendFor(session);
      switch (command) {
        case 'chat-backend-url':
          return `http://localhost:${state.port}`;
        case 'chat-backend-stop':
          await state.server?.close();
          state.server = null;
          return true;
        case 'chat-backend-start':
          if (!state.server) await listen(state);
          return true;
        case 'chat-backend-get': {
          // Read from the file, as a restarted server would: what is on disk is what counts.
          const onDisk = createChatBackend({ file: state.file });
          return { exists: onDisk.get(payload.id) !== undefined, deleteRequests: state.deletes.get(payload.id) ?? 0 };
        }
        case 'chat-backend-fail-deletes':
          state.server?.backend.failDeletes(payload.count, payload.status);
          return true;
        case 'chat-backend-answer-deletes':
          state.server?.backend.answerDeletes(payload.count, payload.answer);
          return true;
        case 'chat-backend-hold':
          state.server?.backend.hold(payload.on);
          return true;
        case 'chat-backend-held':
          return state.server?.backend.held ?? 0;
        case 'chat-backend-create':
          return (state.server?.backend ?? createChatBackend({ file: state.file })).create();
        default:
          throw new Error(`unknown command ${command}`);
      }
    },
  };
}
