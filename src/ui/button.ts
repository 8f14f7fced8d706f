/** The consent button chunk of the script tag: fetched when the page has a `<discret-consent-button>`. */
import { DiscretConsentButton } from '../components/consent-button/consent-button.js';
import { defineElement } from '../define/define.js';

defineElement('discret-consent-button', DiscretConsentButton);
