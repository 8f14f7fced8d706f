// Stands in for a performance-measurement tag: once allowed, it reads how
// long this page took to load and shows it.
{
  window.demoRuns = { ...window.demoRuns, performance: (window.demoRuns?.performance ?? 0) + 1 };
  const [navigation] = performance.getEntriesByType('navigation');
  const milliseconds = String(Math.round(navigation?.domContentLoadedEventEnd || performance.now()));
  for (const status of document.querySelectorAll('[data-demo-status="performance"]')) {
    status.toggleAttribute('data-active', true);
    for (const value of status.querySelectorAll('[data-demo-value]')) value.textContent = milliseconds;
  }
}
