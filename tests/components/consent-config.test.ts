import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { DiscretConsent } from '../../src/components/consent/consent.js';
import { captureWarnings, cleanUp, consentFixture, has, makeSlowStore, makeStore, openPreferences, part, settled } from './consent-fixtures.js';

describe('<discret-consent> configuration', () => {
  let warnings: ReturnType<typeof captureWarnings>;
  beforeEach(() => (warnings = captureWarnings()));
  afterEach(async () => {
    warnings.restore();
    await cleanUp();
  });

  it('turns attributes and child elements into the store\'s configuration', async () => {
    const store = makeStore();
    await consentFixture(store);
    const settings = store.settings;
    expect(settings.revision).to.equal('1');
    expect(settings.policyHref).to.equal('/privacy');
    expect(settings.maxAge).to.equal('P6M');
    expect(settings.locale).to.equal('en');
    expect(settings.purposes).to.deep.equal([
      {
        name: 'analytics',
        label: 'Audience',
        description: 'Counts visits.',
        cookies: ['_ga', '_ga_*'],
        cookieDetails: [],
        gpcOptOut: false,
        exempt: false,
        objectable: false,
        services: [{ name: 'matomo', label: 'Matomo', description: 'Self-hosted statistics.', cookies: ['_pk_*'], cookieDetails: [] }],
      },
      { name: 'marketing', label: 'Advertising', cookies: [], cookieDetails: [], gpcOptOut: true, exempt: false, objectable: false, services: [] },
    ]);
    expect(warnings.messages).to.be.empty;
  });

  it('picks up <discret-purpose> children parsed after it connected', async () => {
    const store = makeStore();
    const element = document.createElement('discret-consent');
    element.store = store;
    element.setAttribute('revision', '1');
    element.setAttribute('lang', 'en');
    fixtureSync(html`<div></div>`).append(element);
    await settled(element, store);
    expect(has(element, 'banner')).to.be.false;
    const purpose = document.createElement('discret-purpose');
    purpose.setAttribute('name', 'analytics');
    purpose.setAttribute('label', 'Audience');
    element.append(purpose);
    await settled(element);
    expect(store.purposes.map((p) => p.name)).to.deep.equal(['analytics']);
    expect(part(element, 'text')!.textContent).to.contain('Audience');
    const service = document.createElement('discret-service');
    service.setAttribute('name', 'matomo');
    purpose.append(service);
    purpose.setAttribute('label', 'Visits');
    await settled(element);
    expect(store.purposes[0].services!.map((s) => s.name)).to.deep.equal(['matomo']);
    expect(part(element, 'text')!.textContent).to.contain('Visits');
  });

  it('configures and follows a store given after it connected, whichever store is read first', async () => {
    const slow = makeSlowStore();
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${slow.store} revision="1"><discret-purpose name="analytics"></discret-purpose></discret-consent>
    `);
    const store = makeStore();
    element.store = store;
    await settled(element, store);
    slow.release();
    await settled(element, slow.store);
    element.setAttribute('lang', 'fr');
    await settled(element);
    expect(store.purposes.map((p) => p.name)).to.deep.equal(['analytics']);
    expect(has(element, 'banner')).to.be.true;
    const shown = oneEvent(element, 'discret-preferences-show');
    store.showPreferences();
    await shown;
  });

  it('reads a <script type="application/json"> child', async () => {
    const store = makeStore();
    const config = {
      revision: '7',
      layout: 'box',
      purposes: [{ name: 'analytics', label: 'Audience', services: [{ name: 'matomo' }] }],
      texts: { bannerTitle: 'Cookies?' },
    };
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${store} lang="en"><script type="application/json">${JSON.stringify(config)}</script></discret-consent>
    `);
    await settled(element, store);
    expect(store.settings.revision).to.equal('7');
    expect(store.purposes.map((p) => p.name)).to.deep.equal(['analytics']);
    expect(part(element, 'banner')!.classList.contains('box')).to.be.true;
    expect(part(element, 'title')!.textContent).to.equal('Cookies?');
  });

  it('warns once about malformed JSON and grants nothing from it', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${store}><script type="application/json">{ "purposes": [ { "name": "analytics" </script></discret-consent>
    `);
    await settled(element);
    element.setAttribute('lang', 'fr');
    await settled(element);
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.match(/^\[discret\] <discret-consent> <script type="application\/json">: .+; its configuration is ignored/);
    expect(store.purposes).to.be.empty;
    expect(store.granted('analytics')).to.be.false;
    expect(has(element, 'banner')).to.be.false;
  });

  it('warns once about an unknown layout and uses the bar', async () => {
    const store = makeStore();
    const element = await consentFixture(store, { layout: 'sideways' });
    element.setAttribute('lang', 'fr');
    await settled(element);
    expect(warnings.messages).to.deep.equal(['[discret] <discret-consent> layout="sideways": unknown layout (bar, box or modal); using bar']);
    expect(part(element, 'banner')!.classList.contains('bar')).to.be.true;
  });

  it('warns once about a duplicate purpose name and keeps the first', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${store} revision="1">
        <discret-purpose name="analytics" label="First"></discret-purpose>
        <discret-purpose name="analytics" label="Second"></discret-purpose>
      </discret-consent>
    `);
    await settled(element, store);
    expect(warnings.messages).to.deep.equal(['[discret] <discret-consent> purposes name="analytics": declared twice, or reserved (necessary); ignored']);
    expect(store.purposes.map((p) => p.label)).to.deep.equal(['First']);
  });

  it('warns once when no purpose is declared, and shows no banner', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsent>(html`<discret-consent .store=${store} revision="1"></discret-consent>`);
    await settled(element, store);
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.contain('<discret-consent>: no purposes declared');
    expect(has(element, 'banner')).to.be.false;
  });

  it('renders a configuration given by store.configure() when it has none of its own', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsent>(html`<discret-consent .store=${store} lang="en"></discret-consent>`);
    await settled(element);
    expect(has(element, 'banner')).to.be.false;
    store.configure({ revision: '2', layout: 'modal', purposes: [{ name: 'chat', label: 'Live chat' }] });
    await settled(element, store);
    expect(part(element, 'banner')!.localName).to.equal('dialog');
    expect(part(element, 'text')!.textContent).to.contain('Live chat');
    expect(warnings.messages).to.be.empty;
  });

  it('renders every configured text as text: markup in labels never becomes elements or runs', async () => {
    const store = makeStore();
    const payload = '<img src=x onerror="window.__discretXss = true">';
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${store} revision="1" lang="en" text-banner-title=${payload}>
        <discret-purpose name="analytics" label=${payload} description=${`<script>window.__discretXss = true</script>`} cookies=${'<b>x</b>'}>
          <discret-service name="matomo" label=${payload}></discret-service>
        </discret-purpose>
      </discret-consent>
    `);
    await settled(element, store);
    await openPreferences(element);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const root = element.shadowRoot!;
    expect(root.querySelector('img, script, b')).to.equal(null);
    expect(part(element, 'title')!.textContent).to.equal(payload);
    expect(part(element, 'text')!.textContent).to.contain(payload);
    expect(root.querySelector('input[data-key="analytics"]')!.closest('li')!.textContent).to.contain('<script>window.__discretXss = true</script>');
    expect((window as { __discretXss?: boolean }).__discretXss).to.be.undefined;
  });

  it('leaves out a javascript: policy link, with a warning', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${store} revision="1" policy-href="javascript:alert(1)"><discret-purpose name="analytics"></discret-purpose></discret-consent>
    `);
    await settled(element, store);
    expect(has(element, 'policy-link')).to.be.false;
    expect(warnings.messages).to.deep.equal([
      '[discret] <discret-consent> policy-href="javascript:alert(1)": only http(s) or relative URLs are allowed; link left out',
    ]);
  });

  it('speaks the language of <html lang> when it has none of its own', async () => {
    const root = document.documentElement;
    const before = root.getAttribute('lang');
    root.setAttribute('lang', 'fr-FR');
    try {
      const store = makeStore();
      const element = await fixture<DiscretConsent>(html`
        <discret-consent .store=${store} revision="1"><discret-purpose name="analytics" label="Mesure"></discret-purpose></discret-consent>
      `);
      await settled(element, store);
      expect(part(element, 'accept-button')!.textContent).to.equal('Tout accepter');
      // Not fixed in the configuration: the element follows <html lang> if it changes; the record says what it was.
      expect(store.settings.locale).to.equal('');
      part(element, 'accept-button')!.click();
      await waitUntil(() => store.record, 'the decision was not stored');
      expect(store.record!.locale).to.equal('fr-FR');
    } finally {
      if (before === null) root.removeAttribute('lang');
      else root.setAttribute('lang', before);
    }
  });

  it('follows a change of its lang attribute', async () => {
    const element = await consentFixture(makeStore(), { lang: 'fr' });
    expect(part(element, 'reject-button')!.textContent).to.equal('Tout refuser');
    element.setAttribute('lang', 'en');
    await settled(element);
    expect(part(element, 'reject-button')!.textContent).to.equal('Reject all');
  });

  it('lets text-* attributes and configured texts replace any string', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${store} revision="1" lang="fr" text-accept-all="J'accepte" text-reject-all="Je refuse">
        <script type="application/json">{ "texts": { "customize": "Choisir", "acceptAll": "ignored: the attribute wins" } }</script>
        <discret-purpose name="analytics"></discret-purpose>
      </discret-consent>
    `);
    await settled(element, store);
    expect(part(element, 'accept-button')!.textContent).to.equal("J'accepte");
    expect(part(element, 'reject-button')!.textContent).to.equal('Je refuse');
    expect(part(element, 'customize-button')!.textContent).to.equal('Choisir');
  });
});
