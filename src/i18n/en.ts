import type { ConsentTranslation } from './translation.js';

export const en: ConsentTranslation = {
  bannerTitle: 'Your cookie choices',
  bannerText:
    'With your consent, we use cookies and similar trackers for these purposes: {purposes}. You can reject them all, choose purpose by purpose, and change your mind at any time.',
  purposeLabel: '“{label}”',
  policyLink: 'Privacy policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customize: 'Customise',
  gpcNotice:
    'Your browser sends the Global Privacy Control signal: we honour it, and the purposes it covers stay refused unless you switch them on yourself.',
  gpcPurpose: 'Off by default: your browser sends the Global Privacy Control signal.',
  preferencesTitle: 'Privacy preferences',
  preferencesText: 'Switch each purpose on or off. Nothing is switched on without your consent, and you can change your choices at any time.',
  preferencesChanged: 'Your choices were changed in another tab or window: the switches now show the choices in force.',
  necessaryLabel: 'Strictly necessary',
  necessaryDescription: 'Needed for the site to work and to remember your choices. Always on.',
  exemptNotice: 'Without your consent, we measure our audience anonymously ({purposes}); you can object to it in the preferences.',
  exemptPurpose:
    'Needs no consent: anonymous audience statistics for this site alone, with no tracking across sites (exempt under the CNIL’s rules).',
  exemptObjectable: 'On unless you object: switch it off to object.',
  cookies: 'Cookies: {cookies}',
  save: 'Save my choices',
  close: 'Close',
  saved: 'Your choices have been saved.',
  manage: 'Cookie settings',
};
