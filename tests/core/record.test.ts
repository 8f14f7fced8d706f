import { expect } from '@open-wc/testing';
import {
  SCHEMA_VERSION,
  addDuration,
  fingerprint,
  isRecord,
  parseDuration,
  parseRecord,
  randomId,
  type ConsentRecord,
} from '../../src/core/record.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const wellFormed = (): ConsentRecord => ({
  schema: SCHEMA_VERSION,
  id: '6f1c2a4e-8d4b-4a7e-9c1d-2b3e4f5a6b7c',
  revision: '2026-11',
  purposes: { necessary: true, analytics: true, marketing: false },
  services: { 'analytics/matomo': true },
  method: 'custom',
  locale: 'fr',
  decidedAt: '2026-11-02T10:00:00.000Z',
  expiresAt: '2027-05-02T10:00:00.000Z',
  configHash: '0123456789abcdef',
});

describe('parseRecord', () => {
  it('accepts a well-formed record', () => {
    expect(parseRecord(wellFormed())).to.deep.equal(wellFormed());
  });

  it('returns a copy that later changes to the stored value do not reach', () => {
    const stored = wellFormed();
    const parsed = parseRecord(stored) as ConsentRecord;
    stored.purposes.marketing = true;
    expect(parsed.purposes.marketing).to.equal(false);
  });

  it('keeps only the fields of a record', () => {
    const parsed = parseRecord({ ...wellFormed(), trusted: true }) as ConsentRecord;
    expect(parsed).not.to.have.property('trusted');
  });

  const broken: [string, unknown][] = [
    ['a string', 'accepted'],
    ['null', null],
    ['an array', [wellFormed()]],
    ['another schema', { ...wellFormed(), schema: 2 }],
    ['no schema', { ...wellFormed(), schema: undefined }],
    ['an empty id', { ...wellFormed(), id: '' }],
    ['no revision', { ...wellFormed(), revision: undefined }],
    ['purposes with a string value', { ...wellFormed(), purposes: { necessary: true, analytics: 'yes' } }],
    ['purposes with a number value', { ...wellFormed(), purposes: { necessary: true, analytics: 1 } }],
    ['purposes as an array', { ...wellFormed(), purposes: [true, true] }],
    ['no services', { ...wellFormed(), services: undefined }],
    ['services with a null value', { ...wellFormed(), services: { 'analytics/matomo': null } }],
    ['an unknown method', { ...wellFormed(), method: 'implied' }],
    ['no locale', { ...wellFormed(), locale: undefined }],
    ['decidedAt that is not a date', { ...wellFormed(), decidedAt: 'yesterday' }],
    ['expiresAt that is not a date', { ...wellFormed(), expiresAt: 'never' }],
    ['expiresAt as a number', { ...wellFormed(), expiresAt: 1893456000000 }],
    ['no configHash', { ...wellFormed(), configHash: undefined }],
    ['necessary refused', { ...wellFormed(), purposes: { necessary: false, analytics: true } }],
    ['necessary missing', { ...wellFormed(), purposes: { analytics: true } }],
    ['expiresAt tampered to years ahead', { ...wellFormed(), expiresAt: '2036-11-02T10:00:00.000Z' }],
    ['expiresAt before decidedAt', { ...wellFormed(), expiresAt: '2026-11-01T10:00:00.000Z' }],
  ];
  for (const [what, value] of broken) {
    it(`refuses ${what}, saying why`, () => {
      const parsed = parseRecord(value);
      expect(isRecord(parsed)).to.equal(false);
      expect(parsed).to.be.a('string').and.not.equal('');
    });
  }
});

describe('parseDuration', () => {
  it('reads months, years, weeks and days', () => {
    expect(parseDuration('P6M')).to.deep.equal({ years: 0, months: 6, days: 0 });
    expect(parseDuration('P1Y')).to.deep.equal({ years: 1, months: 0, days: 0 });
    expect(parseDuration('P2W')).to.deep.equal({ years: 0, months: 0, days: 14 });
    expect(parseDuration('P1Y2M3D')).to.deep.equal({ years: 1, months: 2, days: 3 });
  });

  it('refuses what is not a date duration', () => {
    for (const text of ['', 'P', '6M', 'six months', 'PT1H', 'P1.5M', 'P-1M']) expect(parseDuration(text), text).to.equal(null);
  });
});

describe('addDuration', () => {
  it('adds calendar months in UTC', () => {
    const to = addDuration(new Date('2026-01-15T12:00:00.000Z'), { years: 0, months: 6, days: 0 });
    expect(to.toISOString()).to.equal('2026-07-15T12:00:00.000Z');
  });

  it('stops at the end of a shorter month rather than spilling into the next', () => {
    const months = (n: number) => ({ years: 0, months: n, days: 0 });
    expect(addDuration(new Date('2026-01-31T00:00:00.000Z'), months(1)).toISOString()).to.equal('2026-02-28T00:00:00.000Z');
    expect(addDuration(new Date('2028-01-31T00:00:00.000Z'), months(1)).toISOString()).to.equal('2028-02-29T00:00:00.000Z');
    expect(addDuration(new Date('2026-08-31T00:00:00.000Z'), months(6)).toISOString()).to.equal('2027-02-28T00:00:00.000Z');
  });

  it('never goes past 13 calendar months for P13M', () => {
    const to = addDuration(new Date('2026-01-31T00:00:00.000Z'), { years: 0, months: 13, days: 0 });
    expect(to.toISOString()).to.equal('2027-02-28T00:00:00.000Z');
  });

  it('adds days after years and months', () => {
    const to = addDuration(new Date('2026-01-31T00:00:00.000Z'), { years: 1, months: 1, days: 1 });
    expect(to.toISOString()).to.equal('2027-03-01T00:00:00.000Z');
  });
});

describe('fingerprint', () => {
  it('is the same for the same text', () => {
    expect(fingerprint('Mesure d’audience')).to.equal(fingerprint('Mesure d’audience'));
  });

  it('tells two versions of a text apart', () => {
    expect(fingerprint('Mesure d’audience')).not.to.equal(fingerprint('Mesure d’audience.'));
  });

  it('is 16 hex digits', () => {
    expect(fingerprint('')).to.match(/^[0-9a-f]{16}$/);
    expect(fingerprint('a much longer text '.repeat(100))).to.match(/^[0-9a-f]{16}$/);
  });
});

describe('randomId', () => {
  it('is a version 4 UUID, different each time', () => {
    const a = randomId();
    expect(a).to.match(UUID);
    expect(randomId()).not.to.equal(a);
  });

  it('is a version 4 UUID on a plain http page too, where crypto.randomUUID is not offered', () => {
    const own = Object.getOwnPropertyDescriptor(globalThis, 'isSecureContext');
    Object.defineProperty(globalThis, 'isSecureContext', { value: false, configurable: true });
    try {
      expect(randomId()).to.match(UUID);
    } finally {
      if (own) Object.defineProperty(globalThis, 'isSecureContext', own);
      else delete (globalThis as { isSecureContext?: boolean }).isSecureContext;
    }
  });
});
