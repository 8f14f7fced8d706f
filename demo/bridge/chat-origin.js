// Loads discret with the host page's origin, taken from ?host= for the demo;
// a vendor writes its customer's origin in data-host-origin instead.
const host = new URLSearchParams(location.search).get('host') ?? '';
const script = document.createElement('script');
script.src = '/dist/discret.js';
script.dataset.hostOrigin = host;
window.demoConsentHeard = [];
window.addEventListener('discret-consent-change', (event) => window.demoConsentHeard.push(event.detail));
document.head.append(script);
