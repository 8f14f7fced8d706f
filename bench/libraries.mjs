// One entry per library under test. Adding a library = one page in pages/ + one entry here.
//
// Fields
//   id            unique key, used in result JSON and table headers
//   page          file in pages/ (served at /pages/<page>); must honour ?services=N (see README)
//   packages      npm packages whose files the page loads from /node_modules/<pkg>/... (also used to
//                 report versions). Only these packages are served by the static server.
//   mount         (optional) { prefix, dir, packageJson, sources }: serve a local build folder (dir,
//                 relative to bench/) under the URL prefix, cached like a package; packageJson names the
//                 project whose version and git commit are reported, sources the paths whose uncommitted
//                 changes are flagged. discret uses it to be measured from this repository's own dist/,
//                 including the chunks its script fetches on demand next to itself.
//   banner        selector of the first-layer banner/notice element (what the user sees first)
//   acceptAll     selector of the banner's "accept all" button
//   rejectAll     selector of the banner's "reject all" button
//   openPrefs     selector of the banner's "manage preferences" button/link
//   prefs         selector of the preferences modal (the box the user sees, not a full-screen wrapper)
//   serviceItem   (optional) selector matching one rendered row per configured service inside the
//                 preferences UI; used only as a sanity check for the 200-service probe
//   services      true if the library has a per-service model (enables the scaling probe)
//
// Selectors are CSS. Use ' >>> ' to step into an open shadow root, e.g.
//   'consent-banner >>> .banner'   or   'consent-banner >>> consent-prefs >>> dialog'
// so a web-component library (banner inside shadow DOM) needs no harness changes.
//
// A library entry with banner: null is a control page (no consent UI): only load metrics are taken.

/** Measured when --libs is not given (the issue compares these three); the others need --libs. */
export const DEFAULT_LIBS = ['baseline', 'vanilla-cookieconsent', 'discret', 'discret-async'];

/** discret from this repository's dist/: the documented synchronous tag, or the same with async (pages without Consent Mode). */
const discret = (id, page) => ({
  id,
  page,
  packages: [],
  mount: { prefix: '/discret/', dir: '../dist', packageJson: '../package.json', sources: ['../src', '../rollup.config.mjs'] },
  banner: 'discret-consent >>> .banner',
  acceptAll: 'discret-consent >>> .banner [part~="accept-button"]',
  rejectAll: 'discret-consent >>> .banner [part~="reject-button"]',
  openPrefs: 'discret-consent >>> .banner [part~="customize-button"]',
  prefs: 'discret-consent >>> dialog.preferences',
  serviceItem: 'discret-consent >>> dialog.preferences li[part="service"]',
  services: true,
});

export default [
  {
    id: 'baseline',
    page: 'baseline.html',
    packages: [],
    banner: null,
  },
  {
    id: 'vanilla-cookieconsent',
    page: 'vanilla-cookieconsent.html',
    packages: ['vanilla-cookieconsent'],
    banner: '#cc-main .cm',
    acceptAll: '#cc-main .cm [data-role="all"]',
    rejectAll: '#cc-main .cm [data-role="necessary"]',
    openPrefs: '#cc-main .cm [data-role="show"]',
    prefs: '#cc-main .pm',
    serviceItem: '#cc-main .pm .pm__service',
    services: true,
  },
  {
    id: 'klaro',
    page: 'klaro.html',
    packages: ['klaro'],
    banner: '.klaro .cookie-notice:not(.cookie-notice-hidden)',
    acceptAll: '.klaro .cookie-notice .cm-btn-success',
    rejectAll: '.klaro .cookie-notice .cn-decline',
    openPrefs: '.klaro .cookie-notice .cn-learn-more',
    prefs: '.klaro .cookie-modal .cm-modal',
    serviceItem: '.klaro .cookie-modal li.cm-service:not(.cm-toggle-all)',
    services: true,
  },
  {
    id: 'tarteaucitron',
    page: 'tarteaucitron.html',
    packages: ['tarteaucitronjs'],
    banner: '#tarteaucitronAlertBig',
    acceptAll: '#tarteaucitronPersonalize2',
    rejectAll: '#tarteaucitronAllDenied2',
    openPrefs: '#tarteaucitronCloseAlert',
    prefs: '#tarteaucitron',
    serviceItem: '#tarteaucitronServices li[id^="benchsvc"]',
    services: true,
  },
  discret('discret', 'discret.html'),
  discret('discret-async', 'discret-async.html'),
];
