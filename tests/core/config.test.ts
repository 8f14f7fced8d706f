import { expect } from '@open-wc/testing';
import { isSafeUrl, normalizeConfig } from '../../src/core/config.js';
import { explainConfig, makeRecord } from '../../src/core/decisions.js';
import { watchWarnings } from './helpers/warnings.js';

/** What a configuration's problems read like in the console, as `explainConfig` says them. */
function warningsFor(config: Parameters<typeof normalizeConfig>[0]): string[] {
  const warnings = watchWarnings();
  try {
    explainConfig('configure()', normalizeConfig(config).problems);
    return warnings.discret;
  } finally {
    warnings.restore();
  }
}

describe('normalizeConfig', () => {
  it('drops a purpose declared twice, with one warning naming it', () => {
    const config = { revision: '1', purposes: [{ name: 'analytics' }, { name: 'analytics' }] };
    expect(normalizeConfig(config).purposes.map((p) => p.name)).to.deep.equal(['analytics']);
    const warnings = warningsFor(config);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/^\[discret\] .*name="analytics".*declared twice/);
  });

  it('drops a purpose named necessary, which no visitor can refuse, with a warning', () => {
    const config = { revision: '1', purposes: [{ name: 'necessary' }, { name: 'analytics' }] };
    expect(normalizeConfig(config).purposes.map((p) => p.name)).to.deep.equal(['analytics']);
    expect(warningsFor(config)).to.deep.equal(['[discret] configure() purposes name="necessary": declared twice, or reserved (necessary); ignored']);
  });

  it('refuses purposes that are not a list instead of throwing', () => {
    const config = { revision: '1', purposes: 'analytics' as never };
    expect(normalizeConfig(config).purposes).to.deep.equal([]);
    expect(warningsFor(config)).to.have.length(1);
  });

  it('falls back to six months for a max-age that is not a duration string', () => {
    expect(normalizeConfig({ maxAge: 6 as never }).maxAge).to.equal('P6M');
    expect(normalizeConfig({ maxAge: 'six months' }).maxAge).to.equal('P6M');
    expect([...warningsFor({ revision: '1', maxAge: 6 as never }), ...warningsFor({ revision: '1', maxAge: 'six months' })]).to.have.length(2);
  });

  it('caps max-age at 13 months, counting days and weeks too', () => {
    for (const maxAge of ['P2Y', 'P500D', 'P400D', 'P57W']) {
      expect(normalizeConfig({ maxAge }).maxAge, maxAge).to.equal('P13M');
      expect(warningsFor({ revision: '1', maxAge }), maxAge).to.have.length(1);
    }
    expect(normalizeConfig({ maxAge: 'P13M' }).maxAge).to.equal('P13M');
    expect(warningsFor({ revision: '1', maxAge: 'P13M' })).to.deep.equal([]);
  });

  it('says once that a configuration has no revision, or an empty one: a decision could not be told from an older one', () => {
    for (const revision of [undefined, '', '  ']) {
      const warnings = warningsFor({ revision, purposes: [{ name: 'analytics' }] });
      expect(warnings, JSON.stringify(revision)).to.have.length(1);
      expect(warnings[0]).to.contain('revision: missing');
    }
  });

  it('takes a numeric revision as text, and says so', () => {
    expect(normalizeConfig({ revision: 2026 as never }).revision).to.equal('2026');
    expect(warningsFor({ revision: 2026 as never })).to.deep.equal(['[discret] configure() revision=2026: a number; taken as the text "2026" (write it as a string)']);
  });

  it('refuses services that are not a list (an object, a number) with a warning, instead of throwing', () => {
    for (const services of [{ name: 'matomo' }, 3]) {
      const config = { revision: '1', purposes: [{ name: 'analytics', services: services as never }] };
      expect(normalizeConfig(config).purposes[0].services).to.deep.equal([]);
      expect(warningsFor(config)).to.have.length(1);
    }
  });

  it('has no problem with a sound configuration', () => {
    expect(normalizeConfig({ revision: '1', purposes: [{ name: 'analytics', services: [{ name: 'matomo' }] }], maxAge: 'P6M' }).problems).to.deep.equal([]);
  });

  it('gives records a configHash that changes with the texts shown, and keeps one given as a string only', () => {
    const at = new Date();
    const hash = (label: string) => makeRecord(normalizeConfig({ purposes: [{ name: 'analytics', label }] }), true, {}, 'accept-all', at, null, false).configHash;
    const forged = makeRecord(normalizeConfig({ configHash: 42 as never }), true, {}, 'accept-all', at, null, false).configHash;
    expect(hash('Audience')).to.be.a('string').and.not.equal(hash('Mesure'));
    expect(forged).to.be.a('string').and.have.length(16);
  });

  it('accepts only http(s) and relative URLs', () => {
    expect(isSafeUrl('/privacy')).to.equal(true);
    expect(isSafeUrl('https://example.org/p')).to.equal(true);
    expect(isSafeUrl('data:text/html,x')).to.equal(false);
    expect(isSafeUrl(' javascript:alert(1)')).to.equal(false);
  });
});

describe('vendors and described cookies in the configuration', () => {
  it('keeps the names of described cookies with the short ones, for clearing, and the descriptions apart', () => {
    const config = normalizeConfig({
      revision: '1',
      purposes: [
        {
          name: 'analytics',
          services: [{ name: 'ga', provider: 'Provider Ltd', cookies: ['_gid', { name: '_ga_*', duration: 'P13M', domain: '.example.fr' }, { name: 5 } as never] }],
        },
      ],
    });
    const service = config.purposes[0].services[0];
    expect(service.cookies).to.deep.equal(['_gid', '_ga_*']);
    // Kept as given: the preferences check each field when they show it.
    expect(service.cookieDetails).to.deep.equal([{ name: '_ga_*', duration: 'P13M', domain: '.example.fr' }, { name: 5 }]);
    expect(service.provider).to.equal('Provider Ltd');
  });

  it('reads the vendor attributes and <discret-cookie> children from markup', async () => {
    const element = document.createElement('div');
    element.innerHTML = `<discret-consent revision="1"><discret-purpose name="analytics">
      <discret-service name="ga" provider="Provider Ltd" policy-href="/p" country="US" transfers="scc" cookies="_gid">
        <discret-cookie name="_ga" duration="P13M" domain=".example.fr" description="Tells visitors apart."></discret-cookie>
        <discret-cookie name="_gat"></discret-cookie>
      </discret-service></discret-purpose></discret-consent>`;
    const { readConsentElement } = await import('../../src/core/markup.js');
    const service = readConsentElement(element.firstElementChild!).config!.purposes![0].services![0];
    expect(JSON.parse(JSON.stringify(service))).to.deep.equal({
      name: 'ga',
      provider: 'Provider Ltd',
      policyHref: '/p',
      country: 'US',
      transfers: 'scc',
      cookies: ['_gid', { name: '_ga', duration: 'P13M', domain: '.example.fr', description: 'Tells visitors apart.' }, { name: '_gat' }],
    });
  });
});
