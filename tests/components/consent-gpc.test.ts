import { expect, oneEvent } from '@open-wc/testing';
import { cleanUp, consentFixture, has, makeStore, openPreferences, part, settled, switchFor } from './consent-fixtures.js';

describe('<discret-consent> with Global Privacy Control', () => {
  afterEach(cleanUp);

  it('says in the banner that the browser\'s signal is honoured', async () => {
    const element = await consentFixture(makeStore({ gpc: true }));
    expect(part(element, 'gpc-notice')!.textContent).to.contain('Global Privacy Control');
  });

  it('says nothing about it when the browser sends no signal', async () => {
    const element = await consentFixture(makeStore({ gpc: false }));
    expect(has(element, 'gpc-notice')).to.be.false;
  });

  it('reads navigator.globalPrivacyControl', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const store = makeStore();
      const element = await consentFixture(store, { lang: 'fr' });
      expect(store.gpc).to.be.true;
      expect(part(element, 'gpc-notice')!.textContent).to.contain('nous le respectons');
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  });

  it('keeps gpc-opt-out purposes refused on "Accept all"', async () => {
    const store = makeStore({ gpc: true });
    const element = await consentFixture(store);
    const hidden = oneEvent(element, 'discret-banner-hide');
    part(element, 'accept-button')!.click();
    await hidden;
    expect(store.granted('analytics')).to.be.true;
    expect(store.granted('marketing')).to.be.false;
  });

  it('marks the purpose in the preferences and leaves its switch off', async () => {
    const element = await consentFixture(makeStore({ gpc: true }));
    await openPreferences(element);
    const marketing = switchFor(element, 'marketing');
    expect(marketing.checked).to.be.false;
    expect(element.shadowRoot!.getElementById(marketing.getAttribute('aria-describedby')!)!.textContent).to.contain('Global Privacy Control');
    expect(switchFor(element, 'analytics').getAttribute('aria-describedby')).to.equal('switch-analytics-details');
  });

  it('lets the visitor switch such a purpose on explicitly', async () => {
    const store = makeStore({ gpc: true });
    const element = await consentFixture(store);
    await openPreferences(element);
    switchFor(element, 'marketing').click();
    await settled(element);
    const hidden = oneEvent(element, 'discret-preferences-hide');
    const changed = oneEvent(store, 'change'); // the dialog closes at once; the decision applies once stored
    part(element, 'save-button')!.click();
    await hidden;
    await changed;
    expect(store.granted('marketing')).to.be.true;
  });

  it('is accessible with the notice, banner and dialog', async () => {
    const element = await consentFixture(makeStore({ gpc: true }));
    await expect(element).to.be.accessible();
    await openPreferences(element);
    await expect(element).to.be.accessible();
  });
});
