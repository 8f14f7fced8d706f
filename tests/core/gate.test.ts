import { aTimeout, expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { ConsentConfig } from '../../src/core/config.js';
import { ConsentStore } from '../../src/core/consent-store.js';
import { createGate, type Gate } from '../../src/core/gate.js';
import { IndexedDBStorage } from '../../src/core/storage.js';
import { deleteDatabase, uniqueName } from './helpers/test-database.js';
import { watchWarnings } from './helpers/warnings.js';

const CONFIG: ConsentConfig = {
  revision: '2026-11',
  purposes: [{ name: 'analytics', services: [{ name: 'matomo' }] }, { name: 'marketing' }],
};

const FIXTURES = '/tests/core/fixtures';

/** What the gated scripts of these tests have run, in order: each pushes its name. */
const runs = (): string[] => (globalThis as unknown as { gatedRuns: string[] }).gatedRuns;

/** `<script type="text/plain" data-purpose="…">` whose code records `name` when it runs. */
function inlineScript(purpose: string, name: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/plain';
  script.dataset.purpose = purpose;
  script.text = `globalThis.gatedRuns.push(${JSON.stringify(name)});`;
  return script;
}

/** `<script type="text/plain" data-purpose="…" src="fixtures/gated/<file>">`. */
function srcScript(purpose: string, file: string, attributes: Record<string, string> = {}): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/plain';
  script.dataset.purpose = purpose;
  script.setAttribute('src', `${FIXTURES}/gated/${file}`);
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  return script;
}

function gatedFrame(purpose: string, src: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.dataset.purpose = purpose;
  frame.dataset.src = src;
  return frame;
}

/** Long enough for a script that was wrongly released to have run. */
const aWhile = () => aTimeout(100);

