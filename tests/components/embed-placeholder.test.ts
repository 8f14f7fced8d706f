import { expect, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { showEmbedPlaceholders } from '../../src/components/embed-placeholder/embeds.js';
import type { DiscretEmbedPlaceholder } from '../../src/components/embed-placeholder/embed-placeholder.js';
import type { ConsentConfig } from '../../src/core/config.js';
import type { ConsentStore } from '../../src/core/consent-store.js';
import { createGate, type Gate } from '../../src/core/gate.js';
import { cleanUp, deepActive, makeStore, plain } from './consent-fixtures.js';

const FRAME = new URL('../core/fixtures/frames/embed.html', import.meta.url).href;

const CONFIG: ConsentConfig = {
  revision: '1',
  purposes: [
    { name: 'analytics', label: 'Audience' },
    { name: 'marketing', label: 'Videos and ads', services: [{ name: 'youtube', label: 'YouTube' }, { name: 'ads', label: 'Ad network' }] },
  ],
};

describe('embed placeholders', () => {
  let stops: (() => void)[];
  let gate: Gate | undefined;
  let roots: HTMLElement[];

  beforeEach(() => {
    stops = [];
    roots = [];
    gate = undefined;
  });
  afterEach(async () => {
    stops.forEach((stop) => stop());
    gate?.stop();
    roots.forEach((root) => root.remove());
    await cleanUp();
  });

  /**
   * The markup in the document. Not open-wc's `fixture`, which waits for an
   * animation frame after plain markup: frames never come to a page in the
   * background, and tests run two pages at once.
   */
  function mount(markup: ReturnType<typeof html>): HTMLElement {
    const holder = document.createElement('div');
    render(markup, holder);
    document.body.append(holder);
    roots.push(holder);
    return holder.firstElementChild as HTMLElement;
  }

  /** A page with the given markup, its store configured, placeholders shown, and (unless told otherwise) a gate running. */
  async function page(markup: ReturnType<typeof html>, { withGate = true, store = makeStore(), held = true }: { withGate?: boolean; store?: ConsentStore; held?: boolean } = {}) {
    const root = mount(markup);
    store.configure(CONFIG);
    if (withGate) (gate = createGate(store)).start();
    stops.push(showEmbedPlaceholders(store));
    await store.ready;
    if (held) await waitUntil(() => root.querySelector('discret-embed-placeholder'), 'no placeholder');
    const placeholder = root.querySelector<DiscretEmbedPlaceholder>('discret-embed-placeholder');
    await placeholder?.updateComplete;
    return { root, store, placeholder };
  }

  const video = html`<div lang="en">
    <iframe title="A video" data-purpose="marketing/youtube" data-src=${FRAME} width="560" height="315"></iframe>
  </div>`;

  const part = (placeholder: Element, name: string): HTMLElement => placeholder.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

  it('stands in the held iframe\'s box, says who serves it and what loading shares, and loads nothing', async () => {
    const { root, placeholder } = await page(video);
    const frame = root.querySelector('iframe')!;
    expect(frame.hasAttribute('src')).to.be.false;
    expect(getComputedStyle(frame).display).to.equal('none');
    const box = placeholder!.getBoundingClientRect();
    expect([box.width, box.height]).to.deep.equal([560, 315]);
    expect(part(placeholder!, 'title').textContent).to.equal('Content from YouTube');
    expect(part(placeholder!, 'text').textContent).to.contain('connects your browser to YouTube, which receives your IP address');
    expect(part(placeholder!, 'text').textContent).to.contain('(Videos and ads)');
    expect(part(placeholder!, 'load-button').textContent).to.equal('Load');
    expect(part(placeholder!, 'allow-button').textContent).to.equal('Always allow YouTube');
    await expect(placeholder).to.be.accessible();
  });

  it('takes the box the page\'s CSS gives the iframe', async () => {
    const { placeholder } = await page(html`<div lang="en">
      <style>
        .video { width: 320px; aspect-ratio: 16 / 9; }
      </style>
      <iframe class="video" title="A video" data-purpose="marketing/youtube" data-src=${FRAME}></iframe>
    </div>`);
    const box = placeholder!.getBoundingClientRect();
    expect([box.width, box.height]).to.deep.equal([320, 180]);
  });

  it('"Load", from the keyboard, loads this one iframe, records nothing and moves focus to it', async () => {
    const { root, store, placeholder } = await page(html`<div lang="en">
      <iframe title="First video" data-purpose="marketing/youtube" data-src=${FRAME} width="300" height="200"></iframe>
      <iframe title="Second video" data-purpose="marketing/youtube" data-src=${FRAME} width="300" height="200"></iframe>
    </div>`);
    part(placeholder!, 'load-button').focus();
    await sendKeys({ press: 'Enter' });
    const [first, second] = root.querySelectorAll('iframe');
    expect(first.getAttribute('src')).to.equal(FRAME);
    expect(first.getAttribute('style')).to.equal(null);
    expect(second.hasAttribute('src')).to.be.false;
    expect(root.querySelectorAll('discret-embed-placeholder').length).to.equal(1);
    expect(deepActive()).to.equal(first);
    expect(store.record).to.equal(null);
    expect(store.granted('marketing/youtube')).to.be.false;
  });

  it('"Always allow" grants that service alone, recorded as contextual; every embed gated on it loads', async () => {
    const { root, store, placeholder } = await page(html`<div lang="en">
      <iframe title="First video" data-purpose="marketing/youtube" data-src=${FRAME} width="300" height="200"></iframe>
      <iframe title="Second video" data-purpose="marketing/youtube" data-src=${FRAME} width="300" height="200"></iframe>
    </div>`);
    part(placeholder!, 'allow-button').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !root.querySelector('discret-embed-placeholder'), 'the placeholders stayed');
    for (const frame of root.querySelectorAll('iframe')) expect(frame.getAttribute('src')).to.equal(FRAME);
    expect(store.record?.method).to.equal('contextual');
    expect(store.granted('marketing/youtube')).to.be.true;
    expect(store.granted('marketing/ads')).to.be.false;
    // Nothing else was decided: the banner still asks about the rest.
    expect('analytics' in store.record!.purposes).to.be.false;
    expect(store.needsDecision).to.be.true;
    expect(root.contains(deepActive())).to.be.true;
  });

  it('"Always allow" keeps what was already decided', async () => {
    const store = makeStore();
    store.configure(CONFIG);
    await store.decide({ analytics: true, marketing: false });
    const { placeholder } = await page(video, { store });
    part(placeholder!, 'allow-button').click();
    await waitUntil(() => store.granted('marketing/youtube'));
    expect(store.record?.purposes).to.deep.equal({ necessary: true, analytics: true, marketing: false });
    expect(store.record?.services).to.deep.equal({ 'marketing/youtube': true, 'marketing/ads': false });
    expect(store.needsDecision).to.be.false;
  });

  it('"Always allow" a service releases nothing gated on its whole purpose: the visitor allowed that service, not the purpose', async () => {
    const store = makeStore();
    store.configure(CONFIG);
    await store.decide({ analytics: false, marketing: false });
    (window as { adsRan?: boolean }).adsRan = false;
    const { root, placeholder } = await page(
      html`<div lang="en">
        <iframe title="A video" data-purpose="marketing/youtube" data-src=${FRAME} width="560" height="315"></iframe>
        <script type="text/plain" data-purpose="marketing">window.adsRan = true;</script>
      </div>`,
      { store },
    );
    part(placeholder!, 'allow-button').click();
    await waitUntil(() => root.querySelector('iframe')!.getAttribute('src') === FRAME, 'the video did not load');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.granted('marketing/youtube')).to.be.true;
    expect(store.granted('marketing'), 'the purpose as a whole').to.be.false;
    expect((window as { adsRan?: boolean }).adsRan, 'a script gated on the purpose ran').to.be.false;
    // After a reload, the same: the record says the service alone.
    expect(store.record?.purposes.marketing).to.equal(false);
    expect(store.record?.services['marketing/youtube']).to.equal(true);
  });

  it('shows no placeholder for an embed already granted', async () => {
    const store = makeStore();
    store.configure(CONFIG);
    await store.decide({ marketing: true });
    const { root } = await page(video, { store, held: false });
    await waitUntil(() => root.querySelector('iframe')!.hasAttribute('src'));
    expect(root.querySelector('discret-embed-placeholder')).to.equal(null);
  });

  it('shows inside a [data-embed] wrapper, with no "Load", until granted; then the gated script fills it', async () => {
    const { root, store, placeholder } = await page(html`<div lang="en">
      <div id="map" data-embed data-purpose="marketing/youtube" style="width: 400px; height: 240px"></div>
      <script type="text/plain" data-purpose="marketing/youtube">
        document.getElementById('map').append(Object.assign(document.createElement('p'), { textContent: 'map drawn' }));
      </script>
    </div>`);
    const wrapper = root.querySelector('#map')!;
    expect(placeholder!.parentElement).to.equal(wrapper);
    expect(part(placeholder!, 'load-button')).to.equal(null);
    await expect(placeholder).to.be.accessible();
    part(placeholder!, 'allow-button').click();
    await waitUntil(() => wrapper.textContent!.includes('map drawn'), 'the gated script did not run');
    expect(wrapper.querySelector('discret-embed-placeholder')).to.equal(null);
    expect(store.record?.method).to.equal('contextual');
  });

  it('speaks French in a French page', async () => {
    const { placeholder } = await page(html`<div lang="fr">
      <iframe title="Une vidéo" data-purpose="marketing/youtube" data-src=${FRAME} width="560" height="315"></iframe>
    </div>`);
    expect(plain(part(placeholder!, 'title').textContent)).to.equal('Contenu fourni par YouTube');
    expect(part(placeholder!, 'load-button').textContent).to.equal('Charger');
    expect(part(placeholder!, 'allow-button').textContent).to.equal('Toujours autoriser YouTube');
  });

  it('comes back to nothing when the embed is removed from the page', async () => {
    const { root } = await page(video);
    root.querySelector('iframe')!.remove();
    await waitUntil(() => !root.querySelector('discret-embed-placeholder'), 'the placeholder stayed');
  });
});
