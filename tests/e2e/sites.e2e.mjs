// The four demo sites built from the seed policies, and the index, as their
// visitors meet them: the built script-tag bundle, the demo chat widget and
// the real demo backend, in headless Chromium. One browser, a new context
// (an empty profile) per test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, focused, newVisitor, pressUntilFocused, startDemo, storedConversations } from './harness.mjs';

/**
 * What each page promises. `analytics`: the label of its "analytics" purpose;
 * `analyticsScripts`/`otherScripts`: the gated scripts that "analytics" runs
 * and those it must not; `runs`: what those scripts count in window.demoRuns;
 * `exemptRuns`: those that run with no consent (exempt audience measurement).
 */
const SITES = [
  {
    path: '/fly-me.html',
    heading: { fr: 'Fly Me · votre assistant de voyage', en: 'Fly Me · your travel assistant' },
    analytics: { fr: 'Mesure d’audience', en: 'Audience measurement' },
    analyticsScripts: ['/js/audience.js'],
    otherScripts: [],
    runs: ['audience'],
    acknowledge: true,
    send: { fr: 'Envoyer', en: 'Send' },
    message: 'Un vol pour Lisbonne le 12 mars, deux voyageurs',
    answer: /chercher des vols/,
    disclosure: { fr: 'Vous échangez avec un assistant automatisé (intelligence artificielle)', en: 'You are chatting with an automated assistant (artificial intelligence)' },
    deleteButton: { fr: 'Supprimer la conversation', en: 'Delete this conversation' },
    deleted: /Conversation supprimée par le service le/,
  },
  {
    path: '/orbitalyntra.html',
    heading: { fr: 'Orbitalyntra77 · aide en direct', en: 'Orbitalyntra77 · live help' },
    analytics: { fr: 'Suivi des visiteurs et analyses', en: 'Visitor tracking and analytics' },
    analyticsScripts: ['/js/visitor-tracking.js'],
    otherScripts: ['/js/personalisation.js'],
    runs: ['visitor-tracking'],
    acknowledge: false,
    send: { fr: 'Envoyer', en: 'Send' },
    message: 'Je voudrais parler à un conseiller humain',
    answer: /conseiller humain de l’équipe support/,
    disclosure: { fr: 'Un assistant automatisé (intelligence artificielle) vous répond d’abord', en: 'An automated assistant (artificial intelligence) answers first' },
    deleteButton: { fr: 'Supprimer la conversation', en: 'Delete this conversation' },
    // Its backend schedules the erasure 30 days ahead (tests/e2e/deletion.e2e.mjs): the conversation stays on the server until then.
    deleted: /Suppression programmée : le service s’engage à effacer la conversation au plus tard le/,
    scheduled: true,
  },
  {
    path: '/rgpd.html',
    heading: { fr: 'Une question sur le site ?', en: 'A question about the site?' },
    // Its audience measurement is exempt from consent and runs from the start (tests/e2e/purposes.e2e.mjs): "analytics" is the performance one.
    analytics: { fr: 'Mesure des performances', en: 'Performance measurement' },
    analyticsScripts: ['/js/performance.js'],
    otherScripts: [],
    runs: ['audience', 'performance'],
    exemptRuns: ['audience'],
    acknowledge: false,
    send: { fr: 'Envoyer', en: 'Send' },
    message: 'Comment supprimer mon compte ?',
    answer: /formulaire de contact/,
    disclosure: { fr: 'Vous échangez avec un assistant automatisé (intelligence artificielle)', en: 'You are chatting with an automated assistant (artificial intelligence)' },
    deleteButton: { fr: 'Supprimer la conversation', en: 'Delete this conversation' },
    deleted: /Conversation supprimée par le service le/,
  },
  {
    path: '/vox.html',
    heading: { fr: 'Cabinet Lumière · appel à l’agent Vox', en: 'Cabinet Lumière · call the Vox agent' },
    analytics: { fr: 'Mesure d’audience', en: 'Audience measurement' },
    analyticsScripts: ['/js/audience.js'],
    otherScripts: [],
    runs: ['audience'],
    acknowledge: false,
    send: { fr: 'Simuler l’appel', en: 'Simulate the call' },
    message: 'Je voudrais un rendez-vous mardi matin',
    answer: /demande de rendez-vous pour mardi/,
    disclosure: { fr: 'Vous parlez à un assistant vocal automatisé, une intelligence artificielle. L’appel n’est pas enregistré', en: 'You are talking to an automated voice assistant, an artificial intelligence. The call is not recorded' },
    deleteButton: { fr: 'Supprimer le résumé', en: 'Delete the summary' },
    deleted: /Résumé supprimé par Vox le/,
  },
];

