import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { DiscretChatNotice } from '../../src/components/chat-notice/chat-notice.js';
import { readAcknowledgement, readTrainingChoice, saveAcknowledgement } from '../../src/core/conversation/notice.js';
import type { IndexedDBStorage } from '../../src/core/storage.js';
import { durationInWords } from '../../src/i18n/chat.js';
import { deleteDatabase, freshStorage } from '../core/helpers/test-database.js';
import { watchWarnings } from '../core/helpers/warnings.js';
import { notice, part, plain, said, tabTo } from './chat-notice-fixtures.js';

const text = (el: Element) => plain(el.shadowRoot!.textContent).replace(/\s+/g, ' ');

const placed: HTMLElement[] = [];

/**
 * A plain <div> in the page, removed after the test. Not open-wc's `fixture`:
 * for an element that is not a Lit element it waits for an animation frame,
 * and frames never come while the runner keeps this page in the background
 * (it runs two test files at once).
 */
function placeholder(lang?: string): HTMLElement {
  const div = document.createElement('div');
  if (lang) div.lang = lang;
  document.body.append(div);
  placed.push(div);
  return div;
}

afterEach(() => {
  for (const div of placed.splice(0)) div.remove();
});

describe('<discret-chat-notice>', () => {
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

  describe('disclosure', () => {
    it('says it is an AI before the first message, visibly, as soon as it renders', async () => {
      const el = await fixture<DiscretChatNotice>(html`<discret-chat-notice .stateStorage=${storage} lang="fr"></discret-chat-notice>`);
      const disclosure = part(el, 'disclosure')!;
      expect(disclosure.textContent).to.contain('Vous échangez avec un assistant automatisé (intelligence artificielle), pas avec une personne.');
      expect(disclosure.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(getComputedStyle(disclosure).visibility).to.equal('visible');
    });

    it('says it in English for an English page', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en"></discret-chat-notice>`);
      expect(said(el)).to.contain('You are chatting with an automated assistant (artificial intelligence), not a person.');
    });

    it('tells a human adviser and a hybrid service apart', async () => {
      const human = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" assistant="human"></discret-chat-notice>`);
      expect(part(human, 'disclosure')!.textContent).to.contain('Vous échangez avec un conseiller humain.');
      const hybrid = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" assistant="hybrid"></discret-chat-notice>`);
      expect(part(hybrid, 'disclosure')!.textContent).to.contain('An automated assistant (artificial intelligence) answers first; a human adviser may take over.');
    });

    it('presents an unknown assistant kind as an AI, with one warning', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" assistant="robot"></discret-chat-notice>`);
      expect(said(el)).to.contain('automated assistant');
      expect(warnings.discret).to.deep.equal([
        '[discret] <discret-chat-notice> assistant="robot": not ai, human or hybrid; the assistant is presented as an AI',
      ]);
    });

    it('is compact by default: details hidden behind a collapsed "learn more" button', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" controller="Fly Me"></discret-chat-notice>`);
      const more = part(el, 'more-button')!;
      expect(more.tagName).to.equal('BUTTON');
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      expect(more.getAttribute('aria-controls')).to.equal('details');
      expect(part(el, 'details')!.hidden).to.equal(true);
    });

    it('expands and collapses the details by keyboard', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" controller="Fly Me" data="Destinations, dates de voyage"></discret-chat-notice>`);
      await tabTo(el, 'more-button');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(part(el, 'more-button')!.getAttribute('aria-expanded')).to.equal('true');
      expect(part(el, 'details')!.hidden).to.equal(false);
      expect(part(el, 'details')!.textContent).to.contain('Fly Me');
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(part(el, 'more-button')!.getAttribute('aria-expanded')).to.equal('false');
      expect(part(el, 'details')!.hidden).to.equal(true);
    });

    it('lists controller, data, purposes, retention, storage and transfers in the details, as text', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage}
        lang="fr"
        controller="Fly Me"
        data=${'<b>Destinations</b>'}
        purposes="Préparer votre voyage"
        retention="P1Y"
        storage="Union européenne"
        transfers="Aucun"
      ></discret-chat-notice>`);
      const details = part(el, 'details')!;
      const pairs = [...details.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]);
      expect(pairs.map(([label, value]) => [label, plain(value)])).to.deep.equal([
        ['Responsable du traitement', 'Fly Me'],
        ['Données collectées', '<b>Destinations</b>'],
        ['Finalités', 'Préparer votre voyage'],
        ['Durée de conservation', '1 an'],
        ['Lieu de stockage', 'Union européenne'],
        ['Transferts hors de l’Union européenne', 'Aucun'],
      ]);
      expect(details.querySelector('b')).to.equal(null);
    });

    it('links the policy, the rights address and the CNIL’s complaint page', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" policy-href="/confidentialite" rights-email="dpo@flyme.example"></discret-chat-notice>`);
      const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => [a.textContent!.replace(/\s+/g, ' ').trim(), a.getAttribute('href')]);
      expect(links).to.deep.equal([
        ['Politique de confidentialité (nouvel onglet)', '/confidentialite'],
        ['Exercer vos droits (dpo@flyme.example)', 'mailto:dpo@flyme.example'],
        ['Réclamation auprès de l’autorité de contrôle (CNIL) (nouvel onglet)', 'https://www.cnil.fr/fr/plaintes'],
      ]);
    });

    it('leaves out a javascript: link and a malformed e-mail, with one warning each', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" policy-href="javascript:alert(1)" rights-email="not an address" authority="none"></discret-chat-notice>`);
      expect(el.shadowRoot!.querySelectorAll('a')).to.have.length(0);
      expect(warnings.discret).to.deep.equal([
        '[discret] <discret-chat-notice> policy-href="javascript:alert(1)": only http(s) or relative URLs are allowed; link left out',
        '[discret] <discret-chat-notice> rights-email="not an address": not an e-mail address; link left out',
      ]);
    });

    it('follows a change of lang', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" retention="P30D"></discret-chat-notice>`);
      el.setAttribute('lang', 'en');
      await el.updateComplete;
      expect(said(el)).to.contain('Your messages are kept for 30 days.');
    });
  });

  describe('retention in words', () => {
    const cases: [string, string, string][] = [
      ['P1Y', '1 an', '1 year'],
      ['P30D', '30 jours', '30 days'],
      ['P6M', '6 mois', '6 months'],
      ['P2W', '2 semaines', '2 weeks'],
      ['P1Y6M', '1 an et 6 mois', '1 year and 6 months'],
    ];
    for (const [iso, fr, en] of cases) {
      it(`shows ${iso} as "${fr}" and "${en}"`, async () => {
        const french = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" retention=${iso}></discret-chat-notice>`);
        expect(said(french)).to.contain(`Vos messages sont conservés pendant ${fr}.`);
        const english = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" retention=${iso}></discret-chat-notice>`);
        expect(said(english)).to.contain(`Your messages are kept for ${en}.`);
      });
    }

    it('warns once about a value that looks like a duration but is not ISO 8601, and states no retention', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" retention="P1X"></discret-chat-notice>`);
      expect(text(el)).not.to.contain('conservés');
      expect(text(el)).not.to.contain('Durée de conservation');
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings.discret).to.deep.equal([
        '[discret] <discret-chat-notice> retention="P1X": looks like a duration but is not ISO 8601 (P30D, P6M, P1Y); retention not shown',
      ]);
    });

    it('durationInWords refuses empty and malformed durations', () => {
      for (const bad of ['', 'P', 'PT', '1Y', 'P1.5Y', 'P1YT', 'one year']) expect(durationInWords(bad, 'fr'), bad).to.equal(null);
      expect(plain(durationInWords('PT48H', 'fr'))).to.equal('48 heures');
    });
  });

  describe('voice', () => {
    it('speaks the disclosure in French at call start, with recording and retention in words', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" channel="voice" recording="summary" retention="P30D" controller="Vox"></discret-chat-notice>`);
      expect(plain(el.disclosureText())).to.equal(
        'Vous parlez à un assistant vocal automatisé, une intelligence artificielle. ' +
          'L’appel n’est pas enregistré ; seul un résumé écrit est conservé pendant 30 jours. ' +
          'Ce service est fourni par Vox. ' +
          'Vous pouvez à tout moment demander l’accès à vos données ou leur suppression.',
      );
    });

    it('speaks it in English', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" channel="voice" recording="none" retention="P1Y"></discret-chat-notice>`);
      expect(plain(el.disclosureText())).to.equal(
        'You are talking to an automated voice assistant, an artificial intelligence. ' +
          'The call is not recorded; what you say is kept for 1 year. ' +
          'You can ask to access or delete your data at any time.',
      );
    });

    it('says a full recording plainly, and shows the recording in the details', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" channel="voice" recording="full" retention="P6M"></discret-chat-notice>`);
      expect(said(el)).to.contain('L’appel est enregistré et conservé pendant 6 mois.');
      expect(part(el, 'details')!.textContent).to.contain('Enregistrement');
    });

    it('states no recording for an unknown recording value, with one warning', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" channel="voice" recording="maybe"></discret-chat-notice>`);
      expect(el.disclosureText()).not.to.contain('record');
      expect(warnings.discret).to.deep.equal(['[discret] <discret-chat-notice> recording="maybe": not none, summary or full; recording not stated']);
    });
  });

  describe('acknowledgement', () => {
    it('asks before chatting and is not acknowledged until the visitor answers', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack retention="P1Y"></discret-chat-notice>`);
      expect(el.acknowledged).to.equal(false);
      expect(part(el, 'ack-button')!.textContent).to.equal('J’ai compris');
    });

    it('counts as acknowledged when no acknowledgement is required', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr"></discret-chat-notice>`);
      expect(el.acknowledged).to.equal(true);
      expect(part(el, 'ack-button')).to.equal(null);
    });

    it('stores the text’s hash and a timestamp when acknowledged by keyboard, and fires the event', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack notice-id="flyme" retention="P1Y"></discret-chat-notice>`);
      const before = Date.now();
      await tabTo(el, 'ack-button');
      const event = oneEvent(el, 'discret-notice-acknowledged');
      await sendKeys({ press: 'Enter' });
      const { detail } = await event;
      const stored = await readAcknowledgement('flyme', storage);
      expect(stored).to.deep.equal(detail);
      expect(stored!.hash).to.equal(el.noticeHash);
      expect(stored!.hash).to.match(/^[0-9a-f]{16}$/);
      expect(Date.parse(stored!.acknowledgedAt)).to.be.within(before - 1, Date.now());
      expect(el.acknowledged).to.equal(true);
      await el.updateComplete;
      expect(part(el, 'ack-button')).to.equal(null);
      expect(plain(part(el, 'status')!.textContent)).to.equal('C’est noté : vous pouvez commencer.');
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'status'));
    });

    it('is not asked again for the same text', async () => {
      const first = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack retention="P1Y"></discret-chat-notice>`);
      await first.acknowledge();
      const again = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack retention="P1Y"></discret-chat-notice>`);
      expect(again.acknowledged).to.equal(true);
      expect(part(again, 'ack-button')).to.equal(null);
    });

    it('is asked again when the text changes', async () => {
      const first = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack retention="P1Y"></discret-chat-notice>`);
      await first.acknowledge();
      const changed = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack retention="P2Y"></discret-chat-notice>`);
      expect(changed.acknowledged).to.equal(false);
      expect(part(changed, 'ack-button')).not.to.equal(null);
    });

    it('is asked again when the text changes on the page', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack retention="P1Y"></discret-chat-notice>`);
      await el.acknowledge();
      el.retention = 'P3Y';
      await el.updateComplete;
      expect(el.acknowledged).to.equal(false);
      expect(part(el, 'ack-button')).not.to.equal(null);
    });

    it('ignores a malformed stored acknowledgement, with a warning, and asks', async () => {
      await storage.set('ack:chat', { hash: 42 });
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack></discret-chat-notice>`);
      expect(el.acknowledged).to.equal(false);
      expect(warnings.discret).to.deep.equal(['[discret] stored acknowledgement "ack:chat" is malformed; the visitor will be asked again']);
    });

    it('keeps notices apart by notice-id', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack notice-id="sales"></discret-chat-notice>`);
      await saveAcknowledgement('support', el.noticeHash, storage);
      const fresh = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack notice-id="sales"></discret-chat-notice>`);
      expect(fresh.acknowledged).to.equal(false);
    });
  });

  describe('training', () => {
    it('shows no switch without the training attribute', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr"></discret-chat-notice>`);
      expect(part(el, 'training-switch')).to.equal(null);
      expect(el.trainingAllowed).to.equal(null);
    });

    it('opt-in: off by default; turned on by keyboard, the choice is stored and announced', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" training="opt-in" notice-id="flyme"></discret-chat-notice>`);
      const toggle = part(el, 'training-switch') as HTMLInputElement;
      expect(toggle.getAttribute('role')).to.equal('switch');
      expect(toggle.checked).to.equal(false);
      expect(el.trainingAllowed).to.equal(false);
      await tabTo(el, 'training-switch');
      const event = oneEvent(el, 'discret-training-choice-change');
      await sendKeys({ press: 'Space' });
      const { detail } = await event;
      expect(detail).to.include({ noticeId: 'flyme', allowed: true, mode: 'opt-in' });
      expect(await readTrainingChoice('flyme', storage)).to.deep.equal(detail);
      expect(el.trainingAllowed).to.equal(true);
    });

    it('opt-out: on by default, and the visitor can object', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" training="opt-out"></discret-chat-notice>`);
      const toggle = part(el, 'training-switch') as HTMLInputElement;
      expect(toggle.checked).to.equal(true);
      expect(el.trainingAllowed).to.equal(true);
      expect(text(el)).to.contain('On by default: you can object at any time by turning it off.');
      expect(await readTrainingChoice('chat', storage)).to.equal(null);
      toggle.click();
      await oneEvent(el, 'discret-training-choice-change');
      expect(el.trainingAllowed).to.equal(false);
      expect(await readTrainingChoice('chat', storage)).to.include({ allowed: false, mode: 'opt-out' });
    });

    it('keeps the stored choice on the next visit', async () => {
      const first = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" training="opt-in"></discret-chat-notice>`);
      await first.chooseTraining(true);
      const again = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" training="opt-in"></discret-chat-notice>`);
      expect(again.trainingAllowed).to.equal(true);
      expect((part(again, 'training-switch') as HTMLInputElement).checked).to.equal(true);
    });

    it('treats an unknown training mode as opt-in, with one warning', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" training="yes"></discret-chat-notice>`);
      expect((part(el, 'training-switch') as HTMLInputElement).checked).to.equal(false);
      expect(warnings.discret).to.deep.equal([
        '[discret] <discret-chat-notice> training="yes": not opt-in or opt-out; opt-in assumed (off until the visitor turns it on)',
      ]);
    });
  });

  describe('inside another element’s shadow root', () => {
    it('renders, expands by keyboard and records the acknowledgement', async () => {
      const host = placeholder('fr');
      const root = host.attachShadow({ mode: 'open' });
      const el = document.createElement('discret-chat-notice');
      el.stateStorage = storage;
      el.requireAck = true;
      el.retention = 'P30D';
      root.append(el);
      await el.ready;
      await el.updateComplete;
      expect(said(el)).to.contain('conservés pendant 30 jours');
      await tabTo(el, 'more-button');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(part(el, 'details')!.hidden).to.equal(false);
      await tabTo(el, 'ack-button');
      // Composed: the page hears it through the widget's shadow root.
      const heard = oneEvent(document, 'discret-notice-acknowledged');
      await sendKeys({ press: 'Enter' });
      expect((await heard).detail.hash).to.equal(el.noticeHash);
      expect(el.acknowledged).to.equal(true);
      expect((await readAcknowledgement('chat', storage))?.hash).to.equal(el.noticeHash);
    });
  });

  describe('accessibility', () => {
    for (const lang of ['fr', 'en']) {
      const full = () => html`<discret-chat-notice .stateStorage=${storage}
        lang=${lang}
        controller="Fly Me"
        data="Destinations"
        purposes="Voyage"
        retention="P1Y"
        storage="France"
        transfers="Aucun"
        policy-href="/confidentialite"
        rights-email="dpo@flyme.example"
        training="opt-in"
        require-ack
      ></discret-chat-notice>`;

      it(`is accessible compact (${lang})`, async () => {
        const el = await notice(full());
        await expect(el).to.be.accessible();
      });

      it(`is accessible expanded (${lang})`, async () => {
        const el = await notice(full());
        part(el, 'more-button')!.click();
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });

      it(`is accessible once acknowledged (${lang})`, async () => {
        const el = await notice(full());
        part(el, 'ack-button')!.click();
        await oneEvent(el, 'discret-notice-acknowledged');
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });

      it(`is accessible for a voice agent (${lang})`, async () => {
        const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang=${lang} channel="voice" recording="summary" retention="P30D"></discret-chat-notice>`);
        part(el, 'more-button')!.click();
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });
    }

    it('gives every control a target of at least 24×24 px', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" training="opt-in" require-ack policy-href="/p"></discret-chat-notice>`);
      part(el, 'more-button')!.click();
      await el.updateComplete;
      for (const control of el.shadowRoot!.querySelectorAll('button, input, a')) {
        const { width, height } = control.getBoundingClientRect();
        expect(width, control.outerHTML).to.be.at.least(24);
        expect(height, control.outerHTML).to.be.at.least(24);
      }
    });
  });

  describe('reliability: misconfiguration — enumerated attributes named like Object.prototype members', () => {
    for (const value of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      it(`presents assistant="${value}" as an AI, with one warning`, async () => {
        const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="en" assistant=${value} retention="P1Y"></discret-chat-notice>`);
        expect(said(el)).to.equal('You are chatting with an automated assistant (artificial intelligence), not a person. Your messages are kept for 1 year.');
        expect(plain(el.disclosureText())).to.match(/^You are chatting with an automated assistant \(artificial intelligence\)/);
        expect(warnings.discret).to.deep.equal([
          `[discret] <discret-chat-notice> assistant="${value}": not ai, human or hybrid; the assistant is presented as an AI`,
        ]);
        await expect(el).to.be.accessible();
      });
    }

    for (const value of ['toString', 'valueOf', 'constructor', '__proto__']) {
      it(`states no recording for recording="${value}", still says an AI answers, with one warning`, async () => {
        const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" channel="voice" recording=${value} retention="P30D"></discret-chat-notice>`);
        expect(said(el)).to.equal('Vous parlez à un assistant vocal automatisé, une intelligence artificielle. Vos messages sont conservés pendant 30 jours.');
        expect(el.disclosureText()).not.to.match(/object|function|native code|undefined/);
        expect(part(el, 'details')!.textContent).not.to.contain('Enregistrement');
        expect(warnings.discret).to.deep.equal([`[discret] <discret-chat-notice> recording="${value}": not none, summary or full; recording not stated`]);
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('reliability: what a newcomer hit — the training switch', () => {
    afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

    /** The preferences' switch of a `<discret-consent>`, for comparison. */
    async function consentSwitch(): Promise<HTMLInputElement> {
      await import('../../src/define/discret-consent.js');
      await import('../../src/define/discret-purpose.js');
      const { ConsentStore } = await import('../../src/core/consent-store.js');
      const { MemoryStorage } = await import('../../src/core/storage.js');
      const store = new ConsentStore({ storage: new MemoryStorage(), channel: null, announce: null });
      const consent = await fixture<HTMLElement & { store: unknown; showPreferences(): Promise<void> }>(
        html`<discret-consent .store=${store} revision="1" lang="fr"><discret-purpose name="analytics" label="Audience"></discret-purpose></discret-consent>`,
      );
      await store.ready;
      await consent.showPreferences();
      return consent.shadowRoot!.querySelector<HTMLInputElement>('input[data-key="analytics"]')!;
    }

    const look = (input: Element, pseudo?: string) => {
      const style = getComputedStyle(input, pseudo);
      return {
        appearance: style.appearance,
        width: style.width,
        height: style.height,
        borderRadius: style.borderRadius,
        borderWidth: style.borderWidth,
        content: style.content,
      };
    };

    it('is drawn as a switch, like the consent preferences’ switches: a track and a thumb', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" training="opt-in"></discret-chat-notice>`);
      const toggle = part(el, 'training-switch')!;
      const reference = await consentSwitch();
      expect(look(toggle)).to.deep.equal(look(reference));
      expect(look(toggle, '::before')).to.deep.equal(look(reference, '::before'));
      expect(look(toggle).appearance).to.equal('none');
      expect(look(toggle, '::before').content).to.equal('""');
    });

    it('shows its state: the accent and the thumb at the end once on, at once under reduced motion', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" training="opt-in"></discret-chat-notice>`);
      const toggle = part(el, 'training-switch') as HTMLInputElement;
      const off = [getComputedStyle(toggle).backgroundColor, getComputedStyle(toggle, '::before').insetInlineStart];
      toggle.click();
      await oneEvent(el, 'discret-training-choice-change');
      await el.updateComplete;
      const on = [getComputedStyle(toggle).backgroundColor, getComputedStyle(toggle, '::before').insetInlineStart];
      expect(off[0], 'off: the surface').to.equal('rgb(246, 247, 249)');
      expect(on[0], 'on: the accent').to.equal('rgb(29, 78, 216)');
      expect(on[1], 'the thumb moved').not.to.equal(off[1]);
      await expect(el).to.be.accessible();
    });

    it('shows a focus ring when reached by keyboard', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" training="opt-in"></discret-chat-notice>`);
      await tabTo(el, 'training-switch');
      const style = getComputedStyle(part(el, 'training-switch')!);
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    });

    it('is a target of at least 24×24 px, label included', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" training="opt-in"></discret-chat-notice>`);
      const { width, height } = part(el, 'training-switch')!.getBoundingClientRect();
      expect(width).to.be.at.least(24);
      expect(height).to.be.at.least(24);
    });

    it('keeps its state visible in forced colors: track and thumb in system colours', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" training="opt-in"></discret-chat-notice>`);
      const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
      const forced = rules
        .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors: active'))
        .flatMap((rule) => [...rule.cssRules] as CSSStyleRule[]);
      const switchRules = forced.filter((rule) => el.shadowRoot!.querySelector('[part="training-switch"]')!.matches(rule.selectorText.replace(/::before|:checked/g, '')));
      const text = switchRules.map((rule) => rule.cssText).join('\n');
      expect(text).to.contain('forced-color-adjust: none');
      expect(text).to.match(/:checked[^{]*\{[^}]*highlight/i);
      expect(text).to.match(/::before[^{]*\{[^}]*canvastext/i);
    });
  });

  describe('reliability: what a newcomer hit — the notice after "J’ai compris"', () => {
    it('collapses the details, keeps focus in the notice on the confirmation, and spaces it from what is above', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" require-ack training="opt-in" controller="Fly Me" retention="P1Y"></discret-chat-notice>`);
      await tabTo(el, 'more-button');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(part(el, 'details')!.hidden).to.equal(false);
      await tabTo(el, 'ack-button');
      const acknowledged = oneEvent(el, 'discret-notice-acknowledged');
      await sendKeys({ press: 'Enter' });
      await acknowledged;
      await el.updateComplete;
      expect(part(el, 'more-button')!.getAttribute('aria-expanded')).to.equal('false');
      expect(part(el, 'details')!.hidden).to.equal(true);
      await waitUntil(() => el.shadowRoot!.activeElement !== null, 'focus left the notice');
      expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('status');
      const status = part(el, 'status')!;
      const above = part(el, 'training')!;
      const gap = status.getBoundingClientRect().top - above.getBoundingClientRect().bottom;
      expect(gap, 'space between the training switch and the confirmation').to.be.at.least(8);
      const box = part(el, 'notice')!.getBoundingClientRect();
      const below = box.bottom - status.getBoundingClientRect().bottom;
      expect(below, 'space between the confirmation and the bottom of the notice').to.be.within(8, 16);
      await expect(el).to.be.accessible();
    });

    it('collapses the details when acknowledged in code, moving focus out of them to "learn more"', async () => {
      const el = await notice(html`<discret-chat-notice .stateStorage=${storage} lang="fr" policy-href="/confidentialite"></discret-chat-notice>`);
      part(el, 'more-button')!.click();
      await el.updateComplete;
      el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="link"]')!.focus();
      await el.acknowledge();
      await el.updateComplete;
      expect(part(el, 'details')!.hidden).to.equal(true);
      expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('more-button');
    });
  });
});
