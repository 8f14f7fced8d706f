import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { ConsentConfig } from '../../src/core/config.js';
import { ConsentStore } from '../../src/core/consent-store.js';
import { clearCookies } from '../../src/core/cookies.js';
import { IndexedDBStorage } from '../../src/core/storage.js';
import { deleteDatabase, uniqueName } from '../core/helpers/test-database.js';

const EXPIRED = 'expires=Thu, 01 Jan 1970 00:00:00 GMT';

const cookieNames = (doc: Document = document): string[] =>
  doc.cookie
    .split(';')
    .map((pair) => pair.split('=')[0].trim())
    .filter(Boolean);

/** Those of `names` the page can still read. */
const present = (...names: string[]): string[] => names.filter((name) => cookieNames().includes(name));

describe('reliability: cookies', () => {
  /** Every cookie a test sets, expired again after it whatever happened. */
  let setNames: string[];

  const setCookie = (name: string) => {
    setNames.push(name);
    document.cookie = `${name}=1; path=/`;
  };

  beforeEach(() => {
    setNames = [];
  });

  afterEach(() => {
    for (const name of setNames) document.cookie = `${name}=; ${EXPIRED}; path=/`;
  });

  describe('clearCookies()', () => {
    it('removes a cookie named exactly', () => {
      setCookie('_pk_ses');
      clearCookies(['_pk_ses']);
      expect(cookieNames()).not.to.include('_pk_ses');
    });

    it('removes every cookie starting with a prefix ending in *', () => {
      setCookie('_ga_XYZ');
      setCookie('_ga_ABC123');
      clearCookies(['_ga_*']);
      expect(present('_ga_XYZ', '_ga_ABC123')).to.deep.equal([]);
    });

    it('leaves a cookie that only begins like an exact name', () => {
      setCookie('_gat');
      clearCookies(['_ga']);
      expect(cookieNames()).to.include('_gat');
    });

    it('leaves cookies no pattern names', () => {
      const keep = uniqueName('keep');
      setCookie('_ga');
      setCookie(keep);
      clearCookies(['_ga']);
      expect(cookieNames()).to.include(keep);
    });

    it('returns the names it removed, and nothing when none matched', () => {
      setCookie('_pk_id');
      expect(clearCookies(['_pk_*', 'absent'])).to.include('_pk_id').and.not.include('absent');
      expect(clearCookies(['absent'])).to.deep.equal([]);
    });

    it('removes a cookie a page below the root set without a path', async () => {
      const frame = document.createElement('iframe');
      frame.src = '/tests/core/fixtures/frames/embed.html';
      document.body.append(frame);
      try {
        await oneEvent(frame, 'load');
        const page = frame.contentDocument!;
        const name = uniqueName('pathless');
        page.cookie = `${name}=1`;
        expect(cookieNames(page), 'set in the frame').to.include(name);
        expect(cookieNames(), 'not visible at /').not.to.include(name);
        clearCookies([name], page);
        expect(cookieNames(page)).not.to.include(name);
      } finally {
        frame.remove();
      }
    });

    it('removes a cookie set on a path between the root and the page (/p for a page at /p/deep/int)', async () => {
      const frame = document.createElement('iframe');
      frame.src = '/tests/core/fixtures/frames/embed.html';
      document.body.append(frame);
      try {
        await oneEvent(frame, 'load');
        const page = frame.contentDocument!;
        const name = uniqueName('intermediate');
        page.cookie = `${name}=1; path=/tests/core`;
        expect(cookieNames(page), 'set in the frame').to.include(name);
        clearCookies([name], page);
        expect(cookieNames(page)).not.to.include(name);
      } finally {
        frame.remove();
      }
    });

    it('expires each cookie on the host and every parent domain, at /, at the page’s directory and at its path', () => {
      const written: string[] = [];
      const page = {
        get cookie() {
          return '_ga=GA1.2.3; lang=fr';
        },
        set cookie(line: string) {
          written.push(line);
        },
        location: { hostname: 'www.boutique.example.fr', pathname: '/panier/commande' },
      } as unknown as Document;
      clearCookies(['_ga'], page);
      for (const domain of ['', '; domain=www.boutique.example.fr', '; domain=boutique.example.fr', '; domain=example.fr']) {
        for (const path of ['/', '/panier', '/panier/commande']) expect(written).to.include(`_ga=; ${EXPIRED}; path=${path}${domain}`);
      }
      expect(written.some((line) => line.endsWith('domain=fr'))).to.equal(false);
      expect(written.some((line) => line.startsWith('lang='))).to.equal(false);
    });
  });

  describe('a ConsentStore', () => {
    const CONFIG: ConsentConfig = {
      revision: '2026-11',
      purposes: [
        { name: 'analytics', cookies: ['_ga', '_ga_*'], services: [{ name: 'matomo', cookies: ['_pk_*'] }] },
        { name: 'marketing' },
      ],
    };
    let database: string;
    let store: ConsentStore;

    beforeEach(async () => {
      database = uniqueName();
      store = new ConsentStore({ storage: new IndexedDBStorage(database), channel: null, announce: null });
      store.configure(CONFIG);
      await store.ready;
    });

    afterEach(async () => {
      store.close();
      await deleteDatabase(database);
    });

    it('clears the cookies of refused purposes and their services on rejectAll(), and no others', async () => {
      const keep = uniqueName('keep');
      for (const name of ['_ga', '_ga_XYZ', '_pk_id', keep]) setCookie(name);
      await store.rejectAll();
      expect(present('_ga', '_ga_XYZ', '_pk_id')).to.deep.equal([]);
      expect(cookieNames()).to.include(keep);
    });

    it('clears them on withdrawal', async () => {
      await store.acceptAll();
      const keep = uniqueName('keep');
      for (const name of ['_ga', '_ga_XYZ', '_pk_id', keep]) setCookie(name);
      await store.withdraw();
      expect(present('_ga', '_ga_XYZ', '_pk_id')).to.deep.equal([]);
      expect(cookieNames()).to.include(keep);
    });

    it('clears only the service’s cookies when the purpose is granted and the service refused', async () => {
      const prefix = uniqueName('t');
      store.configure({
        purposes: [{ name: 'analytics', cookies: [`${prefix}_ga`], services: [{ name: 'matomo', cookies: [`${prefix}_pk_*`] }] }],
      });
      await store.decide({ analytics: true }, { 'analytics/matomo': false });
      setCookie(`${prefix}_ga`);
      setCookie(`${prefix}_pk_id`);
      await waitUntil(() => !cookieNames().includes(`${prefix}_pk_id`), 'the refused service’s cookie stayed');
      expect(cookieNames()).to.include(`${prefix}_ga`);
    });

    it('clears a refused purpose’s cookie that comes back after the refusal (a script that ran before it, a second later)', async () => {
      await store.rejectAll();
      setCookie('_ga');
      await waitUntil(() => present('_ga').length === 0, 'the cookie set again after the refusal stayed', { timeout: 3000 });
    });

    it('clears a refused purpose’s cookie that comes back, where there is no CookieStore, when the page is shown again', async () => {
      const own = Object.getOwnPropertyDescriptor(window, 'cookieStore');
      Object.defineProperty(window, 'cookieStore', { value: undefined, configurable: true });
      const noCookieStore = new ConsentStore({ storage: new IndexedDBStorage(uniqueName()), channel: null, announce: null });
      try {
        noCookieStore.configure(CONFIG);
        await noCookieStore.ready;
        await noCookieStore.rejectAll();
        setCookie('_ga_XYZ');
        document.dispatchEvent(new Event('visibilitychange'));
        expect(present('_ga_XYZ')).to.deep.equal([]);
      } finally {
        noCookieStore.close();
        if (own) Object.defineProperty(window, 'cookieStore', own);
        else delete (window as { cookieStore?: unknown }).cookieStore;
      }
    });

    it('clears, when the page loads, the cookies of purposes refused before (or never granted): a server’s Set-Cookie, one left from before', async () => {
      await store.rejectAll();
      store.close();
      setCookie('_ga');
      setCookie('_pk_id');
      store = new ConsentStore({ storage: new IndexedDBStorage(database), channel: null, announce: null });
      store.configure(CONFIG);
      await store.ready;
      expect(present('_ga', '_pk_id')).to.deep.equal([]);
    });

    it('keeps the cookies of granted purposes', async () => {
      // Names of their own: other test files share this browser's cookie jar.
      const prefix = uniqueName('t');
      store.configure({ purposes: [{ name: 'analytics', cookies: [`${prefix}_ga`, `${prefix}_ga_*`] }] });
      await store.acceptAll();
      setCookie(`${prefix}_ga`);
      setCookie(`${prefix}_ga_XYZ`);
      // Long enough for a cookie watch to have removed them, were they refused.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(cookieNames()).to.include.members([`${prefix}_ga`, `${prefix}_ga_XYZ`]);
    });
  });
});
