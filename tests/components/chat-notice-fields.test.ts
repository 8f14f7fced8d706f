import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DiscretChatNotice } from '../../src/components/chat-notice/chat-notice.js';
import type { IndexedDBStorage } from '../../src/core/storage.js';
import { deleteDatabase, freshStorage } from '../core/helpers/test-database.js';
import { watchWarnings } from '../core/helpers/warnings.js';
import { notice, part, plain, said, tabTo } from './chat-notice-fixtures.js';

// What a real policy says about a conversation beyond the first notice:
// who reads it, which providers process it, on what legal basis, and a
// retention that is a criterion rather than one number (issue 11).

const spoken = (el: DiscretChatNotice) => plain(el.disclosureText());
/** The details as [label, value] pairs, in order. */
const details = (el: Element) =>
  [...part(el, 'details')!.querySelectorAll('dt')].map((dt) => [plain(dt.textContent), plain(dt.nextElementSibling!.textContent)]);

describe('<discret-chat-notice> recipients, processors, legal basis and retention in words', () => {
  let storage: IndexedDBStorage;
  let warnings: ReturnType<typeof watchWarnings>;

  beforeEach(() => {
    storage = freshStorage();
    warnings = watchWarnings();
  });

  afterEach(async () => {
    warnings.restore();
    await deleteDatabase(storage.database);
  });

  describe('recipients and processors', () => {
    it('shows who can read the conversations and which providers process them, in the details, after the retention', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage}
        lang="fr"
        controller="Fly Me"
        retention="P30D"
        recipients="Nos employés, lorsque c’est strictement nécessaire"
        processors="Microsoft Azure (hébergement)"
        storage="Union européenne"
      ></discret-chat-notice>`);
      expect(details(el)).to.deep.equal([
        ['Responsable du traitement', 'Fly Me'],
        ['Durée de conservation', '30 jours'],
        ['Qui peut lire vos échanges', 'Nos employés, lorsque c’est strictement nécessaire'],
        ['Prestataires (sous-traitants)', 'Microsoft Azure (hébergement)'],
        ['Lieu de stockage', 'Union européenne'],
      ]);
    });

    it('labels them in English on an English page', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" recipients="Our support team" processors="Microsoft Azure (hosting)"></discret-chat-notice>`);
      expect(details(el)).to.deep.equal([
        ['Who can read your conversations', 'Our support team'],
        ['Service providers (processors)', 'Microsoft Azure (hosting)'],
      ]);
    });

    it('renders them as text, never as HTML', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" recipients=${'<b>Support</b>'} processors=${'<img src=x>Azure'}></discret-chat-notice>`);
      expect(details(el)).to.deep.equal([
        ['Qui peut lire vos échanges', '<b>Support</b>'],
        ['Prestataires (sous-traitants)', '<img src=x>Azure'],
      ]);
      expect(part(el, 'details')!.querySelector('b, img')).to.equal(null);
    });

    it('leaves out a blank value rather than showing an empty row', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" recipients="  " processors=""></discret-chat-notice>`);
      expect(part(el, 'details')!.querySelector('dl')).to.equal(null);
      expect(warnings.discret).to.deep.equal([]);
    });
  });

  describe('legal basis', () => {
    const bases: [string, string, string][] = [
      ['consent', 'Consentement, que vous pouvez retirer à tout moment (RGPD, art. 6.1.a)', 'Consent, which you can withdraw at any time (GDPR, Art. 6(1)(a))'],
      ['contract', 'Exécution d’un contrat (RGPD, art. 6.1.b)', 'Performance of a contract (GDPR, Art. 6(1)(b))'],
      ['legal-obligation', 'Obligation légale (RGPD, art. 6.1.c)', 'Legal obligation (GDPR, Art. 6(1)(c))'],
      ['legitimate-interest', 'Intérêt légitime (RGPD, art. 6.1.f)', 'Legitimate interests (GDPR, Art. 6(1)(f))'],
    ];
    for (const [basis, fr, en] of bases) {
      it(`names legal-basis="${basis}" in the GDPR’s words, in French and in English`, async () => {
        const french = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" legal-basis=${basis}></discret-chat-notice>`);
        expect(details(french)).to.deep.equal([['Base légale', fr]]);
        const english = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" legal-basis=${basis}></discret-chat-notice>`);
        expect(details(english)).to.deep.equal([['Legal basis', en]]);
        expect(warnings.discret).to.deep.equal([]);
      });
    }

    it('places the legal basis after the purposes it is the basis of', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" purposes="Préparer votre voyage" legal-basis="contract" retention="P1Y"></discret-chat-notice>`);
      expect(details(el).map(([label]) => label)).to.deep.equal(['Finalités', 'Base légale', 'Durée de conservation']);
    });

    it('leaves out an unknown legal basis, with one warning that lists the four', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" legal-basis="vital-interest"></discret-chat-notice>`);
      el.requestUpdate();
      await el.updateComplete;
      expect(part(el, 'details')!.textContent).not.to.contain('Base légale');
      expect(spoken(el)).not.to.contain('repose sur');
      expect(warnings.discret).to.deep.equal([
        '[discret] <discret-chat-notice> legal-basis="vital-interest": not consent, contract, legitimate-interest or legal-obligation; legal basis not shown',
      ]);
    });

    it('lets a site reword the label and the basis through texts', async () => {
      const texts = { legalBasis: 'Fondement', legalBases: { contract: 'Votre contrat avec nous' }, basedOn: { contract: 'Nous traitons vos messages pour votre contrat.' } };
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} .texts=${texts} lang="fr" legal-basis="contract"></discret-chat-notice>`);
      expect(details(el)).to.deep.equal([['Fondement', 'Votre contrat avec nous']]);
      expect(spoken(el)).to.contain('Nous traitons vos messages pour votre contrat.');
    });

    it('does not take legal-basis="toString" for a known basis', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" legal-basis="toString"></discret-chat-notice>`);
      expect(part(el, 'details')!.textContent).not.to.contain('Legal basis');
      expect(warnings.discret).to.have.length(1);
    });
  });

  describe('retention: a duration or the site’s own words', () => {
    it('shows a retention written in words as the site wrote it, in the disclosure and the details, with no warning', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" retention="Tant que cela sera nécessaire au regard de votre demande"></discret-chat-notice>`);
      expect(said(el)).to.contain('Durée de conservation : Tant que cela sera nécessaire au regard de votre demande.');
      expect(said(el)).not.to.contain('conservés pendant');
      expect(details(el)).to.deep.equal([['Durée de conservation', 'Tant que cela sera nécessaire au regard de votre demande']]);
      expect(warnings.discret).to.deep.equal([]);
    });

    it('says it in English too, and does not add a full stop after one', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" retention="As long as your account is open."></discret-chat-notice>`);
      expect(said(el)).to.contain('Retention: As long as your account is open.');
      expect(said(el)).not.to.contain('open..');
    });

    it('renders a retention in words as text, never as HTML', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" retention=${'<i>tant que</i> nécessaire'}></discret-chat-notice>`);
      expect(said(el)).to.contain('<i>tant que</i> nécessaire');
      expect(el.shadowRoot!.querySelector('i')).to.equal(null);
    });

    for (const mistyped of ['P13X', '13M', 'P1.5Y', 'p1y', 'P', '30j']) {
      it(`takes retention="${mistyped}" for a mistyped duration: one warning, nothing shown`, async () => {
        const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" retention=${mistyped}></discret-chat-notice>`);
        el.requestUpdate();
        await el.updateComplete;
        expect(said(el)).not.to.contain(mistyped);
        expect(part(el, 'details')!.textContent).not.to.contain('Durée de conservation');
        expect(spoken(el)).not.to.contain(mistyped);
        expect(warnings.discret).to.deep.equal([
          `[discret] <discret-chat-notice> retention="${mistyped}": looks like a duration but is not ISO 8601 (P30D, P6M, P1Y); retention not shown`,
        ]);
      });
    }

    it('shows the retention note after the retention, as text', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage}
        lang="fr"
        retention="Tant que cela sera nécessaire"
        retention-note=${'Les éléments liés à la <b>facturation</b> sont conservés pendant la durée légale.'}
        storage="France"
      ></discret-chat-notice>`);
      expect(details(el)).to.deep.equal([
        ['Durée de conservation', 'Tant que cela sera nécessaire'],
        ['Exceptions à la durée de conservation', 'Les éléments liés à la <b>facturation</b> sont conservés pendant la durée légale.'],
        ['Lieu de stockage', 'France'],
      ]);
      expect(part(el, 'details')!.querySelector('b')).to.equal(null);
    });

    it('keeps the retention note out of the compact disclosure', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" retention="P1Y" retention-note="Invoices: 10 years."></discret-chat-notice>`);
      expect(said(el)).not.to.contain('Invoices');
      expect(details(el)).to.deep.equal([
        ['Retention', '1 year'],
        ['Exceptions to the retention period', 'Invoices: 10 years.'],
      ]);
    });

    it('states a voice call’s recording without a period when the retention is in words, then the retention', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" channel="voice" recording="summary" retention="Le temps du suivi de votre demande"></discret-chat-notice>`);
      expect(said(el)).to.contain(
        'L’appel n’est pas enregistré ; seul un résumé écrit est conservé. Durée de conservation : Le temps du suivi de votre demande.',
      );
    });
  });

  describe('disclosureText()', () => {
    it('speaks every field in French, short and in order: who answers, retention, exceptions, provider, legal basis, readers, providers, rights', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage}
        lang="fr"
        channel="voice"
        recording="summary"
        retention="P30D"
        retention-note="Hors obligations légales de conservation"
        controller="Vox"
        legal-basis="legitimate-interest"
        recipients="Le cabinet, pour le suivi de votre demande"
        processors="Vox (Scopes Consulting)"
        data="Un résumé écrit"
      ></discret-chat-notice>`);
      expect(spoken(el)).to.equal(
        'Vous parlez à un assistant vocal automatisé, une intelligence artificielle. ' +
          'L’appel n’est pas enregistré ; seul un résumé écrit est conservé pendant 30 jours. ' +
          'Exceptions à la durée de conservation : Hors obligations légales de conservation. ' +
          'Ce service est fourni par Vox. ' +
          'Ce traitement repose sur l’intérêt légitime du responsable du traitement. ' +
          'Qui peut lire vos échanges : Le cabinet, pour le suivi de votre demande. ' +
          'Prestataires (sous-traitants) : Vox (Scopes Consulting). ' +
          'Vous pouvez à tout moment demander l’accès à vos données ou leur suppression.',
      );
    });

    it('speaks them in English, a retention in words included', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage}
        lang="en"
        retention="As long as necessary"
        legal-basis="consent"
        recipients="Our support team"
        processors="Microsoft Azure (hosting)"
      ></discret-chat-notice>`);
      expect(spoken(el)).to.equal(
        'You are chatting with an automated assistant (artificial intelligence), not a person. ' +
          'Retention: As long as necessary. ' +
          'This processing is based on your consent, which you can withdraw at any time. ' +
          'Who can read your conversations: Our support team. ' +
          'Service providers (processors): Microsoft Azure (hosting). ' +
          'You can ask to access or delete your data at any time.',
      );
    });

    for (const [basis, fr, en] of [
      ['contract', 'Ce traitement repose sur l’exécution d’un contrat.', 'This processing is based on the performance of a contract.'],
      ['legal-obligation', 'Ce traitement repose sur une obligation légale.', 'This processing is based on a legal obligation.'],
    ]) {
      it(`says legal-basis="${basis}" in one sentence`, async () => {
        const french = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" legal-basis=${basis}></discret-chat-notice>`);
        expect(spoken(french)).to.contain(fr);
        const english = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" legal-basis=${basis}></discret-chat-notice>`);
        expect(spoken(english)).to.contain(en);
      });
    }
  });

  describe('the acknowledgement', () => {
    it('is asked again when who can read the conversations changes', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack recipients="Le support"></discret-chat-notice>`);
      await el.acknowledge();
      expect(el.acknowledged).to.equal(true);
      el.recipients = 'Le support et nos partenaires';
      await el.updateComplete;
      expect(el.acknowledged).to.equal(false);
    });
  });

  describe('accessibility', () => {
    for (const lang of ['fr', 'en']) {
      it(`is accessible expanded with every field (${lang}), opened and closed by keyboard`, async () => {
        const el = await notice(html`<discret-chat-notice .stateStorage=${storage}
          lang=${lang}
          controller="Fly Me"
          purposes="Voyage"
          legal-basis="contract"
          retention="Tant que nécessaire"
          retention-note="Factures : 10 ans"
          recipients="Employés formés, si strictement nécessaire"
          processors="Microsoft Azure (hébergement)"
          policy-href="/confidentialite"
          require-ack
        ></discret-chat-notice>`);
        await tabTo(el, 'more-button');
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        expect(part(el, 'details')!.hidden).to.equal(false);
        expect(details(el)).to.have.length(7);
        await expect(el).to.be.accessible();
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        expect(part(el, 'details')!.hidden).to.equal(true);
      });
    }
  });
});
