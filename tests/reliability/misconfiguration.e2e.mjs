// Misconfiguration, as a new site owner writes it: each mistake gets one
// clear [discret] line naming what was wrong, nothing throws, and the safe
// default holds (nothing non-essential granted that the visitor did not
// grant). Built bundle, hand-written pages, headless Chromium.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from '../e2e/pages.mjs';

const pages = usePages();

const page = ({ head = '', body = '' }) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>misconfigured</title>${head}<script src="/dist/discret.js"></script></head>` +
  `<body><main><h1>Page</h1></main>${body}</body></html>`;
const json = (config) => `<script type="application/json" id="discret-config">${JSON.stringify(config)}</script>`;
const purpose = (attributes = 'name="analytics" label="Audience"') => `<discret-purpose ${attributes}></discret-purpose>`;
const element = (attributes, children = purpose()) => `<discret-consent ${attributes}>${children}</discret-consent>`;

/**
 * Opens `html` as a new visitor, runs `then` in the page if given, and
 * resolves with the [discret] lines and page errors seen, once the page
 * had time to say them (the configuration is judged when the page is parsed).
 */
async function linesFor(name, html, then) {
  const visitor = await pages.visit();
  await visitor.page.goto(pages.server.page(`/${name}.html`, html));
  await visitor.page.waitForLoadState('load');
  if (then) await visitor.page.evaluate(then);
  await visitor.page.waitForTimeout(700);
  return { lines: visitor.warnings, page: visitor.page };
}

/** One [discret] line, naming every fragment of `mentions`; no page error. */
function assertOneLine(lines, ...mentions) {
  const errors = lines.filter((line) => line.startsWith('pageerror'));
  assert.deepEqual(errors, [], `the page threw: ${errors.join(' | ')}`);
  const matching = lines.filter((line) => mentions.every((mention) => line.includes(mention)));
  assert.equal(matching.length, 1, `expected one [discret] line mentioning ${mentions.join(' and ')}; got ${JSON.stringify(lines)}`);
}

const CASES = [
  ['a <discret-consent> with purposes and no revision', page({ body: element('') }), ['revision']],
  ['an empty revision', page({ body: element('revision=""') }), ['revision']],
  ['a numeric revision in the JSON configuration', page({ head: json({ revision: 2026, purposes: [{ name: 'analytics' }] }) }), ['revision', '2026']],
  ['a purpose named necessary', page({ body: element('revision="1"', purpose('name="necessary"') + purpose()) }), ['necessary']],
  ['revison= for revision=', page({ body: element('revison="1" revision="1"') }), ['revison']],
  ['maxage= for max-age=', page({ body: element('revision="1" maxage="P6M"') }), ['maxage']],
  ['policy-url= for policy-href=', page({ body: element('revision="1" policy-url="/privacy"') }), ['policy-url']],
  ['lable= on a purpose', page({ body: element('revision="1"', purpose('name="analytics" lable="Audience"')) }), ['lable']],
  ['max-age="P400D", over 13 months', page({ body: element('revision="1" max-age="P400D"') }), ['P400D']],
  ['max-age="P57W", over 13 months', page({ body: element('revision="1" max-age="P57W"') }), ['P57W']],
  ['services as an object', page({ head: json({ revision: '1', purposes: [{ name: 'analytics', services: { name: 'matomo' } }] }) }), ['services']],
  ['services as a number', page({ head: json({ revision: '1', purposes: [{ name: 'analytics', services: 3 }] }) }), ['services']],
  [
    'data-purpose naming a purpose that is not declared (a typo)',
    page({ body: element('revision="1"') + '<script type="text/plain" data-purpose="analytcs">window.ran = true</script>' }),
    ['analytcs'],
  ],
  [
    'two <discret-consent> elements with different revisions',
    page({ body: element('revision="1"') + element('revision="2"') }),
    ['revision', '2'],
  ],
];

describe('reliability: misconfiguration', () => {
  CASES.forEach(([what, html, mentions], index) => {
    it(what, async () => {
      const { lines } = await linesFor(`case-${index}`, html);
      assertOneLine(lines, ...mentions);
    });
  });

  for (const [what, value, mention = 'configure'] of [
    ['null', 'null'],
    ['a string', '"x"'],
    ['a number', '42'],
    ['an array', '[]'],
    ['services as an object', "{ revision: '2', purposes: [{ name: 'analytics', services: { name: 'matomo' } }] }", 'services'],
    ['services as a number', "{ revision: '2', purposes: [{ name: 'analytics', services: 3 }] }", 'services'],
  ]) {
    it(`discret.configure() with ${what}: one line, no change, nothing thrown`, async () => {
      const html = page({ body: element('revision="1"') });
      const { lines, page: tab } = await linesFor(`configure-${what.replace(/\W/g, '')}`, html, `window.discret.configure(${value})`);
      assertOneLine(lines, mention);
      assert.equal(await tab.evaluate(() => window.discret.store.settings.revision), '1', 'the configuration in force changed');
    });
  }
});
