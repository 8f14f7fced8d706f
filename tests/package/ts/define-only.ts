// A page that imports only the registrations still hears the store's events typed.
import 'discret/define';

window.addEventListener('discret-consent-change', (event) => {
  const changed: string[] = event.detail.changed;
  console.log(changed);
});
window.addEventListener('discret-consent-ready', (event) => {
  const needsDecision: boolean = event.detail.needsDecision;
  console.log(needsDecision);
});
document.querySelector('discret-chat-notice')?.addEventListener('discret-notice-acknowledged', (event) => console.log(event.detail.hash));
