import { expect } from '@open-wc/testing';
import { normalizeConfig, isSafeUrl } from '../../src/core/config.js';
import { watchWarnings } from './helpers/warnings.js';

describe('normalizeConfig', () => {
  it('drops a purpose declared twice, with one warning naming it', () => {
    const warnings = watchWarnings();
    try {
      const config = normalizeConfig({ purposes: [{ name: 'analytics' }, { name: 'analytics' }] });
      expect(config.purposes.map((p) => p.name)).to.deep.equal(['analytics']);
      expect(warnings.discret).to.have.length(1);
      expect(warnings.discret[0]).to.match(/^\[discret\] .*name="analytics".*declared twice/);
    } finally {
      warnings.restore();
    }
  });

  it('refuses purposes that are not a list instead of throwing', () => {
    const warnings = watchWarnings();
    try {
      const config = normalizeConfig({ purposes: 'analytics' as never });
      expect(config.purposes).to.deep.equal([]);
      expect(warnings.discret).to.have.length(1);
    } finally {
      warnings.restore();
    }
  });

  it('falls back to six months for a max-age that is not a duration string', () => {
    const warnings = watchWarnings();
    try {
      expect(normalizeConfig({ maxAge: 6 as never }).maxAge).to.equal('P6M');
      expect(normalizeConfig({ maxAge: 'six months' }).maxAge).to.equal('P6M');
      expect(warnings.discret).to.have.length(2);
    } finally {
      warnings.restore();
    }
  });

  it('caps max-age at 13 months, counting days too', () => {
    const warnings = watchWarnings();
    try {
      expect(normalizeConfig({ maxAge: 'P2Y' }).maxAge).to.equal('P13M');
      expect(normalizeConfig({ maxAge: 'P500D' }).maxAge).to.equal('P13M');
      expect(normalizeConfig({ maxAge: 'P13M' }).maxAge).to.equal('P13M');
      expect(warnings.discret).to.have.length(2);
    } finally {
      warnings.restore();
    }
  });

  it('computes a string configHash that changes with the texts shown', () => {
    const a = normalizeConfig({ purposes: [{ name: 'analytics', label: 'Audience' }] });
    const b = normalizeConfig({ purposes: [{ name: 'analytics', label: 'Mesure' }] });
    const forged = normalizeConfig({ configHash: 42 as never });
    expect(a.configHash).to.be.a('string').and.not.equal(b.configHash);
    expect(forged.configHash).to.be.a('string').and.have.length(16);
  });

  it('drops a javascript: policy link with a warning', () => {
    const warnings = watchWarnings();
    try {
      expect(normalizeConfig({ policyHref: 'javascript:alert(1)' }).policyHref).to.equal(undefined);
      expect(normalizeConfig({ policyHref: '/confidentialite' }).policyHref).to.equal('/confidentialite');
      expect(warnings.discret).to.have.length(1);
    } finally {
      warnings.restore();
    }
  });

  it('accepts only http(s) and relative URLs', () => {
    expect(isSafeUrl('/privacy')).to.equal(true);
    expect(isSafeUrl('https://example.org/p')).to.equal(true);
    expect(isSafeUrl('data:text/html,x')).to.equal(false);
    expect(isSafeUrl(' javascript:alert(1)')).to.equal(false);
  });
});
