import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { DiscretConsent } from '../../src/components/consent/consent.js';
import type { ConsentStore } from '../../src/core/consent-store.js';
import { inspectPage } from '../../src/core/decisions.js';
import { captureWarnings, cleanUp, consentFixture, focusedPart, makeStore, openPreferences, part, parts, plain, settled, switchFor } from './consent-fixtures.js';

interface VendorOptions {
  lang?: string;
  policyHref?: string;
  country?: string;
  gaDuration?: string;
  prefix?: string;
}

/**
 * A site sharing audience data with a vendor, as seeds 001 and 002 do: the
 * vendor's name, privacy policy, country and transfer safeguard, and each
 * cookie described; next to a service that only lists its cookies.
 */
async function vendorFixture(store: ConsentStore, options: VendorOptions = {}): Promise<DiscretConsent> {
  const { lang = 'en', policyHref = 'https://provider.example/privacy', country = 'US', gaDuration = 'P13M', prefix = '' } = options;
  const element = await fixture<DiscretConsent>(html`
    <discret-consent .store=${store} revision="1" lang=${lang}>
      <discret-purpose name="analytics" label="Audience" cookies="hf_stats*">
        <discret-service
          name="ga"
          label="Web analytics"
          provider="Provider Analytics Ltd"
          policy-href=${policyHref}
          country=${country}
          transfers="scc"
          cookies="${prefix}_gid"
        >
          <discret-cookie name="${prefix}_ga" duration=${gaDuration} domain=".example.fr" description="Tells visitors apart."></discret-cookie>
          <discret-cookie name="${prefix}_ga_*" duration="P1Y" domain=".example.fr" description="Keeps the state of a visit."></discret-cookie>
          <discret-cookie name="${prefix}_gat" duration="session" description="Limits the rate of requests."></discret-cookie>
        </discret-service>
        <discret-service name="matomo" label="Matomo" cookies="_pk_*"></discret-service>
      </discret-purpose>
    </discret-consent>
  `);
  await settled(element, store);
  return element;
}

/** The text of the details under a switch (what it is `aria-describedby`). */
const detailsOf = (element: DiscretConsent, key: string): string => {
  const id = switchFor(element, key).getAttribute('aria-describedby');
  return plain(id ? element.shadowRoot!.getElementById(id)?.textContent : '').replace(/\s+/g, ' ');
};

/** A table's cells as text, row by row, header row first. */
const cells = (table: HTMLTableElement): string[][] =>
  [...table.rows].map((row) => [...row.cells].map((cell) => plain(cell.textContent).replace(/\s+/g, ' ').trim()));

const cookieNames = (): string[] => document.cookie.split(';').map((pair) => pair.split('=')[0].trim()).filter(Boolean);

