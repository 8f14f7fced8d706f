// Every entry of the package imported in Node with no DOM, as a server
// rendering a page that uses discret would: nothing thrown, nothing printed,
// and the process ends on its own (no channel, timer or database left open).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { exports } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

/** The package's entries as a consumer writes them: `discret`, `discret/define`, `discret/discret.js`, … */
const entries = Object.keys(exports)
  .filter((key) => !key.endsWith('.json'))
  .flatMap((key) => {
    if (!key.includes('*')) return [key === '.' ? 'discret' : `discret/${key.slice(2)}`];
    const folder = key.slice(2, key.indexOf('*'));
    return readdirSync(`${root}/dist/${folder}`)
      .filter((file) => file.endsWith('.js'))
      .map((file) => `discret/${folder}${file.slice(0, -3)}`);
  });

/** Imports one entry in a fresh Node process; resolves with how it ended. */
function importAlone(entry) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(entry)});`], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill(), 5000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

describe('the package imported in Node, with no DOM', () => {
  it('has the entries a server would import', () => {
    assert.ok(entries.includes('discret'));
    assert.ok(entries.includes('discret/define'));
    assert.ok(entries.includes('discret/discret.js'));
  });

  for (const entry of entries) {
    it(`imports ${entry} without throwing or printing, and exits on its own`, async () => {
      const { code, signal, output } = await importAlone(entry);
      assert.equal(signal, null, `${entry} kept the process alive for 5 s: a handle was left open`);
      assert.equal(code, 0, `${entry} threw:\n${output}`);
      assert.equal(output, '', `${entry} printed:\n${output}`);
    });
  }
});
