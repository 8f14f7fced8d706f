// custom-elements.json describes the package: every tag in src/define/ has
// one element entry with typed attributes and events, at a shipped path; and
// the build fails when the JSDoc gives a tag to another class or an element
// loses its attributes (what once broke the generated reference silently).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definedTags, fixManifest, manifestProblems } from '../../scripts/manifest.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tags = definedTags(ROOT);

/** The manifest of the sources as changed by `edit(folder)`: cem run on a copy of src/. */
function manifestOf(edit) {
  const folder = mkdtempSync(join(tmpdir(), 'discret-manifest-'));
  try {
    cpSync(join(ROOT, 'src'), join(folder, 'src'), { recursive: true });
    edit(folder);
    execFileSync(join(ROOT, 'node_modules/.bin/cem'), ['analyze', '--litelement', '--globs', 'src/components/**/*.ts', '--quiet'], { cwd: folder, stdio: 'pipe' });
    return fixManifest(JSON.parse(readFileSync(join(folder, 'custom-elements.json'), 'utf8')), folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const editFile = (folder, path, change) => writeFileSync(join(folder, path), change(readFileSync(join(folder, path), 'utf8')));

describe('custom-elements.json', () => {
  it('is written by the build with no problem', () => {
    const result = spawnSync(process.execPath, ['scripts/manifest.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
    assert.deepEqual(manifestProblems(manifest, tags, ROOT), []);
  });

  it('maps every tag to its element class, at the shipped module, with a definition module per tag', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
    const elements = manifest.modules.flatMap((module) => (module.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName, d.name, module.path]));
    assert.deepEqual(elements.map(([tag]) => tag).sort(), tags);
    assert.deepEqual(
      elements.find(([tag]) => tag === 'discret-delete-conversation'),
      ['discret-delete-conversation', 'DiscretDeleteConversation', 'dist/components/delete-conversation/delete-conversation.js'],
    );
    assert.ok(manifest.modules.every((module) => module.path.startsWith('dist/') && module.path.endsWith('.js')), 'a path points at src/');
  });

  it('types events with their detail, spells enumerated attributes as literal unions and resolves named defaults', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
    const element = (tag) => manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === tag);
    const notice = element('discret-chat-notice');
    const attribute = (name) => notice.attributes.find((a) => a.name === name);
    assert.equal(attribute('assistant').type.text, "'ai' | 'human' | 'hybrid'");
    assert.equal(attribute('training').type.text, "'opt-in' | 'opt-out' | ''");
    assert.equal(attribute('notice-id').default, "'chat'");
    assert.equal(notice.events.find((e) => e.name === 'discret-notice-acknowledged').type.text, 'CustomEvent<NoticeAcknowledgedDetail>');
    const remover = element('discret-delete-conversation');
    assert.equal(remover.events.find((e) => e.name === 'discret-conversation-delete-request').type.text, 'ConversationDeleteRequestEvent');
    assert.equal(remover.attributes.find((a) => a.name === 'credentials').type.text, "'omit' | 'same-origin' | 'include'");
    assert.equal(element('discret-consent').attributes.find((a) => a.name === 'layout').type.text, "'bar' | 'box' | 'modal' | undefined");
    for (const tag of ['discret-chat-notice', 'discret-delete-conversation', 'discret-consent']) {
      const { slots = [], cssParts = [], cssProperties = [] } = element(tag);
      assert.ok(cssParts.length && cssProperties.length, `<${tag}> lists no parts or custom properties`);
      if (tag === 'discret-delete-conversation') assert.ok(slots.length, `<${tag}> lists no slot`);
    }
  });

  it('fails when the element JSDoc with @tagname sits on an event class', () => {
    const manifest = manifestOf((folder) =>
      editFile(folder, 'src/components/delete-conversation/delete-conversation.ts', (text) =>
        text
          .replace(' * @tagname discret-delete-conversation\n', '')
          .replace('export class ConversationDeleteRequestEvent', '/**\n * @tagname discret-delete-conversation\n */\nexport class ConversationDeleteRequestEvent'),
      ),
    );
    const problems = manifestProblems(manifest, tags, ROOT);
    assert.ok(
      problems.some((problem) => problem.includes('<discret-delete-conversation> is claimed by ConversationDeleteRequestEvent')),
      problems.join('\n'),
    );
  });

  it('fails when an element loses its attributes', () => {
    const manifest = manifestOf((folder) => editFile(folder, 'src/components/purpose/purpose.ts', (text) => text.replace(/ \* @attr .*\n/g, '')));
    assert.ok(manifestProblems(manifest, tags, ROOT).includes('<discret-purpose> has no attributes'));
  });

  it('fails when a property’s attribute is undocumented', () => {
    const manifest = manifestOf((folder) =>
      editFile(folder, 'src/components/chat-notice/chat-notice.ts', (text) => text.replace('  /** The data controller, as named to visitors ("Fly Me"). */\n', '')),
    );
    assert.ok(manifestProblems(manifest, tags, ROOT).includes('<discret-chat-notice> attribute "controller" has no description'));
  });
});
