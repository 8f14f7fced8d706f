// Stands in for an audience-measurement tag: discret runs it only once its
// purpose is granted, and it shows that it ran.
{
  window.demoAudienceRuns = (window.demoAudienceRuns ?? 0) + 1;
  window.demoRuns = { ...window.demoRuns, audience: (window.demoRuns?.audience ?? 0) + 1 };
  document.cookie = '_pk_id.demo=1; path=/; max-age=3600';
  for (const status of document.querySelectorAll('[data-demo-status="audience"], [data-demo-status="analytics"]')) {
    status.toggleAttribute('data-active', true);
    // A status line without its own "on" text says it in the page's language.
    if (!status.querySelector('.on')) {
      status.textContent = document.documentElement.lang.startsWith('en')
        ? 'Audience measurement: on (its script ran after your consent)'
        : 'Mesure d’audience : active (script lancé après votre accord)';
    }
  }
}
