// Stands in for an audience-measurement tag: it runs only once "analytics" is granted.
window.demoAudienceRuns = (window.demoAudienceRuns ?? 0) + 1;
document.cookie = '_pk_id.demo=1; path=/; max-age=3600';
for (const status of document.querySelectorAll('[data-demo-status="analytics"]')) {
  status.textContent = 'Mesure d’audience : active (script chargé après votre accord)';
}