describe('<discret-consent> vendors and their cookies', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await cleanUp();
  });

  it('says cookie prefixes in words in the short list, not as raw patterns', async () => {
    const element = await consentFixture(makeStore());
    await openPreferences(element);
    expect(detailsOf(element, 'analytics')).to.contain('Cookies: _ga and cookies starting with _ga_');
    expect(detailsOf(element, 'analytics/matomo')).to.contain('Cookies: cookies starting with _pk_');
    expect(detailsOf(element, 'analytics')).to.not.contain('*');
  });

  it('says cookie prefixes in French for a French visitor', async () => {
    const element = await consentFixture(makeStore(), { lang: 'fr' });
    await openPreferences(element);
    expect(detailsOf(element, 'analytics')).to.contain('Cookies : _ga et cookies commençant par _ga_');
  });

  it('shows the cookies of a service as a table: name, purpose, duration in words, domain', async () => {
    const element = await vendorFixture(makeStore());
    await openPreferences(element);
    const tables = parts<HTMLTableElement>(element, 'cookie-table');
    expect(tables).to.have.length(1);
    const table = tables[0];
    expect(table.localName).to.equal('table');
    expect(plain(table.caption?.textContent).trim()).to.equal('Cookies of “Web analytics”');
    expect([...table.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).to.deep.equal(['col', 'col', 'col', 'col']);
    expect(cells(table)).to.deep.equal([
      ['Cookie', 'Purpose', 'Duration', 'Domain'],
      ['_ga', 'Tells visitors apart.', '13 months', '.example.fr'],
      ['cookies starting with _ga_', 'Keeps the state of a visit.', '1 year', '.example.fr'],
      ['_gat', 'Limits the rate of requests.', 'Session (deleted when the browser closes)', ''],
    ]);
    await expect(element).to.be.accessible();
  });

  it('keeps the short list for cookies the service does not describe, and for a service that describes none', async () => {
    const element = await vendorFixture(makeStore());
    await openPreferences(element);
    expect(detailsOf(element, 'analytics/ga')).to.contain('Cookies: _gid');
    expect(detailsOf(element, 'analytics/ga')).to.not.contain('_gat');
    expect(detailsOf(element, 'analytics/matomo')).to.contain('Cookies: cookies starting with _pk_');
    expect(detailsOf(element, 'analytics')).to.contain('Cookies: cookies starting with hf_stats');
  });

  it('shows the table, durations and prefixes in French', async () => {
    const element = await vendorFixture(makeStore(), { lang: 'fr' });
    await openPreferences(element);
    expect(cells(part<HTMLTableElement>(element, 'cookie-table')!)).to.deep.equal([
      ['Cookie', 'Finalité', 'Durée', 'Domaine'],
      ['_ga', 'Tells visitors apart.', '13 mois', '.example.fr'],
      ['cookies commençant par _ga_', 'Keeps the state of a visit.', '1 an', '.example.fr'],
      ['_gat', 'Limits the rate of requests.', 'Session (supprimé à la fermeture du navigateur)', ''],
    ]);
    await expect(element).to.be.accessible();
  });

  it('names the provider, linked to its privacy policy, with its country and transfer safeguard', async () => {
    const element = await vendorFixture(makeStore());
    await openPreferences(element);
    const link = part<HTMLAnchorElement>(element, 'provider-link')!;
    expect(link.textContent!.trim()).to.equal('Provider Analytics Ltd');
    expect(link.getAttribute('href')).to.equal('https://provider.example/privacy');
    const details = detailsOf(element, 'analytics/ga');
    expect(details).to.contain('Provider Analytics Ltd');
    expect(details).to.contain('United States');
    expect(details).to.contain('Standard contractual clauses');
    await expect(element).to.be.accessible();
  });

  it('says the country and the safeguard in French', async () => {
    const element = await vendorFixture(makeStore(), { lang: 'fr' });
    await openPreferences(element);
    const details = detailsOf(element, 'analytics/ga');
    expect(details).to.contain('Prestataire : Provider Analytics Ltd');
    expect(details).to.contain('États-Unis');
    expect(details).to.contain('Clauses contractuelles types');
  });

  it('does not link a provider whose policy-href is not http(s), and says so once', async () => {
    const warnings = captureWarnings();
    try {
      const element = await vendorFixture(makeStore(), { policyHref: 'javascript:alert(1)' });
      await openPreferences(element);
      element.requestUpdate();
      await settled(element);
      expect(part(element, 'provider-link')).to.equal(null);
      expect(element.shadowRoot!.querySelector('a[href^="javascript"]')).to.equal(null);
      expect(detailsOf(element, 'analytics/ga')).to.contain('Provider Analytics Ltd');
      const said = warnings.messages.filter((message) => message.includes('policy-href'));
      expect(said).to.have.length(1);
      expect(said[0]).to.match(/^\[discret\] .*policy-href="javascript:alert\(1\)".*not linked/);
    } finally {
      warnings.restore();
    }
  });

  it('shows a cookie with a bad duration without one, and says so once', async () => {
    const warnings = captureWarnings();
    try {
      const element = await vendorFixture(makeStore(), { gaDuration: '13 months' });
      await openPreferences(element);
      element.requestUpdate();
      await settled(element);
      expect(cells(part<HTMLTableElement>(element, 'cookie-table')!)[1]).to.deep.equal(['_ga', 'Tells visitors apart.', '', '.example.fr']);
      const said = warnings.messages.filter((message) => message.includes('duration'));
      expect(said).to.have.length(1);
      expect(said[0]).to.match(/^\[discret\] <discret-cookie name="_ga"> duration="13 months": .*shown without a duration/);
    } finally {
      warnings.restore();
    }
  });

  it('shows a country code it does not know as written, and says so once', async () => {
    const warnings = captureWarnings();
    try {
      const element = await vendorFixture(makeStore(), { country: 'USA' });
      await openPreferences(element);
      expect(detailsOf(element, 'analytics/ga')).to.contain('USA');
      const said = warnings.messages.filter((message) => message.includes('country'));
      expect(said).to.have.length(1);
      expect(said[0]).to.match(/^\[discret\] .*country="USA"/);
    } finally {
      warnings.restore();
    }
  });

  it('reads vendors and described cookies from a JSON configuration too', async () => {
    const store = makeStore();
    const config = {
      revision: '1',
      purposes: [
        {
          name: 'analytics',
          label: 'Audience',
          services: [
            {
              name: 'ga',
              label: 'Web analytics',
              provider: 'Provider Analytics Ltd',
              policyHref: 'https://provider.example/privacy',
              country: 'IE',
              transfers: 'Binding corporate rules of the group',
              cookies: ['_gid', { name: '_ga', duration: 'P13M', domain: '.example.fr', description: 'Tells visitors apart.' }],
            },
          ],
        },
      ],
    };
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${store} lang="en"><script type="application/json">${JSON.stringify(config)}</script></discret-consent>
    `);
    await settled(element, store);
    await openPreferences(element);
    expect(cells(part<HTMLTableElement>(element, 'cookie-table')!)[1]).to.deep.equal(['_ga', 'Tells visitors apart.', '13 months', '.example.fr']);
    expect(part(element, 'provider-link')!.getAttribute('href')).to.equal('https://provider.example/privacy');
    const details = detailsOf(element, 'analytics/ga');
    expect(details).to.contain('Ireland');
    expect(details).to.contain('Binding corporate rules of the group');
    expect(details).to.contain('Cookies: _gid');
  });

  it('clears the described cookies, prefixes included, when the service is refused', async () => {
    const prefix = `v${crypto.randomUUID().slice(0, 8)}`;
    const store = makeStore();
    const element = await vendorFixture(store, { prefix });
    const keep = `${prefix}_keep`;
    for (const name of [`${prefix}_ga`, `${prefix}_ga_XYZ`, `${prefix}_gat`, `${prefix}_gid`, keep]) document.cookie = `${name}=1; path=/`;
    part(element, 'reject-button')!.click();
    await waitUntil(() => !cookieNames().includes(`${prefix}_ga_XYZ`), 'a described cookie stayed after the refusal');
    expect(cookieNames().filter((name) => name.startsWith(prefix))).to.deep.equal([keep]);
    document.cookie = `${keep}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });

  it('fits the table in a 320 px wide screen, without scrolling sideways', async () => {
    await setViewport({ width: 320, height: 640 });
    const element = await vendorFixture(makeStore(), { lang: 'fr' });
    const dialog = await openPreferences(element);
    const table = part<HTMLTableElement>(element, 'cookie-table')!;
    table.scrollIntoView();
    const box = table.getBoundingClientRect();
    expect(box.left).to.be.at.least(0);
    expect(box.right).to.be.at.most(320);
    const scrollers = [dialog, ...dialog.querySelectorAll<HTMLElement>('*')].filter((box) => /auto|scroll|hidden/.test(getComputedStyle(box).overflowX));
    expect(scrollers.length).to.be.at.least(2);
    for (const scroller of scrollers) {
      expect(scroller.scrollWidth, `${scroller.localName}.${scroller.className} scrolls sideways`).to.be.at.most(scroller.clientWidth + 1);
    }
    await expect(element).to.be.accessible();
  });

  it('reaches the provider’s policy link with the keyboard, from the service’s switch', async () => {
    const element = await vendorFixture(makeStore());
    await openPreferences(element);
    switchFor(element, 'analytics/ga').focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedPart()).to.equal('provider-link');
    const box = part(element, 'provider-link')!.getBoundingClientRect();
    expect(box.bottom).to.be.at.most(window.innerHeight);
    expect(box.top).to.be.at.least(0);
  });

  it('lets the site reword the table with text-* attributes, as any other string', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${store} revision="1" lang="en" text-cookie-duration="Lifetime" text-cookie-prefix="any cookie named {prefix}…">
        <discret-purpose name="analytics" label="Audience">
          <discret-service name="ga" label="Web analytics"><discret-cookie name="_ga_*" duration="P2Y"></discret-cookie></discret-service>
        </discret-purpose>
      </discret-consent>
    `);
    await settled(element, store);
    await openPreferences(element);
    expect(cells(part<HTMLTableElement>(element, 'cookie-table')!)).to.deep.equal([
      ['Cookie', 'Purpose', 'Lifetime', 'Domain'],
      ['any cookie named _ga_…', '', '2 years', ''],
    ]);
  });

  it('names vendors on services only: a provider on a purpose is not shown, and the page check says so', async () => {
    const store = makeStore();
    const element = await fixture<DiscretConsent>(html`
      <discret-consent .store=${store} revision="1" lang="en">
        <discret-purpose name="analytics" label="Audience" provider="Provider Ltd" country="US"></discret-purpose>
      </discret-consent>
    `);
    await settled(element, store);
    await openPreferences(element);
    expect(part(element, 'vendor')).to.equal(null);
    const warnings = captureWarnings();
    try {
      inspectPage(store, element.ownerDocument);
      expect(warnings.messages.filter((message) => message.includes('<discret-purpose> provider='))).to.have.length(1);
    } finally {
      warnings.restore();
    }
  });

  it('takes the new attributes and <discret-cookie> as known markup', async () => {
    const store = makeStore();
    const element = await vendorFixture(store);
    const warnings = captureWarnings();
    try {
      inspectPage(store, element.ownerDocument);
      expect(warnings.messages.filter((message) => message.includes('not an attribute'))).to.deep.equal([]);
    } finally {
      warnings.restore();
    }
  });
});
