import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import type { DiscretConsent } from '../../src/components/consent/consent.js';
import type { DiscretConsentButton } from '../../src/components/consent-button/consent-button.js';
import type { DiscretChatNotice } from '../../src/components/chat-notice/chat-notice.js';
import type { DiscretDeleteConversation } from '../../src/components/delete-conversation/delete-conversation.js';
import type { DiscretPrivacyCenter } from '../../src/components/privacy-center/privacy-center.js';
import '../../src/define/discret-chat-notice.js';
import '../../src/define/discret-delete-conversation.js';
import '../../src/define/discret-privacy-center.js';
import { inspectPage } from '../../src/core/decisions.js';
import { chatTranslations } from '../../src/i18n/chat.js';
import { embedTranslation } from '../../src/i18n/embed.js';
import { LOCALES } from '../../src/i18n/locale.js';
import { privacyTranslations } from '../../src/i18n/privacy.js';
import { consentTranslation } from '../../src/i18n/translation.js';
import { freshStorage, deleteDatabase } from '../core/helpers/test-database.js';
import { captureWarnings, cleanUp, makeStore, openPreferences, part, plain, settled, switchFor } from './consent-fixtures.js';

/**
 * A bilingual site writes its purposes once: `label-en`, `description-en`
 * and `text-<key>-en` next to the French ones, and the element's language
 * picks. When the page switches language (`<html lang>` changes), every
 * element speaks the new one without being reloaded.
 */

const page = document.documentElement;
const pageLang = page.lang;
const shadowText = (element: Element) => plain(element.shadowRoot!.textContent).replace(/\s+/g, ' ');

async function bilingual(lang?: string): Promise<DiscretConsent> {
  const store = makeStore();
  const element = await fixture<DiscretConsent>(html`
    <discret-consent .store=${store} revision="1" lang=${lang ?? ''} text-accept-all="Oui à tout" text-accept-all-en="Yes to all">
      <discret-purpose name="audience" label="Mesure d’audience" label-en="Audience measurement" description="Compte les visites." description-en="Counts visits.">
        <discret-service name="matomo" label="Matomo auto-hébergé" label-en="Self-hosted Matomo"></discret-service>
      </discret-purpose>
      <discret-purpose name="marketing" label="Publicité" label-en="Advertising"></discret-purpose>
    </discret-consent>
  `);
  if (!lang) element.removeAttribute('lang');
  await settled(element, store);
  return element;
}

