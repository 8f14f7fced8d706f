/** The banner and preferences chunk of the script tag: fetched when a decision is needed or the preferences are asked for. */
import { DiscretConsent } from '../components/consent/consent.js';
import { DiscretPurpose } from '../components/purpose/purpose.js';
import { DiscretService } from '../components/service/service.js';
import { DiscretCookie } from '../components/cookie/cookie.js';
import { defineElement } from '../define/define.js';

defineElement('discret-consent', DiscretConsent);
defineElement('discret-purpose', DiscretPurpose);
defineElement('discret-service', DiscretService);
defineElement('discret-cookie', DiscretCookie);
