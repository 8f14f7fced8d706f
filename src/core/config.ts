import { NECESSARY, addDuration, parseDuration } from './record.js';
import { isObject } from './values.js';

/** One cookie described for the visitor, as `<discret-cookie>` or an object in `cookies` says it. */
export interface CookieDefinition {
  /** Its name, exact or `prefix*`; cleared when its service or purpose is refused. */
  name: string;
  /** How long it lives: an ISO 8601 duration (`P13M`, `P1Y`, `PT30M`), or `session` for a cookie gone when the browser closes. */
  duration?: string;
  /** The domain it is set on (`.example.fr`). */
  domain?: string;
  /** What it is for. */
  description?: string;
}

export interface ServiceDefinition {
  name: string;
  label?: string;
  description?: string;
  /**
   * Cookies cleared when the service is refused: names, exact or `prefix*`,
   * or cookies described one by one (`{ name, duration, domain, description }`),
   * which the preferences show as a table.
   */
  cookies?: (string | CookieDefinition)[];
  /** Who provides the service (the vendor), by name. */
  provider?: string;
  /** The provider's privacy policy; http(s) or relative. */
  policyHref?: string;
  /** Where the provider processes the data: ISO 3166 country codes (`US`, `IE`), space-separated. */
  country?: string;
  /**
   * The safeguard for a transfer outside the EU: `adequacy` (an adequacy
   * decision, the EU–US Data Privacy Framework included), `scc` (standard
   * contractual clauses), `bcr` (binding corporate rules), or the site's own words.
   */
  transfers?: string;
}

/** A service as the store keeps it: every cookie name, and the cookies described one by one. */
export interface NormalizedService extends ServiceDefinition {
  cookies: string[];
  cookieDetails: CookieDefinition[];
}

export interface PurposeDefinition {
  name: string;
  label?: string;
  description?: string;
  /** Cookies cleared when the purpose is refused: names, exact or `prefix*`, or cookies described one by one. */
  cookies?: (string | CookieDefinition)[];
  /** Refused when the browser sends Global Privacy Control, unless the visitor opts in explicitly. */
  gpcOptOut?: boolean;
  /**
   * Needs no consent: audience measurement that meets the CNIL's conditions
   * for exemption. Granted unless the visitor objected; shown as always on,
   * never among the banner's choices, never refused by "Reject all".
   */
  exempt?: boolean;
  /** With `exempt`: the preferences offer a switch to object to it. */
  objectable?: boolean;
  services?: ServiceDefinition[];
}

/**
 * One configuration, whether it comes from attributes and child elements,
 * a JSON script child or `discret.configure()`. The core judges records by
 * names only; texts are kept for the components and fingerprinted into each
 * record as what the visitor was shown.
 */
export interface ConsentConfig {
  /** Policy/config version; a record of another revision must be decided again. */
  revision?: string;
  /** Purposes the visitor decides; `necessary` is implied and always granted. */
  purposes?: PurposeDefinition[];
  /** ISO 8601 duration (`P6M`, `P1Y`, `P30D`); 6 months by default. */
  maxAge?: string;
  /** Fingerprint of the texts shown, stored in each record as what was consented to. */
  configHash?: string;
  locale?: string;
  /** http(s) or relative URL receiving each record as JSON, for server-side proof. */
  logEndpoint?: string;
  /** The privacy policy, linked from the banner; http(s) or relative. */
  policyHref?: string;
  /** Banner layout, read by the banner component. */
  layout?: string;
  /** Overrides of translated strings, by translation key. */
  texts?: Record<string, string>;
}

/**
 * What was wrong with a configuration, as `[kind, where, value]`; the
 * decisions' code says it in words (`explainConfig`), so that the page core
 * carries no sentences.
 */
export type ConfigProblem = ['list' | 'name' | 'twice' | 'max-age' | 'long' | 'revision' | 'attribute' | 'undeclared' | 'elements' | 'purposes', string, unknown];

/** A purpose as the store keeps it: every cookie name, the cookies described one by one, its services. */
export interface NormalizedPurpose extends Omit<PurposeDefinition, 'services'> {
  cookies: string[];
  cookieDetails: CookieDefinition[];
  services: NormalizedService[];
}

