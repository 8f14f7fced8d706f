import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { DiscretConsent } from '../../src/components/consent/consent.js';
import type { ConsentStore } from '../../src/core/consent-store.js';
import {
  cleanUp,
  consentFixture,
  deepActive,
  demoConsentFixture,
  FIXTURE_PURPOSES,
  focusedPart,
  has,
  makeStore,
  openPreferences,
  part,
  parts,
  plain,
  recordEvents,
  returningStore,
  settled,
  size,
  switchFor,
} from './consent-fixtures.js';

/** Opens the preferences the way a script or `<discret-consent-button>` does. */
async function requestPreferences(element: DiscretConsent): Promise<HTMLDialogElement> {
  const shown = oneEvent(element, 'discret-preferences-show');
  element.store.showPreferences();
  await shown;
  return part<HTMLDialogElement>(element, 'dialog')!;
}

describe('<discret-consent> preferences', () => {
  afterEach(cleanUp);

  it('opens as a modal <dialog> from "Customise", with focus inside', async () => {
    const element = await consentFixture(makeStore());
    const events = recordEvents('discret-preferences-show');
    const dialog = await openPreferences(element);
    events.stop();
    expect(dialog.localName).to.equal('dialog');
    expect(dialog.matches(':modal')).to.be.true;
    expect(dialog.getAttribute('aria-labelledby')).to.equal('preferences-title');
    expect(part(element, 'dialog-title')!.textContent).to.equal('Privacy preferences');
    expect(dialog.contains(deepActive())).to.be.true;
    expect(events.types).to.deep.equal(['discret-preferences-show']);
  });

  it('opens on store.showPreferences(), even for a returning visitor with no banner', async () => {
    const element = await consentFixture(await returningStore({ analytics: true, marketing: false }));
    expect(has(element, 'banner')).to.be.false;
    const dialog = await requestPreferences(element);
    expect(dialog.open).to.be.true;
  });

  it('shows a labelled switch per purpose and per service, with "necessary" locked on', async () => {
    const element = await consentFixture(makeStore());
    await openPreferences(element);
    const switches = parts<HTMLInputElement>(element, 'switch');
    expect(switches.map((input) => input.dataset.key)).to.deep.equal(['necessary', 'analytics', 'analytics/matomo', 'marketing']);
    for (const input of switches) {
      expect(input.type).to.equal('checkbox');
      expect(input.getAttribute('role')).to.equal('switch');
      expect(input.labels![0].textContent!.trim()).to.not.equal('');
    }
    expect(switches.map((input) => input.labels![0].textContent)).to.deep.equal(['Strictly necessary', 'Audience', 'Matomo', 'Advertising']);
    const necessary = switchFor(element, 'necessary');
    expect([necessary.checked, necessary.disabled]).to.deep.equal([true, true]);
  });

  it('leaves every switch off on a first visit', async () => {
    const element = await consentFixture(makeStore());
    await openPreferences(element);
    for (const key of ['analytics', 'analytics/matomo', 'marketing']) expect(switchFor(element, key).checked, key).to.be.false;
  });

  it('shows descriptions and the cookies each purpose and service uses', async () => {
    const element = await consentFixture(makeStore());
    await openPreferences(element);
    const analytics = switchFor(element, 'analytics');
    const details = element.shadowRoot!.getElementById(analytics.getAttribute('aria-describedby')!)!;
    expect(details.textContent).to.contain('Counts visits.');
    expect(details.textContent).to.contain('Cookies: _ga and cookies starting with _ga_');
    const matomo = switchFor(element, 'analytics/matomo');
    expect(element.shadowRoot!.getElementById(matomo.getAttribute('aria-describedby')!)!.textContent).to.contain('Cookies: cookies starting with _pk_');
  });

  it('reflects the current record when reopened', async () => {
    const store = await returningStore({ analytics: false, marketing: true });
    const element = await consentFixture(store);
    await requestPreferences(element);
    expect(switchFor(element, 'analytics').checked).to.be.false;
    expect(switchFor(element, 'marketing').checked).to.be.true;
  });

  it('saves the switches with "Save my choices", closes and announces it', async () => {
    const store = makeStore();
    const element = await consentFixture(store);
    await openPreferences(element);
    switchFor(element, 'marketing').click();
    const hidden = oneEvent(element, 'discret-preferences-hide');
    const changed = oneEvent(store, 'change'); // the dialog closes at once; the decision applies once stored
    part(element, 'save-button')!.click();
    await hidden;
    await changed;
    await settled(element);
    expect(store.record!.method).to.equal('custom');
    expect(store.granted('marketing')).to.be.true;
    expect(store.granted('analytics')).to.be.false;
    expect(part<HTMLDialogElement>(element, 'dialog')!.open).to.be.false;
    expect(has(element, 'banner')).to.be.false;
    const status = part(element, 'status')!;
    expect(status.getAttribute('role')).to.equal('status');
    await waitUntil(() => status.textContent === 'Your choices have been saved.', 'no confirmation was announced');
  });

  it('switches a purpose\'s services with it, and a service on switches its purpose on', async () => {
    const element = await consentFixture(makeStore());
    await openPreferences(element);
    switchFor(element, 'analytics').click();
    await settled(element);
    expect(switchFor(element, 'analytics/matomo').checked).to.be.true;
    switchFor(element, 'analytics').click();
    await settled(element);
    expect(switchFor(element, 'analytics/matomo').checked).to.be.false;
    switchFor(element, 'analytics/matomo').click();
    await settled(element);
    expect(switchFor(element, 'analytics').checked).to.be.true;
  });

  it('records a refused service while its purpose is granted', async () => {
    const store = makeStore();
    const element = await consentFixture(store);
    await openPreferences(element);
    switchFor(element, 'analytics').click();
    await settled(element);
    switchFor(element, 'analytics/matomo').click();
    await settled(element);
    const hidden = oneEvent(element, 'discret-preferences-hide');
    const changed = oneEvent(store, 'change');
    part(element, 'save-button')!.click();
    await hidden;
    await changed;
    expect(store.granted('analytics')).to.be.true;
    expect(store.granted('analytics/matomo')).to.be.false;
  });

  it('offers "Accept all" and "Reject all" of the same size in the dialog', async () => {
    const store = makeStore();
    const element = await consentFixture(store);
    await openPreferences(element);
    const dialog = part(element, 'dialog')!;
    const accept = dialog.querySelector('[part~="accept-button"]')!;
    const reject = dialog.querySelector('[part~="reject-button"]')!;
    expect(size(accept)).to.deep.equal(size(reject));
    const hidden = oneEvent(element, 'discret-preferences-hide');
    const changed = oneEvent(store, 'change');
    (reject as HTMLButtonElement).click();
    await hidden;
    await changed;
    expect(store.record!.method).to.equal('reject-all');
  });

  it('is driven by the keyboard: Tab to a switch, Space toggles it, Enter saves', async () => {
    const store = makeStore();
    const element = await consentFixture(store);
    part(element, 'customize-button')!.focus();
    const shown = oneEvent(element, 'discret-preferences-show');
    await sendKeys({ press: 'Enter' });
    await shown;
    while (focusedPart() !== 'switch' || (deepActive() as HTMLInputElement).dataset.key !== 'analytics') await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    expect(switchFor(element, 'analytics').checked).to.be.true;
    while (focusedPart() !== 'button save-button') await sendKeys({ press: 'Tab' });
    const hidden = oneEvent(element, 'discret-preferences-hide');
    const changed = oneEvent(store, 'change');
    await sendKeys({ press: 'Enter' });
    await hidden;
    await changed;
    expect(store.granted('analytics')).to.be.true;
    expect(store.granted('marketing')).to.be.false;
  });

  it('keeps Tab inside the dialog', async () => {
    const element = await consentFixture(makeStore());
    await openPreferences(element);
    const dialog = part(element, 'dialog')!;
    const first = focusedPart();
    const visited: (string | null)[] = [];
    for (let i = 0; i < 12; i++) {
      await sendKeys({ press: 'Tab' });
      visited.push(focusedPart());
      expect(dialog.contains(deepActive()), `Tab ${i + 1} left the dialog`).to.be.true;
    }
    expect(visited).to.include(first);
    await sendKeys({ down: 'Shift' });
    try {
      for (let i = 0; i < 12; i++) {
        await sendKeys({ press: 'Tab' });
        expect(dialog.contains(deepActive()), `Shift+Tab ${i + 1} left the dialog`).to.be.true;
      }
    } finally {
      await sendKeys({ up: 'Shift' });
    }
  });

  it('closes on Escape without recording, and gives focus back to the opener', async () => {
    const store = makeStore();
    const element = await consentFixture(store);
    part(element, 'customize-button')!.focus();
    const shown = oneEvent(element, 'discret-preferences-show');
    await sendKeys({ press: 'Enter' });
    await shown;
    const hidden = oneEvent(element, 'discret-preferences-hide');
    await sendKeys({ press: 'Escape' });
    await hidden;
    expect(part<HTMLDialogElement>(element, 'dialog')!.open).to.be.false;
    expect(focusedPart()).to.equal('button customize-button');
    expect(store.record).to.be.null;
    expect(has(element, 'banner')).to.be.true;
  });

  it('closes with its close button, giving focus back to the opener', async () => {
    const element = await consentFixture(makeStore());
    part(element, 'customize-button')!.focus();
    await openPreferences(element);
    const hidden = oneEvent(element, 'discret-preferences-hide');
    part(element, 'close-button')!.click();
    await hidden;
    expect(focusedPart()).to.equal('button customize-button');
  });

  it('keeps every target at least 24 by 24 px', async () => {
    const element = await consentFixture(makeStore());
    await openPreferences(element);
    const targets = [...part(element, 'dialog')!.querySelectorAll('button, a, input')];
    expect(targets.length).to.be.greaterThan(6);
    for (const target of targets) {
      const [width, height] = size(target);
      expect(width, target.outerHTML).to.be.at.least(24);
      expect(height, target.outerHTML).to.be.at.least(24);
    }
  });

  it('reflows at 320 px wide without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const element = await consentFixture(makeStore());
      await openPreferences(element);
      const dialog = part(element, 'dialog')!;
      expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
      expect(dialog.getBoundingClientRect().right).to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('is accessible open, in English', async () => {
    const element = await consentFixture(makeStore());
    await openPreferences(element);
    await expect(element).to.be.accessible();
  });

  it('is accessible open, in French', async () => {
    const element = await consentFixture(makeStore(), { lang: 'fr' });
    await openPreferences(element);
    expect(part(element, 'save-button')!.textContent).to.equal('Enregistrer mes choix');
    await expect(element).to.be.accessible();
  });

  describe('reliability: what a newcomer hit — the preferences on a small screen', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    for (const [width, height] of [
      [375, 812],
      [320, 568],
    ]) {
      it(`keeps "Save my choices" and the decision buttons in view without scrolling, at ${width}×${height}`, async () => {
        await setViewport({ width, height });
        const element = await demoConsentFixture(makeStore(), 'fr');
        await openPreferences(element);
        const dialog = part(element, 'dialog')!;
        const content = [...dialog.children].reduce((total, child) => total + child.scrollHeight, 0);
        expect(content, 'the dialog’s content is taller than the screen: without help, its actions would be below the fold').to.be.greaterThan(height);
        for (const name of ['save-button', 'accept-button', 'reject-button']) {
          const button = part(element, 'dialog')!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
          const box = button.getBoundingClientRect();
          expect(box.bottom, `${name} is below the fold`).to.be.at.most(height);
          expect(box.top, name).to.be.at.least(0);
          // Not merely inside the viewport: on top, not covered by the purposes scrolling under it.
          const seen = element.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          expect(seen === button, `${name} is covered by ${seen?.localName}.${seen?.className}`).to.be.true;
        }
        expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
        for (const button of dialog.querySelectorAll('.footer button')) expect(size(button)[1], `${button.textContent} on one line`).to.equal(44);
        await expect(element).to.be.accessible();
      });
    }

    it('still lets the purposes scroll, down to the last service, at 320×568', async () => {
      await setViewport({ width: 320, height: 568 });
      const element = await demoConsentFixture(makeStore(), 'fr');
      await openPreferences(element);
      const last = switchFor(element, 'personalisation/preferences');
      last.focus();
      const box = last.getBoundingClientRect();
      expect(element.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === last, 'the last switch is covered').to.be.true;
    });
  });

  describe('reliability: cross-tab races — the preferences left open while another tab decides', () => {
    /** This tab's store and element, and another tab's store, on one database and one BroadcastChannel. */
    async function twoTabs(): Promise<{ element: DiscretConsent; here: ConsentStore; there: ConsentStore }> {
      const database = `test-${crypto.randomUUID()}`;
      const channel = `channel-${crypto.randomUUID()}`;
      const here = makeStore({ channel }, database);
      const there = makeStore({ channel }, database);
      there.configure({ revision: '1', purposes: FIXTURE_PURPOSES });
      const element = await consentFixture(here);
      await there.ready;
      return { element, here, there };
    }

    /** Waits until this tab has heard the other tab's decision and the element has rendered it. */
    async function heard(element: DiscretConsent, here: ConsentStore, decision: Promise<unknown>): Promise<void> {
      const change = oneEvent(here, 'change');
      await decision;
      await change;
      await settled(element);
    }

    it('turns the switches off when another tab withdraws while the dialog is open, and says so', async () => {
      const { element, here, there } = await twoTabs();
      await heard(element, here, there.acceptAll());
      await requestPreferences(element);
      expect(switchFor(element, 'marketing').checked).to.be.true;
      await heard(element, here, there.withdraw());
      expect(part<HTMLDialogElement>(element, 'dialog')!.open).to.be.true;
      for (const key of ['analytics', 'analytics/matomo', 'marketing']) expect(switchFor(element, key).checked, key).to.be.false;
      expect(plain(part(element, 'preferences-changed')?.textContent)).to.equal(
        'Your choices were changed in another tab or window: the switches now show the choices in force.',
      );
      await expect(element).to.be.accessible();
    });

    it('does not grant again, on save, what another tab withdrew while the dialog was open', async () => {
      const { element, here, there } = await twoTabs();
      await heard(element, here, there.acceptAll());
      await requestPreferences(element);
      await heard(element, here, there.withdraw());
      const changed = oneEvent(here, 'change');
      part(element, 'save-button')!.click();
      await changed;
      for (const key of ['analytics', 'analytics/matomo', 'marketing']) expect(here.granted(key), key).to.be.false;
    });

    it('grants on save what the visitor switches on again after the withdrawal', async () => {
      const { element, here, there } = await twoTabs();
      await heard(element, here, there.acceptAll());
      await requestPreferences(element);
      await heard(element, here, there.withdraw());
      switchFor(element, 'marketing').click();
      await settled(element);
      const changed = oneEvent(here, 'change');
      part(element, 'save-button')!.click();
      await changed;
      expect(here.granted('marketing')).to.be.true;
      expect(here.granted('analytics')).to.be.false;
    });

    it('follows a refusal made in another tab while the dialog is open', async () => {
      const { element, here, there } = await twoTabs();
      await heard(element, here, there.decide({ analytics: true, marketing: true }));
      await requestPreferences(element);
      await heard(element, here, there.decide({ analytics: true, marketing: false }));
      expect(switchFor(element, 'analytics').checked).to.be.true;
      expect(switchFor(element, 'marketing').checked).to.be.false;
    });

    it('gives focus to the page on closing when another tab’s decision took away the banner that opened it', async () => {
      const { element, here, there } = await twoTabs();
      const consentButton = await fixture<HTMLElement>(html`<discret-consent-button .store=${here}></discret-consent-button>`);
      part(element, 'customize-button')!.focus();
      const shown = oneEvent(element, 'discret-preferences-show');
      await sendKeys({ press: 'Enter' });
      await shown;
      await heard(element, here, there.rejectAll());
      expect(has(element, 'banner')).to.be.false;
      const hidden = oneEvent(element, 'discret-preferences-hide');
      await sendKeys({ press: 'Escape' });
      await hidden;
      await waitUntil(() => deepActive() !== document.body, 'focus fell to <body>');
      expect(deepActive() === consentButton.shadowRoot!.querySelector('button'), `focus is on ${deepActive()?.localName}`).to.be.true;
    });

    it('says nothing about other tabs when nothing changed elsewhere', async () => {
      const { element } = await twoTabs();
      await requestPreferences(element);
      // Rendered empty from the start: a live region filled later is announced, one inserted with its text may not be.
      expect(part(element, 'preferences-changed')!.getAttribute('role')).to.equal('status');
      expect(part(element, 'preferences-changed')!.textContent).to.equal('');
      expect(part(element, 'preferences-changed')!.getBoundingClientRect().height).to.equal(0);
    });
  });
});