describe('Gate', () => {
  let database: string;
  let store: ConsentStore;
  let gate: Gate;
  let page: HTMLElement;
  let warnings: ReturnType<typeof watchWarnings>;

  beforeEach(async () => {
    (globalThis as unknown as { gatedRuns: string[] }).gatedRuns = [];
    warnings = watchWarnings();
    database = uniqueName();
    store = new ConsentStore({ storage: new IndexedDBStorage(database), channel: null, announce: null });
    store.configure(CONFIG);
    await store.ready;
    gate = createGate(store);
    page = document.createElement('div');
    document.body.append(page);
  });

  afterEach(async () => {
    gate.stop();
    page.remove();
    store.close();
    warnings.restore();
    await deleteDatabase(database);
  });

  it('runs nothing before its purpose is granted', async () => {
    const script = inlineScript('analytics', 'inline');
    page.append(script, srcScript('analytics', 'first.js'));
    gate.start();
    await gate.settled();
    await aWhile();
    expect(runs()).to.deep.equal([]);
    expect(script.isConnected).to.equal(true);
    expect(script.type).to.equal('text/plain');
  });

  it('runs inline and src scripts in document order once their purpose is granted', async () => {
    page.append(
      inlineScript('analytics', 'inline 1'),
      srcScript('analytics', 'first.js'),
      inlineScript('analytics', 'inline 2'),
      srcScript('analytics', 'second.js'),
      inlineScript('analytics', 'inline 3'),
    );
    gate.start();
    await store.acceptAll();
    await gate.settled();
    expect(runs()).to.deep.equal(['inline 1', 'first.js', 'inline 2', 'second.js', 'inline 3']);
  });

  it('does not hold the others back for an async src script, and still runs them in order', async () => {
    page.append(
      inlineScript('analytics', 'inline 1'),
      srcScript('analytics', 'async.js', { async: '' }),
      srcScript('analytics', 'first.js'),
      inlineScript('analytics', 'inline 2'),
      srcScript('analytics', 'second.js'),
    );
    gate.start();
    await store.acceptAll();
    await gate.settled();
    await waitUntil(() => runs().includes('async.js'), 'the async script ran');
    expect(runs().filter((name) => name !== 'async.js')).to.deep.equal(['inline 1', 'first.js', 'inline 2', 'second.js']);
  });

  it('runs at once the scripts of a purpose granted before it started', async () => {
    await store.decide({ analytics: true });
    page.append(inlineScript('analytics', 'inline'));
    gate.start();
    await gate.settled();
    expect(runs()).to.deep.equal(['inline']);
  });

  it('runs each script once, however many decisions follow', async () => {
    page.append(inlineScript('analytics', 'inline'), srcScript('analytics', 'first.js'));
    gate.start();
    await store.acceptAll();
    await store.decide({ analytics: true, marketing: false });
    await store.acceptAll();
    await gate.settled();
    await aWhile();
    expect(runs()).to.deep.equal(['inline', 'first.js']);
  });

  it('keeps the nonce of the script it re-creates', async () => {
    const script = inlineScript('analytics', 'with nonce');
    script.id = 'nonced';
    script.nonce = 'abc';
    page.append(script);
    gate.start();
    await store.acceptAll();
    await gate.settled();
    const ran = document.getElementById('nonced') as HTMLScriptElement;
    expect(ran).not.to.equal(script);
    expect(ran.nonce).to.equal('abc');
    expect(runs()).to.deep.equal(['with nonce']);
  });

  it('keeps the other attributes and drops type="text/plain"', async () => {
    page.append(srcScript('analytics', 'first.js', { id: 'kept', crossorigin: 'anonymous', 'data-site': 'shop' }));
    gate.start();
    await store.acceptAll();
    await gate.settled();
    const ran = document.getElementById('kept') as HTMLScriptElement;
    expect(ran.hasAttribute('type')).to.equal(false);
    expect(ran.crossOrigin).to.equal('anonymous');
    expect(ran.dataset.site).to.equal('shop');
    expect(ran.getAttribute('src')).to.equal(`${FIXTURES}/gated/first.js`);
  });

  it('runs an inline script with data-type="module" as a module', async () => {
    const script = inlineScript('analytics', '');
    script.id = 'inline-module';
    script.dataset.type = 'module';
    script.text = "globalThis.gatedRuns.push(`inline as ${typeof import.meta.url === 'string' ? 'module' : 'classic'}`);";
    page.append(script);
    gate.start();
    await store.acceptAll();
    await waitUntil(() => runs().length > 0, 'the module ran');
    expect(runs()).to.deep.equal(['inline as module']);
    expect((document.getElementById('inline-module') as HTMLScriptElement).type).to.equal('module');
  });

  it('loads a src script with data-type="module" as a module', async () => {
    page.append(srcScript('analytics', 'module.js', { 'data-type': 'module' }));
    gate.start();
    await store.acceptAll();
    await gate.settled();
    expect(runs()).to.deep.equal(['module.js as module']);
  });

  it('never runs the scripts of a refused purpose', async () => {
    page.append(inlineScript('marketing', 'inline'), srcScript('marketing', 'first.js'));
    gate.start();
    await store.rejectAll();
    await gate.settled();
    await aWhile();
    expect(runs()).to.deep.equal([]);
  });

  it('never runs the scripts of a refused purpose when another purpose is accepted', async () => {
    page.append(inlineScript('marketing', 'marketing'), inlineScript('analytics', 'analytics'), srcScript('marketing', 'first.js'));
    gate.start();
    await store.decide({ analytics: true, marketing: false });
    await gate.settled();
    await aWhile();
    expect(runs()).to.deep.equal(['analytics']);
  });

  it('runs a script added after it started, once its purpose is granted', async () => {
    gate.start();
    page.append(inlineScript('analytics', 'added later'));
    await aWhile();
    expect(runs()).to.deep.equal([]);
    await store.acceptAll();
    await gate.settled();
    expect(runs()).to.deep.equal(['added later']);
  });

  it('runs a script added after its purpose was granted', async () => {
    gate.start();
    await store.acceptAll();
    page.append(inlineScript('analytics', 'inline'), srcScript('analytics', 'first.js'));
    await waitUntil(() => runs().length === 2, 'both scripts ran');
    expect(runs()).to.deep.equal(['inline', 'first.js']);
  });

  it('runs gated scripts written with innerHTML, which the browser itself never runs', async () => {
    gate.start();
    await store.acceptAll();
    page.innerHTML = `<script type="text/plain" data-purpose="analytics">globalThis.gatedRuns.push('from innerHTML')</script>
      <script type="text/plain" data-purpose="analytics" src="${FIXTURES}/gated/first.js"></script>`;
    await waitUntil(() => runs().length === 2, 'both scripts ran');
    expect(runs()).to.deep.equal(['from innerHTML', 'first.js']);
  });

  it('needs every key of a data-purpose that lists several', async () => {
    page.append(inlineScript('analytics marketing', 'both'));
    gate.start();
    await store.decide({ analytics: true });
    await gate.settled();
    await aWhile();
    expect(runs()).to.deep.equal([]);
    await store.decide({ analytics: true, marketing: true });
    await gate.settled();
    expect(runs()).to.deep.equal(['both']);
  });

  it('follows a purpose/service key', async () => {
    page.append(inlineScript('analytics/matomo', 'matomo'));
    gate.start();
    await store.decide({ analytics: true }, { 'analytics/matomo': false });
    await gate.settled();
    await aWhile();
    expect(runs()).to.deep.equal([]);
    await store.decide({ analytics: true });
    await gate.settled();
    expect(runs()).to.deep.equal(['matomo']);
  });

  it('warns when a src script fails to load, and runs the scripts after it', async () => {
    page.append(srcScript('analytics', 'missing.js'), inlineScript('analytics', 'after'));
    gate.start();
    await store.acceptAll();
    await gate.settled();
    expect(runs()).to.deep.equal(['after']);
    expect(warnings.discret).to.have.length(1);
    expect(warnings.discret[0]).to.match(/^\[discret\] <script src=".*missing\.js" data-purpose="analytics">: failed to load/);
  });

  it('releases nothing more once stopped', async () => {
    page.append(inlineScript('analytics', 'inline'));
    gate.start();
    gate.stop();
    await store.acceptAll();
    await gate.settled();
    await aWhile();
    expect(runs()).to.deep.equal([]);
  });

  describe('with reloadOnWithdraw, on a page in a frame', () => {
    let frame: HTMLIFrameElement;
    let loads: number;

    beforeEach(async () => {
      frame = document.createElement('iframe');
      frame.src = `${FIXTURES}/frames/embed.html`;
      loads = 0;
      const loaded = oneEvent(frame, 'load');
      frame.addEventListener('load', () => loads++);
      page.append(frame);
      await loaded;
    });

    /** A gate on the frame's document, with one script of `purpose` in it. */
    function gateOnFrame(purpose: string): Gate {
      const root = frame.contentDocument!;
      const script = root.createElement('script');
      script.type = 'text/plain';
      script.dataset.purpose = purpose;
      script.text = `parent.gatedRuns.push('in the frame')`;
      root.body.append(script);
      gate = createGate(store, root, { reloadOnWithdraw: true });
      gate.start();
      return gate;
    }

    it('reloads the page when a purpose whose scripts ran is withdrawn: a running script cannot be stopped', async () => {
      gateOnFrame('analytics');
      await store.acceptAll();
      await gate.settled();
      expect(runs()).to.deep.equal(['in the frame']);
      const reloaded = oneEvent(frame, 'load');
      await store.decide({ analytics: false, marketing: true });
      await reloaded;
      expect(loads).to.equal(2);
    });

    it('does not reload for a refusal of a purpose whose scripts never ran', async () => {
      gateOnFrame('analytics');
      await store.decide({ marketing: true });
      await store.rejectAll();
      await aWhile();
      expect(runs()).to.deep.equal([]);
      expect(loads).to.equal(1);
    });
  });

  it('gives a gated iframe its src only once its purpose is granted', async () => {
    const frame = gatedFrame('marketing', `${FIXTURES}/frames/embed.html`);
    page.append(frame);
    gate.start();
    await store.decide({ analytics: true });
    await aWhile();
    expect(frame.hasAttribute('src')).to.equal(false);

    const loaded = oneEvent(frame, 'load');
    await store.acceptAll();
    expect(frame.getAttribute('src')).to.equal(`${FIXTURES}/frames/embed.html`);
    await loaded;
    expect(frame.contentDocument?.title).to.equal('Embedded frame');
  });

  it('gives an iframe added after the grant its src', async () => {
    gate.start();
    await store.acceptAll();
    const frame = gatedFrame('marketing', `${FIXTURES}/frames/embed.html`);
    page.append(frame);
    await waitUntil(() => frame.hasAttribute('src'), 'the iframe got its src');
    expect(frame.getAttribute('src')).to.equal(`${FIXTURES}/frames/embed.html`);
  });

  it('refuses a javascript: data-src, with one warning', async () => {
    const frame = gatedFrame('marketing', 'javascript:globalThis.gatedRuns.push("javascript:")');
    page.append(frame);
    gate.start();
    await store.acceptAll();
    await aWhile();
    expect(frame.hasAttribute('src')).to.equal(false);
    expect(runs()).to.deep.equal([]);
    expect(warnings.discret).to.have.length(1);
    expect(warnings.discret[0]).to.match(/^\[discret\] <iframe data-src="javascript:.*only http\(s\) or relative URLs/);
  });
});
