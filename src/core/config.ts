import { NECESSARY, fingerprint, parseDuration } from './record.js';
import { warn } from './warn.js';

export interface ServiceDefinition {
  name: string;
  label?: string;
  description?: string;
  /** Cookie names, exact or `prefix*`, cleared when the service is refused. */
  cookies?: string[];
}

export interface PurposeDefinition {
  name: string;
  label?: string;
  description?: string;
  /** Cookie names, exact or `prefix*`, cleared when the purpose is refused. */
  cookies?: string[];
  /** Refused when the browser sends Global Privacy Control, unless the visitor opts in explicitly. */
  gpcOptOut?: boolean;
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

export type NormalizedConfig = Required<Pick<ConsentConfig, 'purposes' | 'maxAge' | 'configHash' | 'locale' | 'texts'>> &
  Pick<ConsentConfig, 'revision' | 'logEndpoint' | 'policyHref' | 'layout'>;

export const DEFAULT_MAX_AGE = 'P6M';
/** The CNIL's ceiling for a consent cookie's lifetime. */
export const MAX_MONTHS = 13;
const NAME = /^[a-z0-9][a-z0-9_-]*$/i;

/**
 * Keeps what can be trusted of a configuration and warns once per problem:
 * a purpose with no usable name or a duplicate name is dropped (so it is
 * never granted), a bad max-age falls back to 6 months.
 */
export function normalizeConfig(config: ConsentConfig, source = 'configure()'): NormalizedConfig {
  const seen = new Set<string>([NECESSARY]);
  const purposes: PurposeDefinition[] = [];
  if (config.purposes !== undefined && !Array.isArray(config.purposes)) {
    warn(`${source} purposes: not a list; no purpose is offered, so nothing non-essential can be granted`);
  }
  for (const purpose of Array.isArray(config.purposes) ? config.purposes : []) {
    const name = purpose?.name;
    if (name === NECESSARY) continue;
    if (typeof name !== 'string' || !NAME.test(name)) {
      warn(`${source} purpose name="${String(name)}": not a name of letters, digits, - or _; purpose ignored`);
      continue;
    }
    if (seen.has(name)) {
      warn(`${source} purpose name="${name}": declared twice; the second is ignored`);
      continue;
    }
    seen.add(name);
    const services: ServiceDefinition[] = [];
    const serviceNames = new Set<string>();
    for (const service of purpose.services ?? []) {
      const serviceName = service?.name;
      if (typeof serviceName !== 'string' || !NAME.test(serviceName) || serviceNames.has(serviceName)) {
        warn(`${source} service name="${String(serviceName)}" in purpose "${name}": missing, malformed or duplicate; service ignored`);
        continue;
      }
      serviceNames.add(serviceName);
      services.push({ name: serviceName, label: text(service.label), description: text(service.description), cookies: cookieList(service.cookies) });
    }
    purposes.push({
      name,
      label: text(purpose.label),
      description: text(purpose.description),
      cookies: cookieList(purpose.cookies),
      gpcOptOut: purpose.gpcOptOut === true,
      services,
    });
  }

  let maxAge = typeof config.maxAge === 'string' ? config.maxAge : DEFAULT_MAX_AGE;
  const duration = parseDuration(maxAge);
  const days = duration ? (duration.years * 12 + duration.months) * 31 + duration.days : 0;
  if (config.maxAge !== undefined && maxAge !== config.maxAge) {
    warn(`${source} max-age="${String(config.maxAge)}": not an ISO 8601 duration such as P6M; using ${DEFAULT_MAX_AGE}`);
  } else if (!duration || days <= 0) {
    warn(`${source} max-age="${maxAge}": not an ISO 8601 duration such as P6M; using ${DEFAULT_MAX_AGE}`);
    maxAge = DEFAULT_MAX_AGE;
  } else if (days > MAX_MONTHS * 31) {
    warn(`${source} max-age="${maxAge}": longer than the CNIL's ${MAX_MONTHS} months; using P${MAX_MONTHS}M`);
    maxAge = `P${MAX_MONTHS}M`;
  }

  let logEndpoint = config.logEndpoint;
  if (logEndpoint !== undefined && !isSafeUrl(logEndpoint)) {
    warn(`${source} log-endpoint="${logEndpoint}": only http(s) or relative URLs are allowed; records are not sent`);
    logEndpoint = undefined;
  }

  let policyHref = config.policyHref;
  if (policyHref !== undefined && !isSafeUrl(policyHref)) {
    warn(`${source} policy-href="${policyHref}": only http(s) or relative URLs are allowed; link left out`);
    policyHref = undefined;
  }

  const texts: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.texts ?? {})) if (typeof value === 'string') texts[key] = value;
  const revision = typeof config.revision === 'string' ? config.revision : undefined;
  const locale = typeof config.locale === 'string' ? config.locale : '';
  return {
    revision,
    purposes,
    maxAge,
    configHash: typeof config.configHash === 'string' ? config.configHash : fingerprint(JSON.stringify([revision, purposes, texts, locale, policyHref])),
    locale,
    logEndpoint,
    policyHref,
    layout: typeof config.layout === 'string' ? config.layout : undefined,
    texts,
  };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function cookieList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** Links and endpoints from configuration: http(s) or relative, never `javascript:` or `data:`. */
export function isSafeUrl(url: string): boolean {
  try {
    const parsed = new URL(url, globalThis.location?.href ?? 'http://localhost/');
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
