import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DiscretConsentButton } from '../../src/components/consent-button/consent-button.js';
import type { ConsentStore } from '../../src/core/consent-store.js';
import { captureWarnings, cleanUp, FIXTURE_PURPOSES, focusedPart, has, makeStore, part, returningStore, settled, size } from './consent-fixtures.js';

/** A page with the consent element and the button, both on `store`. */
async function page(store: ConsentStore, position = 'inline') {
  const root = fixtureSync<HTMLDivElement>(html`
    <div>
      <discret-consent .store=${store} revision="1" lang="en">
        <discret-purpose name="analytics" label="Audience"></discret-purpose>
      </discret-consent>
      <footer><discret-consent-button .store=${store} lang="en" position=${position}></discret-consent-button></footer>
    </div>
  `);
  const consent = root.querySelector('discret-consent')!;
  const button = root.querySelector('discret-consent-button')!;
  await settled(consent, store);
  await settled(button);
  return { consent, button };
}

describe('<discret-consent-button>', () => {
  afterEach(cleanUp);

  it('shows "Cookie settings" in English and "Gérer les cookies" in French', async () => {
    const store = makeStore();
    const en = await fixture<DiscretConsentButton>(html`<discret-consent-button .store=${store} lang="en"></discret-consent-button>`);
    const fr = await fixture<DiscretConsentButton>(html`<discret-consent-button .store=${store} lang="fr"></discret-consent-button>`);
    expect(part(en, 'button')!.textContent!.trim()).to.equal('Cookie settings');
    expect(part(fr, 'button')!.textContent!.trim()).to.equal('Gérer les cookies');
  });

  it('takes its label from its content', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsentButton>(html`<discret-consent-button .store=${store}>Mes cookies</discret-consent-button>`);
    expect(part(element, 'button')!.querySelector('slot')!.assignedNodes()[0].textContent).to.equal('Mes cookies');
  });

  it('asks the store for the preferences', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsentButton>(html`<discret-consent-button .store=${store}></discret-consent-button>`);
    const requested = oneEvent(store, 'preferences-request');
    part(element, 'button')!.click();
    await requested;
  });

  it('withdraws consent in two clicks: the button, then "Reject all"', async () => {
    const store = await returningStore({ analytics: true });
    const { consent, button } = await page(store);
    expect(store.granted('analytics')).to.be.true;
    const shown = oneEvent(consent, 'discret-preferences-show');
    part(button, 'button')!.click();
    await shown;
    const hidden = oneEvent(consent, 'discret-preferences-hide');
    (part(consent, 'dialog')!.querySelector('[part~="reject-button"]') as HTMLButtonElement).click();
    await hidden;
    await waitUntil(() => store.record?.method === 'reject-all');
    expect(store.granted('analytics')).to.be.false;
  });

  it('gets focus back when the dialog closes with Escape', async () => {
    const store = await returningStore({ analytics: true });
    const { consent, button } = await page(store);
    part(button, 'button')!.focus();
    const shown = oneEvent(consent, 'discret-preferences-show');
    await sendKeys({ press: 'Enter' });
    await shown;
    expect(focusedPart()).to.not.equal('button');
    const hidden = oneEvent(consent, 'discret-preferences-hide');
    await sendKeys({ press: 'Escape' });
    await hidden;
    expect(focusedPart()).to.equal('button');
    expect(document.activeElement === button, 'the button host is focused').to.be.true;
  });

  it('floats only once a first decision is recorded, so that it never covers the banner', async () => {
    const store = makeStore();
    const { consent, button } = await page(store, 'bottom-left');
    expect(has(consent, 'banner')).to.be.true;
    expect(has(button, 'button')).to.be.false;
    const hidden = oneEvent(consent, 'discret-banner-hide');
    part(consent, 'reject-button')!.click();
    await hidden;
    await settled(button);
    const floating = part(button, 'button')!;
    expect(getComputedStyle(floating).position).to.equal('fixed');
    const box = floating.getBoundingClientRect();
    expect([Math.round(box.left), Math.round(innerHeight - box.bottom)]).to.deep.equal([16, 16]);
  });

  it('warns once about an unknown position and stays inline', async () => {
    const warnings = captureWarnings();
    try {
      const store = makeStore();
      store.configure({ revision: '1', purposes: FIXTURE_PURPOSES });
      const element = await fixture<DiscretConsentButton>(html`<discret-consent-button .store=${store} position="top"></discret-consent-button>`);
      element.setAttribute('lang', 'fr');
      await settled(element, store);
      expect(warnings.messages).to.deep.equal([
        '[discret] <discret-consent-button> position="top": unknown position (inline, bottom-left or bottom-right); using inline',
      ]);
      expect(getComputedStyle(part(element, 'button')!).position).to.equal('static');
    } finally {
      warnings.restore();
    }
  });

  it('is a target of at least 24 by 24 px', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsentButton>(html`<discret-consent-button .store=${store}></discret-consent-button>`);
    const [width, height] = size(part(element, 'button')!);
    expect(width).to.be.at.least(24);
    expect(height).to.be.at.least(24);
  });

  it('is accessible inline and floating', async () => {
    const store = await returningStore({ analytics: true });
    const inline = await fixture<DiscretConsentButton>(html`<discret-consent-button .store=${store}></discret-consent-button>`);
    await expect(inline).to.be.accessible();
    const floating = await fixture<DiscretConsentButton>(html`<discret-consent-button .store=${store} position="bottom-right"></discret-consent-button>`);
    await settled(floating, store);
    expect(has(floating, 'button')).to.be.true;
    await expect(floating).to.be.accessible();
  });
});
