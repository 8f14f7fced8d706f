// Stands in for Orbitalyntra77's personalisation cookies: once the visitor
// allows them, it remembers the last help topic opened and greets with it.
{
  window.demoRuns = { ...window.demoRuns, personalisation: (window.demoRuns?.personalisation ?? 0) + 1 };
  document.cookie = 'orb_pref=topic%3Dwidget; path=/; max-age=3600';
  for (const status of document.querySelectorAll('[data-demo-status="personalisation"]')) status.toggleAttribute('data-active', true);
  for (const block of document.querySelectorAll('[data-demo-personalised]')) block.hidden = false;
}
