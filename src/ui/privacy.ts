/** The privacy centre chunk of the script tag: fetched when the page has a `<discret-privacy-center>`. */
import { DiscretPrivacyCenter } from '../components/privacy-center/privacy-center.js';
import { defineElement } from '../define/define.js';

defineElement('discret-privacy-center', DiscretPrivacyCenter);
