import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DiscretConsent } from '../../src/components/consent/consent.js';
import type { ConsentStore } from '../../src/core/consent-store.js';
import { cleanUp, has, makeStore, openPreferences, part, plain, settled, switchFor } from './consent-fixtures.js';

/** Audience measurement exempt from consent, next to advertising, which needs it. */
async function exemptFixture(store: ConsentStore, { lang = 'en', objectable = true } = {}): Promise<DiscretConsent> {
  const element = await fixture<DiscretConsent>(html`
    <discret-consent .store=${store} revision="1" lang=${lang}>
      <discret-purpose name="audience" label="Audience" exempt ?objectable=${objectable} cookies="_pk_id*"></discret-purpose>
      <discret-purpose name="marketing" label="Advertising"></discret-purpose>
    </discret-consent>
  `);
  await settled(element, store);
  return element;
}

describe('<discret-consent> with a purpose exempt from consent', () => {
  afterEach(cleanUp);

  it('leaves it out of the purposes the banner asks to accept, and says it runs unless the visitor objects', async () => {
    const element = await exemptFixture(makeStore());
    const text = part(element, 'text')!.textContent!;
    expect(text).to.contain('for these purposes: “Advertising”.');
    expect(text).to.not.contain('“Advertising” and');
    expect(part(element, 'exempt-notice')!.textContent).to.equal(
      'Without your consent, we measure our audience anonymously (“Audience”); you can object to it in the preferences.',
    );
    await expect(element).to.be.accessible();
  });

  it('"Reject all" in the banner refuses consent but keeps the exempt measurement', async () => {
    const store = makeStore();
    const element = await exemptFixture(store);
    part(element, 'reject-button')!.click();
    await waitUntil(() => store.record, 'the refusal was not stored');
    await settled(element, store);
    expect(store.record?.purposes).to.deep.equal({ necessary: true, audience: true, marketing: false });
    expect(store.granted('audience')).to.be.true;
    expect(has(element, 'banner')).to.be.false;
  });

  it('shows it in the preferences as on, says why it needs no consent, and offers a switch to object', async () => {
    const element = await exemptFixture(makeStore());
    await openPreferences(element);
    const audience = switchFor(element, 'audience');
    expect([audience.checked, audience.disabled]).to.deep.equal([true, false]);
    expect(switchFor(element, 'marketing').checked).to.be.false;
    const why = element.shadowRoot!.getElementById(audience.getAttribute('aria-describedby')!)!;
    expect(why.querySelector('[part="exempt"]')!.textContent).to.contain('Needs no consent');
    expect(why.querySelector('[part="exempt"]')!.textContent).to.contain('On unless you object: switch it off to object.');
    await expect(element).to.be.accessible();
  });

  it('records an objection when the visitor switches it off with the keyboard and saves', async () => {
    const store = makeStore();
    const element = await exemptFixture(store);
    await openPreferences(element);
    switchFor(element, 'audience').focus();
    await sendKeys({ press: 'Space' });
    expect(switchFor(element, 'audience').checked).to.be.false;
    await expect(element).to.be.accessible();
    part(element, 'save-button')!.click();
    await waitUntil(() => store.record, 'the choices were not stored');
    expect(store.record?.purposes.audience).to.be.false;
    expect(store.record?.exempt).to.deep.equal(['audience']);
    expect(store.granted('audience')).to.be.false;
  });

  it('shows a non-objectable exempt purpose locked on, with no mention of objecting', async () => {
    const element = await exemptFixture(makeStore(), { objectable: false });
    expect(has(element, 'exempt-notice')).to.be.false;
    await openPreferences(element);
    const audience = switchFor(element, 'audience');
    expect([audience.checked, audience.disabled]).to.deep.equal([true, true]);
    expect(part(element, 'exempt')!.textContent).to.not.contain('object');
    await expect(element).to.be.accessible();
  });

  it('explains the exemption in French', async () => {
    const element = await exemptFixture(makeStore(), { lang: 'fr' });
    expect(plain(part(element, 'exempt-notice')!.textContent)).to.contain('vous pouvez vous y opposer');
    await openPreferences(element);
    expect(plain(part(element, 'exempt')!.textContent)).to.contain('exemption prévue par la CNIL');
  });
});
