import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { DiscretConsent } from '../../src/components/consent/consent.js';
import { createGate } from '../../src/core/gate.js';
import type { ConsentStore } from '../../src/core/consent-store.js';
import {
  cleanUp,
  consentFixture,
  deepActive,
  demoConsentFixture,
  focusedPart,
  has,
  makeSlowStore,
  makeStore,
  part,
  parts,
  plain,
  recordEvents,
  returningStore,
  settled,
  size,
} from './consent-fixtures.js';

describe('<discret-consent> banner', () => {
  afterEach(cleanUp);

  it('shows on a first visit with a title, the purposes, the policy link and three buttons', async () => {
    const element = await consentFixture(makeStore());
    expect(has(element, 'banner')).to.be.true;
    expect(part(element, 'title')!.textContent).to.equal('Your cookie choices');
    expect(part(element, 'text')!.textContent).to.contain('for these purposes: “Audience” and “Advertising”.');
    expect(part<HTMLAnchorElement>(element, 'policy-link')!.getAttribute('href')).to.equal('/privacy');
    expect(part(element, 'accept-button')!.textContent).to.equal('Accept all');
    expect(part(element, 'reject-button')!.textContent).to.equal('Reject all');
    expect(part(element, 'customize-button')!.textContent).to.equal('Customise');
  });

  it('speaks French with "Tout accepter", "Tout refuser" and "Personnaliser"', async () => {
    const element = await consentFixture(makeStore(), { lang: 'fr' });
    expect(part(element, 'title')!.textContent).to.equal('Vos choix sur les cookies');
    expect(plain(part(element, 'text')!.textContent)).to.contain('pour ces finalités : « Audience » et « Advertising ».');
    expect(part(element, 'accept-button')!.textContent).to.equal('Tout accepter');
    expect(part(element, 'reject-button')!.textContent).to.equal('Tout refuser');
    expect(part(element, 'customize-button')!.textContent).to.equal('Personnaliser');
  });

  it('fires discret-banner-show once the stored record is read', async () => {
    const events = recordEvents('discret-banner-show');
    await consentFixture(makeStore());
    events.stop();
    expect(events.types).to.deep.equal(['discret-banner-show']);
  });

  it('renders nothing, and takes no space, until the stored record is read', async () => {
    const { store, release } = makeSlowStore();
    // fixtureSync: \`fixture\` waits an animation frame for a plain root, and a page in the background gets none.
    const element = fixtureSync<HTMLDivElement>(html`
      <div>
        <discret-consent .store=${store} revision="1"><discret-purpose name="analytics"></discret-purpose></discret-consent>
        <p>after</p>
      </div>
    `);
    const host = element.querySelector('discret-consent')!;
    const paragraph = element.querySelector('p')!;
    await host.updateComplete;
    const before = paragraph.getBoundingClientRect().top;
    expect(host.shadowRoot!.children.length).to.equal(0);
    release();
    await settled(host, store);
    expect(has(host, 'banner')).to.be.true;
    expect(host.getBoundingClientRect().height).to.equal(0);
    expect(paragraph.getBoundingClientRect().top, 'the page did not move').to.equal(before);
  });

  it('never renders for a returning visitor with a valid record', async () => {
    const store = await returningStore({ analytics: true, marketing: false });
    const events = recordEvents('discret-banner-show');
    const element = await consentFixture(store);
    events.stop();
    expect(has(element, 'banner')).to.be.false;
    expect(events.types).to.be.empty;
  });

  it('asks a returning visitor again when the revision changed', async () => {
    const store = await returningStore({ analytics: true, marketing: false }, 'old');
    const element = await consentFixture(store);
    expect(has(element, 'banner')).to.be.true;
  });

  it('records nothing while the banner waits for a choice', async () => {
    const store = makeStore();
    await consentFixture(store);
    expect(store.record).to.be.null;
    expect(store.granted('analytics')).to.be.false;
  });

  it('"Accept all" grants every purpose, hides the banner and announces the save', async () => {
    const store = makeStore();
    const element = await consentFixture(store);
    const hidden = oneEvent(element, 'discret-banner-hide');
    part(element, 'accept-button')!.click();
    await hidden;
    await settled(element);
    expect(store.granted('analytics')).to.be.true;
    expect(store.granted('analytics/matomo')).to.be.true;
    expect(store.granted('marketing')).to.be.true;
    expect(store.record!.method).to.equal('accept-all');
    expect(has(element, 'banner')).to.be.false;
    await waitUntil(() => part(element, 'status')!.textContent === 'Your choices have been saved.', 'no confirmation was announced');
  });

  it('"Reject all" refuses every purpose and hides the banner', async () => {
    const store = makeStore();
    const element = await consentFixture(store);
    const hidden = oneEvent(element, 'discret-banner-hide');
    part(element, 'reject-button')!.click();
    await hidden;
    expect(store.granted('analytics')).to.be.false;
    expect(store.granted('marketing')).to.be.false;
    expect(store.record!.method).to.equal('reject-all');
  });

  for (const layout of ['bar', 'box', 'modal']) {
    it(`gives "Accept all" and "Reject all" the same box and style in the ${layout} layout`, async () => {
      const element = await consentFixture(makeStore(), { layout });
      const accept = part(element, 'accept-button')!;
      const reject = part(element, 'reject-button')!;
      expect(size(accept)[0]).to.be.greaterThan(0);
      expect(size(accept)).to.deep.equal(size(reject));
      const style = (button: Element) => {
        const s = getComputedStyle(button);
        return [s.fontSize, s.fontWeight, s.backgroundColor, s.color, s.borderColor, s.borderWidth, s.padding];
      };
      expect(style(accept)).to.deep.equal(style(reject));
    });
  }

  it('sits fixed along the bottom of the viewport in the bar layout', async () => {
    const element = await consentFixture(makeStore());
    const banner = part(element, 'banner')!;
    expect(getComputedStyle(banner).position).to.equal('fixed');
    expect(banner.getAttribute('role')).to.equal('region');
    const box = banner.getBoundingClientRect();
    expect(box.bottom).to.be.closeTo(innerHeight, 1);
    expect(box.width).to.be.closeTo(document.documentElement.clientWidth, 1);
  });

  it('sits fixed in a corner in the box layout', async () => {
    const element = await consentFixture(makeStore(), { layout: 'box' });
    const banner = part(element, 'banner')!;
    expect(getComputedStyle(banner).position).to.equal('fixed');
    const box = banner.getBoundingClientRect();
    expect(box.width).to.be.lessThan(innerWidth / 2 + 100);
    expect(innerHeight - box.bottom).to.be.closeTo(16, 1);
  });

  it('is a modal dialog, centred, in the modal layout', async () => {
    const element = await consentFixture(makeStore(), { layout: 'modal' });
    const banner = part<HTMLDialogElement>(element, 'banner')!;
    expect(banner.localName).to.equal('dialog');
    expect(banner.matches(':modal')).to.be.true;
    const box = banner.getBoundingClientRect();
    expect(box.left + box.width / 2).to.be.closeTo(innerWidth / 2, 2);
    expect(element.shadowRoot!.contains(deepActive()), 'focus moved into the dialog').to.be.true;
  });

  it('Escape dismisses the modal banner for this page, records nothing and fires discret-banner-hide', async () => {
    const store = makeStore();
    const element = await consentFixture(store, { layout: 'modal' });
    const hidden = oneEvent(element, 'discret-banner-hide');
    await sendKeys({ press: 'Escape' });
    await hidden;
    await settled(element);
    expect(has(element, 'banner')).to.be.false;
    expect(store.record).to.be.null;
    expect(store.granted('analytics')).to.be.false;
  });

  it('is reached with Tab from the page, and Enter on "Accept all" decides', async () => {
    const store = makeStore();
    const page = fixtureSync<HTMLDivElement>(html`
      <div>
        <button id="before">before</button>
        <discret-consent .store=${store} revision="1" policy-href="/privacy" lang="en">
          <discret-purpose name="analytics" label="Audience"></discret-purpose>
        </discret-consent>
      </div>
    `);
    const element = page.querySelector('discret-consent')!;
    await settled(element, store);
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedPart()).to.equal('policy-link');
    await sendKeys({ press: 'Tab' });
    expect(focusedPart()).to.equal('button reject-button');
    await sendKeys({ press: 'Tab' });
    expect(focusedPart()).to.equal('button accept-button');
    const hidden = oneEvent(element, 'discret-banner-hide');
    await sendKeys({ press: 'Enter' });
    await hidden;
    expect(store.granted('analytics')).to.be.true;
  });

  it('shows a visible focus ring on its buttons', async () => {
    const element = await consentFixture(makeStore());
    part(element, 'reject-button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedPart()).to.equal('button accept-button');
    const focused = deepActive()!;
    const style = getComputedStyle(focused);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });

  it('keeps every target at least 24 by 24 px', async () => {
    const element = await consentFixture(makeStore());
    const targets = [...element.shadowRoot!.querySelectorAll('[part~="banner"] :is(button, a, input)')];
    expect(targets.length).to.equal(4);
    for (const target of targets) {
      const box = target.getBoundingClientRect();
      expect(box.width, target.outerHTML).to.be.at.least(24);
      expect(box.height, target.outerHTML).to.be.at.least(24);
    }
  });

  it('reflows at 320 px wide without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      for (const layout of ['bar', 'box', 'modal']) {
        const element = await consentFixture(makeStore(), { layout });
        const banner = part(element, 'banner')!;
        expect(banner.scrollWidth, layout).to.be.at.most(banner.clientWidth);
        for (const button of parts(element, 'button')) {
          const box = button.getBoundingClientRect();
          expect(box.left, layout).to.be.at.least(0);
          expect(box.right, layout).to.be.at.most(320);
        }
        expect(size(part(element, 'accept-button')!), layout).to.deep.equal(size(part(element, 'reject-button')!));
        element.remove();
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('lets a gated script run after "Accept all"', async () => {
    const store = makeStore();
    const gate = createGate(store);
    const flag = `accepted${crypto.randomUUID().slice(0, 8)}`;
    const script = Object.assign(document.createElement('script'), { type: 'text/plain', text: `window.${flag} = true;` });
    script.dataset.purpose = 'analytics';
    document.body.append(script);
    try {
      gate.start();
      const element = await consentFixture(store);
      expect((window as any)[flag]).to.be.undefined;
      const hidden = oneEvent(element, 'discret-banner-hide');
      part(element, 'accept-button')!.click();
      await hidden;
      await gate.settled();
      expect((window as any)[flag]).to.be.true;
    } finally {
      gate.stop();
      document.querySelectorAll('script[data-purpose]').forEach((node) => node.remove());
    }
  });

  it('never lets a gated script run after "Reject all"', async () => {
    const store = makeStore();
    const gate = createGate(store);
    const flag = `rejected${crypto.randomUUID().slice(0, 8)}`;
    const script = Object.assign(document.createElement('script'), { type: 'text/plain', text: `window.${flag} = true;` });
    script.dataset.purpose = 'analytics';
    document.body.append(script);
    try {
      gate.start();
      const element = await consentFixture(store);
      const hidden = oneEvent(element, 'discret-banner-hide');
      part(element, 'reject-button')!.click();
      await hidden;
      await gate.settled();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((window as any)[flag]).to.be.undefined;
      expect(script.type).to.equal('text/plain');
    } finally {
      gate.stop();
      script.remove();
    }
  });

  it('is accessible in the bar layout, in English', async () => {
    const element = await consentFixture(makeStore());
    await expect(element).to.be.accessible();
  });

  it('is accessible in the box layout, in French', async () => {
    const element = await consentFixture(makeStore(), { lang: 'fr', layout: 'box' });
    await expect(element).to.be.accessible();
  });

  it('is accessible in the modal layout', async () => {
    const element = await consentFixture(makeStore(), { layout: 'modal' });
    await expect(element).to.be.accessible();
  });

  describe('reliability: what a newcomer hit — purposes in the first sentence', () => {
    it('names them after a colon, in quotes, each label as the site wrote it (en)', async () => {
      const element = await consentFixture(makeStore());
      expect(plain(part(element, 'text')!.textContent)).to.contain('we use cookies and similar trackers for these purposes: “Audience” and “Advertising”.');
    });

    it('names them after a colon, in French quotes, each label as the site wrote it (fr)', async () => {
      const element = await consentFixture(makeStore(), { lang: 'fr' });
      expect(plain(part(element, 'text')!.textContent)).to.contain('nous utilisons des cookies et traceurs pour ces finalités : « Audience » et « Advertising ».');
    });

    it('keeps a label that holds "and" apart from the next one', async () => {
      const element = await demoConsentFixture(makeStore());
      expect(plain(part(element, 'text')!.textContent)).to.contain('pour ces finalités : « Suivi des visiteurs et analyses » et « Personnalisation ».');
      await expect(element).to.be.accessible();
    });

    it('lets a site change the quotes with text-purpose-label, and keeps labels as text', async () => {
      const store = makeStore();
      const element = await fixture<DiscretConsent>(html`
        <discret-consent .store=${store} revision="1" lang="en" text-purpose-label="[{label}]">
          <discret-purpose name="analytics" label=${'<b>Audience</b>'}></discret-purpose>
        </discret-consent>
      `);
      await settled(element, store);
      expect(part(element, 'text')!.textContent).to.contain('for these purposes: [<b>Audience</b>].');
      expect(part(element, 'text')!.querySelector('b')).to.equal(null);
    });
  });

  describe('reliability: what a newcomer hit — focus after a decision', () => {
    /** A page with a button before the banner, the banner, and optionally the consent button. */
    async function page(store: ConsentStore, { consentButton = true } = {}): Promise<{ root: HTMLElement; element: DiscretConsent }> {
      const root = fixtureSync<HTMLDivElement>(html`
        <div>
          <button id="before">before</button>
          <discret-consent .store=${store} revision="1" policy-href="/privacy" lang="en">
            <discret-purpose name="analytics" label="Audience"></discret-purpose>
          </discret-consent>
          <main><a id="first-in-main" href="#main">main content</a></main>
          ${consentButton ? html`<discret-consent-button .store=${store} position="bottom-left"></discret-consent-button>` : ''}
        </div>
      `);
      const element = root.querySelector('discret-consent')!;
      await settled(element, store);
      return { root, element };
    }

    /** Focus enters the banner from nowhere: the page had no focused element. */
    function focusFromNowhere(target: HTMLElement): void {
      (document.activeElement as HTMLElement | null)?.blur();
      target.focus();
    }

    it('goes back where it was before the banner after a keyboard decision', async () => {
      const store = makeStore();
      const { root, element } = await page(store);
      root.querySelector<HTMLButtonElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focusedPart()).to.equal('button reject-button');
      const hidden = oneEvent(element, 'discret-banner-hide');
      await sendKeys({ press: 'Enter' });
      await hidden;
      await settled(element);
      await waitUntil(() => deepActive() !== document.body, 'focus stayed on <body>');
      expect(deepActive()?.id).to.equal('before');
      await expect(element).to.be.accessible();
    });

    it('goes to the page’s consent button when it had no place before the banner', async () => {
      const store = makeStore();
      const { root, element } = await page(store);
      focusFromNowhere(part(element, 'accept-button')!);
      const hidden = oneEvent(element, 'discret-banner-hide');
      await sendKeys({ press: 'Enter' });
      await hidden;
      await settled(element);
      await waitUntil(() => deepActive() !== document.body, 'focus stayed on <body>');
      const consentButton = root.querySelector('discret-consent-button')!;
      expect(deepActive() === consentButton.shadowRoot!.querySelector('button'), `focus is on ${deepActive()?.localName}`).to.be.true;
      await expect(root).to.be.accessible();
    });

    it('goes to the document’s first focus stop when there is neither', async () => {
      const store = makeStore();
      const { root, element } = await page(store, { consentButton: false });
      root.querySelector('#before')!.remove();
      focusFromNowhere(part(element, 'reject-button')!);
      const hidden = oneEvent(element, 'discret-banner-hide');
      await sendKeys({ press: 'Enter' });
      await hidden;
      await settled(element);
      await waitUntil(() => deepActive() !== document.body, 'focus stayed on <body>');
      expect(deepActive()?.id).to.equal('first-in-main');
    });

    it('stays on the page after saving, by keyboard, the preferences opened from the banner', async () => {
      const store = makeStore();
      const { root, element } = await page(store);
      root.querySelector<HTMLButtonElement>('#before')!.focus();
      while (focusedPart() !== 'button customize-button') await sendKeys({ press: 'Tab' });
      const shown = oneEvent(element, 'discret-preferences-show');
      await sendKeys({ press: 'Enter' });
      await shown;
      while (focusedPart() !== 'button save-button') await sendKeys({ press: 'Tab' });
      const changed = oneEvent(store, 'change');
      await sendKeys({ press: 'Enter' });
      await changed;
      await settled(element);
      await waitUntil(() => deepActive() !== document.body, 'focus stayed on <body>');
      expect(deepActive()?.id).to.equal('before');
    });

    it('goes to the consent button after Enter in the modal layout, which took focus by itself', async () => {
      const store = makeStore();
      const root = fixtureSync<HTMLDivElement>(html`
        <div>
          <discret-consent .store=${store} revision="1" lang="en" layout="modal">
            <discret-purpose name="analytics" label="Audience"></discret-purpose>
          </discret-consent>
          <discret-consent-button .store=${store}></discret-consent-button>
        </div>
      `);
      const element = root.querySelector('discret-consent')!;
      await settled(element, store);
      expect(element.shadowRoot!.contains(deepActive())).to.be.true;
      while (focusedPart() !== 'button reject-button') await sendKeys({ press: 'Tab' });
      const hidden = oneEvent(element, 'discret-banner-hide');
      await sendKeys({ press: 'Enter' });
      await hidden;
      await settled(element);
      await waitUntil(() => deepActive() !== document.body, 'focus stayed on <body>');
      expect(deepActive() === root.querySelector('discret-consent-button')!.shadowRoot!.querySelector('button'), `focus is on ${deepActive()?.localName}`).to.be
        .true;
    });
  });

  describe('reliability: what a newcomer hit — the bar on a small screen', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    /** The bar's share of the screen, in whole pixels and as a percentage for the failure message. */
    async function barOn(width: number, height: number, lang: 'fr' | 'en'): Promise<{ element: DiscretConsent; share: number; label: string }> {
      await setViewport({ width, height });
      const element = await demoConsentFixture(makeStore(), lang);
      const bar = Math.round(part(element, 'banner')!.getBoundingClientRect().height);
      return { element, share: bar / height, label: `${bar} px, ${Math.round((bar / height) * 100)} % of the screen` };
    }

    // "About a third": a third of 812 px is 271 px; 2 points of slack for font rendering.
    it('keeps the bar to about a third of a 375×812 screen with the demo’s French texts', async () => {
      const { element, share, label } = await barOn(375, 812, 'fr');
      expect(share, label).to.be.at.most(0.34);
      await expect(element).to.be.accessible();
    });

    it('keeps the bar to about a third of a 375×812 screen with the demo’s English texts', async () => {
      const { share, label } = await barOn(375, 812, 'en');
      expect(share, label).to.be.at.most(0.34);
    });

    it('shows the whole bar on a 320×568 screen, each button on one line, "Accept all" and "Reject all" alike', async () => {
      const { element, share, label } = await barOn(320, 568, 'fr');
      const banner = part(element, 'banner')!;
      expect(banner.scrollHeight, 'the bar scrolls').to.be.at.most(banner.clientHeight);
      expect(share, label).to.be.at.most(0.55);
      for (const button of parts(element, 'button')) expect(size(button)[1], button.textContent!).to.equal(44);
      expect(size(part(element, 'accept-button')!)).to.deep.equal(size(part(element, 'reject-button')!));
      await expect(element).to.be.accessible();
    });
  });
});