export type NormalizedConfig = Required<Pick<ConsentConfig, 'maxAge' | 'locale' | 'texts'>> &
  Pick<ConsentConfig, 'revision' | 'logEndpoint' | 'policyHref' | 'layout' | 'configHash'> & {
    purposes: NormalizedPurpose[];
    problems: ConfigProblem[];
    /** The names of the purposes exempt from consent. */
    exempt: string[];
  };

export const DEFAULT_MAX_AGE = 'P6M';
/** The CNIL's ceiling for a consent cookie's lifetime. */
export const MAX_MONTHS = 13;
const NAME = /^[a-z0-9][a-z0-9_-]*$/i;

/**
 * Keeps what the store can trust of a configuration, and lists what was
 * wrong in `problems`: a purpose or service with no usable name or a
 * duplicate name is dropped (so it is never granted), a bad max-age falls
 * back to 6 months, a longer one is capped at 13. Texts and links are passed
 * on as given: the elements that show them check them (text only, http(s)
 * links only). A numeric revision is taken as text, and said.
 */
export function normalizeConfig(config: ConsentConfig): NormalizedConfig {
  const problems: ConfigProblem[] = [];
  const named = <T extends ServiceDefinition>(list: unknown, where: string, seen: Set<string>): (T & NormalizedService)[] => {
    const kept: (T & NormalizedService)[] = [];
    if (list !== undefined && !Array.isArray(list)) problems.push(['list', where, list]);
    for (const item of Array.isArray(list) ? (list as T[]) : []) {
      const name = item?.name;
      if (typeof name !== 'string' || !NAME.test(name) || seen.has(name)) problems.push([seen.has(name) ? 'twice' : 'name', where, name]);
      // Described cookies are cleared like the short ones: their names join the list. The consent chunk checks their fields.
      else kept.push({ ...item, cookies: cookieList(item.cookies), cookieDetails: Array.isArray(item.cookies) ? (item.cookies.filter(isObject) as CookieDefinition[]) : [] });
      seen.add(name);
    }
    return kept;
  };
  const purposes = named<PurposeDefinition>(config.purposes, 'purposes', new Set([NECESSARY])).map((purpose): NormalizedPurpose => ({
    ...purpose,
    gpcOptOut: purpose.gpcOptOut === true,
    exempt: purpose.exempt === true,
    objectable: purpose.exempt === true && purpose.objectable === true,
    services: named(purpose.services, `purpose "${purpose.name}" services`, new Set()),
  }));

  let maxAge = config.maxAge ?? DEFAULT_MAX_AGE;
  const duration = typeof maxAge === 'string' ? parseDuration(maxAge) : null;
  const now = new Date();
  const until = duration ? addDuration(now, duration) : now;
  if (until <= now) {
    problems.push(['max-age', 'max-age', maxAge]);
    maxAge = DEFAULT_MAX_AGE;
  } else if (until > addDuration(now, { years: 0, months: MAX_MONTHS, days: 0 })) {
    problems.push(['long', 'max-age', maxAge]);
    maxAge = `P${MAX_MONTHS}M`;
  }
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  // Without a revision, a decision cannot be told from one made for another version of the policy.
  let revision = config.revision as unknown;
  if (typeof revision === 'number') revision = String(revision);
  if (typeof revision !== 'string' || !revision.trim()) problems.push(['revision', 'revision', config.revision]);
  else if (revision !== config.revision) problems.push(['revision', 'revision', config.revision]);
  return {
    ...config,
    revision: text(revision),
    purposes,
    maxAge,
    locale: text(config.locale) ?? '',
    configHash: text(config.configHash),
    texts: { ...config.texts },
    problems,
    exempt: purposes.filter((purpose) => purpose.exempt).map((purpose) => purpose.name),
  };
}

function cookieList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value) ? value.map((v: unknown) => (isObject(v) ? v.name : v)).filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** Links and endpoints from configuration: http(s) or relative, never `javascript:` or `data:`. */
export function isSafeUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url, globalThis.location?.href ?? 'http://localhost/').protocol);
  } catch {
    return false;
  }
}
