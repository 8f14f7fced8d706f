import { isSafeUrl } from '../core/config.js';

/** The CNIL's complaint page: where a visitor in France lodges a complaint unless a site names another authority. */
export const CNIL = { name: 'CNIL', href: 'https://www.cnil.fr/fr/plaintes' };

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

/** A link of the rights section; an empty `href` for an authority named without a page. */
export interface RightsLink {
  label: string;
  href: string;
}

/** What a site gives: the same attributes on the chat notice and the privacy centre. */
export interface RightsAttributes {
  policyHref: string;
  rightsHref: string;
  rightsEmail: string;
  authority: string;
  authorityHref: string;
}

export interface RightsLabels {
  policy: string;
  rights: string;
  complaint: (authority: string) => string;
}

/**
 * The policy, rights and complaint links, in that order. Links must be
 * http(s) or relative, the address an e-mail address; anything else is
 * left out and told to `complain`. The CNIL comes by default; `authority="none"`
 * leaves the complaint out, and another authority without a page is named as text.
 */
export function rightsLinks(given: RightsAttributes, t: RightsLabels, complain: (message: string) => void): RightsLink[] {
  const safe = (name: string, url: string) => {
    if (!url) return '';
    if (isSafeUrl(url)) return url;
    complain(`${name}="${url}": only http(s) or relative URLs are allowed; link left out`);
    return '';
  };
  const links: RightsLink[] = [];
  const policy = safe('policy-href', given.policyHref);
  if (policy) links.push({ label: t.policy, href: policy });
  const rights = safe('rights-href', given.rightsHref);
  if (rights) links.push({ label: t.rights, href: rights });
  const email = given.rightsEmail.trim();
  if (email && !EMAIL.test(email)) complain(`rights-email="${given.rightsEmail}": not an e-mail address; link left out`);
  else if (email) links.push({ label: rights ? email : `${t.rights} (${email})`, href: `mailto:${email}` });
  const authority = given.authority.trim();
  if (authority !== 'none') {
    // A named authority without a link is still named, as text.
    const href = safe('authority-href', given.authorityHref) || (authority && authority !== CNIL.name ? '' : CNIL.href);
    links.push({ label: t.complaint(authority || CNIL.name), href });
  }
  return links;
}