const banner = (page) => page.locator('discret-consent [part~="banner"]');
const widget = (page) => page.locator('demo-chat-widget');
const remover = (page) => page.locator('demo-chat-widget discret-delete-conversation');

/** Once the stored decision is read and the elements have rendered it. */
async function settled(page) {
  await page.evaluate(async () => {
    await window.discret.consent.ready;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

const gatedRequests = (requests, scripts) => requests.filter((path) => scripts.includes(path));
const runs = (page) => page.evaluate(() => window.demoRuns ?? {});

async function assertAccessible(page, state) {
  assert.deepEqual(await axeViolations(page), [], `axe violations with ${state}`);
}

/** The page's own warnings: a 404, a [discret] complaint about an attribute, an exception. */
function assertQuiet(warnings) {
  assert.deepEqual(warnings, []);
}

/** Sends the site's message with the mouse and waits for the answer (or the call summary). */
async function chat(page, site) {
  if (site.acknowledge) await widget(page).getByRole('button', { name: 'J’ai compris' }).click();
  await widget(page).getByRole('textbox').fill(site.message);
  await widget(page).getByRole('button', { name: site.send.fr }).click();
  await widget(page).getByText(site.answer).waitFor();
  return page.evaluate(() => document.querySelector('demo-chat-widget').conversationId);
}

async function deletionConfirmed(page, site) {
  const status = site.scheduled ? 'scheduled' : 'deleted';
  await page.waitForFunction((expected) => document.querySelector('demo-chat-widget').shadowRoot.querySelector('discret-delete-conversation').receipt?.status === expected, status);
}

/** Gone from the server, or, where the erasure is scheduled, kept with its date until then. */
async function assertErasedOrScheduled(page, demo, site, id) {
  if (!site.scheduled) {
    assert.equal(storedConversations(demo)[id], undefined, 'gone from the file');
    assert.equal(await serverStatus(page, demo, id), 404, 'gone for the server');
    return;
  }
  assert.match(storedConversations(demo)[id]?.erasure?.erasedBy ?? '', /^\d{4}-/, 'kept with its erasure date');
  assert.equal(await serverStatus(page, demo, id), 200);
}

/** What the server answers this browser (its session cookie included) about a conversation. */
async function serverStatus(page, demo, id) {
  return (await page.request.get(`${demo.url}/api/conversations/${encodeURIComponent(id)}`)).status();
}

describe('the demo sites (built bundle, demo backend)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  for (const site of SITES) {
    describe(site.path, () => {
      it('asks on a first visit; “Tout refuser” runs and requests nothing gated; no banner after a reload', async () => {
        const visitor = await newVisitor(demo);
        const { page, requests, warnings } = visitor;
        await page.goto(`${demo.url}${site.path}`);
        await page.getByRole('button', { name: 'Tout refuser' }).waitFor();
        assert.equal(await banner(page).getByRole('button', { name: 'Tout accepter' }).count(), 1);
        await assertAccessible(page, 'the banner');
        const policy = await banner(page).getByRole('link', { name: 'Politique de confidentialité' }).getAttribute('href');
        assert.equal((await page.request.get(`${demo.url}${policy}`)).status(), 200, `${policy} resolves`);

        await page.getByRole('button', { name: 'Tout refuser' }).click();
        await banner(page).waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Gérer les cookies' }).waitFor();
        await assertAccessible(page, 'the decision made');
        await page.reload();
        await settled(page);
        assert.equal(await banner(page).count(), 0, 'no banner once decided');
        assert.equal(await page.getByRole('button', { name: 'Tout refuser' }).count(), 0);
        assert.deepEqual(gatedRequests(requests, [...site.analyticsScripts, ...site.otherScripts]), []);
        // Refusing consent is no objection: exempt audience measurement still runs, once per page.
        // The gate releases it once the page core (a module) has read the record, and its src is
        // fetched after that: wait for it rather than for a fixed number of frames.
        const exempt = site.exemptRuns ?? [];
        await page.waitForFunction((names) => names.every((name) => window.demoRuns?.[name] >= 1), exempt);
        assert.deepEqual(await runs(page), Object.fromEntries(exempt.map((name) => [name, 1])));
        assert.deepEqual(
          await page.evaluate(() => [...document.querySelectorAll('[data-demo-status][data-active]')].map((status) => status.dataset.demoStatus)),
          exempt,
          'every tracker that needs consent says it is off',
        );
        assertQuiet(warnings);
        await visitor.close();
      });

      it('reopened from “Gérer les cookies”, granting the analytics purpose runs its scripts at once, without a reload', async () => {
        const visitor = await newVisitor(demo);
        const { page, requests, warnings } = visitor;
        await page.goto(`${demo.url}${site.path}`);
        await page.getByRole('button', { name: 'Tout refuser' }).click();
        await page.evaluate(() => (window.demoSamePage = true));

        await page.getByRole('button', { name: 'Gérer les cookies' }).click();
        const dialog = page.getByRole('dialog', { name: 'Préférences de confidentialité' });
        await dialog.waitFor();
        const analytics = dialog.getByRole('switch', { name: site.analytics.fr, exact: true });
        assert.equal(await analytics.isChecked(), false, 'the refusal is what the dialog shows');
        await assertAccessible(page, 'the preferences dialog');
        await analytics.check();
        await dialog.getByRole('button', { name: 'Enregistrer mes choix' }).click();
        await dialog.waitFor({ state: 'hidden' });

        await page.waitForFunction((names) => names.every((name) => window.demoRuns?.[name] === 1), site.runs);
        assert.equal(await page.evaluate(() => window.demoSamePage), true, 'the page was not reloaded');
        assert.deepEqual(gatedRequests(requests, site.analyticsScripts).sort(), [...site.analyticsScripts].sort(), 'each script requested once');
        assert.deepEqual(gatedRequests(requests, site.otherScripts), [], 'other purposes stay refused');
        assert.equal(await page.locator('[data-demo-status][data-active]').count(), site.runs.length, 'the visitor sees what runs');
        assert.equal(await page.evaluate(() => window.discret.consent.granted('analytics')), true);
        assertQuiet(warnings);
        await visitor.close();
      });

      it('shows the chat notice before the first message, and deleting the conversation removes it from the server', async () => {
        const visitor = await newVisitor(demo);
        const { page, warnings } = visitor;
        await page.goto(`${demo.url}${site.path}`);
        await page.getByRole('button', { name: 'Tout refuser' }).click();
        const notice = widget(page).locator('discret-chat-notice');
        assert.ok((await notice.locator('[part="disclosure"]').innerText()).startsWith(site.disclosure.fr));
        assert.equal(await widget(page).locator('.message').count(), 0);
        assert.equal(await widget(page).getByRole('textbox').isEnabled(), !site.acknowledge, 'the input waits for an acknowledgement only where one is asked');

        await notice.getByRole('button', { name: 'En savoir plus' }).click();
        await notice.locator('[part="details"]').waitFor();
        await assertAccessible(page, 'the chat notice expanded');
        for (const href of await notice.locator('a[part="link"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
          if (href.startsWith('/')) assert.equal((await page.request.get(`${demo.url}${href}`)).status(), 200, `${href} resolves`);
        }

        const id = await chat(page, site);
        assert.ok(storedConversations(demo)[id], 'the server stored the conversation');
        assert.equal(await serverStatus(page, demo, id), 200);

        await remover(page).getByRole('button', { name: site.deleteButton.fr }).click();
        const confirm = remover(page).getByRole('dialog');
        await confirm.waitFor();
        await assertAccessible(page, 'the delete confirmation');
        await confirm.getByRole('button', { name: 'Supprimer', exact: true }).click();
        await deletionConfirmed(page, site);
        assert.match((await remover(page).locator('[part="status"]').innerText()).replace(/[\u00a0\u202f]/g, ' '), site.deleted);
        await assertErasedOrScheduled(page, demo, site, id);
        assert.equal(await widget(page).locator('.message').count(), 0, 'gone from the screen');
        assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('demo-chat:'))), [], 'gone from this browser');
        await assertAccessible(page, 'the deletion done');
        assertQuiet(warnings);
        await visitor.close();
      });

      it('works with the keyboard alone: refuse all, reopen the preferences and grant analytics, delete the conversation', async () => {
        const visitor = await newVisitor(demo);
        const { page, requests, warnings } = visitor;
        await page.goto(`${demo.url}${site.path}`);
        await page.getByRole('button', { name: 'Tout refuser' }).waitFor();

        await pressUntilFocused(page, 'Tab', (element) => element.part.includes('reject-button'));
        await page.keyboard.press('Enter');
        await banner(page).waitFor({ state: 'detached' });
        assert.deepEqual(gatedRequests(requests, site.analyticsScripts), []);

        await pressUntilFocused(page, 'Shift+Tab', (element) => element.name === 'Gérer les cookies');
        await page.keyboard.press('Enter');
        await page.getByRole('dialog', { name: 'Préférences de confidentialité' }).waitFor();
        await pressUntilFocused(page, 'Tab', (element) => element.id === 'switch-analytics');
        await page.keyboard.press('Space');
        await pressUntilFocused(page, 'Tab', (element) => element.part.includes('save-button'));
        await page.keyboard.press('Enter');
        await page.waitForFunction((names) => names.every((name) => window.demoRuns?.[name] === 1), site.runs);
        assert.equal((await focused(page))?.name, 'Gérer les cookies', 'focus went back to the button that opened the dialog');

        if (site.acknowledge) {
          await pressUntilFocused(page, 'Tab', (element) => element.part === 'ack-button');
          await page.keyboard.press('Enter');
          await page.waitForFunction(() => document.querySelector('demo-chat-widget').shadowRoot.activeElement?.id === 'input');
        } else {
          await pressUntilFocused(page, 'Tab', (element) => element.id === 'input');
        }
        await page.keyboard.type(site.message);
        await page.keyboard.press('Enter');
        await widget(page).getByText(site.answer).waitFor();
        const id = await page.evaluate(() => document.querySelector('demo-chat-widget').conversationId);

        await pressUntilFocused(page, 'Tab', (element) => element.part === 'button' && element.name === site.deleteButton.fr);
        await page.keyboard.press('Enter');
        await remover(page).getByRole('dialog').waitFor();
        await pressUntilFocused(page, 'Tab', (element) => element.part === 'confirm-button');
        await page.keyboard.press('Enter');
        await deletionConfirmed(page, site);
        await assertErasedOrScheduled(page, demo, site, id);
        assertQuiet(warnings);
        await visitor.close();
      });

      it('speaks English with ?lang=en: banner, preferences, chat notice and widget (dark, axe-clean)', async () => {
        const visitor = await newVisitor(demo, { colorScheme: 'dark' });
        const { page, warnings } = visitor;
        await page.goto(`${demo.url}${site.path}?lang=en`);
        await page.getByRole('button', { name: 'Reject all' }).waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
        assert.equal(await page.getByText(/Tout refuser|Tout accepter|Personnaliser/).count(), 0);
        assert.ok((await banner(page).innerText()).includes(site.analytics.en));
        await assertAccessible(page, 'the English banner');

        await banner(page).getByRole('button', { name: 'Customise' }).click();
        const dialog = page.getByRole('dialog', { name: 'Privacy preferences' });
        await dialog.getByRole('switch', { name: site.analytics.en, exact: true }).waitFor();
        assert.doesNotMatch(await dialog.innerText(), /Mesure|Suivi|finalité|Enregistrer/);
        await assertAccessible(page, 'the English preferences dialog');
        await dialog.getByRole('button', { name: 'Reject all' }).click();
        await page.getByRole('button', { name: 'Cookie settings' }).waitFor();
        assert.equal(await banner(page).count(), 0, 'the banner is gone');

        assert.equal(await widget(page).getByRole('heading').innerText(), site.heading.en);
        const notice = widget(page).locator('discret-chat-notice');
        assert.ok((await notice.locator('[part="disclosure"]').innerText()).startsWith(site.disclosure.en));
        await notice.getByRole('button', { name: 'Learn more' }).click();
        assert.doesNotMatch(await notice.locator('[part="details"]').innerText(), /Responsable|Données|Finalités|Stockage|Serveurs/);
        await assertAccessible(page, 'the English chat notice expanded');
        assert.equal(await widget(page).getByRole('button', { name: site.send.en }).count(), 1);
        assert.equal(await page.getByRole('link', { name: 'Français' }).getAttribute('href'), site.path);
        assertQuiet(warnings);
        await visitor.close();
      });
    });
  }

  describe('/vox.html, the voice agent', () => {
    it('shows the disclosure the agent speaks at call start, reads it aloud, and keeps only the written summary', async () => {
      const visitor = await newVisitor(demo);
      const { page } = visitor;
      await page.addInitScript(() => {
        window.demoSpoken = [];
        speechSynthesis.speak = (utterance) => window.demoSpoken.push({ text: utterance.text, lang: utterance.lang });
      });
      await page.goto(`${demo.url}/vox.html`);
      await page.getByRole('button', { name: 'Tout refuser' }).click();
      const spoken = widget(page).locator('blockquote');
      await page.waitForFunction(() => document.querySelector('demo-chat-widget').shadowRoot.querySelector('blockquote').textContent !== '');
      const disclosure = await page.evaluate(() => document.querySelector('demo-chat-widget').shadowRoot.querySelector('discret-chat-notice').disclosureText());
      assert.equal(await spoken.innerText(), disclosure);
      assert.match(disclosure, /^Vous parlez à un assistant vocal automatisé, une intelligence artificielle\. L’appel n’est pas enregistré\u202f; seul un résumé écrit est conservé\. Ce service est fourni par Cabinet Lumière, avec Vox \(Scopes Consulting\)\./);

      await widget(page).getByRole('button', { name: 'Écouter l’annonce' }).click();
      assert.deepEqual(await page.evaluate(() => window.demoSpoken), [{ text: disclosure, lang: 'fr-FR' }]);

      const id = await chat(page, SITES.find((site) => site.path === '/vox.html'));
      const stored = storedConversations(demo)[id];
      assert.deepEqual(stored.messages.map((message) => message.role), ['summary'], 'the caller’s words are not kept');
      assert.doesNotMatch(JSON.stringify(stored), /mardi matin/);
      await visitor.close();
    });
  });

  describe('/ (the index)', () => {
    it('lists the four sites, each link resolving, behind an axe-clean banner', async () => {
      const visitor = await newVisitor(demo);
      const { page, warnings } = visitor;
      await page.goto(`${demo.url}/`);
      await page.getByRole('button', { name: 'Tout refuser' }).waitFor();
      await assertAccessible(page, 'the banner');
      const links = await page.locator('.sites a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
      for (const site of SITES) assert.ok(links.includes(site.path), `${site.path} is listed`);
      for (const href of links) assert.equal((await page.request.get(`${demo.url}${href}`)).status(), 200, `${href} resolves`);
      assertQuiet(warnings);
      await visitor.close();
    });

    it('refuse all: no gated request, no banner after reload', async () => {
      const visitor = await newVisitor(demo);
      const { page, requests } = visitor;
      await page.goto(`${demo.url}/`);
      await page.getByRole('button', { name: 'Tout refuser' }).click();
      // Once stored: a reload racing the decision's write would ask again.
      await banner(page).waitFor({ state: 'detached' });
      await page.reload();
      await settled(page);
      assert.equal(await page.getByRole('button', { name: 'Tout refuser' }).count(), 0);
      assert.equal(requests.filter((path) => path === '/js/audience.js').length, 0);
      assert.equal(await page.evaluate(() => window.demoAudienceRuns ?? 0), 0);
      await visitor.close();
    });

    it('speaks English with ?lang=en, and its links keep the language', async () => {
      const visitor = await newVisitor(demo);
      const { page } = visitor;
      await page.goto(`${demo.url}/?lang=en`);
      await page.getByRole('button', { name: 'Reject all' }).waitFor();
      assert.match(await banner(page).innerText(), /for these purposes: “Audience measurement” and “Advertising”\./);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Consent and chat privacy, in a few HTML tags');
      assert.equal(await page.getByRole('link', { name: 'Fly Me' }).getAttribute('href'), '/fly-me.html?lang=en');
      await visitor.close();
    });
  });
});
