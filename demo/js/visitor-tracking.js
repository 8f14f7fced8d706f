// Stands in for Orbitalyntra77's visitor tracking (pages visited, time spent,
// navigation path): it runs only once "analytics" is granted, then counts
// this visit's time on the page where the visitor can see it.
{
  window.demoRuns = { ...window.demoRuns, 'visitor-tracking': (window.demoRuns?.['visitor-tracking'] ?? 0) + 1 };
  document.cookie = 'orb_vt_id=demo; path=/; max-age=3600';
  const started = performance.now();
  const statuses = document.querySelectorAll('[data-demo-status="visitor-tracking"]');
  const tick = () => {
    const seconds = String(Math.round((performance.now() - started) / 1000));
    for (const status of statuses) for (const value of status.querySelectorAll('[data-demo-value]')) value.textContent = seconds;
  };
  for (const status of statuses) status.toggleAttribute('data-active', true);
  tick();
  setInterval(tick, 1000);
}