describe('one block in several languages', () => {
  afterEach(async () => {
    page.lang = pageLang;
    await cleanUp();
  });

  it('shows the English labels, descriptions and texts to an English visitor', async () => {
    const element = await bilingual('en');
    expect(plain(part(element, 'text')!.textContent)).to.contain('“Audience measurement” and “Advertising”');
    expect(part(element, 'accept-button')!.textContent).to.equal('Yes to all');
    await openPreferences(element);
    const audience = switchFor(element, 'audience');
    expect(element.shadowRoot!.querySelector(`label[for="${audience.id}"]`)!.textContent).to.equal('Audience measurement');
    expect(shadowText(element)).to.contain('Counts visits.');
    expect(shadowText(element)).to.contain('Self-hosted Matomo');
    expect(shadowText(element)).to.not.contain('Mesure d’audience');
    await expect(element).to.be.accessible();
  });

  it('shows the plain attributes to a French visitor', async () => {
    const element = await bilingual('fr');
    expect(plain(part(element, 'text')!.textContent)).to.contain('« Mesure d’audience » et « Publicité »');
    expect(part(element, 'accept-button')!.textContent).to.equal('Oui à tout');
    await openPreferences(element);
    expect(shadowText(element)).to.contain('Compte les visites.');
    expect(shadowText(element)).to.not.contain('Audience measurement');
  });

  it('takes the same fields from a JSON configuration: `labelEn`, `descriptionEn`, `acceptAllEn`', async () => {
    const store = makeStore();
    const config = {
      revision: '1',
      purposes: [{ name: 'audience', label: 'Mesure d’audience', labelEn: 'Audience measurement', descriptionEn: 'Counts visits.' }],
      texts: { acceptAll: 'Oui à tout', acceptAllEn: 'Yes to all' },
    };
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${store} lang="en"><script type="application/json">${JSON.stringify(config)}</script></discret-consent>
    `);
    await settled(element, store);
    expect(plain(part(element, 'text')!.textContent)).to.contain('“Audience measurement”');
    expect(part(element, 'accept-button')!.textContent).to.equal('Yes to all');
  });

  it('switches the banner and its labels when the page’s language changes', async () => {
    page.lang = 'fr';
    const element = await bilingual();
    expect(part(element, 'reject-button')!.textContent).to.equal('Tout refuser');
    page.lang = 'en';
    await waitUntil(() => part(element, 'reject-button')!.textContent === 'Reject all', 'the banner stayed French');
    expect(plain(part(element, 'text')!.textContent)).to.contain('“Audience measurement” and “Advertising”');
    expect(part(element, 'accept-button')!.textContent).to.equal('Yes to all');
  });

  it('switches the consent button, the chat notice, the delete control and the privacy centre when the page’s language changes', async () => {
    page.lang = 'fr';
    const store = makeStore();
    store.configure({ revision: '1', purposes: [{ name: 'audience', label: 'Mesure d’audience', labelEn: 'Audience measurement' } as never] });
    const storage = freshStorage();
    // Not open-wc's `fixture`, which waits for an animation frame after plain markup: frames never come to a page in the background.
    const holder = document.createElement('div');
    render(
      html`<discret-consent-button .store=${store}></discret-consent-button>
        <discret-chat-notice controller="Fly Me" .stateStorage=${storage}></discret-chat-notice>
        <discret-delete-conversation .stateStorage=${storage} conversation-id="c-1"></discret-delete-conversation>
        <discret-privacy-center .store=${store} .stateStorage=${storage}></discret-privacy-center>`,
      holder,
    );
    document.body.append(holder);
    const [button, notice, deletion, center] = [...holder.children] as [DiscretConsentButton, DiscretChatNotice, DiscretDeleteConversation, DiscretPrivacyCenter];
    await store.ready;
    await store.decide({ audience: true });
    await center.ready;
    await waitUntil(() => shadowText(center).includes('Mesure d’audience'), 'the privacy centre did not show the choice');
    await notice.ready;
    const before = [button, notice, deletion, center].map(shadowText);
    expect(before[0]).to.contain('Gérer les cookies');
    page.lang = 'en';
    await waitUntil(() => shadowText(button).includes('Cookie settings'), 'the consent button stayed French');
    await waitUntil(() => shadowText(notice) !== before[1] && shadowText(notice).includes('automated assistant'), 'the chat notice stayed French');
    await waitUntil(() => shadowText(deletion) !== before[2], 'the delete control stayed French');
    await waitUntil(() => shadowText(center) !== before[3], 'the privacy centre stayed French');
    expect(shadowText(center)).to.contain('Audience measurement');
    holder.remove();
    await deleteDatabase(storage.database).catch(() => {});
  });

  it('takes `label-en` and `description-en` as attributes it reads, with no warning', async () => {
    const doc = document.implementation.createHTMLDocument();
    doc.body.innerHTML = `<discret-consent revision="1"><discret-purpose name="audience" label="Mesure" label-en="Audience" description-en="Counts visits." lable-en="typo">
      <discret-service name="matomo" label-en="Matomo"></discret-service></discret-purpose></discret-consent>`;
    const store = makeStore();
    store.configure({ revision: '1', purposes: [{ name: 'audience', services: [{ name: 'matomo' }] }] });
    const warnings = captureWarnings();
    try {
      inspectPage(store, doc);
    } finally {
      warnings.restore();
    }
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.contain('lable-en');
  });

  it('never mistakes a text key with a language suffix for another key', () => {
    const families = LOCALES.map((locale) => [consentTranslation(locale), chatTranslations[locale], privacyTranslations[locale], embedTranslation(locale)]);
    for (const strings of families.flat()) {
      const keys = Object.keys(strings);
      for (const key of keys) for (const locale of LOCALES) expect(keys, `${key} + ${locale}`).to.not.include(key + locale[0].toUpperCase() + locale.slice(1));
    }
  });

  it('gives the chat notice’s own texts in the visitor’s language: `recipients-en`, `retention-en`, `data-en`', async () => {
    const storage = freshStorage();
    const notice = (lang: string) => fixture<DiscretChatNotice>(html`<discret-chat-notice lang=${lang} controller="Fly Me" .stateStorage=${storage}
      data="Destinations et dates" data-en="Destinations and dates"
      retention="tant que nécessaire au voyage" retention-en="as long as the trip needs"
      recipients="Nos conseillers" recipients-en="Our advisers"></discret-chat-notice>`);
    const english = await notice('en');
    await english.ready;
    expect(english.disclosureText()).to.contain('as long as the trip needs');
    expect(english.disclosureText()).to.contain('Our advisers');
    expect(english.disclosureText()).to.not.contain('Nos conseillers');
    part(english, 'more-button')!.click();
    await english.updateComplete;
    expect(shadowText(english)).to.contain('Destinations and dates');
    await expect(english).to.be.accessible();
    const french = await notice('fr');
    await french.ready;
    expect(french.disclosureText()).to.contain('Nos conseillers');
    expect(french.disclosureText()).to.contain('tant que nécessaire au voyage');
    await deleteDatabase(storage.database).catch(() => {});
  });

  it('keeps an acknowledgement when the page switches language: the same notice in another language', async () => {
    page.lang = 'fr';
    const storage = freshStorage();
    const notice = await fixture<DiscretChatNotice>(html`<discret-chat-notice require-ack controller="Fly Me" recipients="Nos conseillers" recipients-en="Our advisers" .stateStorage=${storage}></discret-chat-notice>`);
    await notice.ready;
    await notice.acknowledge();
    expect(notice.acknowledged).to.be.true;
    page.lang = 'en';
    await waitUntil(() => shadowText(notice).includes('automated assistant'), 'the notice stayed French');
    expect(notice.acknowledged, 'acknowledged again after a change of language').to.be.true;
    expect(part(notice, 'ack-button')).to.equal(null);
    notice.setAttribute('recipients-en', 'Our advisers and partners');
    await notice.updateComplete;
    expect(notice.acknowledged, 'a changed text is acknowledged again').to.be.false;
    await deleteDatabase(storage.database).catch(() => {});
  });
});
